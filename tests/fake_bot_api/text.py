"""Telegram's text rules: lengths in UTF-16 code units, the cleaning of ``fix_formatted_text``, and the
/command and @mention entities Telegram finds in what users write.

Apart from the HTML parser (html_parser.py) because both the bot's messages and users' messages need them,
and the models (``SentMessage.entity_texts``) slice by UTF-16 offsets.
"""

from __future__ import annotations

import string
import sys
from array import array
from typing import Any

from tests.fake_bot_api.errors import bad_request

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
