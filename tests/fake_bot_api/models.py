"""What tests hold in their hands: the fake's users and chats, the calls the bot made and the messages it
sent, plus the bot's identity (``TOKEN``, ``BOT_ID``, ``BOT_USERNAME``).

Plain dataclasses with no server state, so tests and the fake's modules can share them freely.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.fake_bot_api.text import utf16_slice

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
BOT_ID = 123456
BOT_USERNAME = "zhergilikti_test_bot"
BOT_NAME = "Zhergilikti Test Bot"
DEFAULT_USER_ID = 1001
BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
)  # fmt: skip


@dataclass
class FakeUser:
    id: int
    first_name: str = "Student"
    language_code: str | None = "ru"
    username: str | None = None
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class FakeChat:
    """A private chat (id > 0, with the user of the same id) or a group/supergroup (id < 0)."""

    id: int
    type: str = "private"
    title: str | None = None
    username: str | None = None  # a public group's @username


@dataclass
class Call:
    """One API request the bot made (``params`` are form strings, JSON fields decoded)."""

    method: str
    params: dict[str, Any]
    result: Any = None
    error: tuple[int, str] | None = None
    at: float = 0.0  # time.monotonic() when the response was produced

    def describe(self) -> str:
        shown = []
        for key, value in self.params.items():
            if isinstance(value, dict) and isinstance(value.get("content"), bytes):  # a multipart upload
                text = f"<upload {value.get('filename')!r}, {len(value['content'])} bytes>"
            else:
                text = repr(value)
            shown.append(f"{key}={text[:100] + '…' if len(text) > 100 else text}")
        outcome = f" -> {self.error[0]} {self.error[1]}" if self.error else ""
        return f"{self.method}({', '.join(shown)}){outcome}"


@dataclass
class SentMessage:
    """Live state of a message the bot sent: edits are applied to this very object.

    For a photo or document ``text``/``entities``/``html`` hold its caption ("" when it has none).  A message a
    user sent by choosing one of the bot's inline results is kept here too: ``sender`` is that user, ``via_bot``
    is True.
    """

    chat_id: int
    message_id: int
    html: str | None  # the raw text (or caption) as sent when parse_mode was HTML
    text: str  # plain text after parsing and Telegram's cleaning
    entities: list[dict[str, Any]]
    reply_markup: dict[str, Any] | None
    parse_mode: str | None
    reply_to_message_id: int | None
    date: int = 0
    edit_date: int | None = None
    edits: int = 0
    deleted: bool = False
    link_preview_options: dict[str, Any] | None = None
    photo: bytes | None = None  # the photo's bytes (uploaded, or of the file_id that was sent)
    document: tuple[str, bytes] | None = None  # (file name, bytes)
    media: dict[str, Any] | None = None  # {"photo": [PhotoSize…]} or {"document": Document} as in the Message
    sender: FakeUser | None = None  # None: the bot
    via_bot: bool = False

    @property
    def caption(self) -> str | None:
        return self.text if self.media is not None else None

    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) per button, row-major; other inline buttons give their action value."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        found = []
        for row in rows:
            for button in row:
                action = next((button[k] for k in BUTTON_ACTIONS if k in button), "")
                found.append((str(button.get("text", "")), action if isinstance(action, str) else str(action)))
        return found

    def entity_texts(self, kind: str) -> list[str]:
        return [utf16_slice(self.text, e["offset"], e["length"]) for e in self.entities if e["type"] == kind]

    def bold(self) -> list[str]:
        return self.entity_texts("bold")
