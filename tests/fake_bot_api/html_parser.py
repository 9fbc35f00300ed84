"""Telegram's HTML parse mode, ported from tdlib's ``parse_html``: the same entities, UTF-16 offsets and
error messages, so a bot that sends malformed HTML fails here as it would against Telegram.

A module of its own because it is a self-contained scanner (about half of it is tdlib's state machine),
used for messages, captions, inline results and polls alike.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tests.fake_bot_api.text import utf16_len

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
