"""The bot's messages: sendMessage, editMessageText/ReplyMarkup, deleteMessage, answerCallbackQuery and
sendChatAction, with Telegram's checks of text (parse mode, cleaning, length limits), reply markup
(keyboards, callback data, URLs) and reply targets.  Other sending methods (files, polls, inline results)
reuse these checks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from tests.fake_bot_api.chats import ChatsMixin
from tests.fake_bot_api.errors import QUERY_INVALID, ApiError, bad_request, param_bool, param_int
from tests.fake_bot_api.html_parser import HtmlError, check_link, parse_html
from tests.fake_bot_api.models import BUTTON_ACTIONS, SentMessage
from tests.fake_bot_api.state import Method
from tests.fake_bot_api.text import fix_text, utf16_len

MAX_TEXT_UTF16 = 4096
MAX_CAPTION_UTF16 = 1024
MAX_CALLBACK_ANSWER = 200
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    }
)  # fmt: skip
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)


@dataclass
class Press:
    chat_id: int
    message_id: int
    answer: dict[str, Any] | None = None


@dataclass
class Formatted:
    """Text (or caption) after parse_mode parsing and Telegram's cleaning."""

    text: str
    entities: list[dict[str, Any]]
    parse_mode: str | None
    html: str | None  # the raw source when it was HTML


