"""A fake Telegram Bot API server for end-to-end tests.

The real aiogram bot (a real ``AiohttpSession`` pointed at ``TelegramAPIServer.from_base(base_url)``) talks
to it over 127.0.0.1, so the whole HTTP path is exercised.  Where it matters the fake behaves like Telegram:
HTML is parsed the way tdlib parses it (same errors, UTF-16 offsets), text is cleaned and trimmed like
``fix_formatted_text``, limits and keyboards are validated, and getUpdates has real offset/long-poll semantics.
Tests drive the bot with ``send_message``/``press``… and inspect ``calls`` and ``messages``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import sys
import time
from array import array
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from aiohttp import web

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
BOT_ID = 123456
BOT_USERNAME = "zhergilikti_test_bot"
BOT_NAME = "Zhergilikti Test Bot"
DEFAULT_USER_ID = 1001
MAX_TEXT_UTF16 = 4096
MAX_CALLBACK_ANSWER = 200

# Form fields that Telegram (and aiogram) transport as JSON strings.
JSON_FIELDS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "scope", "commands", "reply_parameters",
        "link_preview_options", "results", "allowed_updates", "media", "menu_button", "reaction", "options",
    }
)  # fmt: skip
ALL_BY_DEFAULT_EXCEPT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
)  # fmt: skip
CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note",
    }
)  # fmt: skip
SCOPE_TYPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators",
     "chat_member"}
)  # fmt: skip
COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_INCOMING_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?=\s|$)")

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"


class ApiError(Exception):
    """A refusal, rendered as ``{"ok": false, ...}`` with the same HTTP status as Telegram uses."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def bad_request(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what}")


# --------------------------------------------------------------------------------------------- UTF-16 helpers


def utf16_len(text: str) -> int:
    """Telegram measures offsets and limits in UTF-16 code units (astral characters count twice)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def utf16_slice(text: str, offset: int, length: int) -> str:
    data = text.encode("utf-16-le")
    return data[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def _units(text: str) -> array[int]:
    units = array("H")
    units.frombytes(text.encode("utf-16-le"))
    if sys.byteorder == "big":  # pragma: no cover
        units.byteswap()
    return units


def _from_units(units: array[int]) -> str:
    copy = array("H", units)
    if sys.byteorder == "big":  # pragma: no cover
        copy.byteswap()
    return copy.tobytes().decode("utf-16-le")


# ------------------------------------------------------------------------------------- Telegram HTML parsing

_HTML_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre",
     "code", "blockquote"}
)  # fmt: skip
_SIMPLE_TAGS = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
    "span": "spoiler",
}  # fmt: skip
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = frozenset(" \t\r\n\v\0")
_HEX = "0123456789abcdefABCDEF"


class HtmlError(Exception):
    """A parse error; the message is tdlib's, the API prefixes it with "can't parse entities: "."""


def _byte_offset(src: str, index: int) -> int:
    return len(src[:index].encode("utf-8"))


def _decode_entity(s: str, pos: int) -> tuple[str, int] | None:
    """tdlib's decode_html_entity on a NUL-terminated string: (character, position after it) or None."""
    end = pos + 1
    code = 0
    if s[pos + 1] == "#":
        end += 1
        if s[pos + 2] == "x":
            end += 1
            while s[end] in _HEX and s[end] != "\0":
                code = code * 16 + int(s[end], 16)
                end += 1
        else:
            while "0" <= s[end] <= "9":
                code = code * 10 + int(s[end])
                end += 1
        if code == 0 or code >= 0x10FFFF or end - pos >= 10:
            return None
    else:
        while s[end].isascii() and s[end].isalpha():
            end += 1
        char = _NAMED_ENTITIES.get(s[pos + 1 : end])
        if char is None:
            return None
        code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        raise HtmlError(
            "Text contains invalid Unicode characters after decoding HTML entities, check for unmatched "
            "surrogate code units"
        )
    if s[end] == ";":
        end += 1
    return chr(code), end


