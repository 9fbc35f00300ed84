"""Telegram HTML: escaping corpus and user text, bold marks, and the 4096-character limit."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence

MESSAGE_LIMIT = 4096
MAX_PARTS = 5  # the most messages one reply may become; the rest is cut with "…"
CUT_MARK = "…"
_TAG = re.compile(r"<(/?)([a-z]+)[^>]*>")
_TOKEN = re.compile(r"\s+|<[^>]+>|[^\s<]+|<")  # spaces, a tag, a word
_JOINER = re.compile(r"[ \u00a0]?[-‐–]?[ \u00a0]?")


def escape(text: str) -> str:
    return html.escape(text, quote=False)


def join_marks(text: str, marks: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Marks in order, without overlaps, neighbours joined across spaces and hyphens.

    "<b>өзін-өзі басқару</b>" reads as one phrase; "<b>өзін</b>-<b>өзі</b> <b>басқару</b>" does not.
    """
    joined: list[tuple[int, int]] = []
    for start, end in sorted(marks):
        if end <= start or (joined and start < joined[-1][1]):
            continue
        if joined and _JOINER.fullmatch(text[joined[-1][1]:start]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def highlight(text: str, marks: Iterable[tuple[int, int]]) -> str:
    """Escaped text with the marked spans in bold."""
    out: list[str] = []
    cursor = 0
    for start, end in join_marks(text, marks):
        if start < cursor or end <= start:
            continue
        out += [escape(text[cursor:start]), "<b>", escape(text[start:end]), "</b>"]
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units; counting the HTML source over-estimates, never under."""
    return len(text.encode("utf-16-le")) // 2


def split_message(paragraphs: Sequence[str], limit: int = MESSAGE_LIMIT, most: int = MAX_PARTS) -> list[str]:
    """Pack HTML paragraphs into at most `most` messages of at most `limit`, breaking between paragraphs.

    A paragraph longer than a whole message is cut between words, closing and reopening
    any tags open at the cut. Text beyond `most` messages is left out, and the last one
    ends with "…".
    """
    messages: list[str] = []
    for paragraph in paragraphs:
        if not paragraph:
            continue
        for piece in _cut(paragraph, limit):
            if messages and telegram_length(messages[-1]) + 2 + telegram_length(piece) <= limit:
                messages[-1] += "\n\n" + piece
            elif len(messages) < most:
                messages.append(piece)
            else:
                return _marked_cut(messages, limit)
    return messages


def _marked_cut(messages: list[str], limit: int) -> list[str]:
    """The messages with "…" after the last one, which is shortened when the mark does not fit."""
    last = messages[-1]
    if telegram_length(last) + 1 + len(CUT_MARK) > limit:
        last = next(_cut(last, limit - 1 - len(CUT_MARK)))
    return [*messages[:-1], f"{last}\n{CUT_MARK}"]


def _cut(paragraph: str, limit: int) -> Iterator[str]:
    """The paragraph in pieces of at most `limit`, made as they are asked for."""
    if telegram_length(paragraph) <= limit:
        yield paragraph
        return
    budget = limit - 64  # room for the tags closed and reopened at each cut
    current, open_tags = "", list[str]()
    for found in _TOKEN.finditer(paragraph):
        token = found.group()
        if telegram_length(current) + telegram_length(token) > budget and current.strip():
            yield current.rstrip() + "".join(f"</{name}>" for name in reversed(open_tags))
            current = "".join(f"<{name}>" for name in open_tags)
            if token.isspace():
                continue
        tag = _TAG.fullmatch(token)
        if tag and tag.group(1):
            if tag.group(2) in open_tags:
                open_tags.remove(tag.group(2))
        elif tag:
            open_tags.append(tag.group(2))
        if telegram_length(token) > budget:  # one enormous "word": cut it blindly but safely
            raw, step = html.unescape(token), budget // len("&amp;")
            yield from (escape(raw[i:i + step]) for i in range(0, len(raw), step))
            continue
        current += token
    if current.strip():
        yield current


def to_plain(text: str, bold: tuple[str, str] = ("", "")) -> str:
    """The HTML of a view as plain text (for the terminal), bold shown with `bold` markers."""
    text = re.sub(r"<b>", bold[0], text)
    text = re.sub(r"</b>", bold[1], text)
    text = re.sub(r"<[^>]+>", "", text)
    return html.unescape(text)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters of plain text, "…" where cut (escape it after, not before)."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
