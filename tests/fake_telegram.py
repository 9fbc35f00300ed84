"""A fake Telegram Bot API server for end-to-end tests.

The real aiogram bot (a real ``AiohttpSession`` pointed at ``TelegramAPIServer.from_base(base_url)``) talks
to it over 127.0.0.1, so the whole HTTP path is exercised.  Where it matters the fake behaves like Telegram:
HTML is parsed the way tdlib parses it (same errors, UTF-16 offsets), text is cleaned and trimmed like
``fix_formatted_text``, limits and keyboards are validated, and getUpdates has real offset/long-poll semantics.
Groups have members, the bot's own membership and privacy mode; inline queries, files both ways (getFile and
the ``/file/bot<token>/<path>`` download route, sendPhoto/sendDocument uploads) and per-group flood control
are emulated too, and polls with votes (tests/fake_polls.py).  Tests drive the bot with ``send_message``/
``press``/``send_inline_query``/``send_document``/``answer_poll``… and inspect ``calls`` and ``messages``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import mimetypes
import random
import re
import string
import struct
import sys
import time
from array import array
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from aiohttp import ClientSession, web

from tests.fake_polls import PollsMixin

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
BOT_ID = 123456
BOT_USERNAME = "zhergilikti_test_bot"
BOT_NAME = "Zhergilikti Test Bot"
DEFAULT_USER_ID = 1001
MAX_TEXT_UTF16 = 4096
MAX_CAPTION_UTF16 = 1024
MAX_CALLBACK_ANSWER = 200
MAX_INLINE_RESULTS = 50
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024  # getFile refuses bigger files ("file is too big")
# group_limit forgives a send this much early: a bot pacing itself exactly at the limit by its own clock must not
# be refused because its first request of a window took a millisecond longer to arrive than a later one.
FLOOD_JITTER = 0.05
GROUP_ANONYMOUS_BOT = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}

# Form fields that Telegram (and aiogram) transport as JSON strings.
JSON_FIELDS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "scope", "commands", "reply_parameters",
        "link_preview_options", "results", "allowed_updates", "media", "menu_button", "reaction", "options",
        "button",
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
INLINE_RESULT_TYPES = frozenset(
    {"article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document", "location", "venue", "contact",
     "game", "sticker"}
)  # fmt: skip
INLINE_CHAT_TYPES = frozenset({"sender", "private", "group", "supergroup", "channel"})
START_PARAM_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
MIME_TYPES = {
    ".pdf": "application/pdf", ".txt": "text/plain", ".csv": "text/csv", ".json": "application/json",
    ".doc": "application/msword", ".zip": "application/zip", ".png": "image/png", ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}  # fmt: skip

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"
NO_FILE = "wrong file identifier/HTTP URL specified"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
WEBHOOK_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


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


# ----------------------------------------------------------------- entities Telegram finds in users' text

_USERNAME_CHARS = frozenset(string.ascii_letters + string.digits + "_")


def _is_word_char(ch: str) -> bool:
    """tdlib's is_word_character: a letter, a number or '_'."""
    return ch == "_" or ch.isalnum()


def _run_end(text: str, i: int) -> int:
    while i < len(text) and text[i] in _USERNAME_CHARS:
        i += 1
    return i


