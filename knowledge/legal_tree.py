"""Building the tree of a legal act from its classified lines.

Nodes are drafted while lines are read (the path from section down to подпункт stays open),
then frozen; notes are attached where they stand, then moved to the article they name.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from knowledge.document_tree import ITEMS, NodeKind
from knowledge.legal_lines import (
    GLUED_ARTICLE,
    LEVEL,
    Heading,
    is_excluded_title,
    match_heading,
    match_item,
    note_label,
    note_subject,
    number_key,
    says_excluded,
)
from knowledge.legal_model import Block, HistoryEntry
from knowledge.legal_text import find_dates


@dataclass(slots=True)
class Draft:
    """A node while its lines are still being read."""

    kind: NodeKind
    number: str
    title: str
    heading: str
    start: int
    end: int
    spans: list[tuple[int, int]] = field(default_factory=list)
    children: list[Draft] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    excluded: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """A non-empty line: its stripped text and where that text stands in the normalised text."""

    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """The non-empty lines of a text with the offsets of their stripped content.

    A chapter's or section's heading with an article's glued to it («Глава 2. Образование … маслихатов Статья 5.
    Порядок образования маслихатов»: a PDF joins a heading at the foot of a page to the one at the top of the
    next) is two lines.
    """
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            start = offset + len(raw) - len(raw.lstrip())
            glued = GLUED_ARTICLE.search(stripped) is not None and (heading := match_heading(stripped)) is not None \
                and heading.kind in (NodeKind.SECTION, NodeKind.CHAPTER)
            pieces = GLUED_ARTICLE.split(stripped) if glued else [stripped]
            for piece in pieces:
                at = text.index(piece, start)
                lines.append(Line(at, at + len(piece), piece))
                start = at + len(piece)
        offset += len(raw) + 1
    return lines


class TreeBuilder:
    """Reads classified lines into drafts; keeps the open path from section down to подпункт."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.roots: list[Draft] = []
        self.path: list[Draft] = []
        self.act_history: list[HistoryEntry] = []
        self.preamble: list[tuple[int, int]] = []

    def open(self, draft: Draft) -> None:
        level = LEVEL[draft.kind]
        while self.path and LEVEL[self.path[-1].kind] >= level:
            self.path.pop()
        (self.path[-1].children if self.path else self.roots).append(draft)
        self.path.append(draft)

    def heading(self, heading: Heading, line: Line) -> None:
        """Open a section, chapter or article; "Статья 16. Исключена …" opens it excluded."""
        draft = Draft(heading.kind, heading.number, heading.title, line.text, line.start, line.end)
        if is_excluded_title(heading.title):
            draft.excluded = True
            draft.history.append(history_entry(self.text, "", line.start, line.end))
        self.open(draft)

    def article(self) -> Draft | None:
        """The open article, which пункты and подпункты belong to."""
        return next((d for d in reversed(self.path) if d.kind is NodeKind.ARTICLE), None)

    def item(self, kind: NodeKind, number: str, rest: str, line: Line) -> bool:
        """Open a пункт or подпункт if the line can be one here; False to read it as body text."""
        article = self.article()
        if article is None:
            return False
        if kind is NodeKind.PARAGRAPH:
            siblings = [c for c in article.children if c.kind is NodeKind.PARAGRAPH]
            # A "1." inside a пункт that is not the next пункт is a list of its own, not a пункт.
            if siblings and number_key(number) <= number_key(siblings[-1].number):
                return False
        heading = f"{number}." if kind is NodeKind.PARAGRAPH else f"{number})"
        draft = Draft(kind, number, "", heading, line.start, line.end)
        body_start = line.end - len(rest)
        if is_excluded_title(rest):
            draft.excluded = True
            draft.history.append(history_entry(self.text, "", body_start, line.end))
        elif rest:
            draft.spans.append((body_start, line.end))
        self.open(draft)
        return True

    def body(self, line: Line) -> None:
        """A line of text goes to the innermost open node, or to the preamble before any heading."""
        if self.path:
            self.path[-1].spans.append((line.start, line.end))
        else:
            self.preamble.append((line.start, line.end))

    def note(self, entry: HistoryEntry) -> None:
        """A note becomes history of the open article (chapter, section, act), never of a пункт."""
        target = self.path[-1] if self.path else None
        while target is not None and target.kind in ITEMS:
            target = self._parent(target)
        (target.history if target else self.act_history).append(entry)

    def _parent(self, draft: Draft) -> Draft | None:
        index = self.path.index(draft)
        return self.path[index - 1] if index else None


def history_entry(text: str, label: str, start: int, end: int, pending: bool = False) -> HistoryEntry:
    """A history entry for the text between two offsets, with the dates it mentions."""
    body = text[start:end]
    return HistoryEntry(label, body, find_dates(body), start, end, pending)


def read_note(text: str, lines: list[Line], i: int, label: str, is_header: bool) -> tuple[HistoryEntry, int]:
    """The note starting at line i and the index after it.

    A header ("Примечание РЦПИ!") takes the next line as its text; a note ending with ":"
    ("Сноска. По всему тексту Закона:") goes on while its lines end with ";" or ":".
    """
    j = i + 1
    if is_header and j < len(lines):
        j += 1
    last = lines[j - 1].text
    while j < len(lines) and last.endswith((":", ";")) and not _structural(lines[j].text):
        last = lines[j].text
        j += 1
    return history_entry(text, label, lines[i].start, lines[j - 1].end, pending=is_header), j


def _structural(line: str) -> bool:
    return bool(match_heading(line) or match_item(line) or note_label(line))


def _all_drafts(drafts: list[Draft]) -> Iterator[Draft]:
    for draft in drafts:
        yield draft
        yield from _all_drafts(draft.children)


def attach_named_notes(builder: TreeBuilder) -> None:
    """A note that names another article than the one it stands in goes to that article.

    The publisher's warnings stand just before the article they speak of
    ("Примечание РЦПИ! В статью 6 предусмотрено изменение…" at the end of article 5).
    """
    articles = {d.number: d for d in _all_drafts(builder.roots) if d.kind is NodeKind.ARTICLE}
    holders = [*_all_drafts(builder.roots)]
    for holder in holders:
        kept: list[HistoryEntry] = []
        for entry in holder.history:
            named = note_subject(_strip_label(entry.text))
            target = articles.get(named) if named else None
            if target is not None and target is not holder:
                target.history.append(entry)
            else:
                kept.append(entry)
        holder.history = kept
    for draft in articles.values():
        draft.history.sort(key=lambda e: e.start)
        if not draft.spans and not draft.children and any(says_excluded(e.text) for e in draft.history):
            draft.excluded = True


def _strip_label(text: str) -> str:
    first, _, rest = text.partition("\n")
    if first.rstrip().endswith("!") and rest:
        return rest.strip()
    return text


def freeze(draft: Draft, text: str) -> Block:
    """The frozen node of a draft and of everything under it."""
    children = tuple(freeze(child, text) for child in draft.children)
    end = max([draft.end, *(e for _, e in draft.spans), *(c.end for c in children), *(h.end for h in draft.history)])
    return Block(
        kind=draft.kind,
        number=draft.number,
        title=draft.title,
        heading=draft.heading,
        body="\n".join(text[s:e] for s, e in draft.spans),
        start=draft.start,
        end=end,
        spans=tuple(draft.spans),
        children=children,
        history=tuple(draft.history),
        excluded=draft.excluded,
    )
