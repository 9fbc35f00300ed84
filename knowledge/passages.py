"""Splitting sections into passages of roughly 40–120 words on sentence boundaries."""

from __future__ import annotations

import hashlib
import math
import re

from knowledge.language import detect_language
from knowledge.models import Passage, RepairedDocument
from knowledge.sentences import split_sentences

MIN_WORDS = 40
TARGET_WORDS = 75
MAX_WORDS = 120
# Cost of ending a passage inside a paragraph rather than at its end.
MID_PARAGRAPH_PENALTY = 300.0
_CLAUSE_BREAK = re.compile(r"[;:,]\s+|\s+[–—-]\s+")


def passage_id(doc_id: str, text: str) -> str:
    """Stable id: the same document and text give the same id in every run."""
    return hashlib.sha1(f"{doc_id}\n{text}".encode()).hexdigest()[:12]


def _split_long(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Cut a sentence longer than MAX_WORDS at clause breaks into similar-sized pieces."""
    start, end = span
    words = len(text[start:end].split())
    if words <= MAX_WORDS:
        return [span]
    pieces = math.ceil(words / TARGET_WORDS)
    goal = words / pieces
    out: list[tuple[int, int]] = []
    cursor = start
    for match in _CLAUSE_BREAK.finditer(text, start, end):
        if len(text[cursor:match.end()].split()) >= goal and len(out) < pieces - 1:
            out.append((cursor, match.start() + 1))
            cursor = match.end()
    out.append((cursor, end))
    return out


def _pack(words: list[int], paragraph_break: list[bool]) -> list[tuple[int, int]]:
    """Group consecutive sentences into passages, minimising distance from TARGET_WORDS."""
    n = len(words)
    best = [0.0] + [math.inf] * n
    back = [0] * (n + 1)
    for j in range(1, n + 1):
        total = 0
        for i in range(j, 0, -1):
            total += words[i - 1]
            if total > MAX_WORDS and i < j:
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
    for section in doc.sections:
        spans = [piece for span in split_sentences(text, section.start, section.end)
                 for piece in _split_long(text, span)]
        if not spans:
            continue
        words = [len(text[s:e].split()) for s, e in spans]
        breaks = ["\n" in text[spans[k][1]:spans[k + 1][0]] for k in range(len(spans) - 1)] + [True]
        groups = [(0, len(spans))] if sum(words) <= MAX_WORDS else _pack(words, breaks)
        for first, last in groups:
            start, end = spans[first][0], spans[last - 1][1]
            notes = tuple(note for at, note in doc.footnotes if start <= at <= end)
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
                lang=detect_language(body), start=start, end=end, text=body, notes=notes,
            ))
    return passages
