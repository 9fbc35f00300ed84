"""The parsed legal act: frozen value objects that passages, citations and look-up read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from knowledge.legal_lines import ITEMS, NodeKind
from knowledge.legal_requisites import Requisites


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One note of the portal: what changed (or is to change), when, where it stood in the text.

    `pending` marks the publisher's warning of an amendment not yet in force
    ("Примечание РЦПИ! … предусмотрено изменение"), which is not part of the edition.
    """

    label: str  # "Сноска", "Ескерту", "Примечание", "Примечание РЦПИ", …; "" for "(исключен)" in place of text
    text: str
    dates: tuple[date, ...]
    start: int
    end: int
    pending: bool = False

    @property
    def remark(self) -> bool:
        """A remark that points elsewhere ("Примечание. См. нормативное постановление…"), not an amendment."""
        return self.label in ("Примечание", "Ескертпе")


@dataclass(frozen=True, slots=True)
class LegalNode:
    """A headed block of the act.

    `heading` is the heading as written ("Статья 2-1. Основы …", "1.", "3-1)"); `body` is the
    node's own text without its children and without notes, made of the `spans` of the
    normalised text joined by newlines; `start`/`end` cover the heading, body, children and
    the notes standing inside (a warning moved here from before the heading lies outside).
    An excluded node ("Статья 16. Исключена …") keeps its place with an empty body.
    """

    kind: NodeKind
    number: str
    title: str
    heading: str
    body: str
    start: int
    end: int
    spans: tuple[tuple[int, int], ...] = ()
    children: tuple[LegalNode, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    excluded: bool = False

    def walk(self) -> Iterator[LegalNode]:
        """This node and every node under it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def full_text(self) -> str:
        """The body with every child's number and text: what a reader of the article sees, minus notes."""
        parts = [self.body] if self.body else []
        for child in self.children:
            inner = child.full_text()
            parts.append(f"{child.heading} {inner}".strip() if child.kind in ITEMS else f"{child.heading}\n{inner}")
        return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class ContentsEntry:
    """One line of the act's own table of contents: a chapter, section or article and its name."""

    kind: NodeKind
    number: str
    title: str
    start: int


@dataclass(frozen=True, slots=True)
class LegalDocument:
    """A parsed act: normalised text, requisites, table of contents, preamble, tree, act-level notes."""

    text: str
    lang: str
    requisites: Requisites
    contents: tuple[ContentsEntry, ...]
    nodes: tuple[LegalNode, ...]
    history: tuple[HistoryEntry, ...]
    preamble: tuple[tuple[int, int], ...] = ()
    contents_span: tuple[int, int] | None = None

    def walk(self) -> Iterator[LegalNode]:
        """Every node of the tree in document order."""
        for node in self.nodes:
            yield from node.walk()

    def articles(self) -> list[LegalNode]:
        """The articles in document order."""
        return [node for node in self.walk() if node.kind is NodeKind.ARTICLE]

    def article(self, number: str) -> LegalNode | None:
        """The article with this number ("39-3", "91"), or None."""
        number = re.sub(r"\s+", "", number)
        return next((a for a in self.articles() if a.number == number), None)

    def of_kind(self, kind: NodeKind) -> list[LegalNode]:
        """Every node of one level (sections, chapters, …) in document order."""
        return [node for node in self.walk() if node.kind is kind]

    def preamble_text(self) -> str:
        """The text between the title block and the first heading (the law's preamble)."""
        return "\n".join(self.text[s:e] for s, e in self.preamble)

    def latest_note_date(self) -> date | None:
        """The latest date any amendment note in force mentions: a lower bound of the edition."""
        dates = [d for entry in self.all_history() if not (entry.pending or entry.remark) for d in entry.dates]
        return max(dates, default=None)

    def all_history(self) -> list[HistoryEntry]:
        """Every note of the act, the act's own and every node's."""
        entries = list(self.history)
        for node in self.walk():
            entries.extend(node.history)
        return sorted(entries, key=lambda e: e.start)
