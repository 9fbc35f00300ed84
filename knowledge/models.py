"""The value objects that flow from the corpus to a search answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from knowledge.document_tree import Block


class DocumentKind(StrEnum):
    """What a document is: how it is read (a legal act by its articles), cited and offered to admins."""

    LAW = "law"
    CONSTITUTION = "constitution"
    CODE = "code"
    REGULATION = "regulation"
    JOURNAL_ARTICLE = "journal_article"
    THESIS_CHAPTER = "thesis_chapter"
    TEXTBOOK = "textbook"
    OTHER = "other"


class Tier(StrEnum):
    """How sure the search is that its best hit answers the question."""

    CONFIDENT = "confident"
    UNSURE = "unsure"
    NOTHING = "nothing"


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """Bibliographic facts kept beside each document file."""

    title: str
    short_title: str
    kind: str
    title_ru: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = None
    languages: tuple[str, ...] = ()
    note: str = ""
    short_title_ru: str = ""
    # A legal act's requisites as the admin gave them or the text stated them (ISO dates), and
    # the id of the same act's text in the other state language when the admin linked them.
    act_number: str = ""
    act_date: str = ""
    edition: str = ""
    parallel: str = ""
    # "constitutional" for a constitutional law (Конституционный закон / Конституциялық заң), cited so
    act_form: str = ""

    def display_title(self, lang: str) -> str:
        """The short title for citations, in Russian when the reader is Russian and one exists."""
        if lang == "ru" and self.short_title_ru:
            return self.short_title_ru
        return self.short_title

    def full_title(self, lang: str) -> str:
        """The full title for a bibliographic entry, in the reader's language where known."""
        if lang == "ru" and self.title_ru:
            return self.title_ru
        return self.title


@dataclass(frozen=True, slots=True)
class Document:
    """A source document as shipped: raw text plus its metadata."""

    doc_id: str
    raw: str
    meta: DocumentMeta


@dataclass(frozen=True, slots=True)
class Section:
    """A titled span of the repaired text."""

    title: str
    start: int
    end: int
    level: int = 1


@dataclass(frozen=True, slots=True)
class RepairedDocument:
    """A document after repair: clean text, its tree of headed blocks and its footnotes."""

    document: Document
    text: str
    tree: tuple[Block, ...]
    footnotes: tuple[tuple[int, str], ...] = ()  # (offset of the reference, note text)

    @property
    def sections(self) -> tuple[Section, ...]:
        """The blocks in reading order, each with its own text's span and its depth: what passages
        are cut from (a block's own text never runs into the next block's heading)."""
        return tuple(Section(block.title, *block.spans[0], level=depth)
                     for root in self.tree for depth, block in _depths(root, 1))


@dataclass(frozen=True, slots=True)
class LegalPlace:
    """Where a passage of a legal act stands, for citations, look-up and the parallel text.

    `article` is the number as the act writes it ("39-3", "91"; "" for the preamble),
    `paragraphs` the пункты the passage covers, `chapter` and `part` the headings of its
    глава/тарау and раздел/бөлім. `history` holds the portal's amendment notes of the
    article: shown on request, never searched.
    `names` are the full names of the short forms the passage uses («Комиссия» for «Республиканская бюджетная
    комиссия (далее – Комиссия)»): indexed with it like its heading.
    """

    article: str
    article_title: str = ""
    paragraphs: tuple[str, ...] = ()
    chapter: str = ""
    part: str = ""
    history: tuple[str, ...] = ()
    excluded: bool = False
    names: str = ""


def _depths(block: Block, depth: int) -> Iterator[tuple[int, Block]]:
    yield depth, block
    for child in block.children:
        yield from _depths(child, depth + 1)


@dataclass(frozen=True, slots=True)
class Passage:
    """A searchable unit: a few sentences of one section.

    `start`/`end` locate the body in the repaired text; `text` is that body followed by
    the passage's footnotes, one per line, each starting with its superscript number.
    `lead` is the sentence announcing the list the passage continues («… келесі негізгі
    қағидаларды бөлуге болады:»): a long list's later items stand in passages of their own,
    which say what they are items of only through it, so it is indexed with them like a heading.
    """

    passage_id: str
    doc_id: str
    title: str
    section: str
    ordinal: int  # 1-based, within the document
    lang: str
    start: int
    end: int
    text: str
    notes: tuple[str, ...] = ()
    legal: LegalPlace | None = None
    lead: str = ""

    @property
    def article(self) -> str | None:
        """The article number of a passage of a legal act, None for other text."""
        return self.legal.article or None if self.legal is not None else None

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def heading(self) -> str:
        """The section title without the language tag repair adds ("Аннотация (kk)")."""
        return re.sub(r"\s*\((?:kk|ru|en)\)$", "", self.section)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """The best sentences of a hit, with the spans of matched words."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()
    strength: float = 0.0  # weighted idf of the query terms in the best sentence
    terms: frozenset[str] = frozenset()  # the query's index terms the excerpt holds
    kinds: frozenset[str] = frozenset()  # the asked kinds of answer it holds (cues.py)


@dataclass(frozen=True, slots=True)
class Hit:
    """One ranked search result: `score` orders the hits, `bm25` is its BM25Okapi part."""

    passage: Passage
    score: float
    excerpt: Excerpt
    bm25: float = 0.0


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query: detected language, confidence and hits."""

    query: str
    lang: str
    tier: Tier
    hits: tuple[Hit, ...] = field(default_factory=tuple)