class MessagesMixin(ChatsMixin):
    """The bot's text messages and button answers, and the checks every sent message goes through."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answers: dict[str, dict[str, Any]] = {}  # callback query id -> answerCallbackQuery params
        self.chat_actions: list[tuple[int, str]] = []
        self._queries: dict[str, Press] = {}

    def api_methods(self) -> dict[str, Method]:
        return {
            **super().api_methods(),
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "sendchataction": self._send_chat_action,
        }

    # ------------------------------------------------------------------------------------------- checks

    def _formatted(self, params: dict[str, Any]) -> tuple[str, list[dict[str, Any]], str | None]:
        """(text, entities, parse_mode) of a sendMessage/editMessageText after parsing and cleaning."""
        found = self._parse_formatted(
            params.get("text"), params.get("parse_mode"), params.get("entities"),
            limit=MAX_TEXT_UTF16, empty="message text is empty", too_long="message is too long",
        )  # fmt: skip
        assert found is not None
        return found.text, found.entities, found.parse_mode

    def _caption(self, params: dict[str, Any]) -> Formatted:
        """A media message's caption ("" when there is none), parsed like text but limited to 1024 units."""
        found = self._parse_formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            limit=MAX_CAPTION_UTF16, empty=None, too_long="message caption is too long",
        )  # fmt: skip
        return found or Formatted("", [], params.get("parse_mode") or None, None)

    def _parse_formatted(
        self, raw: Any, mode: Any, given: Any, *, limit: int, empty: str | None, too_long: str
    ) -> Formatted | None:
        """Parse with parse_mode (or take ``given`` entities), clean like Telegram and check the length.

        Empty text is the error ``empty``, or None when ``empty`` is None (an optional caption).
        """
        if not isinstance(raw, str) or not raw:
            if empty is None:
                return None
            raise bad_request(empty)
        mode = mode or None
        if given is not None:
            if not isinstance(given, list) or not all(isinstance(e, dict) for e in given):
                raise bad_request("can't parse entities JSON object")
            text, entities = raw, given
        elif mode is None:
            text, entities = raw, []
        elif mode.lower() == "html":
            try:
                text, entities = parse_html(raw)
            except HtmlError as error:
                raise bad_request(f"can't parse entities: {error}") from None
        elif mode.lower() in {"markdown", "markdownv2"}:
            raise bad_request(f"parse_mode {mode} is not emulated by the fake server; use HTML")
        else:
            raise bad_request("unsupported parse_mode")
        text, entities = fix_text(text, entities)
        if not text:
            if empty is None:
                return None
            raise bad_request(empty)
        if utf16_len(text) > limit:
            raise bad_request(too_long)
        html = raw if str(mode).lower() == "html" and given is None else None
        return Formatted(text, entities, mode, html)

    @staticmethod
    def _markup(value: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
        """Validate a reply_markup like Telegram; an inline keyboard without buttons means no keyboard."""
        if value is None:
            return None
        if not isinstance(value, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" not in value:
            if inline_only or not {"keyboard", "remove_keyboard", "force_reply"} & value.keys():
                raise bad_request("can't parse inline keyboard markup JSON object")
            return value
        rows = value["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('can\'t parse inline keyboard markup: field "inline_keyboard" must be an Array of Arrays')
        for button in (b for row in rows for b in row):
            if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"]:
                raise bad_request("can't parse inline keyboard button: Text must be non-empty")
            actions = [key for key in BUTTON_ACTIONS if key in button]
            if not actions:
                raise bad_request("can't parse inline keyboard button: Text buttons are unallowed in inline keyboards")
            if len(actions) > 1:
                raise bad_request(f"can't parse inline keyboard button: more than one action field: {actions}")
            data = button.get("callback_data")
            if "callback_data" in button and (not isinstance(data, str) or not 1 <= len(data.encode()) <= 64):
                raise bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if "url" in button and (not isinstance(url, str) or check_link(url) is None):
                raise bad_request(f"inline keyboard button URL '{url}' is invalid: Wrong HTTP URL")
        if not any(rows):
            return None
        return {"inline_keyboard": [row for row in rows if row]}

    def _reply_target(self, chat_id: int, params: dict[str, Any]) -> int | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict) and reply.get("message_id") is not None:
            target, allow = int(reply["message_id"]), bool(reply.get("allow_sending_without_reply"))
            if reply.get("chat_id") not in (None, chat_id, str(chat_id)):
                raise bad_request("replies to other chats are not emulated")
        elif params.get("reply_to_message_id"):
            target, allow = int(params["reply_to_message_id"]), param_bool(params, "allow_sending_without_reply")
        else:
            return None
        if self._message_dict(chat_id, target) is None:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        return target

    def _editable(self, params: dict[str, Any]) -> SentMessage:
        if params.get("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat_id = self._chat_id(params)
        message_id = param_int(params, "message_id", "message identifier is not specified")
        sent = self._sent.get((chat_id, message_id))
        if sent is None or sent.deleted:
            if (chat_id, message_id) in self._incoming:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        if sent.sender is not None:  # a user's message sent via the bot's inline mode
            raise bad_request("message can't be edited")
        return sent

    # ---------------------------------------------------------------------------------------- Bot API

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        text, entities, mode = self._formatted(params)
        markup = self._markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat_id, params)
        preview = params.get("link_preview_options")
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._new_message_id(chat_id),
            html=params["text"] if (mode or "").lower() == "html" and "entities" not in params else None,
            text=text,
            entities=entities,
            reply_markup=markup,
            parse_mode=mode,
            reply_to_message_id=reply_to,
            date=int(time.time()),
            link_preview_options=preview if isinstance(preview, dict) else None,
        )
        self._sent[(chat_id, sent.message_id)] = sent
        return self._message_result(sent)

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._editable(params)
        if sent.media is not None:
            raise bad_request("there is no text in the message to edit")
        text, entities, mode = self._formatted(params)
        markup = self._markup(params.get("reply_markup"), inline_only=True)
        if text == sent.text and entities == sent.entities and markup == sent.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        sent.html = params["text"] if (mode or "").lower() == "html" and "entities" not in params else None
        sent.text, sent.entities, sent.parse_mode, sent.reply_markup = text, entities, mode, markup
        preview = params.get("link_preview_options")
        sent.link_preview_options = preview if isinstance(preview, dict) else None
        sent.edit_date, sent.edits = int(time.time()), sent.edits + 1
        return self._message_result(sent)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any]:
        sent = self._editable(params)
        markup = self._markup(params.get("reply_markup"), inline_only=True)
        if markup == sent.reply_markup:
            raise ApiError(400, NOT_MODIFIED)
        sent.reply_markup = markup
        sent.edit_date, sent.edits = int(time.time()), sent.edits + 1
        return self._message_result(sent)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat_id = self._chat_id(params)
        message_id = param_int(params, "message_id", "message identifier is not specified")
        sent = self._sent.get((chat_id, message_id))
        if sent is not None and not sent.deleted:
            sent.deleted = True
        elif self._incoming.pop((chat_id, message_id), None) is None:
            raise bad_request("message to delete not found")
        return True

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        query = self._queries.get(str(params.get("callback_query_id", "")))
        if query is None or query.answer is not None:
            raise ApiError(400, QUERY_INVALID)
        if utf16_len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answer = params
        self.answers[str(params["callback_query_id"])] = params
        return True

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        chat_id = self._chat_id(params)
        action = params.get("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.chat_actions.append((chat_id, str(action)))
        return True