def find_mentions(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of @username mentions, as tdlib's match_mentions finds them."""
    spans = []
    i = text.find("@")
    while i != -1:
        if i and _is_word_char(text[i - 1]):
            i = text.find("@", i + 1)
            continue
        end = _run_end(text, i + 1)
        if 2 <= end - i - 1 <= 32 and not (end < len(text) and _is_word_char(text[end])):
            spans.append((i, end))
        i = text.find("@", max(end, i + 1))
    return spans


def find_bot_commands(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of /command and /command@bot, as tdlib's match_bot_commands finds them."""
    spans = []
    i = text.find("/")
    while i != -1:
        if i and (_is_word_char(text[i - 1]) or text[i - 1] in "/<>"):
            i = text.find("/", i + 1)
            continue
        end = _run_end(text, i + 1)
        resume = max(end, i + 1)
        if 1 <= end - i - 1 <= 64:
            valid = True
            if end < len(text) and text[end] == "@":
                mention_end = _run_end(text, end + 1)
                valid = 3 <= mention_end - end - 1 <= 32
                end = resume = mention_end
            following = text[end] if end < len(text) else ""
            if valid and not (following and (_is_word_char(following) or following in "/<>")):
                spans.append((i, end))
        i = text.find("/", resume)
    return spans


def detect_entities(text: str, given: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """``given`` plus the bot_command and mention entities Telegram adds to a user's text (UTF-16 offsets).

    A given entity of the same type at the same offset wins.  URLs, hashtags etc. are not detected.
    """
    found = [dict(entity) for entity in given or []]
    taken = {(entity.get("type"), entity.get("offset")) for entity in found}
    spans = [("bot_command", span) for span in find_bot_commands(text)]
    spans += [("mention", span) for span in find_mentions(text)]
    for kind, (start, end) in spans:
        offset = utf16_len(text[:start])
        if (kind, offset) not in taken:
            found.append({"type": kind, "offset": offset, "length": utf16_len(text[start:end])})
    return sorted(found, key=lambda e: (e["offset"], -e["length"]))


# ------------------------------------------------------------------------------------------------ files


def guess_mime_type(filename: str) -> str:
    suffix = filename[filename.rfind(".") :].lower() if "." in filename else ""
    return MIME_TYPES.get(suffix) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG, JPEG, GIF or WebP header; None when it is not such an image."""
    size: tuple[int, int] | None = None
    if data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR" and len(data) >= 24:
        size = struct.unpack(">II", data[16:24])
    elif data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        size = struct.unpack("<HH", data[6:10])
    elif data[:2] == b"\xff\xd8":
        size = _jpeg_size(data)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        chunk = data[12:16]
        if chunk == b"VP8X":
            size = 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
        elif chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
            width, height = struct.unpack("<HH", data[26:30])
            size = width & 0x3FFF, height & 0x3FFF
        elif chunk == b"VP8L" and data[20:21] == b"\x2f":
            bits = int.from_bytes(data[21:25], "little")
            size = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if size is None or min(size) <= 0:
        return None
    return size


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:
            i += 1
            continue
        if 0xD0 <= marker <= 0xD9 or marker == 0x01:
            i += 2
            continue
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return width, height
        i += 2 + struct.unpack(">H", data[i + 2 : i + 4])[0]
    return None


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


@dataclass
class _Formatted:
    """Text (or caption) after parse_mode parsing and Telegram's cleaning."""

    text: str
    entities: list[dict[str, Any]]
    parse_mode: str | None
    html: str | None  # the raw source when it was HTML


@dataclass
class _Choice:
    """One validated inline result: what choosing it sends (``content`` None: a media result)."""

    result: dict[str, Any]
    content: _Formatted | None
    reply_markup: dict[str, Any] | None


@dataclass
class _InlineQuery:
    user: FakeUser
    query: str
    answer: dict[str, Any] | None = None
    choices: dict[str, _Choice] | None = None


@dataclass
class _File:
    file_id: str
    file_unique_id: str
    kind: str  # "photo", "document", "sticker" or "voice"
    content: bytes
    file_path: str
    file_name: str | None = None
    mime_type: str | None = None
    sizes: list[dict[str, Any]] | None = None  # a photo: all its PhotoSize objects

    def document(self) -> dict[str, Any]:
        data: dict[str, Any] = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name:
            data["file_name"] = self.file_name
        if self.mime_type:
            data["mime_type"] = self.mime_type
        data["file_size"] = len(self.content)
        return data


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


class FakeTelegram(PollsMixin):
    """In-process Bot API server plus the test-side API to drive the bot and inspect what it did."""

    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME, privacy: bool = False) -> None:
        """``privacy``: group messages reach the bot only as with Telegram's privacy mode (unless the bot is an
        admin there).  Off, the bot gets everything, like a bot that is an admin of every group it is in."""
        self.token = token
        self.username = username
        self.privacy = privacy
        self.bot_id = int(token.split(":", 1)[0])
        self.base_url = ""
        self.port = 0
        self.calls: list[Call] = []
        self.polls: list[Call] = []  # getUpdates requests, kept apart from `calls` to keep dumps readable
        self.updates: list[dict[str, Any]] = []  # every update ever enqueued (history)
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.chat_actions: list[tuple[int, str]] = []
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.answers: dict[str, dict[str, Any]] = {}  # callback query id -> answerCallbackQuery params
        self.inline_answers: dict[str, dict[str, Any]] = {}  # inline query id -> accepted answerInlineQuery params
        self.undelivered: list[dict[str, Any]] = []  # group messages Telegram would not show the bot
        self.blocked: set[int] = set()  # chats whose user "blocked the bot": sending there gives 403
        self.internal_errors: list[Exception] = []  # crashes of the fake itself (the fixture asserts none)
        # the webhook setWebhook registered (url, secret_token, allowed_updates, drop_pending_updates), if any
        self.webhook: dict[str, Any] | None = None
        self._pending: list[dict[str, Any]] = []  # unconfirmed updates
        self._allowed: set[str] | None = None
        self._next_update_id = 1
        self._chats: dict[int, dict[str, Any]] = {}
        self._users: dict[int, FakeUser] = {}  # private chat id -> its user
        self._next_message_id: dict[int, int] = {}
        self._incoming: dict[tuple[int, int], dict[str, Any]] = {}  # messages users sent
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._queries: dict[str, _Query] = {}
        self._inline: dict[str, _InlineQuery] = {}
        self._known_users: dict[int, FakeUser] = {}
        self._members: dict[int, dict[int, tuple[FakeUser, str]]] = {}  # group id -> user id -> (user, status)
        self._bot_statuses: dict[int, str] = {}  # group id -> the bot's status, once it was set
        self._files: dict[str, _File] = {}  # by file_id
        self._file_paths: dict[str, _File] = {}  # by file_path
        self._next_file = 1
        self._group_limit: tuple[int, float] | None = None
        self._group_sends: dict[int, list[float]] = {}  # group id -> monotonic times of carried-out sends
        self._faults: dict[str, list[_Fault]] = {}
        self._delays: dict[str, list[_Fault]] = {}
        self._random_faults: tuple[float, random.Random, tuple[int, ...]] = (0.0, random.Random(0), ())
        self.random_failures = 0
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
            "setwebhook": self._set_webhook,
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
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "answerinlinequery": self._answer_inline_query,
            "getfile": self._get_file,
            "sendphoto": self._send_photo,
            "senddocument": self._send_document,
            **self.poll_methods(),  # sendPoll, stopPoll (tests/fake_polls.py)
        }

    # ------------------------------------------------------------------------------------------ lifecycle

    async def start(self, port: int = 0) -> str:
        """Listen on 127.0.0.1 (``port``, or a free one) and return the base URL for
        ``TelegramAPIServer.from_base``."""
        if self._runner is not None:
            raise RuntimeError("FakeTelegram already started")
        self._closing = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        return self.base_url

    async def stop(self) -> None:
        """Wake pending long polls (they answer []) and delays, then shut the server down."""
        self._closing.set()
        self._update_signal.fire()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def outage(self, seconds: float) -> None:
        """The network is gone for ``seconds``: the server stops listening (connections are refused, open long
        polls end), then listens again on the same port with every update and message kept."""
        await self.stop()
        await asyncio.sleep(seconds)
        await self.start(self.port)

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

    async def wait_inline_answer(self, query_id: str, *, timeout: float = 10.0) -> Call:
        """The first answerInlineQuery call for ``query_id``, accepted or refused (check ``call.error``)."""
        return await self.wait_call("answerInlineQuery", inline_query_id=query_id, timeout=timeout)

    async def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until every update is confirmed, no request (file downloads included) is in flight and nothing
        happened for ``quiet`` s."""
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
        counts = f"{len(self.polls)} getUpdates polls, {len(self._pending)} unconfirmed updates"
        if self.undelivered:
            counts += f", {len(self.undelivered)} group messages not delivered to the bot"
        head = f"calls since #{since} ({counts}; downloads appear as downloadFile):"
        return "\n".join([head, *(lines or ["  (none)"])])

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

    # --------------------------------------------------------------------------------------- driving the bot

    def add_update(self, update: dict[str, Any]) -> int:
        """Enqueue a raw update (its update_id is assigned here) and return the update_id."""
        update = self._numbered(update)
        self._pending.append(update)
        self._last_activity = time.monotonic()
        self._update_signal.fire()
        return int(update["update_id"])

    async def post_to_webhook(self, update: dict[str, Any], *, secret: str | None) -> int:
        """Deliver a raw update (update_id assigned here) as Telegram does to a webhook: a JSON POST to the
        registered URL with ``secret`` in X-Telegram-Bot-Api-Secret-Token (no header when None).

        Returns the HTTP status of the bot's answer.
        """
        if self.webhook is None:
            raise AssertionError("no webhook is set (setWebhook was not called, or deleteWebhook was)")
        update = self._numbered(update)
        if not self._is_allowed(update):
            raise AssertionError(f"Telegram would not deliver {update!r}: allowed_updates={self._allowed}")
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        async with ClientSession() as session, session.post(self.webhook["url"], json=update,
                                                            headers=headers) as answer:
            await answer.read()
        self._last_activity = time.monotonic()  # wait_idle gives the bot time to start handling it
        return answer.status

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
        message = self._incoming_message(user, chat, anonymous_admin=anonymous_admin)
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
        message = self._incoming_message(user, chat)
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
        message = self._incoming_message(user, chat)
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
        message = self._incoming_message(user, chat)
        message["new_chat_members"] = [user.to_dict()]
        self._members[chat.id][user.id] = (user, "member")
        return self._enqueue_incoming(message)

    # ---------------------------------------------------------------------------------------- membership

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

    # ------------------------------------------------------------------------------------------- inline mode

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

    def fail_randomly(self, rate: float, *, seed: int = 0, statuses: tuple[int, ...] = (429, 500, 502)) -> None:
        """From now on every call (getUpdates included) fails with probability ``rate``, with one of
        ``statuses`` (429 asks to retry after 1 s) and is not carried out.  ``rate`` 0 stops it;
        ``random_failures`` counts the failures so far."""
        self._random_faults = (rate, random.Random(seed), statuses)

    def delay(self, method: str, seconds: float, *, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` wait ``seconds`` before being processed."""
        self._delays.setdefault(method.lower(), []).append(_Fault(times, seconds=seconds))

    def group_limit(self, messages: int, per_seconds: float) -> None:
        """Telegram's flood control in groups: beyond ``messages`` sends to one group (chat id < 0) within a
        sliding ``per_seconds`` window (less FLOOD_JITTER; times are when requests arrive), a send* call gets
        429 "retry after N" and is not carried out."""
        if messages < 1 or per_seconds <= 0:
            raise ValueError("group_limit needs messages >= 1 and per_seconds > 0")
        self._group_limit = (messages, per_seconds)

    def _flood_chat(self, method: str, params: dict[str, Any]) -> int | None:
        """The group a message-sending call goes to, when group flood control applies to it."""
        if self._group_limit is None or not method.startswith("send") or method == "sendchataction":
            return None
        try:
            chat_id = int(params.get("chat_id") or 0)
        except (TypeError, ValueError):
            return None
        return chat_id if chat_id < 0 else None

    def _check_flood(self, chat_id: int, now: float) -> None:
        assert self._group_limit is not None
        messages, per_seconds = self._group_limit
        window = [t for t in self._group_sends.get(chat_id, []) if now - t < per_seconds - FLOOD_JITTER]
        self._group_sends[chat_id] = window
        if len(window) >= messages:
            retry = max(1, math.ceil(window[-messages] + per_seconds - now))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})

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

    def _random_fault(self) -> _Fault | None:
        rate, rng, statuses = self._random_faults
        if rate <= 0 or rng.random() >= rate:
            return None
        self.random_failures += 1
        return _Fault(1, rng.choice(statuses), retry_after=1)

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
        received = time.monotonic()
        method = request.match_info["method"]
        is_poll = method.lower() == "getupdates"
        call = Call(method, {})
        if not is_poll:
            self._inflight += 1
        try:
            call.params = await self._read_params(request)
            call.result = await self._dispatch(request.match_info["token"], method.lower(), call.params, received)
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
                    value = {"filename": value.filename, "content_type": value.content_type, "size": len(content),
                             "content": content}  # fmt: skip
                params[key] = value
        for key in JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    what = "reply keyboard markup" if key == "reply_markup" else key
                    raise bad_request(f"can't parse {what} JSON object") from None
        return params

    async def _dispatch(self, token: str, method: str, params: dict[str, Any], received: float) -> Any:
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        if method != "getupdates" and method not in self._methods:
            raise ApiError(404, "Not Found: method not found")
        delay = self._take(self._delays, method)
        if delay is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay.seconds)
        fault = self._take(self._faults, method) or self._random_fault()
        if fault is not None:
            raise self._fault_error(fault)
        if method == "getupdates":
            return await self._get_updates(params)
        flood_chat = self._flood_chat(method, params)
        if flood_chat is not None:
            self._check_flood(flood_chat, received)
        result = self._methods[method](params)
        if flood_chat is not None:  # counted from when the request arrived
            self._group_sends.setdefault(flood_chat, []).append(received)
        return result

    async def _handle_file(self, request: web.Request) -> web.Response:
        """GET /file/bot<token>/<file_path>: the bytes, recorded in ``calls`` as a ``downloadFile`` call."""
        call = Call("downloadFile", {"file_path": request.match_info["path"]})
        file = self._file_paths.get(request.match_info["path"])
        if request.match_info["token"] != self.token:
            call.error = (401, "Unauthorized")
        elif file is None:
            call.error = (404, "Not Found")
        else:
            call.result = {"file_id": file.file_id, "size": len(file.content)}
            response = web.Response(body=file.content, content_type=file.mime_type or "application/octet-stream")
        if call.error:
            body = {"ok": False, "error_code": call.error[0], "description": call.error[1]}
            response = web.json_response(body, status=call.error[0])
        call.at = time.monotonic()
        self.calls.append(call)
        self._last_activity = call.at
        self._call_signal.fire()
        return response

    # ------------------------------------------------------------------------------------------------- state

    def _bot_user(self) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": BOT_NAME, "username": self.username}

    def _new_message_id(self, chat_id: int) -> int:
        self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
        return self._next_message_id[chat_id]

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

    def _incoming_message(
        self, user: FakeUser | None, chat: FakeChat | None, *, anonymous_admin: bool = False
    ) -> dict[str, Any]:
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

    def _add_file(
        self,
        kind: str,
        file_id: str,
        file_unique_id: str,
        content: bytes,
        *,
        sizes: list[dict[str, Any]] | None = None,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> _File:
        """Keep a file so that getFile knows it and the file route serves it."""
        n = self._next_file
        self._next_file += 1
        folder = {"photo": "photos", "document": "documents", "sticker": "stickers", "voice": "voice"}[kind]
        suffix = {"photo": ".jpg", "sticker": ".webp", "voice": ".oga"}.get(kind, "")
        if kind == "document" and file_name and "." in file_name:
            suffix = file_name[file_name.rfind(".") :]
        path = f"{folder}/file_{n}{suffix}"
        file = _File(file_id, file_unique_id, kind, content, path, file_name, mime_type, sizes)
        self._files[file_id] = file
        self._file_paths[path] = file
        return file

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
        status = self._bot_status_in(chat_id)
        if status == "kicked":
            raise ApiError(403, f"Forbidden: bot was kicked from the {self._chats[chat_id]['type']} chat")
        if status == "left":
            raise ApiError(403, f"Forbidden: bot is not a member of the {self._chats[chat_id]['type']} chat")
        return chat_id

    def _formatted(self, params: dict[str, Any]) -> tuple[str, list[dict[str, Any]], str | None]:
        """(text, entities, parse_mode) of a sendMessage/editMessageText after parsing and cleaning."""
        found = self._parse_formatted(
            params.get("text"), params.get("parse_mode"), params.get("entities"),
            limit=MAX_TEXT_UTF16, empty="message text is empty", too_long="message is too long",
        )  # fmt: skip
        assert found is not None
        return found.text, found.entities, found.parse_mode

    def _caption(self, params: dict[str, Any]) -> _Formatted:
        """A media message's caption ("" when there is none), parsed like text but limited to 1024 units."""
        found = self._parse_formatted(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities"),
            limit=MAX_CAPTION_UTF16, empty=None, too_long="message caption is too long",
        )  # fmt: skip
        return found or _Formatted("", [], params.get("parse_mode") or None, None)

    def _parse_formatted(
        self, raw: Any, mode: Any, given: Any, *, limit: int, empty: str | None, too_long: str
    ) -> _Formatted | None:
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
        return _Formatted(text, entities, mode, html)

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
        if sent.sender is not None:  # a user's message sent via the bot's inline mode
            raise bad_request("message can't be edited")
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
        self.webhook = None
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        """Register the webhook; like a local Bot API server, plain http is accepted for 127.0.0.1."""
        url = str(params.get("url") or "")
        if not url:  # an empty url removes the webhook
            return self._delete_webhook(params)
        parts = urlsplit(url)
        if not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname == "127.0.0.1")):
            raise bad_request("bad webhook: HTTPS url must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not WEBHOOK_SECRET_RE.fullmatch(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = set(allowed) or None
        drop = _param_bool(params, "drop_pending_updates")
        if drop:
            self._pending.clear()
        self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed, "drop_pending_updates": drop}
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {"url": self.webhook["url"] if self.webhook else "", "has_custom_certificate": False,
                                "pending_update_count": len(self._pending)}
        if self.webhook and isinstance(self.webhook["allowed_updates"], list):
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Confirm updates below ``offset``, then return pending ones, long-polling up to ``timeout`` s.

        A newer getUpdates request terminates a waiting older one with 409 Conflict, as Telegram does, and
        none is served while a webhook is set.
        """
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
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

    # ------------------------------------------------------------------------------------------- members

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

    # ------------------------------------------------------------------------------------------ inline mode

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

    # ------------------------------------------------------------------------------------------------ files

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file = self._files.get(str(params.get("file_id") or ""))
        if file is None:
            raise bad_request("invalid file_id")
        if len(file.content) > MAX_DOWNLOAD_BYTES:
            raise bad_request("file is too big")
        return {
            "file_id": file.file_id,
            "file_unique_id": file.file_unique_id,
            "file_size": len(file.content),
            "file_path": file.file_path,
        }

    def _input_file(self, params: dict[str, Any], field: str) -> _File | tuple[str, bytes] | None:
        """The ``field`` of a send*: an upload (directly or as attach://name) as (file name, bytes), a known
        file_id as its _File, None when absent."""
        value = params.get(field)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value[len("attach://") :])
            if not isinstance(value, dict):
                raise bad_request(f"there is no {field} in the request")
        if isinstance(value, dict) and isinstance(value.get("content"), bytes):
            if not value["content"]:
                raise bad_request("file must be non-empty")
            return str(value.get("filename") or field), value["content"]
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            raise bad_request(NO_FILE)
        if re.match(r"https?://", value, re.IGNORECASE):
            raise bad_request("sending files by URL is not emulated by the fake server; upload the bytes")
        file = self._files.get(value)
        if file is None:
            raise bad_request(NO_FILE)
        return file

    def _store_photo(self, content: bytes) -> list[dict[str, Any]]:
        """Telegram's PhotoSize set for an uploaded image (every size serves the uploaded bytes)."""
        size = image_size(content)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
        if width + height > 10000 or max(size) > 20 * min(size):
            raise bad_request("PHOTO_INVALID_DIMENSIONS")
        longest = max(size)
        sides = [side for side in (90, 320, 800) if side < longest] + [min(longest, 1280)]
        n = self._next_file
        sizes: list[dict[str, Any]] = []
        for k, side in enumerate(sides):
            scale = side / longest
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            file_size = len(content) if side == sides[-1] else max(1, round(len(content) * scale * scale))
            sizes.append({"file_id": f"AgACAgIAAxkBAAI{n}photo_{k}", "file_unique_id": f"AQAD{n}p{k}",
                          "file_size": file_size, "width": w, "height": h})  # fmt: skip
        for item in sizes:
            self._add_file("photo", item["file_id"], item["file_unique_id"], content, sizes=sizes)
        return sizes

    def _send_media(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        source = self._input_file(params, kind)
        if source is None:
            raise bad_request(f"there is no {kind} in the request")
        caption = self._caption(params)
        markup = self._markup(params.get("reply_markup"))
        reply_to = self._reply_target(chat_id, params)
        if isinstance(source, _File):
            if source.kind != kind:
                raise bad_request("type of file mismatch")
            file = source
        elif kind == "photo":
            file = self._files[self._store_photo(source[1])[-1]["file_id"]]
        else:
            name, content = source
            n = self._next_file
            file = self._add_file("document", f"BQACAgIAAxkBAAI{n}document", f"AgAD{n}d", content, file_name=name,
                                  mime_type=guess_mime_type(name))  # fmt: skip
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._new_message_id(chat_id),
            html=caption.html,
            text=caption.text,
            entities=caption.entities,
            reply_markup=markup,
            parse_mode=caption.parse_mode,
            reply_to_message_id=reply_to,
            date=int(time.time()),
            photo=file.content if kind == "photo" else None,
            document=(file.file_name or "document", file.content) if kind == "document" else None,
            media={"photo": file.sizes} if kind == "photo" else {"document": file.document()},
        )
        self._sent[(chat_id, sent.message_id)] = sent
        return self._message_result(sent)

    def _send_photo(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._send_media(params, "photo")

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._send_media(params, "document")
