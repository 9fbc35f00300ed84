"""The bot's profile: getMe, its command menus per scope and language (setMyCommands, getMyCommands,
deleteMyCommands) and the chat menu button.  Tests read ``commands`` and ``menu_buttons``.
"""

from __future__ import annotations

import re
from typing import Any

from tests.fake_bot_api.chats import ChatsMixin
from tests.fake_bot_api.errors import bad_request
from tests.fake_bot_api.state import Method

SCOPE_TYPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators",
     "chat_member"}
)  # fmt: skip
COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")


class ProfileMixin(ChatsMixin):
    """What the bot says about itself and which commands it offers where."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}

    def api_methods(self) -> dict[str, Method]:
        return {
            **super().api_methods(),
            "getme": self._get_me,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setchatmenubutton": self._set_chat_menu_button,
        }

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    @staticmethod
    def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in SCOPE_TYPES:
            raise bad_request("can't parse BotCommandScope JSON object")
        key = scope["type"]
        if key.startswith("chat"):
            if scope.get("chat_id") in (None, ""):
                raise bad_request("chat_id is empty")
            key += f":{scope['chat_id']}"
            if scope["type"] == "chat_member":
                key += f":{scope.get('user_id')}"
        return key, str(params.get("language_code") or "")

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("BOT_COMMAND_INVALID")
        for command in commands:
            name = command.get("command") if isinstance(command, dict) else None
            description = command.get("description") if isinstance(command, dict) else None
            if not isinstance(name, str) or not COMMAND_RE.fullmatch(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_INVALID")
        key = self._scope_key(params)
        if commands:
            self.commands[key] = [{"command": c["command"], "description": c["description"]} for c in commands]
        else:  # Telegram treats an empty list like deleteMyCommands
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return list(self.commands.get(self._scope_key(params), []))

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    def _set_chat_menu_button(self, params: dict[str, Any]) -> bool:
        chat_id = self._chat_id(params) if params.get("chat_id") not in (None, "") else None
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in {"default", "commands", "web_app"}:
            raise bad_request("can't parse menu button JSON object")
        self.menu_buttons[chat_id] = button
        return True
