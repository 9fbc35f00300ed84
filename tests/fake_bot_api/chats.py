"""Chats, users and group membership: who is in which group with what status, where the bot is a member,
and which group messages Telegram's privacy mode lets through to the bot.

Test side: ``add_bot_to_group``, ``remove_bot_from_group``, ``set_member_status`` and ``blocked``; Bot API
side: getChatMember and getChatAdministrators, and the ``chat_id`` checks every sending method makes.
"""

from __future__ import annotations

import time
from typing import Any

from tests.fake_bot_api.errors import ApiError, bad_request
from tests.fake_bot_api.models import FakeChat, FakeUser
from tests.fake_bot_api.state import BotApiState, Method
from tests.fake_bot_api.text import utf16_slice

MEMBER_STATUSES = ("creator", "administrator", "member", "restricted", "left", "kicked")
_PRESENT = frozenset({"creator", "administrator", "member", "restricted"})
# Bot API 9.x required fields of ChatMemberAdministrator / ChatMemberRestricted (values: a typical admin bot,
# a read-only member).
ADMIN_RIGHTS = {
    "can_manage_chat": True, "can_delete_messages": True, "can_manage_video_chats": True,
    "can_restrict_members": True, "can_promote_members": False, "can_change_info": True, "can_invite_users": True,
    "can_post_stories": False, "can_edit_stories": False, "can_delete_stories": False,
    "can_send_welcome_messages": False, "can_pin_messages": True,
}  # fmt: skip
RESTRICTED_RIGHTS = (
    "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
    "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
    "can_add_web_page_previews", "can_react_to_messages", "can_edit_tag", "can_change_info", "can_invite_users",
    "can_pin_messages", "can_manage_topics",
)  # fmt: skip
SERVICE_FIELDS = frozenset(
    {"new_chat_members", "left_chat_member", "new_chat_title", "new_chat_photo", "delete_chat_photo",
     "group_chat_created", "supergroup_chat_created", "migrate_to_chat_id", "migrate_from_chat_id",
     "pinned_message", "message_auto_delete_timer_changed", "video_chat_started", "video_chat_ended"}
)  # fmt: skip


