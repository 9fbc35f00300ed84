"""What search knows of legal acts: articles by number, the parallel text, citations.

A student who names an article wants that article, not a BM25 guess; one who reads Russian
wants the Russian text of an act that exists in both languages; and every answer from an act
is cited the way an essay quotes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from knowledge.analysis import Analyzer
from knowledge.document_passages import LEGAL_KINDS, requisites_of
from knowledge.document_tree import NodeKind
from knowledge.legal_lines import match_item
from knowledge.legal_links import link_documents, parallel_passages, superseded
from knowledge.legal_reference import ArticleReference, code_initials, legal_citation
from knowledge.legal_requisites import ActKind
from knowledge.models import DocumentMeta, Passage
from knowledge.normalize import squash

# When a reference does not say which act, the law of the subject goes before the Constitution.
_KIND_ORDER = ("law", "constitution", "code", "regulation")


class LegalShelf:
    """The legal acts among an index's passages: articles, linked texts, citations."""

    def __init__(self, passages: Sequence[Passage], documents: Mapping[str, DocumentMeta]) -> None:
        self.documents = documents
        self.by_id = {p.passage_id: p for p in passages}
        self.articles: dict[str, dict[str, list[Passage]]] = {}
        for passage in passages:
            if passage.legal is not None and passage.legal.article:
                self.articles.setdefault(passage.doc_id, {}).setdefault(passage.legal.article, []).append(passage)
        # a by-law's пункты, numbered through the whole document (an act with no articles)
        self.points: dict[str, dict[str, list[Passage]]] = {}
        for passage in passages:
            if passage.legal is not None and not passage.legal.article and passage.doc_id not in self.articles:
                for number in passage.legal.paragraphs:
                    self.points.setdefault(passage.doc_id, {}).setdefault(number, []).append(passage)
        # a regulation has пункты but no articles: it has its text in the other language all the same
        acts = {passage.doc_id for passage in passages if passage.legal is not None}
        self.links = link_documents(passages, documents) if len(acts) > 1 else {}
        kinds = {doc: LEGAL_KINDS.get(meta.kind) for doc, meta in documents.items()}
        self._rows = {kind: np.array([i for i, p in enumerate(passages) if p.legal is not None
                                      and kinds.get(p.doc_id) is kind], dtype=np.int64) for kind in ActKind}
        self.parallel = parallel_passages(passages, self.links) if self.links else {}
        # an older edition of an act a newer one is loaded beside: searched, but the act in force answers first
        self.superseded = superseded(passages, documents)
        self.superseded_rows = np.array([i for i, p in enumerate(passages) if p.doc_id in self.superseded],
                                        dtype=np.int64)
        self._titles: dict[str, frozenset[str]] = {}

    def __bool__(self) -> bool:
        return bool(self.articles) or bool(self.points)

    def point(self, number: str, lang: str, named: Callable[[str], int]) -> list[Passage]:
        """The passages of a by-law's пункт: of the by-law whose title names most of the question (`named` counts
        what a document's title names), in the reader's language where it has a text in it; none when by-laws
        holding the пункт are several and the question names none of them."""
        holders = [doc for doc, points in self.points.items() if number in points]
        if not holders:
            return []
        scored = sorted(holders, key=lambda doc: (-named(doc), self.points[doc][number][0].lang != lang, doc))
        best = scored[0]
        acts = {frozenset((doc, self.links.get(doc, doc))) for doc in holders}
        if named(best) == 0 and len(acts) > 1:
            return []
        other = self.links.get(best)
        if other in self.points and number in self.points[other] and self.points[other][number][0].lang == lang:
            best = other
        return list(self.points[best][number])

    def rows(self, kind: ActKind) -> np.ndarray:
        """Index positions of the passages of every act of one kind."""
        return self._rows[kind]

    def parallel_of(self, passage: Passage) -> Passage | None:
        """The same article in the act's text in the other state language, if it is loaded."""
        found = self.parallel.get(passage.passage_id)
        return self.by_id.get(found) if found else None

    def in_language(self, passage: Passage, lang: str) -> Passage:
        """The passage itself, or its parallel when that one is in the reader's language."""
        other = self.parallel_of(passage)
        return other if other is not None and passage.lang != lang and other.lang == lang else passage

    def _kind(self, doc_id: str) -> str:
        meta = self.documents.get(doc_id)
        return meta.kind if meta is not None else ""

    def article(self, reference: ArticleReference, lang: str, named: Callable[[str], int] = lambda doc: 0,
                ) -> list[Passage]:
        """The passages of the named article, the asked пункт first: the best act's, then other acts'.

        Acts of the kind the reference names come first (all acts when none has the article, unless it names the
        Constitution), then those whose title names more of the question (`named`: "ст. 21 КЗ о Президенте"
        among several laws), then the act's newest edition, then the reader's language, then the law before
        the Constitution; of two texts of one act only the better one is kept.
        """
        holders = [doc for doc, articles in self.articles.items() if reference.article in articles]
        if reference.act is not None:
            of_kind = [doc for doc in holders if self.act_kind(doc) is reference.act]
            # "Конституцияның 12-бабы" is never another act's article: only a law named loosely may be another kind
            holders = of_kind if of_kind or reference.act is ActKind.CONSTITUTION else holders

        def rank(doc: str) -> tuple[int, bool, bool, int, str]:
            kind = self._kind(doc)
            order = _KIND_ORDER.index(kind) if kind in _KIND_ORDER else len(_KIND_ORDER)
            return (-named(doc), doc in self.superseded, self.articles[doc][reference.article][0].lang != lang,
                    order, doc)

        chosen: list[str] = []
        for doc in sorted(holders, key=rank):
            if self.links.get(doc) not in chosen:
                chosen.append(doc)
        found: list[Passage] = []
        for doc in chosen:
            passages = self.articles[doc][reference.article]
            if reference.paragraph or reference.subparagraph:
                passages = sorted(passages, key=lambda p: (reference.paragraph is not None
                                                           and reference.paragraph not in _paragraphs(p),
                                                           not holds_subparagraph(p, reference)))
            found += passages
        return found

    def title_terms(self, doc_id: str, analyzer: Analyzer) -> frozenset[str]:
        """The index terms of an act's title and number in both languages: words that name the act, not a
        question ("закон 148 статья 7", "статья 7 закона 2001 года": its number and its year name the law, as
        its title does)."""
        found = self._titles.get(doc_id)
        if found is None:
            names = [doc_id, self.links.get(doc_id, "")]
            text = " ".join(f"{m.title} {m.title_ru} {m.short_title} {m.act_number} {m.act_number.split('-')[0]} "
                            f"{m.act_date[:4]} {m.year or ''} {code_initials(m.title)}"
                            for n in names if (m := self.documents.get(n)))
            found = frozenset(term for lang in ("kk", "ru") for term in analyzer.terms(text, lang))
            self._titles[doc_id] = found
        return found

    def article_title_terms(self, passage: Passage, analyzer: Analyzer) -> frozenset[str]:
        """The index terms of a passage's article title as both texts of the act write it, read in both
        languages: words that name the article ("39-4 обязанности органов мсу"), not a question."""
        other = self.parallel_of(passage)
        titles = " ".join(p.legal.article_title for p in (passage, other) if p is not None and p.legal is not None)
        return frozenset(term for lang in ("kk", "ru") for term in analyzer.terms(titles, lang))

    def act_kind(self, doc_id: str) -> ActKind | None:
        """The kind of act a document is (None for prose)."""
        return LEGAL_KINDS.get(self._kind(doc_id))

    def citation(self, passage: Passage, lang: str, shown: str = "") -> str | None:
        """The reference a student quotes ("Закон РК … № 148-II, ст. 39-3, п. 2"), in the reader's
        language; None for a passage that is not from an act.

        `shown` is the excerpt the reader sees: a passage of several short пункты is cited by those
        the excerpt quotes ("ст. 91, п. 1", not "пп. 1, 2, 3, 4"), the whole passage by all of them."""
        meta = self.documents.get(passage.doc_id)
        if passage.legal is None or meta is None:
            return None
        requisites = requisites_of(meta, lang)
        if requisites is None:
            return None
        title = meta.title
        other = self.documents.get(self.links.get(passage.doc_id, ""))
        if other is not None and passage.lang != lang:
            title = other.title  # the act's name as the other text writes it, in the reader's language
        paragraphs = shown_paragraphs(passage, shown) if shown else passage.legal.paragraphs
        return legal_citation(requisites, passage.legal.article or None, paragraphs, lang, title)


