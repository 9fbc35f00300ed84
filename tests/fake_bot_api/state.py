"""What the fake knows of the Telegram world that every concern shares: the bot, the chats it has seen,
the messages both ways, and the queue of updates waiting for the bot.

The base of every mixin that makes up ``FakeTelegram``: each mixin adds its own state in a cooperative
``__init__`` and its Bot API methods in ``api_methods``; what more than one of them needs lives here.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

from tests.fake_bot_api.models import BOT_NAME, SentMessage

ALL_BY_DEFAULT_EXCEPT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

Method = Callable[[dict[str, Any]], Any]  # a Bot API method: form params -> result (or a coroutine of it)


class Signal:
    """Broadcast "something changed": ``wait`` returns at the next ``fire`` (or after the timeout)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def fire(self) -> None:
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> None:
        event = self._event
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), max(timeout, 0))


class BotApiState:
    """The shared state and the lookups built on it."""

    def __init__(self, token: str, *, username: str, privacy: bool, first_update_id: int = 1) -> None:
        self.token = token
        self.username = username
        self.privacy = privacy
        self.bot_id = int(token.split(":", 1)[0])
        self.updates: list[dict[str, Any]] = []  # every update ever enqueued (history)
        self.undelivered: list[dict[str, Any]] = []  # group messages Telegram would not show the bot
        self._pending: list[dict[str, Any]] = []  # unconfirmed updates
        self._allowed: set[str] | None = None
        self._next_update_id = first_update_id
        self._chats: dict[int, dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._incoming: dict[tuple[int, int], dict[str, Any]] = {}  # messages users sent
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._last_activity = time.monotonic()
        self._update_signal = Signal()
        self._closing = asyncio.Event()

    def api_methods(self) -> dict[str, Method]:
        """The Bot API methods (lower case) this part of the fake serves; each mixin adds its own."""
        return {}

    # ------------------------------------------------------------------------------------------- updates

    def add_update(self, update: dict[str, Any]) -> int:
        """Enqueue a raw update (its update_id is assigned here) and return the update_id."""
        update = self._numbered(update)
        self._pending.append(update)
        self._last_activity = time.monotonic()
        self._update_signal.fire()
        return int(update["update_id"])

    def _numbered(self, update: dict[str, Any]) -> dict[str, Any]:
        """The update with the next update_id, its chat known to the fake, recorded in ``updates``."""
        update = {key: value for key, value in update.items() if key != "update_id"}
        update_id = self._next_update_id
        self._next_update_id += 1
        update = {"update_id": update_id, **update}
        for payload in update.values():
            if isinstance(payload, dict):
                message = payload.get("message", payload)
                chat = message.get("chat") if isinstance(message, dict) else None
                if isinstance(chat, dict) and "id" in chat:
                    self._chats.setdefault(chat["id"], chat)
        self.updates.append(update)
        return update

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        kind = next(key for key in update if key != "update_id")
        return kind in self._allowed if self._allowed is not None else kind not in ALL_BY_DEFAULT_EXCEPT

    # ------------------------------------------------------------------------------------------- messages

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """The bot's messages in this chat (and those sent via its inline results), oldest first."""
        found = [m for (chat, _), m in self._sent.items() if chat == chat_id and (include_deleted or not m.deleted)]
        return sorted(found, key=lambda m: m.message_id)

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        sent = self._sent.get((chat_id, message_id))
        if sent is None:
            known = [m.message_id for m in self.messages(chat_id, include_deleted=True)]
            raise AssertionError(f"bot sent no message {message_id} in chat {chat_id}; it sent {known}")
        return sent

    def user_messages(self, chat_id: int) -> list[dict[str, Any]]:
        """The messages users sent in this chat (delivered to the bot or not) and did not delete, oldest first."""
        found = [message for (chat, _), message in self._incoming.items() if chat == chat_id]
        return sorted(found, key=lambda message: int(message["message_id"]))

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": BOT_NAME, "username": self.username}

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _message_dict(self, chat_id: int, message_id: int, *, nested: bool = False) -> dict[str, Any] | None:
        """The full Message object (current state) for a known, not deleted message, else None."""
        incoming = self._incoming.get((chat_id, message_id))
        if incoming is not None:
            return {k: v for k, v in incoming.items() if not (nested and k == "reply_to_message")}
        sent = self._sent.get((chat_id, message_id))
        if sent is None or sent.deleted:
            return None
        data: dict[str, Any] = {
            "message_id": sent.message_id,
            "from": sent.sender.to_dict() if sent.sender else self._bot_user(),
            "chat": self._chats[chat_id],
            "date": sent.date,
        }
        if sent.via_bot:
            data["via_bot"] = self._bot_user()
        if sent.media is not None:
            data.update(sent.media)
            if sent.text:
                data["caption"] = sent.text
            if sent.entities:
                data["caption_entities"] = sent.entities
        else:
            data["text"] = sent.text
            if sent.entities:
                data["entities"] = sent.entities
        if sent.edit_date is not None:
            data["edit_date"] = sent.edit_date
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:
            data["reply_markup"] = sent.reply_markup
        if sent.link_preview_options:
            data["link_preview_options"] = sent.link_preview_options
        if sent.reply_to_message_id is not None and not nested:
            replied = self._message_dict(chat_id, sent.reply_to_message_id, nested=True)
            if replied is not None:
                data["reply_to_message"] = replied
        return data

    def _message_result(self, sent: SentMessage) -> dict[str, Any]:
        result = self._message_dict(sent.chat_id, sent.message_id)
        assert result is not None
        return result