def check_link(url: str) -> str | None:
    """Roughly tdlib's get_checked_link: normalise an href, or None when Telegram would drop the link."""
    url = url.strip()
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    if match and match.group(1).lower() in {"tg", "ton"}:
        return url
    if match and "//" in url[match.end() : match.end() + 2]:
        if match.group(1).lower() not in {"http", "https"}:
            return None
    else:
        url = "http://" + url
    parts = urlsplit(url)
    host = parts.hostname or ""
    if "." not in host or " " in url:
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", parts.query, parts.fragment))


def _link_entity(url: str, offset: int, length: int) -> dict[str, Any] | None:
    mention = re.fullmatch(r"tg://user\?id=(\d+)", url)
    if mention:
        user = {"id": int(mention.group(1)), "is_bot": False, "first_name": "User"}
        return {"type": "text_mention", "offset": offset, "length": length, "user": user}
    checked = check_link(url)
    return None if checked is None else {"type": "text_link", "offset": offset, "length": length, "url": checked}


def parse_html(src: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram's HTML subset into (plain text, entities) exactly as tdlib's parse_html does.

    A port of the C++ scanner (including its error messages and byte offsets), plus one strictness: a named
    entity such as ``&nbsp;`` is an error here, whereas Telegram would silently show it literally.
    """
    s = src + "\0"
    out: list[str] = []
    u16 = 0
    stack: list[tuple[str, str, int, int]] = []  # tag, argument, utf-16 offset, index into `out`
    entities: list[dict[str, Any]] = []
    i = 0
    while i < len(src):
        c = s[i]
        if c == "&":
            decoded = _decode_entity(s, i)
            if decoded is not None:
                out.append(decoded[0])
                u16 += utf16_len(decoded[0])
                i = decoded[1]
                continue
            unknown = re.match(r"&([A-Za-z][A-Za-z0-9]*);", src[i:])
            if unknown:
                raise HtmlError(f'Unsupported HTML entity "{unknown.group(0)}" at byte offset {_byte_offset(src, i)}')
        if c != "<":
            out.append(c)
            u16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        i += 1
        if s[i] != "/":
            while s[i] not in _SPACES and s[i] != ">":
                i += 1
            if s[i] == "\0":
                raise HtmlError(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
            tag = s[begin + 1 : i].lower()
            if tag not in _HTML_TAGS:
                raise HtmlError(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(src, begin)}')
            argument, i = _parse_attributes(src, s, i, tag, begin)
            stack.append((tag, argument, u16, len(out)))
            i += 1  # the '>'
            continue

        if not stack:
            raise HtmlError(f"Unexpected end tag at byte offset {_byte_offset(src, begin)}")
        while s[i] not in _SPACES and s[i] != ">":
            i += 1
        end_tag = s[begin + 2 : i].lower()
        while s[i] in _SPACES and s[i] != "\0":
            i += 1
        if s[i] != ">":
            raise HtmlError(f"Unclosed end tag at byte offset {_byte_offset(src, begin)}")
        tag, argument, offset, out_pos = stack.pop()
        if end_tag and end_tag != tag:
            where = _byte_offset(src, begin)
            raise HtmlError(f'Unmatched end tag at byte offset {where}, expected "</{tag}>", found "</{end_tag}>"')
        if u16 > offset:
            _close_entity(entities, tag, argument, offset, u16 - offset, "".join(out[out_pos:]))
        i += 1
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    for entity in entities:
        entity.pop("_language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def _parse_attributes(src: str, s: str, i: int, tag: str, begin: int) -> tuple[str, int]:
    """Scan the attributes of a start tag; return (the tag's argument, index of the closing '>')."""
    argument = ""
    where = f'"{tag}" at byte offset {_byte_offset(src, begin)}'
    while s[i] != ">":
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] == ">":
            break
        name_begin = i
        while s[i] not in _SPACES and s[i] not in "=>":
            i += 1
        name = s[name_begin:i]
        if not name:
            raise HtmlError(f"Empty attribute name in the tag {where}")
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] != "=":
            if tag == "blockquote" and name == "expandable":
                argument = "expandable"
                continue
            raise HtmlError(f"Expected equal sign in declaration of an attribute of the tag {where}")
        i += 1
        while s[i] != "\0" and s[i] in _SPACES:
            i += 1
        if s[i] == "\0":
            raise HtmlError(f"Unclosed start tag {where}")
        if s[i] not in "'\"":
            token_begin = i
            while (s[i].isascii() and s[i].isalnum()) or s[i] in ".-":
                i += 1
            value = s[token_begin:i].lower()
            if s[i] not in _SPACES and s[i] != ">":
                raise HtmlError(f"Unexpected end of name token at byte offset {_byte_offset(src, token_begin)}")
        else:
            quote = s[i]
            i += 1
            chars: list[str] = []
            while s[i] != quote and s[i] != "\0":
                if s[i] == "&" and (decoded := _decode_entity(s, i)) is not None:
                    chars.append(decoded[0])
                    i = decoded[1]
                    continue
                chars.append(s[i])
                i += 1
            if s[i] == quote:
                i += 1
            value = "".join(chars)
        if s[i] == "\0":
            raise HtmlError(f"Unclosed start tag at byte offset {_byte_offset(src, begin)}")
        if (tag, name) in {("a", "href"), ("tg-emoji", "emoji-id")}:
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[len("language-") :]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[len("tg-") :]
    if tag == "span" and argument != "spoiler":
        raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(src, begin)}')
    return argument, i


