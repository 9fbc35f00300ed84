"""The one document model: a tree of headed blocks, which every document the index reads becomes.

A thesis (its chapters and their "1.1" sections), a journal article, an upload, and a legal act
(Раздел → Глава → Статья → пункт → подпункт) are all trees of `Block`s, each with its heading,
its own text and the blocks under it, built from the document's own headings (repair.py for
prose, legal.py for acts). Passages are cut from the blocks: a prose block's text by sentences
(passages.py), an act's article at its пункты (legal_passages.py); a citation names the block.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class NodeKind(StrEnum):
    """What a block is: a prose document's headed part, or a level of a legal act (outermost first)."""

    HEADING = "heading"  # a thesis's or an article's titled part ("1.1 Жергілікті басқарудың …")

    SECTION = "section"  # Раздел / бөлім
    CHAPTER = "chapter"  # Глава / тарау
    SUBCHAPTER = "subchapter"  # a code's Параграф / параграф, between a chapter and its articles
    ARTICLE = "article"  # Статья / бап
    PARAGRAPH = "paragraph"  # пункт "1." / тармақ
    SUBPARAGRAPH = "subparagraph"  # подпункт "1)" / тармақша
    APPENDIX = "appendix"  # a by-law's «Приложение 1 к Правилам» / «Қағидалардың 1-қосымшасы»: a form, a table


ITEMS = (NodeKind.PARAGRAPH, NodeKind.SUBPARAGRAPH)


_IN_FORCE = re.compile(r"(?:Вводится\s+в\s+действие|Вступает\s+в\s+силу)\s+с\s+\d"
                       r"|\d\s+бастап\s+(?:қолданысқа\s+енгізіледі|күшіне\s+енеді)", re.I)
_AMENDED = re.compile(r"внесенн|в\s+редакции|изменени|дополнен|исключен|Заңымен|өзгеріс|толықтыр|редакциясында"
                      r"|алып\s+тасталды", re.I)


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

    @property
    def in_force(self) -> bool:
        """The act's own entry into force ("Сноска. Вводится в действие с 01.07.2026 …", "Ескерту. 01.07.2026
        бастап қолданысқа енгізіледі …"): a date of the act, not of an amendment, so not its edition."""
        return bool(_IN_FORCE.search(self.text)) and not _AMENDED.search(self.text)



@dataclass(frozen=True, slots=True)
class Block:
    """A headed block: a prose document's headed part, or a legal act's section, chapter, article,
    пункт or подпункт.

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
    children: tuple[Block, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    excluded: bool = False

    def walk(self) -> Iterator[Block]:
        """This node and every node under it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def gone(self) -> bool:
        """An item the act repealed and left no text of («7-8. Исключены Законом …»): its number says nothing."""
        return self.excluded and not self.children and not self.body.strip()

    def full_text(self) -> str:
        """The body with every child's number and text: what a reader of the article sees, minus notes and the
        numbers of repealed items."""
        parts = [self.body] if self.body else []
        for child in self.children:
            if child.gone:
                continue
            inner = child.full_text()
            parts.append(f"{child.heading} {inner}".strip() if child.kind in ITEMS else f"{child.heading}\n{inner}")
        return "\n".join(parts)

