"""Splitting sections into passages of roughly 40–120 words on sentence boundaries."""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from knowledge.language import detect_language
from knowledge.models import Passage, RepairedDocument
from knowledge.sentences import split_sentences

MIN_WORDS = 40
TARGET_WORDS = 75
MAX_WORDS = 120
# The hard cap on a passage's body, whatever the text: a sentence with no break near enough is cut
# between words, and a "word" longer than this (no spaces at all) is cut where it reaches it.
MAX_CHARS = 2000
# Cost of ending a passage inside a paragraph rather than at its end.
MID_PARAGRAPH_PENALTY = 300.0
_CLAUSE_BREAK = re.compile(r"[;:,]\s+|\s+[–—-]\s+")
_WORD = re.compile(r"\S+")
# A list item opens its paragraph: "3. …", "2) …", "– …", "• …".
_ITEM = re.compile(r"\s*(?:(\d{1,2})[.)]|[-–—•·*])\s")
_LIST_GAP = 2  # paragraphs without a marker an item may run on for (its explanation), not more


def passage_id(doc_id: str, text: str) -> str:
    """Stable id: the same document and text give the same id in every run."""
    return hashlib.sha1(f"{doc_id}\n{text}".encode()).hexdigest()[:12]


def split_long(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Cut a sentence longer than MAX_WORDS at clause breaks into similar-sized pieces.

    A piece still over MAX_WORDS or MAX_CHARS (no clause break near) is cut between words.
    """
    start, end = span
    words = len(text[start:end].split())
    if words <= MAX_WORDS and end - start <= MAX_CHARS:
        return [span]
    pieces = math.ceil(words / TARGET_WORDS)
    goal = words / pieces
    out: list[tuple[int, int]] = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if len(out) >= pieces - 1:
            break
        if len(text[cursor:match.end()].split()) >= goal:
            out.append((cursor, match.start() + 1))
            cursor = match.end()
    out.append((cursor, end))
    return [piece for span in out for piece in _split_words(text, span)]


def _split_words(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Cut a span over MAX_WORDS or MAX_CHARS between words into similar-sized pieces."""
    start, end = span
    found = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if len(found) <= MAX_WORDS and end - start <= MAX_CHARS:
        return [span]
    words = [(s, min(s + MAX_CHARS, e)) for s, e in found for s in range(s, e, MAX_CHARS)]
    goal = math.ceil(len(words) / math.ceil(len(words) / TARGET_WORDS))
    out: list[tuple[int, int]] = []
    first = last = words[0]
    count = 0
    for word in words:
        if count and (count >= goal or word[1] - first[0] > MAX_CHARS):
            out.append((first[0], last[1]))
            first, count = word, 0
        last = word
        count += 1
    out.append((first[0], last[1]))
    return out


def list_leads(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    """The lists of text[start:end], as (lead-in start, lead-in end, list end).

    A list is a sentence ending a paragraph with a colon, followed by paragraphs opening with
    markers of one kind — numbers in order from 1, or bullets — with at most _LIST_GAP unmarked
    paragraphs (an item's explanation) between two of them; it ends with the paragraph of its last
    item, before another numbering, another kind of marker or another lead-in. One pass over the
    paragraphs: an upload of ten thousand «• …:» lines costs no more than its length.
    """
    end = len(text) if end is None else end
    found: list[tuple[int, int, int]] = []
    lead: tuple[int, int] | None = None
    expected, last, gap, numbered = 1, -1, 0, None

    def close() -> None:
        if lead is not None and last > 0:
            found.append((*lead, last))

    cursor = start
    while cursor < end:
        stop = text.find("\n", cursor, end)
        stop = end if stop == -1 else stop
        paragraph = text[cursor:stop]
        if paragraph.strip():
            marker = _ITEM.match(paragraph)
            if lead is not None:
                kind = marker is not None and marker.group(1) is not None
                if marker is not None and (numbered is None or numbered == kind) \
                        and (not kind or int(marker.group(1)) == expected):
                    numbered, expected, last, gap = kind, expected + kind, stop, 0
                    cursor = stop + 1
                    continue  # an item, even one that announces more («1. Маслихаты:»)
                if marker is None and last > 0 and not paragraph.rstrip().endswith(":") and gap < _LIST_GAP:
                    gap += 1
                    cursor = stop + 1
                    continue  # an item's explanation
                close()
                lead = None
            if paragraph.rstrip().endswith(":"):
                sentences = split_sentences(text, cursor, stop)
                if sentences:
                    lead, expected, last, gap, numbered = sentences[-1], 1, -1, 0, None
        cursor = stop + 1
    close()
    return found


def pack_spans(words: list[int], chars: list[int], paragraph_break: list[bool]) -> list[tuple[int, int]]:
    """Group consecutive sentences into passages, minimising distance from TARGET_WORDS."""
    n = len(words)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        total = length = 0
        for i in range(j, 0, -1):
            total += words[i - 1]
            length += chars[i - 1]
            if (total > MAX_WORDS or length > MAX_CHARS) and i < j:
                break
            cost = best[i - 1] + (total - TARGET_WORDS) ** 2
            if total < MIN_WORDS:
                cost += (MIN_WORDS - total) ** 2 * 4
            if j < n and not paragraph_break[j - 1]:
                cost += MID_PARAGRAPH_PENALTY
            if cost < best[j]:
                best[j], back[j] = cost, i - 1
    groups: list[tuple[int, int]] = []
    j = n
    while j > 0:
        groups.append((back[j], j))
        j = back[j]
    return groups[::-1]


def build_passages(doc: RepairedDocument) -> list[Passage]:
    """Cut every section of a repaired document into passages."""
    text = doc.text
    meta = doc.document.meta
    passages: list[Passage] = []
    seen: set[str] = set()
    footnotes = sorted(doc.footnotes, key=lambda item: item[0])
    offsets = [at for at, _ in footnotes]
    for section in doc.sections:
        spans = [piece for span in split_sentences(text, section.start, section.end)
                 for piece in split_long(text, span)]
        if not spans:
            continue
        words = [len(text[s:e].split()) for s, e in spans]
        chars = [e - s + 1 for s, e in spans]  # with the space before the next one
        breaks = ["\n" in text[spans[k][1]:spans[k + 1][0]] for k in range(len(spans) - 1)] + [True]
        whole = sum(words) <= MAX_WORDS and spans[-1][1] - spans[0][0] <= MAX_CHARS
        leads = list_leads(text, section.start, section.end)
        groups = [(0, len(spans))] if whole else pack_spans(words, chars, breaks)
        for first, last in groups:
            start, end = spans[first][0], spans[last - 1][1]
            lead = next((text[s:e] for s, e, until in leads if e <= start < until), "")
            notes = _bounded([note for _, note in footnotes[bisect_left(offsets, start):bisect_right(offsets, end)]])
            # Footnotes follow the body as the passage's references, so that they are
            # quoted and searched with it but never split a sentence.
            body = "\n".join((text[start:end], *notes))
            pid = passage_id(doc.document.doc_id, body)
            if pid in seen:
                pid = passage_id(doc.document.doc_id, f"{len(passages)}\n{body}")
            seen.add(pid)
            passages.append(Passage(
                passage_id=pid, doc_id=doc.document.doc_id, title=meta.title,
                section=section.title, ordinal=len(passages) + 1,
                lang=detect_language(body), start=start, end=end, text=body, notes=notes, lead=lead,
            ))
    return passages


def _bounded(notes: Sequence[str]) -> tuple[str, ...]:
    """The footnotes of a passage, cut between words to MAX_CHARS in all, with "…" where cut."""
    kept: list[str] = []
    room = MAX_CHARS
    for note in notes:
        if room <= 1:
            break
        if len(note) > room:
            cut = note[:room].rsplit(" ", 1)[0] if " " in note[:room] else note[:room]
            kept.append(cut.rstrip() + "…")
            break
        kept.append(note)
        room -= len(note) + 1
    return tuple(kept)