def _close_entity(
    entities: list[dict[str, Any]], tag: str, argument: str, offset: int, length: int, inner: str
) -> None:
    """Append the entity for a closed tag (merging <pre><code class="language-x"> like tdlib)."""
    last = entities[-1] if entities else None
    same_span = last is not None and last["offset"] == offset and last["length"] == length
    if tag in _SIMPLE_TAGS:
        entities.append({"type": _SIMPLE_TAGS[tag], "offset": offset, "length": length})
    elif tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise HtmlError("Invalid custom emoji identifier specified")
        entities.append({"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": argument})
    elif tag == "a":
        link = _link_entity(argument or inner, offset, length)
        if link is not None:
            entities.append(link)
    elif tag == "pre":
        if last is not None and same_span and last["type"] == "code" and last.get("_language"):
            last.update(type="pre", language=last.pop("_language"))
        else:
            entities.append({"type": "pre", "offset": offset, "length": length})
    elif tag == "code":
        if last is not None and same_span and last["type"] == "pre" and argument and "language" not in last:
            last["language"] = argument
        else:
            entities.append({"type": "code", "offset": offset, "length": length, "_language": argument})
    else:  # blockquote
        kind = "expandable_blockquote" if argument == "expandable" else "blockquote"
        entities.append({"type": kind, "offset": offset, "length": length})


# ------------------------------------------------------------------------- Telegram's fix_formatted_text subset

_ENTITY_TYPES = frozenset(
    {"mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bold", "italic", "underline",
     "strikethrough", "spoiler", "blockquote", "expandable_blockquote", "code", "pre", "text_link", "text_mention",
     "custom_emoji"}
)  # fmt: skip
_BLANK = (0x20, 0x0A)