_PARAGRAPH = re.compile(r"\s*(\d{1,3}(?:-\d{1,3})?)\.\s")
_QUOTED = 24  # letters of a line's start that show it is quoted in an excerpt


def shown_paragraphs(passage: Passage, shown: str) -> tuple[str, ...]:
    """The пункты of a passage whose lines an excerpt quotes, all of them when none is recognised.

    A line opening with a number of the passage's пункты ("3. …") starts that пункт; lines before the first
    one continue the passage's first пункт. A line is quoted when its start is in the excerpt, or the
    excerpt's start is in it (an excerpt may begin mid-line, at its best sentence)."""
    paragraphs = passage.legal.paragraphs if passage.legal is not None else ()
    if not paragraphs:
        return paragraphs
    excerpt = squash(shown)
    found: list[str] = []
    current = paragraphs[0]
    for line in passage.text.split("\n"):
        match = _PARAGRAPH.match(line)
        if match is not None and match.group(1) in paragraphs:
            current = match.group(1)
        text = squash(line)
        if text and (text[:_QUOTED] in excerpt or excerpt[:_QUOTED] in text) and current not in found:
            found.append(current)
    return tuple(number for number in paragraphs if number in found) or paragraphs


def holds_subparagraph(passage: Passage, reference: ArticleReference) -> bool:
    """Whether the passage shows the подпункт the reference names ("пп. 3 п. 3 ст. 60", "39-4-баптың 7)
    тармақшасы") within its пункт: a long пункт's подпункты run over several passages, the first of which
    holds the пункт's number."""
    if reference.subparagraph is None:
        return False
    return subparagraph_line(passage.text.split("\n"), reference.paragraph, reference.subparagraph) is not None