class ChatsMixin(BotApiState):
    """Chats the fake has seen, their users and members, and the bot's own status in each group."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.blocked: set[int] = set()  # chats whose user "blocked the bot": sending there gives 403
        self._users: dict[int, FakeUser] = {}  # private chat id -> its user
        self._known_users: dict[int, FakeUser] = {}
        self._members: dict[int, dict[int, tuple[FakeUser, str]]] = {}  # group id -> user id -> (user, status)
        self._bot_statuses: dict[int, str] = {}  # group id -> the bot's status, once it was set

    def api_methods(self) -> dict[str, Method]:
        return {
            **super().api_methods(),
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
        }

    # ----------------------------------------------------------------------------------------- test side

    def add_bot_to_group(self, chat: FakeChat, by: FakeUser, status: str = "member") -> int:
        """``by`` adds the bot to the group (as a member or administrator): a ``my_chat_member`` update."""
        if status not in ("member", "administrator"):
            raise ValueError(f"the bot can be added as member or administrator, not {status!r}")
        old = self._bot_statuses.get(chat.id, "left")
        return self._move_bot(chat, by, old, status)

    def remove_bot_from_group(self, chat: FakeChat, by: FakeUser, status: str = "left") -> int:
        """``by`` removes the bot (``status`` "left", or "kicked" = banned): a ``my_chat_member`` update.

        Afterwards sending there fails with 403 and the group's messages no longer reach the bot.
        """
        if status not in ("left", "kicked"):
            raise ValueError(f"a removed bot is left or kicked, not {status!r}")
        old = self._bot_status_in(chat.id)
        return self._move_bot(chat, by, old, status)

    def set_member_status(self, chat_id: int, user: FakeUser, status: str) -> None:
        """What getChatMember says about ``user`` in the group (for the bot itself: its own status)."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {MEMBER_STATUSES}, not {status!r}")
        if user.id == self.bot_id:
            if status == "creator":
                raise ValueError("a bot cannot be the creator of a group")
            self._bot_statuses[chat_id] = status
            return
        self._known_users[user.id] = user
        self._members.setdefault(chat_id, {})[user.id] = (user, status)

    def _move_bot(self, chat: FakeChat, by: FakeUser, old: str, new: str) -> int:
        if chat.type not in ("group", "supergroup"):
            raise ValueError(f"the bot can only be added to or removed from groups, not a {chat.type} chat")
        chat_dict = self._chat_dict(chat, by)
        self._known_users[by.id] = by
        self._members.setdefault(chat.id, {}).setdefault(by.id, (by, "member"))
        self._bot_statuses[chat.id] = new
        bot = self._bot_user()
        change = {
            "chat": chat_dict,
            "from": by.to_dict(),
            "date": int(time.time()),
            "old_chat_member": self._member_dict(bot, old, chat.type),
            "new_chat_member": self._member_dict(bot, new, chat.type),
        }
        return self.add_update({"my_chat_member": change})

    # ------------------------------------------------------------------------------------------- lookups

    def _chat_dict(self, chat: FakeChat, user: FakeUser) -> dict[str, Any]:
        """Register ``chat`` (a private chat is ``user``'s chat with the bot) and return its Chat object."""
        if chat.type == "private":
            if chat.id <= 0:
                raise ValueError(f"a private chat id is the user's id (> 0), not {chat.id}")
            chat_dict: dict[str, Any] = {"id": chat.id, "type": "private", "first_name": user.first_name}
            if user.username:
                chat_dict["username"] = user.username
            self._users[chat.id] = user
        elif chat.type in ("group", "supergroup"):
            if chat.id >= 0:
                raise ValueError(f"a group chat id is negative (e.g. -100123 for a supergroup), not {chat.id}")
            chat_dict = {"id": chat.id, "type": chat.type, "title": chat.title or "Test group"}
            if chat.username:
                chat_dict["username"] = chat.username
        else:
            raise ValueError(f"chat type must be private, group or supergroup, not {chat.type!r}")
        self._chats[chat.id] = chat_dict
        return chat_dict

    def _bot_status_in(self, chat_id: int) -> str:
        """The bot's status in a chat; in a group never set up, an admin, or a member with privacy mode."""
        if chat_id > 0:
            return "member"
        return self._bot_statuses.get(chat_id, "member" if self.privacy else "administrator")

    def _delivered(self, message: dict[str, Any]) -> bool:
        """Whether Telegram gives this group message to the bot (always, in a private chat)."""
        chat = message["chat"]
        if chat["type"] == "private":
            return True
        status = self._bot_status_in(chat["id"])
        if status not in _PRESENT:
            return False
        if not self.privacy or status in ("administrator", "creator") or SERVICE_FIELDS & message.keys():
            return True
        if (message.get("via_bot") or {}).get("id") == self.bot_id:
            return True
        if ((message.get("reply_to_message") or {}).get("from") or {}).get("id") == self.bot_id:
            return True
        text = message.get("text") or message.get("caption") or ""
        me = self.username.lower()
        for entity in message.get("entities") or message.get("caption_entities") or []:
            piece = utf16_slice(text, entity["offset"], entity["length"]).lower()
            if entity["type"] == "bot_command" and entity["offset"] == 0 and piece.partition("@")[2] in ("", me):
                return True
            if entity["type"] == "mention" and piece == f"@{me}":
                return True
            if entity["type"] == "text_mention" and entity.get("user", {}).get("id") == self.bot_id:
                return True
        return False

    @staticmethod
    def _member_dict(user: dict[str, Any], status: str, chat_type: str) -> dict[str, Any]:
        """A ChatMember object of the given status with every field the Bot API requires."""
        member: dict[str, Any] = {"status": status, "user": user}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(can_be_edited=False, is_anonymous=False, **ADMIN_RIGHTS)
            if chat_type == "supergroup":
                member["can_manage_topics"] = False
        elif status == "restricted":
            member.update(is_member=True, until_date=0, **dict.fromkeys(RESTRICTED_RIGHTS, False))
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _chat_id(self, params: dict[str, Any]) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise bad_request("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if chat_id not in self._chats:
            raise bad_request("chat not found")
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        status = self._bot_status_in(chat_id)
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {self._chats[chat_id]['type']} chat")
        if status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {self._chats[chat_id]['type']} chat")
        return chat_id

    # ---------------------------------------------------------------------------------------- Bot API

    def _user_id(self, params: dict[str, Any]) -> int:
        try:
            user_id = int(params.get("user_id") or 0)
        except (TypeError, ValueError):
            user_id = 0
        if not 0 < user_id < 2**53:
            raise bad_request("PARTICIPANT_ID_INVALID")
        return user_id

    def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        user_id = self._user_id(params)
        chat_type = self._chats[chat_id]["type"]
        if user_id == self.bot_id:
            return self._member_dict(self._bot_user(), self._bot_status_in(chat_id), chat_type)
        if chat_type == "private":
            user, status = self._known_users.get(user_id), "member" if user_id == chat_id else "left"
        else:
            user, status = self._members.get(chat_id, {}).get(user_id, (self._known_users.get(user_id), "left"))
        user = user or FakeUser(id=user_id, first_name="User", language_code=None)
        return self._member_dict(user.to_dict(), status, chat_type)

    def _get_chat_administrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = self._chat_id(params)
        chat_type = self._chats[chat_id]["type"]
        if chat_type == "private":
            raise bad_request("there are no administrators in the private chat")
        members = self._members.get(chat_id, {}).values()
        admins = [self._member_dict(u.to_dict(), s, chat_type) for u, s in members if s == "creator"]
        admins += [self._member_dict(u.to_dict(), s, chat_type) for u, s in members if s == "administrator"]
        if self._bot_status_in(chat_id) == "administrator":
            admins.append(self._member_dict(self._bot_user(), "administrator", chat_type))
        return admins
