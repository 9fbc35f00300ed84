"""Settings from the environment and `.env`, with one readable line per mistake."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

TELEGRAM_API_URL = "https://api.telegram.org"
LANGUAGES = ("kk", "ru")
Language = Literal["kk", "ru"]
_TOKEN = re.compile(r"^\d{3,}:[\w-]{20,}$")
_EXPECTED = {
    "bot_token": "the token @BotFather gave, like 123456789:AAE…",
    "bot_api_url": "an http(s) URL such as https://api.telegram.org",
    "admin_ids": "Telegram user ids separated by commas, like 12345,67890",
    "default_language": "kk or ru",
    "log_level": "DEBUG, INFO, WARNING or ERROR",
    "knowledge_dir": "a folder that holds documents/ and glossary.tsv",
    "group_messages_per_minute": "a whole number from 1 to 60",
    "database_path": "a file path such as data/bot.sqlite3",
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
        # Never echo the value: it may be the token.
        raise SettingsError(f"{field.upper()} is malformed: expected {_EXPECTED.get(field, 'a valid value')}"
                            ) from None