def subparagraph_line(lines: list[str], paragraph: str | None, subparagraph: str) -> int | None:
    """The line where a подпункт starts, within the named пункт when one is named (the lines before a passage's
    first «N.» continue the пункт it covers first); None when the lines do not hold it."""
    start, end = 0, len(lines)
    if paragraph is not None:
        start = _item_line(lines, NodeKind.PARAGRAPH, paragraph) or 0
        end = next((i for i in range(start + 1, len(lines)) if _is_item(lines[i], NodeKind.PARAGRAPH)), end)
    return _item_line(lines[:end], NodeKind.SUBPARAGRAPH, subparagraph, start)


def opened_text(passage: Passage, paragraph: str | None, subparagraph: str | None = None) -> str:
    """The text of an article's passage a reference opens: from the asked пункт, or from the asked подпункт
    under the lead-in of its пункт («3. Курултай вправе издавать законы, … касающиеся:» before «3) основ
    организации …»), which says what the item is an item of."""
    lines = passage.text.split("\n")
    found = subparagraph_line(lines, paragraph, subparagraph) if subparagraph else None
    if found is None:
        at = _item_line(lines, NodeKind.PARAGRAPH, paragraph) if paragraph else None
        return "\n".join(lines[at or 0:])
    opening = next((i for i in range(found - 1, -1, -1) if _is_item(lines[i], NodeKind.PARAGRAPH)), None)
    lead = [lines[opening]] if opening is not None else [passage.lead] if passage.lead else []
    return "\n".join([*lead, *lines[found:]])


def _is_item(line: str, kind: NodeKind, number: str | None = None) -> bool:
    """Whether a line starts a пункт ("3. …") or подпункт ("3) …"), of that number when one is given."""
    item = match_item(line)
    return item is not None and item[0] is kind and (number is None or item[1] == number)


def _item_line(lines: list[str], kind: NodeKind, number: str, start: int = 0) -> int | None:
    return next((i for i in range(start, len(lines)) if _is_item(lines[i], kind, number)), None)


def _paragraphs(passage: Passage) -> tuple[str, ...]:
    return passage.legal.paragraphs if passage.legal is not None else ()
