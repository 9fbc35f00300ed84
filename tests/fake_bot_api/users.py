"""What users do, as tests script it: write (``send_message``, ``send_other``, ``send_document``), edit
their messages, join groups and press buttons.  Each action becomes the update Telegram would deliver,
or none where privacy mode or membership would keep it from the bot (then it is kept in ``undelivered``).
"""

from __future__ import annotations

import time
from typing import Any

from tests.fake_bot_api.files import FilesMixin, guess_mime_type
from tests.fake_bot_api.messages import Press
from tests.fake_bot_api.models import DEFAULT_USER_ID, FakeChat, FakeUser, SentMessage
from tests.fake_bot_api.text import detect_entities

GROUP_ANONYMOUS_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}


class UsersMixin(FilesMixin):
    """The test-side API that drives the bot as its users would."""

    def send_message(
        self,
        text: str,
        *,
        user: FakeUser | None = None,
        chat: FakeChat | None = None,
        reply_to: int | None = None,
        entities: list[dict[str, Any]] | None = None,
        anonymous_admin: bool = False,
    ) -> int:
        """A user writes ``text``; /commands and @mentions get their entities like in Telegram.

        ``anonymous_admin`` (groups): an admin posting as the group, so ``from`` is GroupAnonymousBot and
        ``sender_chat`` the group.  Returns the update_id, or 0 when Telegram would not deliver the message
        (privacy mode, or the bot is not in the group); it is then kept in ``undelivered``.
        """
        message = self.compose_message(user, chat, anonymous_admin=anonymous_admin)
        message["text"] = text
        found = detect_entities(text, entities)
        if found:
            message["entities"] = found
        if reply_to is not None:
            chat_id = message["chat"]["id"]
            replied = self._message_dict(chat_id, reply_to, nested=True)
            if replied is None:
                raise AssertionError(f"no message {reply_to} in chat {chat_id} to reply to")
            message["reply_to_message"] = replied
        return self._enqueue_incoming(message)

    def edit_message(self, chat_id: int, message_id: int, text: str) -> int:
        """The user edits a text message they sent: an ``edited_message`` update with the new text.

        Returns the update_id, or 0 when Telegram would not deliver it (as for the message itself).
        """
        original = self._incoming.get((chat_id, message_id))
        if original is None or "text" not in original:
            raise AssertionError(f"no text message {message_id} from a user in chat {chat_id} to edit")
        edited = {key: value for key, value in original.items() if key not in ("text", "entities")}
        edited["text"] = text
        edited["edit_date"] = int(time.time())
        found = detect_entities(text)
        if found:
            edited["entities"] = found
        self._incoming[(chat_id, message_id)] = edited
        if not self._delivered(edited):
            return 0
        return self.add_update({"edited_message": edited})

    def send_other(self, kind: str, *, user: FakeUser | None = None, chat: FakeChat | None = None) -> int:
        """A message without text: sticker, photo, voice, document or location."""
        n = self._next_update_id
        file = {"file_id": f"FILE{kind}{n}", "file_unique_id": f"U{kind}{n}"}
        payloads: dict[str, Any] = {
            "sticker": {**file, "type": "regular", "width": 512, "height": 512, "is_animated": False,
                        "is_video": False, "emoji": "👍", "file_size": 20480},
            "photo": [{**file, "file_id": f"{file['file_id']}_{w}", "width": w, "height": w * 3 // 4,
                       "file_size": w * 40} for w in (90, 320, 800)],
            "voice": {**file, "duration": 3, "mime_type": "audio/ogg", "file_size": 9000},
            "document": {**file, "file_name": "notes.pdf", "mime_type": "application/pdf", "file_size": 123456},
            "location": {"latitude": 43.238949, "longitude": 76.889709},
        }  # fmt: skip
        if kind not in payloads:
            raise ValueError(f"send_other kind must be one of {sorted(payloads)}, not {kind!r}")
        if kind != "location":  # the files exist (zero bytes of the stated size), so getFile and download work
            items = payloads[kind] if kind == "photo" else [payloads[kind]]
            for item in items:
                self._add_file(kind, item["file_id"], item["file_unique_id"], bytes(item["file_size"]),
                               sizes=items if kind == "photo" else None, file_name=item.get("file_name"),
                               mime_type=item.get("mime_type"))  # fmt: skip
        message = self.compose_message(user, chat)
        message[kind] = payloads[kind]
        return self._enqueue_incoming(message)

    def send_document(
        self,
        filename: str,
        content: bytes,
        *,
        caption: str | None = None,
        user: FakeUser | None = None,
        chat: FakeChat | None = None,
        mime_type: str | None = None,
        declared_size: int | None = None,
    ) -> int:
        """A user sends a file; the bot can getFile it and download ``content`` from the file route.

        ``declared_size`` is the ``file_size`` the message claims, when it should lie about it.
        """
        message = self.compose_message(user, chat)
        n = self._next_file
        file = self._add_file("document", f"BQACAgIAAxkBAAI{n}document", f"AgAD{n}d", content,
                              file_name=filename, mime_type=mime_type or guess_mime_type(filename))  # fmt: skip
        message["document"] = file.document()
        if declared_size is not None:
            message["document"]["file_size"] = declared_size
        if caption:
            message["caption"] = caption
            found = detect_entities(caption)
            if found:
                message["caption_entities"] = found
        return self._enqueue_incoming(message)

    def join_group(self, chat: FakeChat, user: FakeUser) -> int:
        """``user`` joins the group: a ``new_chat_members`` service message; the user becomes a member."""
        if chat.type == "private":
            raise ValueError("join_group needs a group chat")
        message = self.compose_message(user, chat)
        message["new_chat_members"] = [user.to_dict()]
        self._members[chat.id][user.id] = (user, "member")
        return self._enqueue_incoming(message)

    def press(self, message: SentMessage, data: str, *, user: FakeUser | None = None) -> int:
        """A user presses a button carrying ``data`` under ``message`` (not checked against the markup)."""
        user = user or self._users.get(message.chat_id) or FakeUser(id=DEFAULT_USER_ID)
        update_id = self._next_update_id
        query_id = self.query_id(update_id)
        self._queries[query_id] = Press(message.chat_id, message.message_id)
        current = self._message_dict(message.chat_id, message.message_id)
        if current is None:  # deleted: Telegram sends an InaccessibleMessage
            current = {"chat": self._chats[message.chat_id], "message_id": message.message_id, "date": 0}
        query = {
            "id": query_id,
            "from": user.to_dict(),
            "message": current,
            "chat_instance": str(abs(hash((self.bot_id, message.chat_id))) % 10**18),
            "data": data,
        }
        return self.add_update({"callback_query": query})

    def press_button(self, message: SentMessage, text_contains: str, *, user: FakeUser | None = None) -> int:
        """Press the first callback button whose text contains ``text_contains``."""
        for text, data in message.buttons():
            if text_contains in text:
                if not any(b.get("callback_data") == data for row in self._rows(message) for b in row):
                    raise AssertionError(f"button {text!r} is not a callback button ({data!r})")
                return self.press(message, data, user=user)
        raise AssertionError(f"no button containing {text_contains!r} under message {message.message_id}: "
                             f"{message.buttons()}")  # fmt: skip

    @staticmethod
    def query_id(update_id: int) -> str:
        """The callback query id that ``press`` used for the update ``update_id``."""
        return f"cq{update_id}"

    def compose_message(
        self, user: FakeUser | None = None, chat: FakeChat | None = None, *, anonymous_admin: bool = False
    ) -> dict[str, Any]:
        """A new Message from ``user`` in ``chat`` (message_id assigned, chat and sender registered), not yet
        sent: for updates the driving methods do not make (put it in an update for ``add_update`` or
        ``post_to_webhook``)."""
        user = user or FakeUser(id=DEFAULT_USER_ID)
        chat = chat or FakeChat(id=user.id)
        chat_dict = self._chat_dict(chat, user)
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat.id),
            "from": user.to_dict(),
            "chat": chat_dict,
            "date": int(time.time()),
        }
        if anonymous_admin:
            if chat.type == "private":
                raise ValueError("anonymous_admin only exists in groups")
            message["from"] = dict(GROUP_ANONYMOUS_BOT)
            message["sender_chat"] = chat_dict
        else:
            self._known_users[user.id] = user
            if chat.type != "private":  # having written, the user is a member unless set otherwise
                self._members.setdefault(chat.id, {}).setdefault(user.id, (user, "member"))
        return message

    def _enqueue_incoming(self, message: dict[str, Any]) -> int:
        self._incoming[(message["chat"]["id"], message["message_id"])] = message
        if not self._delivered(message):
            self.undelivered.append(message)
            return 0
        return self.add_update({"message": message})

    def _rows(self, message: SentMessage) -> list[list[dict[str, Any]]]:
        return list((message.reply_markup or {}).get("inline_keyboard") or [])