def fix_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Clean text and entities the way Telegram stores a message.

    '\\r' is removed and other control characters become spaces; entities lose leading blanks and vanish
    when blank-only; trailing blanks of the message and leading blanks before the first entity are trimmed.
    (URL/mention auto-detection is not emulated.)
    """
    units = _units(text)
    total = len(units)
    checked: list[dict[str, Any]] = []
    for entity in entities:
        offset, length = entity.get("offset"), entity.get("length")
        if entity.get("type") not in _ENTITY_TYPES or not isinstance(offset, int) or not isinstance(length, int):
            raise bad_request(f"can't parse entities: unsupported or malformed entity {entity!r}")
        if offset < 0 or length < 0 or offset + length > total:
            raise bad_request(
                f"can't parse entities: Entity beginning at UTF-16 offset {offset} ends after the end of the text "
                f"at UTF-16 offset {offset + length}"
            )
        if length:
            checked.append(dict(entity))

    cleaned = array("H")
    new_index = []
    for unit in units:
        new_index.append(len(cleaned))
        if unit == 0x0D:
            continue
        cleaned.append(0x20 if unit < 0x20 and unit != 0x0A else unit)
    new_index.append(len(cleaned))

    kept: list[dict[str, Any]] = []
    for entity in checked:
        start, end = new_index[entity["offset"]], new_index[entity["offset"] + entity["length"]]
        while start < end and cleaned[start] in _BLANK:
            start += 1
        if start < end:
            entity.update(offset=start, length=end - start)
            kept.append(entity)

    stop = len(cleaned)
    while stop and cleaned[stop - 1] in _BLANK:
        stop -= 1
    first_entity = min((e["offset"] for e in kept), default=stop)
    begin = 0
    while begin < min(first_entity, stop) and cleaned[begin] in _BLANK:
        begin += 1
    result: list[dict[str, Any]] = []
    for entity in kept:
        end = min(entity["offset"] + entity["length"], stop)
        if end > entity["offset"]:
            entity.update(offset=entity["offset"] - begin, length=end - entity["offset"])
            result.append(entity)
    result.sort(key=lambda e: (e["offset"], -e["length"]))
    return _from_units(cleaned[begin:stop]), result


# ------------------------------------------------------------------------------------------------ data model


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
    id: int
    type: str = "private"
    title: str | None = None


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
            text = repr(value)
            shown.append(f"{key}={text[:100] + '…' if len(text) > 100 else text}")
        outcome = f" -> {self.error[0]} {self.error[1]}" if self.error else ""
        return f"{self.method}({', '.join(shown)}){outcome}"


@dataclass
class SentMessage:
    """Live state of a message the bot sent: edits are applied to this very object."""

    chat_id: int
    message_id: int
    html: str | None  # the raw text as sent when parse_mode was HTML
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


@dataclass
class _Fault:
    remaining: int
    status: int = 0
    retry_after: int | None = None
    description: str | None = None
    seconds: float = 0.0


@dataclass
class _Query:
    chat_id: int
    message_id: int
    answer: dict[str, Any] | None = None


class _Signal:
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


def _param_int(params: dict[str, Any], name: str, missing: str) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(missing)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def _param_bool(params: dict[str, Any], name: str) -> bool:
    return str(params.get(name, "")).lower() in {"true", "1"}


_DEFAULT_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict",
}


# ---------------------------------------------------------------------------------------------- the server


class FakeTelegram:
    """In-process Bot API server plus the test-side API to drive the bot and inspect what it did."""

    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.bot_id = int(token.split(":", 1)[0])
        self.base_url = ""
        self.calls: list[Call] = []
        self.polls: list[Call] = []  # getUpdates requests, kept apart from `calls` to keep dumps readable
        self.updates: list[dict[str, Any]] = []  # every update ever enqueued (history)
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.answers: dict[str, dict[str, Any]] = {}  # callback query id -> answerCallbackQuery params
        self.blocked: set[int] = set()  # chats whose user "blocked the bot": sending there gives 403
        self.internal_errors: list[Exception] = []  # crashes of the fake itself (the fixture asserts none)
        self._pending: list[dict[str, Any]] = []  # unconfirmed updates
        self._allowed: set[str] | None = None
        self._next_update_id = 1
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, FakeUser] = {}  # private chat id -> its user
        self._next_message_id: dict[int, int] = {}
        self._incoming: dict[tuple[int, int], dict[str, Any]] = {}  # messages users sent
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._queries: dict[str, _Query] = {}
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[_Fault]] = {}
        self._poll_generation = 0
        self._inflight = 0
        self._last_activity = time.monotonic()
        self._update_signal = _Signal()
        self._call_signal = _Signal()
        self._closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._methods = {
            "getme": self._get_me,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "close": self._ok,
            "logout": self._ok,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendchataction": self._send_chat_action,
            "setchatmenubutton": self._set_chat_menu_button,
        }

    # ------------------------------------------------------------------------------------------ lifecycle

    async def start(self) -> str:
        """Listen on 127.0.0.1 (a free port) and return the base URL for ``TelegramAPIServer.from_base``."""
        if self._runner is not None:
            raise RuntimeError("FakeTelegram already started")
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        return self.base_url

    async def stop(self) -> None:
        """Wake pending long polls (they answer []) and delays, then shut the server down."""
        self._closing.set()
        self._update_signal.fire()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    # ------------------------------------------------------------------------------------- inspecting calls

    def mark(self) -> int:
        return len(self.calls)

    def calls_since(self, since: int, method: str | None = None) -> list[Call]:
        found = self.calls[since:]
        return found if method is None else [c for c in found if c.method.lower() == method.lower()]

    async def wait_call(self, method: str, *, since: int = 0, timeout: float = 10.0, **match: Any) -> Call:
        """First call of ``method`` at index >= since whose params match (``str(value) == str(param)``)."""
        deadline = time.monotonic() + timeout
        while True:
            for call in self.calls[since:]:
                if call.method.lower() == method.lower() and all(
                    key in call.params and str(call.params[key]) == str(value) for key, value in match.items()
                ):
                    return call
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                wanted = ", ".join([repr(method), *(f"{k}={v!r}" for k, v in match.items())])
                raise AssertionError(f"wait_call({wanted}) timed out after {timeout}s\n{self.dump(since)}")
            await self._call_signal.wait(remaining)

    async def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until every update is confirmed, no request is in flight and nothing happened for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        while True:
            now = time.monotonic()
            if not self._pending and not self._inflight and now - self._last_activity >= quiet:
                return
            if now >= deadline:
                raise AssertionError(
                    f"not idle after {timeout}s: {len(self._pending)} unconfirmed updates, "
                    f"{self._inflight} requests in flight\n{self.dump(max(0, len(self.calls) - 15))}"
                )
            await asyncio.sleep(0.02)

    def dump(self, since: int = 0) -> str:
        """Readable listing of calls from index ``since`` (for assertion messages)."""
        lines = [f"  #{n} {call.describe()}" for n, call in enumerate(self.calls[since:], start=since)]
        head = f"calls since #{since} ({len(self.polls)} getUpdates polls, {len(self._pending)} unconfirmed updates):"
        return "\n".join([head, *(lines or ["  (none)"])])

    def messages(self, chat_id: int, *, include_deleted: bool = False) -> list[SentMessage]:
        """The bot's messages in this chat, oldest first."""
        found = [m for (chat, _), m in self._sent.items() if chat == chat_id and (include_deleted or not m.deleted)]
        return sorted(found, key=lambda m: m.message_id)

    def message(self, chat_id: int, message_id: int) -> SentMessage:
        sent = self._sent.get((chat_id, message_id))
        if sent is None:
            known = [m.message_id for m in self.messages(chat_id, include_deleted=True)]
            raise AssertionError(f"bot sent no message {message_id} in chat {chat_id}; it sent {known}")
        return sent

    # --------------------------------------------------------------------------------------- driving the bot

    def add_update(self, update: dict[str, Any]) -> int:
        """Enqueue a raw update (its update_id is assigned here) and return the update_id."""
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
        self._pending.append(update)
        self._last_activity = time.monotonic()
        self._update_signal.fire()
        return update_id

    def send_message(
        self,
        text: str,
        *,
        user: FakeUser | None = None,
        chat: FakeChat | None = None,
        reply_to: int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> int:
        """A user writes ``text``; a leading /command gets its bot_command entity like in Telegram."""
        message = self._incoming_message(user, chat)
        message["text"] = text
        found = [dict(e) for e in entities or []]
        command = _INCOMING_COMMAND_RE.match(text)
        if command and not any(e["type"] == "bot_command" and e["offset"] == 0 for e in found):
            found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
        if found:
            message["entities"] = sorted(found, key=lambda e: (e["offset"], -e["length"]))
        if reply_to is not None:
            chat_id = message["chat"]["id"]
            replied = self._message_dict(chat_id, reply_to, nested=True)
            if replied is None:
                raise AssertionError(f"no message {reply_to} in chat {chat_id} to reply to")
            message["reply_to_message"] = replied
        return self._enqueue_incoming(message)

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
        message = self._incoming_message(user, chat)
        message[kind] = payloads[kind]
        return self._enqueue_incoming(message)

    def press(self, message: SentMessage, data: str, *, user: FakeUser | None = None) -> int:
        """A user presses a button carrying ``data`` under ``message`` (not checked against the markup)."""
        user = user or self._users.get(message.chat_id) or FakeUser(id=DEFAULT_USER_ID)
        update_id = self._next_update_id
        query_id = self.query_id(update_id)
        self._queries[query_id] = _Query(message.chat_id, message.message_id)
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

    # ----------------------------------------------------------------------------------------------- faults

    def fail(
        self,
        method: str,
        *,
        status: int = 429,
        times: int = 1,
        retry_after: int | None = 1,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` are refused with ``status``."""
        fault = _Fault(times, status, retry_after if status == 429 else None, description)
        self._faults.setdefault(method.lower(), []).append(fault)

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` wait ``seconds`` before being processed."""
        self._delays.setdefault(method.lower(), []).append(_Fault(times, seconds=seconds))

    @staticmethod
    def _take(queue: dict[str, list[_Fault]], method: str) -> _Fault | None:
        faults = queue.get(method)
        if not faults:
            return None
        fault = faults[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            faults.pop(0)
        return fault

    @staticmethod
    def _fault_error(fault: _Fault) -> ApiError:
        if fault.status == 429:
            retry = fault.retry_after or 1
            text = fault.description or f"Too Many Requests: retry after {retry}"
            return ApiError(429, text, {"retry_after": retry})
        default = "Internal Server Error" if fault.status >= 500 else _DEFAULT_STATUS_TEXT.get(fault.status, "Error")
        return ApiError(fault.status, fault.description or default)

    # --------------------------------------------------------------------------------------------- HTTP layer

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        is_poll = method.lower() == "getupdates"
        call = Call(method, {})
        if not is_poll:
            self._inflight += 1
        try:
            call.params = await self._read_params(request)
            call.result = await self._dispatch(request.match_info["token"], method.lower(), call.params)
            status, payload = 200, {"ok": True, "result": call.result}
        except ApiError as error:
            call.error = (error.status, error.description)
            status = error.status
            payload = {"ok": False, "error_code": error.status, "description": error.description}
            if error.parameters:
                payload["parameters"] = error.parameters
        except Exception as error:  # a bug in the fake itself: make it loud in dumps and in the fixture
            self.internal_errors.append(error)
            call.error = (500, f"Internal Server Error: fake_telegram crashed: {error!r}")
            status, payload = 500, {"ok": False, "error_code": 500, "description": call.error[1]}
        finally:
            if not is_poll:
                self._inflight -= 1
        call.at = time.monotonic()
        if is_poll:
            self.polls.append(call)
            if call.result:
                self._last_activity = call.at
        else:
            self.calls.append(call)
            self._last_activity = call.at
            self._call_signal.fire()
        return web.json_response(payload, status=status)

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        """Query string + urlencoded/multipart form or JSON body; JSON fields decoded."""
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            for key, value in (body or {}).items():
                scalar = isinstance(value, bool | int | float)
                params[key] = str(value).lower() if isinstance(value, bool) else str(value) if scalar else value
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    content = value.file.read()
                    value.file.close()
                    value = {"filename": value.filename, "content_type": value.content_type, "size": len(content)}
                params[key] = value
        for key in JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    what = "reply keyboard markup" if key == "reply_markup" else key
                    raise bad_request(f"can't parse {what} JSON object") from None
        return params

    async def _dispatch(self, token: str, method: str, params: dict[str, Any]) -> Any:
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        if method != "getupdates" and method not in self._methods:
            raise ApiError(404, "Not Found: method not found")
        delay = self._take(self._delays, method)
        if delay is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay.seconds)
        fault = self._take(self._faults, method)
        if fault is not None:
            raise self._fault_error(fault)
        if method == "getupdates":
            return await self._get_updates(params)
        return self._methods[method](params)

    # ------------------------------------------------------------------------------------------------- state

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": BOT_NAME, "username": self.username}

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

    def _incoming_message(self, user: FakeUser | None, chat: FakeChat | None) -> dict[str, Any]:
        user = user or FakeUser(id=DEFAULT_USER_ID)
        chat = chat or FakeChat(id=user.id)
        if chat.type == "private":
            chat_dict: dict[str, Any] = {"id": chat.id, "type": "private", "first_name": user.first_name}
            if user.username:
                chat_dict["username"] = user.username
            self._users[chat.id] = user
        else:
            chat_dict = {"id": chat.id, "type": chat.type, "title": chat.title or "Test group"}
        self._chats[chat.id] = chat_dict
        return {
            "message_id": self._new_message_id(chat.id),
            "from": user.to_dict(),
            "chat": chat_dict,
            "date": int(time.time()),
        }

    def _enqueue_incoming(self, message: dict[str, Any]) -> int:
        self._incoming[(message["chat"]["id"], message["message_id"])] = message
        return self.add_update({"message": message})

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
            "from": self._bot_user(),
            "chat": self._chats[chat_id],
            "date": sent.date,
            "text": sent.text,
        }
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

    def _rows(self, message: SentMessage) -> list[list[dict[str, Any]]]:
        return list((message.reply_markup or {}).get("inline_keyboard") or [])

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
        return chat_id

    def _formatted(self, params: dict[str, Any]) -> tuple[str, list[dict[str, Any]], str | None]:
        """(text, entities, parse_mode) after parsing and Telegram's cleaning, or the Telegram error."""
        raw = params.get("text")
        if not isinstance(raw, str) or not raw:
            raise bad_request("message text is empty")
        mode = params.get("parse_mode") or None
        given = params.get("entities")
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
            raise bad_request("message text is empty")
        if utf16_len(text) > MAX_TEXT_UTF16:
            raise bad_request("message is too long")
        return text, entities, mode

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
            target, allow = int(params["reply_to_message_id"]), _param_bool(params, "allow_sending_without_reply")
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
        message_id = _param_int(params, "message_id", "message identifier is not specified")
        sent = self._sent.get((chat_id, message_id))
        if sent is None or sent.deleted:
            if (chat_id, message_id) in self._incoming:
                raise bad_request("message can't be edited")
            raise bad_request("message to edit not found")
        return sent

    def _message_result(self, sent: SentMessage) -> dict[str, Any]:
        result = self._message_dict(sent.chat_id, sent.message_id)
        assert result is not None
        return result

    # --------------------------------------------------------------------------------------- method handlers

    def _ok(self, params: dict[str, Any]) -> bool:
        return True

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if _param_bool(params, "drop_pending_updates"):
            self._pending.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._pending)}

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Confirm updates below ``offset``, then return pending ones, long-polling up to ``timeout`` s.

        A newer getUpdates request terminates a waiting older one with 409 Conflict, as Telegram does.
        """
        try:
            offset = int(params.get("offset") or 0)
            limit = min(max(int(params.get("limit") or 100), 1), 100)
            timeout = max(float(params.get("timeout") or 0), 0.0)
        except ValueError:
            raise bad_request("wrong offset, limit or timeout specified") from None
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = set(allowed) or None
        if offset < 0:
            self._pending = self._pending[offset:]
        elif offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self._update_signal.fire()  # wakes an older waiting poll so it can fail with 409
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT)
            self._pending = [u for u in self._pending if self._is_allowed(u)]
            batch = [u for u in self._pending if u["update_id"] >= offset][:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing.is_set():
                return batch
            await self._update_signal.wait(remaining)

    def _is_allowed(self, update: dict[str, Any]) -> bool:
        kind = next(key for key in update if key != "update_id")
        return kind in self._allowed if self._allowed is not None else kind not in ALL_BY_DEFAULT_EXCEPT

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
        message_id = _param_int(params, "message_id", "message identifier is not specified")
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

    def _send_chat_action(self, params: dict[str, Any]) -> bool:
        chat_id = self._chat_id(params)
        action = params.get("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.chat_actions.append((chat_id, str(action)))
        return True

    def _set_chat_menu_button(self, params: dict[str, Any]) -> bool:
        chat_id = self._chat_id(params) if params.get("chat_id") not in (None, "") else None
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in {"default", "commands", "web_app"}:
            raise bad_request("can't parse menu button JSON object")
        self.menu_buttons[chat_id] = button
        return True
