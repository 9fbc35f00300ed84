"""Settings from the environment and `.env`, with one readable line per mistake."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.bounded import MB, Limits

TELEGRAM_API_URL = "https://api.telegram.org"
LANGUAGES = ("kk", "ru")
Language = Literal["kk", "ru"]
_TOKEN = re.compile(r"^\d{3,}:[\w-]{20,}$")
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts as secret_token
_EXPECTED = {
    "bot_token": "the token @BotFather gave, like 123456789:AAE…",
    "bot_api_url": "an http(s) URL such as https://api.telegram.org",
    "admin_ids": "Telegram user ids separated by commas, like 12345,67890",
    "default_language": "kk or ru",
    "log_level": "DEBUG, INFO, WARNING or ERROR",
    "knowledge_dir": "a folder that holds documents/ and glossary.tsv",
    "group_messages_per_minute": "a whole number from 1 to 60",
    "throttle_messages": "a whole number from 1 to 100",
    "throttle_seconds": "a number of seconds above 0, at most 300",
    "request_timeout": "a number of seconds above 0, at most 300",
    "retry_attempts": "a whole number from 1 to 20",
    "retry_base_delay": "a number of seconds above 0, at most 60",
    "retry_max_delay": "a number of seconds above 0, at most 300",
    "database_path": "a file path such as data/bot.sqlite3",
    "webhook_url": "an https URL such as https://bot.example.org/telegram (http only for 127.0.0.1 or localhost)",
    "webhook_secret": "1 to 256 characters of A-Z, a-z, 0-9, _ and -; required when WEBHOOK_URL is set",
    "webhook_host": "an address to listen on, such as 0.0.0.0 or 127.0.0.1",
    "webhook_port": "a port number from 1 to 65535",
    "webhook_read_timeout": "a number of seconds above 0, at most 300",
    "upload_max_mb": "a whole number of MB from 1 to 20",
    "upload_unpacked_mb": "a whole number of MB from 1 to 1024",
    "upload_max_pages": "a whole number from 1 to 100000",
    "upload_max_characters": "a whole number from 1000 to 50000000",
    "upload_seconds": "a number of seconds above 0, at most 600",
    "upload_memory_mb": "a whole number of MB from 256 to 65536",
}


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line naming the variable."""


