"""The parsed legal act: its requisites, contents and tree of blocks (document_tree.py), read by passages,
citations and look-up."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from knowledge.document_tree import Block, HistoryEntry, NodeKind
from knowledge.legal_requisites import Requisites
from knowledge.legal_text import act_dates


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
    nodes: tuple[Block, ...]
    history: tuple[HistoryEntry, ...]
    preamble: tuple[tuple[int, int], ...] = ()
    contents_span: tuple[int, int] | None = None

    def walk(self) -> Iterator[Block]:
        """Every node of the tree in document order."""
        for node in self.nodes:
            yield from node.walk()

    def articles(self) -> list[Block]:
        """The articles in document order."""
        return [node for node in self.walk() if node.kind is NodeKind.ARTICLE]

    def article(self, number: str) -> Block | None:
        """The article with this number ("39-3", "91"), or None."""
        number = re.sub(r"\s+", "", number)
        return next((a for a in self.articles() if a.number == number), None)

    def of_kind(self, kind: NodeKind) -> list[Block]:
        """Every node of one level (sections, chapters, …) in document order."""
        return [node for node in self.walk() if node.kind is kind]

    def preamble_text(self) -> str:
        """The text between the title block and the first heading (the law's preamble)."""
        return "\n".join(self.text[s:e] for s, e in self.preamble)

    def latest_note_date(self) -> date | None:
        """The latest amendment any note in force records (the day it took effect where the note says, else the
        amending act's date): a lower bound of the edition; a term a note sets («действует до 31.12.2027») is none."""
        dates = [d for entry in self.all_history() if not (entry.pending or entry.remark or entry.in_force)
                 for d in act_dates(entry.text)]
        return max(dates, default=None)

    def all_history(self) -> list[HistoryEntry]:
        """Every note of the act, the act's own and every node's."""
        entries = list(self.history)
        for node in self.walk():
            entries.extend(node.history)
        return sorted(entries, key=lambda e: e.start)
