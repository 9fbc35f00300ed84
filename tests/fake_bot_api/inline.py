"""Inline mode: a user types ``@bot query`` (``send_inline_query``), the bot answers (answerInlineQuery,
validated like Telegram: ids, types, texts, buttons) and the user picks a result
(``choose_inline_result``), whose message then appears in a chat as sent via the bot.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import Any

from tests.fake_bot_api.calls import CallLog
from tests.fake_bot_api.errors import QUERY_INVALID, ApiError, bad_request
from tests.fake_bot_api.messages import MAX_TEXT_UTF16, Formatted, MessagesMixin
from tests.fake_bot_api.models import DEFAULT_USER_ID, Call, FakeChat, FakeUser, SentMessage
from tests.fake_bot_api.state import Method

MAX_INLINE_RESULTS = 50
INLINE_RESULT_TYPES = frozenset(
    {"article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document", "location", "venue", "contact",
     "game", "sticker"}
)  # fmt: skip
INLINE_CHAT_TYPES = frozenset({"sender", "private", "group", "supergroup", "channel"})
START_PARAM_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass
class _Choice:
    """One validated inline result: what choosing it sends (``content`` None: a media result)."""

    result: dict[str, Any]
    content: Formatted | None
    reply_markup: dict[str, Any] | None


@dataclass
class _InlineQuery:
    user: FakeUser
    query: str
    answer: dict[str, Any] | None = None
    choices: dict[str, _Choice] | None = None


class InlineMixin(MessagesMixin, CallLog):
    """Inline queries, the bot's answers to them and the results users choose."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inline_answers: dict[str, dict[str, Any]] = {}  # inline query id -> accepted answerInlineQuery params
        self._inline: dict[str, _InlineQuery] = {}

    def api_methods(self) -> dict[str, Method]:
        return {**super().api_methods(), "answerinlinequery": self._answer_inline_query}

    # ----------------------------------------------------------------------------------------- test side

    def send_inline_query(
        self, query: str, *, user: FakeUser | None = None, offset: str = "", chat_type: str | None = "private"
    ) -> str:
        """A user types ``@bot query``: an ``inline_query`` update; returns the inline query id."""
        if chat_type is not None and chat_type not in INLINE_CHAT_TYPES:
            raise ValueError(f"chat_type must be one of {sorted(INLINE_CHAT_TYPES)} or None, not {chat_type!r}")
        user = user or FakeUser(id=DEFAULT_USER_ID)
        self._known_users[user.id] = user
        query_id = f"iq{self._next_update_id}"
        self._inline[query_id] = _InlineQuery(user, query)
        payload: dict[str, Any] = {"id": query_id, "from": user.to_dict(), "query": query, "offset": offset}
        if chat_type is not None:
            payload["chat_type"] = chat_type
        self.add_update({"inline_query": payload})
        return query_id

    def choose_inline_result(self, query_id: str, result_id: str, chat: FakeChat) -> SentMessage:
        """The user picks a result of the bot's answer: its message appears in ``chat`` (``via_bot`` the bot).

        In the user's own chat with the bot, or a group where the bot gets it, it also arrives as an update.
        """
        query = self._inline.get(query_id)
        if query is None or query.choices is None:
            raise AssertionError(f"inline query {query_id!r} has no accepted answer\n{self.dump()}")
        choice = query.choices.get(result_id)
        if choice is None:
            raise AssertionError(f"no result {result_id!r} in the answer to {query_id!r}: {list(query.choices)}")
        content = choice.content
        if content is None:
            raise AssertionError(f"result {result_id!r} has no input_message_content; sending media is not emulated")
        user = query.user
        if chat.type == "private" and chat.id != user.id:  # a chat with someone else, which the bot never sees
            self._chats.setdefault(chat.id, {"id": chat.id, "type": "private", "first_name": chat.title or "Friend"})
        else:
            self._chat_dict(chat, user)
        preview = choice.result["input_message_content"].get("link_preview_options")
        sent = SentMessage(
            chat_id=chat.id,
            message_id=self._new_message_id(chat.id),
            html=content.html,
            text=content.text,
            entities=content.entities,
            reply_markup=choice.reply_markup,
            parse_mode=content.parse_mode,
            reply_to_message_id=None,
            date=int(time.time()),
            link_preview_options=preview if isinstance(preview, dict) else None,
            sender=user,
            via_bot=True,
        )
        self._sent[(chat.id, sent.message_id)] = sent
        message = self._message_result(sent)
        if chat.id == user.id or (chat.type != "private" and self._delivered(message)):
            self.add_update({"message": message})
        return sent

    async def wait_inline_answer(self, query_id: str, *, timeout: float = 10.0) -> Call:
        """The first answerInlineQuery call for ``query_id``, accepted or refused (check ``call.error``)."""
        return await self.wait_call("answerInlineQuery", inline_query_id=query_id, timeout=timeout)

    # ---------------------------------------------------------------------------------------- Bot API

    def _answer_inline_query(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        query = self._inline.get(query_id)
        if query is None or query.answer is not None:
            raise ApiError(400, QUERY_INVALID)
        results = params.get("results")
        if not isinstance(results, list):
            raise bad_request("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        choices: dict[str, _Choice] = {}
        for result in results:
            if not isinstance(result, dict):
                raise bad_request("can't parse inline query result JSON object")
            result_id = result.get("id")
            if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in choices:
                raise bad_request("RESULT_ID_DUPLICATE")
            choices[result_id] = self._inline_result(result)
        cache_time = str(params.get("cache_time", "0"))
        if not cache_time.isdigit():  # stricter than Telegram, which clamps it
            raise bad_request("cache_time must be a non-negative integer")
        if len(str(params.get("next_offset") or "").encode()) > 64:
            raise bad_request("NEXT_OFFSET_INVALID")
        self._check_results_button(params.get("button"))
        query.answer, query.choices = params, choices
        self.inline_answers[query_id] = params
        return True

    def _inline_result(self, result: dict[str, Any]) -> _Choice:
        kind = result.get("type")
        if kind not in INLINE_RESULT_TYPES:
            raise bad_request("RESULT_TYPE_INVALID")
        if kind == "article" and (not isinstance(result.get("title"), str) or not result["title"].strip()):
            raise bad_request("RESULT_TITLE_EMPTY")
        markup = self._markup(result.get("reply_markup"), inline_only=True)
        if "caption" in result:
            self._caption(result)
        content = result.get("input_message_content")
        if content is None:
            if kind == "article":
                raise bad_request("MESSAGE_EMPTY")
            return _Choice(result, None, markup)
        if not isinstance(content, dict):
            raise bad_request("can't parse InputMessageContent JSON object")
        if "message_text" not in content:
            if not {"latitude", "phone_number", "payload"} & content.keys():
                raise bad_request("MESSAGE_EMPTY")
            return _Choice(result, None, markup)
        formatted = self._parse_formatted(
            content["message_text"], content.get("parse_mode"), content.get("entities"),
            limit=MAX_TEXT_UTF16, empty="MESSAGE_EMPTY", too_long="MESSAGE_TOO_LONG",
        )  # fmt: skip
        return _Choice(result, formatted, markup)

    @staticmethod
    def _check_results_button(button: Any) -> None:
        """An InlineQueryResultsButton: text and exactly one of web_app / start_parameter."""
        if button is None:
            return
        if not isinstance(button, dict) or not isinstance(button.get("text"), str) or not button["text"].strip():
            raise bad_request("can't parse InlineQueryResultsButton: text must be non-empty")
        if ("web_app" in button) == ("start_parameter" in button):
            raise bad_request("can't parse InlineQueryResultsButton: exactly one of web_app and start_parameter")
        if "start_parameter" in button and not START_PARAM_RE.fullmatch(str(button["start_parameter"])):
            raise bad_request("START_PARAM_INVALID")
        web_app = button.get("web_app")
        if "web_app" in button and (
            not isinstance(web_app, dict) or not str(web_app.get("url", "")).startswith("https://")
        ):
            raise bad_request("BUTTON_URL_INVALID")