class Settings(BaseSettings):
    """Everything the bot reads from its environment (see `.env.example`)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: SecretStr | None = None
    bot_api_url: str = TELEGRAM_API_URL
    database_path: Path = Path("data/bot.sqlite3")
    # None: `knowledge/` beside the database, seeded from the shipped corpus on first start,
    # so that the documents admins add live with the rest of the bot's data.
    knowledge_dir: Path = Path("data/knowledge")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(default_factory=frozenset)
    default_language: Language = "kk"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # Telegram lets a bot send about 20 messages a minute to one group; more are queued.
    group_messages_per_minute: int = Field(20, ge=1, le=60)
    # One person may send this many messages (or button presses) per window; the rest get one
    # "slow down" and are not answered.
    throttle_messages: int = Field(5, ge=1, le=100)
    throttle_seconds: float = Field(5.0, gt=0, le=300)
    # How long one Bot API call may take before it counts as failed (long polls wait longer).
    request_timeout: float = Field(30.0, gt=0, le=300)
    # A Bot API call refused with a 5xx or a failed connection is made up to RETRY_ATTEMPTS times in all,
    # waiting RETRY_BASE_DELAY seconds before the second, twice as long before each next, at most
    # RETRY_MAX_DELAY (bot/session/retry.py). The tests shorten the waits; a 429's retry_after is always obeyed.
    retry_attempts: int = Field(6, ge=1, le=20)
    retry_base_delay: float = Field(0.5, gt=0, le=60)
    retry_max_delay: float = Field(8.0, gt=0, le=300)
    # Seconds the updates in hand get on SIGTERM to finish; the rest stay pending in the inbox and are
    # handled on the next start. Docker kills a container 10 s after SIGTERM.
    shutdown_grace: float = Field(8.0, gt=0, le=300)
    # Webhook mode instead of polling when WEBHOOK_URL is set: Telegram POSTs updates there with the
    # secret in a header, and the bot listens on WEBHOOK_HOST:WEBHOOK_PORT (behind a TLS proxy).
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = Field(None, validate_default=True)  # checked against webhook_url
    webhook_host: str = "0.0.0.0"
    webhook_port: int = Field(8080, ge=1, le=65535)
    # Seconds a webhook request may take to send its headers and its body; a slower one is dropped.
    webhook_read_timeout: float = Field(10.0, gt=0, le=300)
    # What reading one uploaded document may cost (see knowledge/bounded.py); past a limit the admin
    # is told which one, and nothing changes.
    upload_max_mb: int = Field(20, ge=1, le=20)
    upload_unpacked_mb: int = Field(32, ge=1, le=1024)
    upload_max_pages: int = Field(1000, ge=1, le=100_000)
    upload_max_characters: int = Field(2_000_000, ge=1000, le=50_000_000)
    upload_seconds: float = Field(25.0, gt=0, le=600)
    upload_memory_mb: int = Field(512, ge=256, le=65536)

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip() or None
            if value is not None and not _TOKEN.match(value):
                raise ValueError("malformed")
        return value

    @field_validator("bot_api_url")
    @classmethod
    def _url(cls, value: str) -> str:
        value = value.strip().rstrip("/")
        if not re.match(r"^https?://[^/\s]+", value):
            raise ValueError("malformed")
        return value

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _ids(cls, value: Any) -> Any:
        if isinstance(value, str):
            return frozenset(int(part) for part in re.split(r"[,\s]+", value.strip()) if part)
        return value

    @field_validator("default_language", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("knowledge_dir", mode="before")
    @classmethod
    def _folder(cls, value: Any, info: ValidationInfo) -> Any:
        if value in (None, "", Path("data/knowledge")) and "database_path" in info.data:
            return Path(info.data["database_path"]).parent / "knowledge"
        if not (Path(value) / "documents").is_dir():
            raise ValueError(f"{value}/documents not found")
        return value

    @field_validator("webhook_url", mode="before")
    @classmethod
    def _webhook_url(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip() or None
            if value is not None:
                parts = urlsplit(value)
                secure = parts.scheme == "https" and bool(parts.hostname)
                local = parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost")
                # parts.port raises ValueError itself when the port is out of range
                if not (secure or local) or parts.port == 0 or re.search(r"\s", value):
                    raise ValueError("malformed")
        return value

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        if isinstance(value, str):
            value = value.strip() or None
            if value is not None and not _WEBHOOK_SECRET.fullmatch(value):
                raise ValueError("malformed")
        if value is None and info.data.get("webhook_url"):
            raise PydanticCustomError("missing", "required when WEBHOOK_URL is set")
        return value

    def secrets(self) -> list[str]:
        """Everything that must never reach a log: the token, its secret half, the webhook secret."""
        found = [self.webhook_secret.get_secret_value()] if self.webhook_secret else []
        if self.bot_token is not None:
            token = self.bot_token.get_secret_value()
            found += [token, token.partition(":")[2]]
        return found

    def upload_limits(self) -> Limits:
        """The limits one upload is read within."""
        return Limits(download_bytes=self.upload_max_mb * MB, unpacked_bytes=self.upload_unpacked_mb * MB,
                      pages=self.upload_max_pages, characters=self.upload_max_characters,
                      seconds=self.upload_seconds, memory_bytes=self.upload_memory_mb * MB)

    def token(self) -> SecretStr:
        """The bot token, or a SettingsError that says how to get one."""
        if self.bot_token is None:
            raise SettingsError("BOT_TOKEN is not set: put BOT_TOKEN=<token from @BotFather> in .env "
                                "(see .env.example) or in the environment")
        return self.bot_token


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, turning pydantic's report into one line that names the variable."""
    try:
        return Settings(**overrides)
    except ValidationError as error:
        first = error.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "settings"
        problem = "is not set" if first["type"] == "missing" else "is malformed"
        # Never echo the value: it may be the token.
        raise SettingsError(f"{field.upper()} {problem}: expected {_EXPECTED.get(field, 'a valid value')}"
                            ) from None
