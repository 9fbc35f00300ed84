"""The search index: built once from a knowledge directory, persisted, searched many times."""

from __future__ import annotations

import contextlib
import math
import re
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import numpy as np
from rapidfuzz import fuzz

from knowledge import persist
from knowledge.analysis import Analyzer, tokenize
from knowledge.answerability import CONFIDENT_MARGIN, GENERIC_SHARE, Assessment, assess, gives, is_phrasing_word
from knowledge.bm25 import BM25, top_k
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, KIND_WORDS, load_catalog, load_corpus
from knowledge.cues import (
    ARTICLE,
    AUTHORSHIP,
    COUNT_OF,
    COUNTED,
    CRISP,
    DEFINED,
    DEFINITION,
    DEFINITION_WORDS,
    DURATION,
    DURATION_ASKED,
    LIST,
    LIST_NAMES,
    LOOSE,
    NUMBER,
    PARTS,
    PERMIT,
    PERSON,
    WHICH_THING,
    WHO,
    YEAR,
    defined_terms,
    passage_cues,
)
from knowledge.document_passages import document_passages
from knowledge.everyday import everyday_words
from knowledge.excerpt import capped, make_excerpt
from knowledge.glossary import COLUMNS, INSTITUTIONS, Expander, gloss, kazakh_words, load_glossary
from knowledge.legal_reference import (
    ArticleReference,
    asks_to_show,
    named_act,
    read_bare_reference,
    read_point_reference,
    read_reference,
    without_reference,
)
from knowledge.legal_requisites import ActKind
from knowledge.legal_search import LegalShelf, opened_text
from knowledge.models import DocumentMeta, Excerpt, Hit, Passage, SearchResult, Tier
from knowledge.passages import list_leads
from knowledge.query import MIN_FORM, ParsedQuery, QueryParser, Slot
from knowledge.sections import asked_sections, named_sections
from knowledge.sentences import split_sentences
from knowledge.structure import KEYWORD_SECTIONS, SUMMARY_SECTIONS
from knowledge.translit import skeleton
from knowledge.tuning import DEFAULT, Tuning

INDEX_FILE = persist.INDEX_FILE
_LANG_BITS = {lang: 1 << i for i, lang in enumerate(COLUMNS)}
# The score rule answerability.py replaced (Tuning.answerability off), for the ablation benchmark.
CONFIDENT_COVERAGE = 0.35
CONFIDENT_SCORE = 6.0
UNSURE_SCORE = 1.5
ANALYSIS_CACHE = 50_000  # passages whose analysis is kept for excerpts
POINTER_STEM = 5  # a document-kind term this long names the document in any of its forms ("diplom" → "diplomk")
UNRECORDED = "the document's record does not say who wrote it or when"
PREFER_SHARE = 0.9  # "answers equally well": within 10% of the top score


class AnalysedPassage(NamedTuple):
    positioned: tuple[tuple[str, int, int], ...]
    sentences: tuple[tuple[int, int], ...]
    terms: frozenset[str]
    title: frozenset[str] = frozenset()  # the terms of a legal article's title
    listed: frozenset[str] = frozenset()  # the terms of the lead-ins of the lists it holds or continues

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of answer found only at excerpt time (cues.LOOSE) that the passage holds."""
        return frozenset(term for term, _, _ in self.positioned if term in LOOSE)


class Index:
    """Passages, their BM25 index and the query parser that matches them."""

    def __init__(self, passages: list[Passage], bm25: BM25, term_langs: np.ndarray,
                 analyzer: Analyzer, expander: Expander, version: str,
                 tuning: Tuning = DEFAULT, documents: Mapping[str, DocumentMeta] | None = None,
                 fields: Mapping[str, persist.Field] | None = None) -> None:
        self.tuning = tuning
        self.fields = dict(fields or {})
        self.passages = passages
        self.bm25 = bm25
        self.term_langs = term_langs
        self.analyzer = analyzer
        self.version = version
        by_lang: dict[str, set[str]] = {lang: expander.terms(lang) for lang in COLUMNS}
        for term, bits in zip(bm25.terms, term_langs.tolist(), strict=True):
            for lang, bit in _LANG_BITS.items():
                if bits & bit:
                    by_lang[lang].add(term)
        sizes = Counter(p.lang for p in passages)
        self.lang_sizes = {bits: sum(n for lang, n in sizes.items() if bits & _LANG_BITS.get(lang, 0))
                           for bits in range(1, 1 << len(COLUMNS))}
        self.expander = expander
        self.parser = QueryParser(analyzer, expander, bm25,
                                  {lang: frozenset(terms) for lang, terms in by_lang.items()},
                                  self.language_share, tuning, self._word_forms)
        self.by_id = {p.passage_id: p for p in passages}
        self._positions = {p.passage_id: i for i, p in enumerate(passages)}
        self.listing = np.array([i for i, p in enumerate(passages) if _is_keyword_list(p)], dtype=np.int64)
        self.summaries = np.array([i for i, p in enumerate(passages)
                                   if p.legal is None and p.heading.lower() in SUMMARY_SECTIONS], dtype=np.int64)
        self._analysis: dict[str, AnalysedPassage] = {}
        self._definitions: dict[tuple[str, ...], list[int]] | None = None
        self.document_terms = {doc_id: _document_terms(analyzer, meta) for doc_id, meta in (documents or {}).items()}
        self.everyday = {lang: frozenset(term for word in words for term in analyzer.terms(word, lang))
                         for lang, words in everyday_words().items()} if tuning.everyday else {}
        self.documents = dict(documents or {})
        self.ordering = _approving_orders(passages, self.documents)
        self.legal = LegalShelf(passages, self.documents)
        self.institutions = expander.section_phrases(INSTITUTIONS)
        self.sections = named_sections(passages, analyzer, expander) if tuning.named_sections else []

    def _word_forms(self) -> dict[str, tuple[str, int]]:
        """The passages' words as written, by skeleton: the commonest spelling and how often it is written
        (read once, when a misspelling first needs them: about 0.1 s on the shipped corpus)."""
        spellings: dict[str, Counter[str]] = {}
        for passage in self.passages:
            for token in tokenize(passage.text):
                if len(token.text) >= MIN_FORM and token.text.isalpha():
                    spellings.setdefault(skeleton(token.text), Counter())[token.text] += 1
        return {key: (counts.most_common(1)[0][0], sum(counts.values())) for key, counts in spellings.items()}

    def language_share(self, term: str) -> float:
        """How much of a term's idf survives when counted among passages of its languages.

        A Russian word found in one of the three Russian passages has a high idf only
        because Russian is rare here; measured among Russian passages it is ordinary.
        """
        if term not in self.bm25:
            return 0.0
        if not self.tuning.language_idf:
            return 1.0
        own = self.bm25.term_idf(term)
        size = self.lang_sizes.get(int(self.term_langs[self.bm25.slot[term]]), 0)
        df = len(self.bm25.posting(term)[0])
        if own <= 0 or size <= 0:
            return 1.0
        local = math.log(max(size - df, 0) + 0.5) - math.log(df + 0.5)
        return min(1.0, max(local, self.bm25.eps) / own)

    # --- building and persistence -------------------------------------------------------

    @classmethod
    def build(cls, knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR, tuning: Tuning = DEFAULT) -> Index:
        """Read, repair, split, analyse and index a knowledge directory."""
        concepts = load_glossary(knowledge_dir) if tuning.glossary else []
        if not tuning.synonyms:
            concepts = [c for c in concepts if not c.synonyms]
        analyzer = Analyzer(kazakh_words(concepts), kazakh_stemming=tuning.kazakh_stemming,
                            russian_lemmas=tuning.russian_lemmas)
        documents = load_corpus(knowledge_dir)
        passages = [p for doc in documents for p in document_passages(doc)]
        if not tuning.list_leads:
            passages = [replace(p, lead="") for p in passages]
        tokens = [passage_terms(analyzer, p, tuning.long_title) for p in passages]
        bm25 = BM25.build(tokens)
        fields = legal_fields(passages, tokens)
        bits = np.zeros(len(bm25.terms), dtype=np.int8)
        for passage, terms in zip(passages, tokens, strict=True):
            bit = _LANG_BITS.get(passage.lang, 0)
            for term in set(terms):
                bits[bm25.slot[term]] |= bit
        return cls(passages, bm25, bits, analyzer, Expander(concepts, analyzer),
                   persist.fingerprint(knowledge_dir), tuning, {doc.doc_id: doc.meta for doc in documents}, fields)

    def save(self, path: Path) -> None:
        """Persist the index (see persist.py)."""
        persist.save(path, self.version, self.passages, self.bm25, self.term_langs, self.fields)

    @classmethod
    def load(cls, path: Path, knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR) -> Index | None:
        """Load a saved index if it was built from this knowledge directory as it is now."""
        version = persist.fingerprint(knowledge_dir)
        saved = persist.load(path, version)
        if saved is None:
            return None
        passages, bm25, term_langs, fields = saved
        concepts = load_glossary(knowledge_dir)
        analyzer = Analyzer(kazakh_words(concepts))
        return cls(passages, bm25, term_langs, analyzer, Expander(concepts, analyzer), version,
                   documents=load_catalog(knowledge_dir), fields=fields)

    @classmethod
    def open(cls, knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR, cache_dir: Path | None = None) -> Index:
        """Load the persisted index, rebuilding it only when its content hash changed."""
        if cache_dir is None:
            return cls.build(knowledge_dir)
        path = cache_dir / INDEX_FILE
        index = cls.load(path, knowledge_dir) if path.exists() else None
        if index is None:
            index = cls.build(knowledge_dir)
            with contextlib.suppress(OSError):  # a read-only cache costs a rebuild next time
                index.save(path)
        return index

    # --- searching ----------------------------------------------------------------------

    def search(self, query: str, k: int = 5, prefer_own_language: bool = False) -> SearchResult:
        """The k best passages for a question, with excerpts and a confidence tier.

        With `prefer_own_language`, a passage in the question's language goes first when it
        answers equally well (see `_prefer`).
        """
        parsed = self.parser.parse(query)
        if k <= 0:
            return SearchResult(query=query, lang=parsed.lang, tier=Tier.NOTHING)
        # the article a question names ("ст. 39-3 п. 2", "Конституцияның 12-бабы"), read once
        reference = (read_reference(query) or read_bare_reference(query)) if self.legal else None
        if self.legal and (named := self._named_article(query, parsed, k, reference)
                           or self._named_point(query, parsed, k)):
            return named
        if self.sections and (section := self._named_section(query, parsed, k)) is not None:
            return section
        if not parsed.weights:
            return SearchResult(query=query, lang=parsed.lang, tier=Tier.NOTHING)
        scores = self.query_scores(query, parsed)
        rows = top_k(scores, max(k, self.tuning.rerank_depth))
        candidates = [self._hit(self.passages[i], float(scores[i]), parsed)
                      for i in [*rows, *self._defining(parsed, rows)]]
        # a Kazakh passage answers everyone; a Russian or English one only its own readers
        candidates = [replace(hit, score=hit.score * self.tuning.foreign_weight)
                      if hit.passage.lang not in (parsed.lang, "kk") else hit for hit in candidates]

        candidates = self._about_named_bodies(parsed, candidates)
        candidates = self._permitting(parsed, candidates)
        candidates = self._titled(parsed, candidates)
        candidates.sort(key=lambda hit: (-hit.score, hit.passage.ordinal))
        candidates = self._named_act_first(query, candidates)
        candidates = self._stated_first(parsed, candidates)
        if self.legal.parallel:
            candidates = self._own_text(parsed, candidates, scores)
        hits = tuple(candidates[:k])
        if prefer_own_language:
            hits = self._prefer(parsed, hits, parsed.lang)
        tier = Tier.NOTHING if self._absent_constitution_article(reference, hits) else self._tier(parsed, hits)
        return SearchResult(query=query, lang=parsed.lang, tier=tier, hits=hits)

    def _absent_constitution_article(self, reference: ArticleReference | None, hits: tuple[Hit, ...]) -> bool:
        """"Конституцияның 12-бабы" with no Constitution among the sources (or none with that article), which
        `LegalShelf.article` then does not open: another act's passage on top is not its answer, whatever words it
        shares ("… Конституцияның 41-бабының …")."""
        return reference is not None and reference.act is ActKind.CONSTITUTION and bool(hits) \
            and hits[0].passage.legal is not None \
            and self.legal.act_kind(hits[0].passage.doc_id) is not ActKind.CONSTITUTION

    def _defining(self, parsed: ParsedQuery, rows: Collection[int]) -> list[int]:
        """The passages beyond the candidates that define a term the question asks to define: "өзін-өзі
        басқару" stands in nearly every passage, and the one saying «Өзін-өзі басқару – бұл …» scores no
        higher than the rest (`_stated_first` then weighs it)."""
        if DEFINITION not in parsed.kinds or not self.tuning.defining_candidates:
            return []
        if self._definitions is None:
            found: dict[tuple[str, ...], list[int]] = {}
            for i, passage in enumerate(self.passages):
                for term in defined_terms(passage.text):
                    found.setdefault(tuple(self.analyzer.terms(term, passage.lang)), []).append(i)
            self._definitions = found
        taken, extra = set(rows), []
        for phrase in sorted(self._asked_terms(parsed, main_only=True)):
            for i in self._definitions.get(phrase, ()):
                if i not in taken:
                    taken.add(i)
                    extra.append(i)
        return extra

    def query_scores(self, query: str, parsed: ParsedQuery | None = None) -> np.ndarray:
        """Every passage's BM25 part of a question's score (each hit's `bm25`), before the excerpts.

        What search ranks its candidates by, and all a topic needs to choose its passages: no
        excerpt is made, which would cost the whole corpus's sentences per topic term.
        """
        parsed = parsed if parsed is not None else self.parser.parse(query)
        if not parsed.weights:
            return np.zeros(len(self.passages))
        scores = self.scores(parsed.weights)
        if self.legal and (act := named_act(query)) is not None and len(rows := self.legal.rows(act)):
            # "по Конституции", "заң бойынша": the named act's articles answer before the rest
            scores[rows] *= self.tuning.named_act_weight
        if self.legal and len(self.legal.superseded_rows):
            # the law of 2014 beside its edition of 2026: the act in force answers, the old text where it alone does
            scores[self.legal.superseded_rows] *= self.tuning.superseded_weight
        if len(self.listing):
            # a keyword list names every topic and answers none of them
            scores[self.listing] *= self.tuning.keyword_list_weight
        if len(self.summaries) and parsed.lang != "en" and not SUMMARY_ASKED.search(parsed.text):
            # an abstract retells the body in fewer words: where both hold the question's words, the body states
            # the fact the abstract only names — unless the abstract is asked for ("мақаланың түйіндемесі"), or
            # the question is English, whose only text here is the English abstract
            scores[self.summaries] *= self.tuning.summary_weight
        if len(self.ordering):
            # «Об утверждении Правил …: 1. Утвердить прилагаемые Правила …» names the rules, it does not say them
            scores[self.ordering] *= self.tuning.order_weight
        return scores

    def scores(self, weights: Mapping[str, float]) -> np.ndarray:
        """Every passage's BM25 score; a legal act's passage adds a share of its whole article's and
        of its whole chapter's (or section's).

        A question's words are often spread over an article's title and several пункты, each a
        passage of its own: scoring the article as one text finds the right article where no
        single passage holds them all. The chapter says what the article is about ("Акимы и
        акиматы", "Курултай"), which tells a maslikhat deputy's mandate from a Курултай deputy's.
        """
        scores = self.bm25.scores(weights)
        for name, (field, rows) in self.fields.items():
            weight = self.tuning.article_weight if name == "article" else self.tuning.chapter_weight
            if weight:
                scores = scores + weight * field.scores(weights)[rows]
        return scores

    def _named_article(self, query: str, parsed: ParsedQuery, k: int,
                       reference: ArticleReference | None) -> SearchResult | None:
        """A question naming an article ("ст. 39-3 п. 2", "91-бап": `reference`) gets that article, exactly.

        A bare reference opens the article (✅, its asked пункт first); a question that also asks
        something ranks the article's passages first by how well they answer, then the rest.
        """
        if reference is None:
            return None
        rest = self.parser.parse(without_reference(query))
        article = self.legal.article(reference, parsed.lang, lambda doc: self._names_of(doc, rest))
        if not article:
            return None
        # the act's name, and the article's own title in both texts ("39-4 обязанности органов мсу")
        names = self.legal.title_terms(article[0].doc_id, self.analyzer) \
            | self.legal.article_title_terms(article[0], self.analyzer)
        if all(asks_to_show(slot.words) or self._names_idea(names, slot, rest.lang) for slot in rest.content()):
            # nothing asked beyond the reference, the act's or the article's name and "open it" ("ст 20 закона о
            # местном госуправлении", "ст. 13 закона о МСУ открыть", "Заңның 32-бабында не айтылған")
            hits = tuple(self._opened(p, reference.paragraph, reference.subparagraph) for p in article[:k])
            return SearchResult(query=query, lang=parsed.lang, tier=Tier.CONFIDENT, hits=hits)
        return self._named_first(query, parsed, article, k)

    def _names_of(self, doc_id: str, rest: ParsedQuery) -> int:
        """How many ideas of a question (its reference taken out) an act's title names."""
        terms = self.legal.title_terms(doc_id, self.analyzer)
        return sum(self._names_idea(terms, slot, rest.lang) for slot in rest.content())

    def _names_idea(self, names: Collection[str], slot: Slot, lang: str) -> bool:
        """Whether an idea of a question is named by these terms (an act's or an article's title) whole: by one of
        its phrases, or by its own words where it has none the index knows (a number «148», initials «БК»)."""
        terms = self.analyzer.terms(slot.words, lang)
        return _names(names, slot) or (bool(terms) and all(term in names for term in terms))

    def _named_first(self, query: str, parsed: ParsedQuery, named: list[Passage], k: int) -> SearchResult:
        """The passages a question names (an article, a by-law's пункт) first, by how well they answer what else
        it asks, then the rest; never "nothing", since what it names is there."""
        scores = self.query_scores(query, parsed)
        first = sorted((self._hit(p, float(scores[self._positions[p.passage_id]]), parsed) for p in named),
                       key=lambda hit: -hit.score)
        ids = {hit.passage.passage_id for hit in first}
        others = [self._hit(self.passages[i], float(scores[i]), parsed) for i in top_k(scores, k + len(ids))
                  if self.passages[i].passage_id not in ids]
        hits = tuple([*first, *sorted(others, key=lambda hit: -hit.score)][:k])
        tier = self._tier(parsed, hits)
        return SearchResult(query=query, lang=parsed.lang, tier=Tier.UNSURE if tier is Tier.NOTHING else tier,
                            hits=hits)

    def _named_section(self, query: str, parsed: ParsedQuery, k: int) -> SearchResult | None:
        """A question that names a part of a document ("аннотация статьи", "ключевые слова", "кіріспе")
        gets that part from its start, in the reader's language where the document has it, else in
        Kazakh (sections.py)."""
        ideas = self._idea_terms(parsed)

        def incidental(words: str, doc_id: str) -> bool:
            pointers = self.document_terms.get(doc_id, frozenset())
            return asks_to_show(words) or is_phrasing_word(parsed.lang, words) \
                or all(term in pointers for term in ideas[words])

        found = asked_sections(self.sections, ideas, incidental)
        if not found:
            return None
        preference = {parsed.lang: 0, "kk": 1}
        section = min(found, key=lambda s: preference.get(s.lang, 2))
        hits = tuple(self._opened(self.passages[i], None) for i in section.positions[:k])
        return SearchResult(query=query, lang=parsed.lang, tier=Tier.CONFIDENT, hits=hits)

    def _named_point(self, query: str, parsed: ParsedQuery, k: int) -> SearchResult | None:
        """A question naming a by-law's пункт ("пункт 12 правил выпаса", "қағидалардың 7-тармағы") gets that пункт
        of the by-law its words name: opened when it asks nothing more, else first among the answers."""
        reference = read_point_reference(query)
        if reference is None or reference.paragraph is None or not self.legal.points:
            return None
        rest = self.parser.parse(without_reference(query))
        passages = self.legal.point(reference.paragraph, parsed.lang, lambda doc: self._names_of(doc, rest))
        if not passages:
            return None
        terms = self.legal.title_terms(passages[0].doc_id, self.analyzer)
        if all(asks_to_show(slot.words) or _names(terms, slot) for slot in rest.content()):
            hits = tuple(self._opened(p, reference.paragraph, reference.subparagraph) for p in passages[:k])
            return SearchResult(query=query, lang=parsed.lang, tier=Tier.CONFIDENT, hits=hits)
        return self._named_first(query, parsed, passages, k)

    def _opened(self, passage: Passage, paragraph: str | None, subparagraph: str | None = None) -> Hit:
        """An article passage shown from its start, or from the asked пункт (and подпункт)."""
        text = opened_text(passage, paragraph, subparagraph)
        # an exact look-up: it matches the question as surely as any shared word would (bm25 > 0)
        return Hit(passage=passage, score=1.0, excerpt=Excerpt(text=capped(text)), bm25=1.0)

    def _own_text(self, parsed: ParsedQuery, hits: list[Hit], scores: np.ndarray) -> list[Hit]:
        """An article found in the other state language's text is shown from the reader's text."""
        out: list[Hit] = []
        seen: set[str] = set()
        for hit in hits:
            own = self.legal.in_language(hit.passage, parsed.lang)
            if own is not hit.passage:
                position = self._positions[own.passage_id]
                hit = replace(self._hit(own, float(scores[position]), parsed), score=hit.score)
            if hit.passage.passage_id not in seen:
                seen.add(hit.passage.passage_id)
                out.append(hit)
        return out

    def citation(self, passage: Passage, lang: str, shown: str = "") -> str:
        """How a student quotes the passage: an act by its article and пункты (those of the excerpt `shown`,
        when given), other text by its section."""
        legal = self.legal.citation(passage, lang, shown)
        if legal is not None:
            return legal
        meta = self.documents.get(passage.doc_id)
        title = meta.display_title(lang) if meta is not None else passage.title
        by = ", ".join([*meta.authors, *([str(meta.year)] if meta.year else [])]) if meta is not None else ""
        return f"{title} ({by}), {passage.heading}" if by else f"{title}, {passage.heading}"

    def _named_act_first(self, query: str, hits: list[Hit]) -> list[Hit]:
        """The passages of an act the question names ("по Конституции", "заң бойынша") go before the
        other acts' when the best of them scores at least `named_act_share` of the top.

        The named act's BM25 is raised already (`query_scores`), but the best sentence's strength added
        after it can still put another act first: «… избранных депутатов …» of the law's joint sessions
        over the Constitution's article on who may be elected a maslihat deputy. A student who names
        the Constitution wants the Constitution's answer, and the law's is the way on.
        """
        act = named_act(query) if self.legal else None
        if act is None or not hits:
            return hits
        rows = frozenset(self.legal.rows(act).tolist())
        own = [hit for hit in hits if self._positions.get(hit.passage.passage_id) in rows]
        if not own or own[0] is hits[0] or own[0].score < self.tuning.named_act_share * hits[0].score:
            return hits
        return [*own, *(hit for hit in hits if hit not in own)]

    def _permitting(self, parsed: ParsedQuery, hits: list[Hit]) -> list[Hit]:
        """A passage saying what one may or may not do scores `permit_weight` more for "может ли …", "бола ала
        ма": «Мәслихат хатшысының … тұрақты комиссияларында болуға құқығы жоқ» answers "мәслихат хатшысы тұрақты
        комиссияның мүшесі бола ала ма", which ст. 12 on the commissions, saying «тұрақты комиссия» more often,
        does not. Found at excerpt time (cues.LOOSE): as an index term it would lengthen most of a law's passages."""
        weight = self.tuning.permit_weight
        if not weight or PERMIT not in parsed.kinds:
            return hits
        return [replace(hit, score=hit.score * (1 + weight)) if PERMIT in self._analysed(hit.passage).kinds else hit
                for hit in hits]

    def _about_named_bodies(self, parsed: ParsedQuery, hits: list[Hit]) -> list[Hit]:
        """A passage loses `institution_weight` of its score times the share of the bodies and offices the
        question names that it does not name.

        "по конституции на сколько лет избирается маслихат": the Constitution's article on the President
        («избирается … сроком на семь лет») shares more words with the question than ст. 88 on the
        maslikhats, and «маслихат», said in nearly every passage of the law, weighs little in BM25. Who a
        question is about is not one word among others: the glossary's "institutions and offices" name them.
        A question naming two ("депутат маслихата переехал …", "мәслихат хатшысы тұрақты комиссияның мүшесі
        бола ала ма") is about both: the Kurultai's deputies or the standing commissions alone answer half of it.
        """
        weight = self.tuning.institution_weight
        named = [[phrase for phrase in slot.variants if phrase and phrase not in slot.parts]
                 for slot in parsed.content() if self.institutions.intersection(slot.variants)]
        if not weight or not named:
            return hits

        def unnamed(hit: Hit) -> float:
            analysed = self._analysed(hit.passage)
            terms = analysed.terms | analysed.title
            meta = self.documents.get(hit.passage.doc_id)
            if meta is not None and meta.kind == "regulation":
                # a by-law's rules are about what their title names («Правила рассмотрения жалоб на решения маслихата»)
                terms = terms | self.legal.title_terms(hit.passage.doc_id, self.analyzer)
            return sum(not any(all(t in terms for t in phrase) for phrase in phrases) for phrases in named) / len(named)

        return [replace(hit, score=hit.score * (1 - weight * share)) if (share := unnamed(hit)) else hit
                for hit in hits]

    def _titled(self, parsed: ParsedQuery, hits: list[Hit]) -> list[Hit]:
        """An article whose whole title the question names, or whose title names every idea of the
        question, scores `title_weight` more.

        "Мәслихат хатшысы тұрақты комиссияның мүшесі бола ала ма?" is about ст. 19 «Мәслихат хатшысы»,
        though ст. 12 on the standing commissions says "тұрақты комиссия" more often. A title of one word
        («Маслихат») names a subject, not a question, and counts for nothing here. "кто назначает акима
        области" is what ст. 28 «Порядок назначения … акима области …» is about, though ст. 23-1 on the
        maslikhat's consent says "назначающий акима" in every пункт; a title of over twice `long_title`
        words (23-1's has 34) describes everything the article touches, and does not count.
        """
        weight = self.tuning.title_weight
        if not weight or not self.legal:
            return hits
        asked = set(parsed.weights)
        ideas = [idea for idea in self._asked_ideas(parsed) if idea]

        def named(hit: Hit) -> bool:
            title = self._analysed(hit.passage).title
            if len(title) > 1 and title <= asked:
                return True
            legal = hit.passage.legal
            words = len(legal.article_title.split()) if legal is not None else 0
            return bool(ideas) and 0 < words <= 2 * self.tuning.long_title and self._lists(ideas, title)

        return [replace(hit, score=hit.score * (1 + weight)) if named(hit) else hit for hit in hits]

    def _stated_first(self, parsed: ParsedQuery, hits: list[Hit]) -> list[Hit]:
        """A close second whose excerpt states the asked plain fact, or defines the asked term, goes
        before a top hit that does not.

        "Сколько местных советов было в СССР?": the passage about the Soviet councils' rights
        scores a little above the one that says "Олардың саны 50 000-нан асты"; a reader asking
        how many wants the number. "азаматтық қоғам" looked up wants «Азаматтық қоғам» дегеніміз …, and
        "өзін-өзі басқару деген не" the sentence that defines exactly that term, not «жергілікті өзін-өзі
        басқару» (a definition is sought further down: `defined_share`). (An article asked for is stated
        by every act's passage.)
        """
        asked = _plain_facts(parsed)
        states = self._statement(parsed)
        share = self.tuning.stated_share if asked else self.tuning.defined_share
        if not share or states is None or not hits:
            return hits
        if not states(hits[0]):
            for i, hit in enumerate(hits[1:], 1):
                if hit.score < share * hits[0].score:
                    break
                if states(hit):
                    hits = [hit, *hits[:i], *hits[i + 1:]]
                    break
        # a passage that ends announcing the list asked for gives way to the list («… келесідей … бастауларын алға
        # шығарады:» before the next passage's items)
        announced = next((i for i, hit in enumerate(hits[1:], 1) if _announces(hits[0].passage, hit.passage)
                          and self._continues_asked_list(parsed, hit.passage)), None)
        if announced is not None:
            hits = [hits[announced], *hits[:announced], *hits[announced + 1:]]
        # the list asked for as a whole is shown from its start
        return _from_the_first_item(hits) if self._continues_asked_list(parsed, hits[0].passage) else hits

    def _statement(self, parsed: ParsedQuery, lists: bool = True) -> Callable[[Hit], bool] | None:
        """Whether a hit's excerpt states what the question asks for: the plain fact, the definition of the
        asked term or (with `lists`) the list it names; None when it asks for none of those."""
        asked = _plain_facts(parsed)
        named = (DEFINITION in parsed.kinds or (lists and LIST in parsed.kinds)) and not asked
        if not (asked or named):
            return None
        ideas = self._asked_ideas(parsed, main_only=True) if named else []
        main = {phrase for idea in ideas for phrase in idea}

        def states(hit: Hit) -> bool:
            # a number beside something else counts something else (`_counts_asked`); a share states what is required
            # ("сколько депутатов должно присутствовать", "қанша депутат қатысуы керек": a quorum)
            if asked:
                return all(gives(kind, hit.excerpt.kinds, parsed.kinds) for kind in asked) \
                    and self._counts_asked(parsed, hit, shares=parsed.required) and self._lasts_asked(parsed, hit)
            if DEFINITION in parsed.kinds and self._defines(main, hit):
                return True
            return lists and LIST in parsed.kinds and self._lists(ideas, self._analysed(hit.passage).listed)

        return states

    def _prefer(self, parsed: ParsedQuery, hits: tuple[Hit, ...], lang: str) -> tuple[Hit, ...]:
        """Put the reader's language first when it answers equally well.

        A Russian reader is better served by the Russian abstract than by the Kazakh paragraph
        it summarises, but not by a weaker answer: the passage must score within PREFER_SHARE
        of the top and cover as much of the question (score alone moved 2 of 20 holdout
        answers to the abstract, wrongly), and state what is asked if the top does ("гражданское
        общество" looked up: the abstract names it, the Kazakh paragraph defines it).
        """
        if not hits or hits[0].passage.lang == lang:
            return hits
        position, hit = next(((i, h) for i, h in enumerate(hits) if h.passage.lang == lang), (0, hits[0]))
        states = self._statement(parsed, lists=False)  # a plural noun ("функции") is too loose a sign of a list
        if (position and hit.score >= PREFER_SHARE * hits[0].score
                and self.coverage(parsed, hit.passage) >= self.coverage(parsed, hits[0].passage)
                and (states is None or states(hit) or not states(hits[0]))):
            return (hit, *hits[:position], *hits[position + 1:])
        return hits

    def hit(self, query: str, passage_id: str) -> Hit | None:
        """One passage scored and excerpted for a query: a stored result shown again later."""
        passage = self.by_id.get(passage_id)
        if passage is None:
            return None
        parsed = self.parser.parse(query)
        position = self._positions.get(passage_id)
        score = float(self.scores(parsed.weights)[position]) if parsed.weights and position is not None else 0.0
        return self._hit(passage, score, parsed)

    def neighbours(self, passage_id: str) -> tuple[str | None, str | None]:
        """The passages just before and just after one in its document (None at either end): the answer
        often stands in the passage next to the one that repeats the question's words, so a reader of a
        passage can read on."""
        position = self._positions.get(passage_id)
        if position is None:
            return None, None
        doc_id = self.passages[position].doc_id
        before, after = position - 1, position + 1
        return (self.passages[before].passage_id if before >= 0 and self.passages[before].doc_id == doc_id else None,
                self.passages[after].passage_id if after < len(self.passages)
                and self.passages[after].doc_id == doc_id else None)

    def highlights(self, query: str, passage_id: str) -> tuple[tuple[int, int], ...]:
        """Spans of a passage's words that match the query, for showing the passage whole."""
        passage = self.by_id.get(passage_id)
        if passage is None:
            return ()
        weights = self.parser.parse(query).weights
        return tuple((start, end) for term, start, end in self._analysed(passage).positioned if term in weights)

    def _analysed(self, passage: Passage) -> AnalysedPassage:
        """A passage's positioned terms, sentences and term set, computed once."""
        found = self._analysis.get(passage.passage_id)
        if found is None:
            if len(self._analysis) >= ANALYSIS_CACHE:
                self._analysis.clear()
            positioned = (*self.analyzer.passage_terms(passage.text, passage.lang),
                          *passage_cues(passage.text, LOOSE))
            title = passage.legal.article_title if passage.legal is not None else ""
            inner = [passage.text[start:end] for start, end, _ in list_leads(passage.text)]
            # an act's list is also named by its article's title («… мүшелерінің құқықтары мен міндеттері»)
            leads = [passage.lead, *inner, *([title] if inner else [])]
            found = AnalysedPassage(positioned, tuple(split_sentences(passage.text)),
                                    frozenset(passage_terms(self.analyzer, passage, self.tuning.long_title)),
                                    frozenset(self.analyzer.terms(title, passage.lang)) if title else frozenset(),
                                    frozenset(self.analyzer.terms("\n".join(leads), passage.lang)))
            self._analysis[passage.passage_id] = found
        return found

    def _hit(self, passage: Passage, score: float, parsed: ParsedQuery) -> Hit:
        analysed = self._analysed(passage)
        # the later items of a list the question asks for: its lead-in stands in an earlier passage
        lead = passage.lead if self._continues_asked_list(parsed, passage) else ""
        # a definition asked for is shown where the text defines by a so-called or a dash, in a passage
        # that gives no definition in so many words («… – бұл …», «… дегеніміз …»)
        kinds = (*parsed.kinds, DEFINED) if DEFINITION in parsed.kinds and DEFINITION not in analysed.terms \
            else parsed.kinds
        excerpt = make_excerpt(passage.text, analysed.positioned, self.bm25.term_idf, parsed.weights,
                               analysed.sentences, kinds, self.tuning.answer_excerpt, parsed.numbers, lead)
        if _under_lead(excerpt, passage):
            # the lead-in shown says what the items are: its words count as shown
            excerpt = replace(excerpt, terms=excerpt.terms | (set(self.analyzer.terms(passage.lead, passage.lang))
                                                              & parsed.weights.keys()))
        if passage.article and ARTICLE in parsed.kinds:
            # "какая статья …": an act's passage answers with its article, which its citation names
            excerpt = replace(excerpt, kinds=excerpt.kinds | {ARTICLE})
        # An answer states the question's ideas together: the best sentence's strength
        # is added to the BM25 score to order the candidates.
        final = score + self.tuning.rerank_weight * excerpt.strength
        return Hit(passage=passage, score=final, excerpt=excerpt, bm25=score)

    def gloss(self, text: str, lang: str, reader: str) -> tuple[tuple[str, str], ...]:
        """Key glossary terms of a text in `lang` with their `reader` equivalents (see glossary.gloss)."""
        return gloss(self.expander, self.analyzer, text, lang, reader)

    def coverage(self, parsed: ParsedQuery, passage: Passage) -> float:
        """Share of the query's weighted importance that the passage matches."""
        present = self._analysed(passage).terms
        total = matched = 0.0
        for term, weight in parsed.weights.items():
            if term in self.bm25:
                value = weight * self.bm25.max_contribution(term)
                total += value
                matched += value if term in present else 0.0
        return matched / total if total else 0.0

    def assess(self, parsed: ParsedQuery, hits: tuple[Hit, ...]) -> Assessment:
        """Whether the best of the hits answers a parsed question, and why (answerability.py)."""
        hit = hits[0] if hits else None
        # the passage's indexed terms, and the kinds of answer spotted at excerpt time (a condition …)
        analysed = self._analysed(hit.passage) if hit is not None else None
        terms = analysed.terms | analysed.kinds if analysed is not None else frozenset()
        whole = self.document_terms.get(hit.passage.doc_id, frozenset()) if hit is not None else frozenset()
        margin = _lead(hits)
        ideas = self._idea_terms(parsed)
        if hit is not None and self._unrecorded(parsed, ideas):
            return Assessment(Tier.NOTHING, UNRECORDED)
        return assess(parsed, hit, self.bm25, terms, margin, whole, self._shows_asked(parsed, hit),
                      self.tuning.kazakh_predicates, self._everyday_ideas(parsed, ideas),
                      self._pointer_ideas(ideas, whole), self.tuning.names_shown,
                      self._counts_asked(parsed, hit) and self._lasts_asked(parsed, hit)
                      and self._which_shown(parsed, hit))

    def _counts_asked(self, parsed: ParsedQuery, hit: Hit | None, shares: bool = True) -> bool:
        """A number the excerpt shows stands by what the question counts ("сколько депутатов": «… не менее
        одной трети от общего числа депутатов …»), or no count is asked. A number beside something else
        («… полномочий депутата Сената … не ранее чем через год») counts something else.

        Without `shares`, a share of what is counted («двух третей от числа избранных депутатов», «25
        процентами») is no count of it: it may answer "сколько депутатов нужно", but does not earn a passage
        its place above a better-scoring one."""
        found = COUNTED.search(parsed.text) if NUMBER in parsed.kinds and hit is not None else None
        if found is None or hit is None:
            return True
        word = found.group(1).lower()
        slot = _slot_of(parsed, word)
        text = hit.excerpt.text
        if slot is None:
            # "сколько раз", "неше рет": a unit no index holds (a stop word), counted as it is written
            if not TIMES.fullmatch(word):
                return True
            held = [match.start() for match in TIMES.finditer(text)]
        else:
            # the counted word in every language when it is an idea of its own; only as written when it is part
            # of a longer one ("депутатов маслихата": the deputies are counted, not the maslikhat)
            counted = {phrase[0] for phrase in slot.variants if len(phrase) == 1} if slot.words.lower() == word \
                else set(self.analyzer.terms(word, parsed.lang))
            held = [start for term, start, _ in self.analyzer.passage_terms(text, hit.passage.lang) if term in counted]
        # "Их число не должно превышать семи", «Олардың саны 50 000-нан асты»: a count of what was just named
        held += [match.start() for match in COUNT_OF.finditer(text)]
        # "на одного из членов": one of them, not how many
        shares = shares or _SHARE.match(f" {word}") is not None  # "сколько процентов": the share is the count
        # "не менее семи лет в указанных отраслях": a number before a unit of time counts time, not what stands
        # near it — unless time is what is counted ("сколько лет")
        spans = not _TIME_UNIT.match(f" {word}")
        numbers = [(start, end) for _, start, end in passage_cues(text, (NUMBER,)) if not _ONE_OF.match(text, end)
                   and (shares or not _SHARE.match(text, end)) and not (spans and _TIME_UNIT.match(text, end))]
        return _stands_by(numbers, held, COUNTED_NEAR)

    def _which_shown(self, parsed: ParsedQuery, hit: Hit | None) -> bool:
        """The thing a "which" asks about is in the excerpt, or none is asked: "қандай салықтар түседі" asks
        for taxes, and an excerpt saying a rural district has no budget of its own names none. A kind of
        list («какие принципы») is not demanded: a list may give its items without naming them."""
        if hit is None or not self.tuning.which_shown:
            return True
        found = WHICH_THING.search(parsed.text)
        if found is None or LIST_NAMES.fullmatch(found.group(1)):
            return True
        slot = _slot_of(parsed, found.group(1).lower())
        if slot is None or not slot.variants:
            return True
        held = {term for term, _, _ in self.analyzer.passage_terms(hit.excerpt.text, hit.passage.lang)}
        return any(all(term in held for term in phrase) for phrase in slot.variants if phrase)

    def _lasts_asked(self, parsed: ParsedQuery, hit: Hit | None) -> bool:
        """A span of time the excerpt shows stands by a word of the question other than those asking for it
        ("срок полномочий маслихата": «избираются … сроком на пять лет»), or the excerpt shows none. One far
        from them lasts something else: a revision commission appointed «на пять лет», a work record «до
        одного года» in the same long sentence as «маслихата»."""
        if DURATION not in parsed.kinds or hit is None:
            return True
        text = hit.excerpt.text
        spans = [(start, end) for _, start, end in passage_cues(text, (DURATION,))]
        own = {phrase[0] for slot in parsed.content() if not DURATION_ASKED.fullmatch(slot.words)
               for phrase in slot.variants if phrase}
        held = [start for term, start, _ in self.analyzer.passage_terms(text, hit.passage.lang) if term in own]
        return not spans or _stands_by(spans, held, LASTING_NEAR)

    def _unrecorded(self, parsed: ParsedQuery, ideas: Mapping[str, list[str]]) -> bool:
        """A question about who wrote a document it points at, or when ("кто автор статьи", "дипломды кім
        жазды"), when the document's record does not say: the sources cannot answer it, and a scholar cited
        in a passage («А.Н. Швецов …») is not its author."""
        who = WHO.search(parsed.text) is not None  # "кто автор", not "что автор считает"
        asked = [kind for kind in (PERSON, YEAR) if kind in parsed.kinds and (kind != PERSON or who)]
        if not asked or not AUTHORSHIP.search(parsed.text):
            return False
        pointed = [meta for doc_id, meta in self.documents.items()
                   if any(terms and not AUTHORSHIP.fullmatch(words) and set(terms) <= self.document_terms[doc_id]
                          for words, terms in ideas.items())]
        return bool(pointed) and all((PERSON in asked and not meta.authors) or (YEAR in asked and not meta.year)
                                     for meta in pointed)

    def _idea_terms(self, parsed: ParsedQuery) -> dict[str, list[str]]:
        """Each idea of the question (its words) as the terms of its language, read once per question; a
        misspelled word as the term it was read as ("кючевые слова" names the «Ключевые слова» all the same)."""
        fixes = {typed.lower(): term for typed, term in parsed.corrected}
        ideas: dict[str, list[str]] = {}
        for slot in parsed.content():
            found = [fixes.get(slot.words[start:end].lower(), term)
                     for term, start, end in self.analyzer.positioned_terms(slot.words, parsed.lang)]
            if found:
                ideas[slot.words] = found
        return ideas

    def _pointer_ideas(self, ideas: Mapping[str, list[str]], document_terms: frozenset[str]) -> frozenset[str]:
        """The question's ideas (their words) that name the passage's document by its kind in a form the
        index does not know: «дипломки», «дипломдағы» for the thesis, whose kind words say «диплом»."""
        stems = [term for term in document_terms if len(term) >= POINTER_STEM]
        return frozenset(words for words, terms in ideas.items() if not any(term in self.bm25 for term in terms)
                         and all(any(term.startswith(stem) for stem in stems) for term in terms))

    def _everyday_ideas(self, parsed: ParsedQuery, ideas: Mapping[str, list[str]] | None = None) -> frozenset[str]:
        """The question's ideas (their words) that are everyday words of its language (everyday.py): as
        written, or as the index read them («істеп» met «істеу»'s term by its prefix)."""
        ideas = self._idea_terms(parsed) if ideas is None else ideas
        everyday = self.everyday.get(parsed.lang, frozenset())
        read = {slot.words: [phrase for phrase in slot.variants if phrase and all(t in self.bm25 for t in phrase)]
                for slot in parsed.content()}
        return frozenset(words for words, terms in ideas.items()
                         if set(terms) <= everyday or (read.get(words) and all(set(phrase) <= everyday
                                                                               for phrase in read[words])))

    def _shows_asked(self, parsed: ParsedQuery, hit: Hit | None) -> bool:
        """The excerpt defines exactly one of the question's ideas (a glossary concept or a word), or is the
        list asked for: its lead-in, shown, names every idea asked about."""
        if DEFINITION in parsed.kinds and self._defines(self._asked_terms(parsed, heads_only=True), hit):
            return True
        return hit is not None and _under_lead(hit.excerpt, hit.passage) \
            and self._continues_asked_list(parsed, hit.passage)

    def _asked_terms(self, parsed: ParsedQuery, main_only: bool = False,
                     heads_only: bool = False) -> set[tuple[str, ...]]:
        """The phrases of the question's ideas, as a definition would name them (see `_asked_ideas`)."""
        return {phrase for idea in self._asked_ideas(parsed, main_only, heads_only) for phrase in idea}

    def _asked_ideas(self, parsed: ParsedQuery, main_only: bool = False,
                     heads_only: bool = False) -> list[set[tuple[str, ...]]]:
        """The question's ideas, each as the phrases that name it.

        With `main_only`, the ideas the question is about: its only one, or those most passages do
        not hold — "Мәслихат деген не? … жергілікті өзін-өзі басқару …" asks what a maslikhat is, not
        what local self-government is. With `heads_only`, not an idea another one qualifies: "ЖӨБ субъектісі",
        "субъект МСУ" ask for the subject, not for what МСУ is.
        """
        ideas = [slot for slot in parsed.content() if not DEFINITION_WORDS.fullmatch(slot.words)]
        if heads_only:
            text = " ".join(parsed.text.lower().split())
            ideas = [slot for slot in ideas if not any(_heads(other, slot, parsed.lang, text) for other in ideas)]
        if main_only:
            ideas = [slot for slot in ideas if not is_phrasing_word(parsed.lang, slot.words)] or ideas
            if len(ideas) > 1:
                ideas = [slot for slot in ideas
                         if len(self.bm25.holders(list(slot.variants))) < GENERIC_SHARE * self.bm25.size]
        return [{phrase for phrase in slot.variants if phrase not in slot.parts} for slot in ideas]

    def _continues_asked_list(self, parsed: ParsedQuery, passage: Passage) -> bool:
        """The passage continues the list asked for as a whole: a list is asked for, and the lead-in of the
        list the passage continues (from an earlier passage) names every idea asked about — or every one
        but the word for the items, when the rest names something few passages do: «Еркін қауымдастық теориясы
        … келесідей … бастауларын алға шығарады:» lists what "свободная община принципы" asks for, whatever
        it calls them."""
        if not passage.lead or LIST not in parsed.kinds:
            return False
        listed = self._analysed(passage).listed
        if self._lists(self._asked_ideas(parsed, main_only=True), listed):
            return True
        subject = [{phrase for phrase in slot.variants if phrase not in slot.parts} for slot in parsed.content()
                   if not LIST_NAMES.match(slot.words) and not is_phrasing_word(parsed.lang, slot.words)]
        return len(subject) < len(parsed.content()) and self._lists(subject, listed) \
            and all(len(self.bm25.holders(list(idea))) < GENERIC_SHARE * self.bm25.size for idea in subject)

    @staticmethod
    def _lists(ideas: list[set[tuple[str, ...]]], listed: frozenset[str]) -> bool:
        """A list's lead-in (its terms: `listed`) names every idea asked about: «… келесі негізгі
        қағидаларды бөлуге болады:» lists what "ЖӨБ қағидалары" asks for."""
        return bool(ideas) and all(any(all(term in listed for term in phrase) for phrase in idea) for idea in ideas)

    def _defines(self, asked: set[tuple[str, ...]], hit: Hit | None) -> bool:
        """The hit's excerpt defines one of the asked phrases."""
        return hit is not None and bool(asked) and any(tuple(self.analyzer.terms(term, hit.passage.lang)) in asked
                                                       for term in defined_terms(hit.excerpt.text))

    def _tier(self, parsed: ParsedQuery, hits: tuple[Hit, ...]) -> Tier:
        if self.tuning.answerability:
            return self.assess(parsed, hits).tier
        # the score rule it replaced, kept for the ablation benchmark
        if not hits or hits[0].bm25 < UNSURE_SCORE:
            return Tier.NOTHING
        cover = self.coverage(parsed, hits[0].passage)
        if hits[0].bm25 >= CONFIDENT_SCORE and cover >= CONFIDENT_COVERAGE:
            return Tier.CONFIDENT
        return Tier.UNSURE


REPEATED = 80  # rapidfuzz partial_ratio at which two excerpts say the same
REPEAT_CHARS = 300  # …of the first characters of the top one
TIMES = re.compile(r"(?<!\w)(?:раз|раза|рет|реттен|ret|times)(?!\w)", re.I)  # how many times (not «ретте»: "when")
COUNTED_NEAR = 40  # characters between a number and what it counts ("одной трети от общего числа депутатов")
LASTING_NEAR = 60  # …and between a span of time and what lasts it ("избираются … сроком на пять лет")
_ONE_OF = re.compile(r"\s+из(?!\w)", re.I)
# a unit of time after a number: «семи лет», «бес жылға», «6 месяцев», «10 күн ішінде»
_TIME_UNIT = re.compile(r"[\s-]+(?:лет|год\w*|месяц\w*|дн(?:я|ей)|день|недел\w*|час\w*|жыл\w*|ай|айға|айдан|айлық"
                        r"|күн\w*|апта\w*|сағат\w*)(?!\w)", re.I)
# a share, not a count: «двух третей от числа депутатов», «25 процентами», «жиырма бес пайызы», «төрттен үші»,
# «төрттен үш бөлігі» (three of four: the ablative number is the whole, the next one the part)
_SHARE = re.compile(r"\s*(?:\w+\s+)?(?:трет\w*|четверт\w*|пят(?:ой|ых)\b|процент\w*|%|пайыз\w*|половин\w*"
                    r"|от\s+(?:общего\s+)?(?:числа|количества))"
                    r"|\s+(?:бірі|екісі|үші|төрті|бесі|(?:\w+\s+)?бөлі\w*)(?!\w)", re.I)


def _names(terms: Collection[str], slot: Slot) -> bool:
    """Whether terms (an act's title) hold one of an idea's phrases whole."""
    return any(phrase and all(term in terms for term in phrase) for phrase in slot.variants)


def _slot_of(parsed: ParsedQuery, word: str) -> Slot | None:
    """The idea of the question a (lower-case) word of it belongs to: "депутатов" in "депутатов маслихата"."""
    return next((slot for slot in parsed.content() if word in slot.words.lower().split()), None)


def _plain_facts(parsed: ParsedQuery) -> list[str]:
    """The plain facts a question asks for that a passage states or not (an article asked for is stated by
    every act's passage)."""
    return [kind for kind in parsed.kinds if (kind in CRISP and kind != ARTICLE) or kind == PARTS]


def _stands_by(spans: list[tuple[int, int]], places: list[int], near: int) -> bool:
    """Whether one of the places (of words) is within `near` characters of one of the spans (of answers)."""
    return any(start - near <= at <= end + near for start, end in spans for at in places)


# a Kazakh possessive ending: the head of "ЖӨБ субъектісі", "мәслихат хатшысы", "ЖӨБ қағидалары"
_POSSESSED = re.compile(r"\w+(?:ы|і)", re.I)


def _heads(head: Slot, other: Slot, lang: str, text: str) -> bool:
    """`head` is the noun a phrase of the question (`text`, lower case, single spaces) is about and `other`
    qualifies it: the Kazakh possessed noun right after it ("ЖӨБ субъектісі"), or the Russian noun right before
    one in the genitive ("субъект МСУ")."""
    if head is other or not head.words or not other.words or is_phrasing_word(lang, head.words):
        return False
    first, second = (other.words, head.words) if lang == "kk" else (head.words, other.words)
    if f"{first.lower()} {second.lower()}" not in text:
        return False
    return lang != "kk" or bool(_POSSESSED.fullmatch(head.words.split()[-1]))


def _lead(hits: tuple[Hit, ...]) -> float:
    """How far the best hit's score stands above the next one that says something else, as a share of it:
    another document repeating the top excerpt (the article retells the thesis; the law restates the
    Constitution) agrees with it. Only a close second is compared (the comparison costs ~0.1 ms)."""
    if not hits or hits[0].score <= 0:
        return 1.0
    top = hits[0]
    for other in hits[1:]:
        lead = (top.score - other.score) / top.score
        if lead >= CONFIDENT_MARGIN or other.passage.doc_id == top.passage.doc_id or not _repeats(top, other):
            return lead
    return 1.0


def _repeats(top: Hit, other: Hit) -> bool:
    """The two excerpts say the same: the top one's opening stands in the other, or the other's first sentence
    stands nearly word for word in the top one, which shows a sentence before it («2. … бес жыл мерзімге
    сайлайды. 3. … жиырма жасқа толған азаматы …» and the law's «2. … жиырма жасқа толған азаматы …»)."""
    if fuzz.partial_ratio(top.excerpt.text[:REPEAT_CHARS], other.excerpt.text, score_cutoff=REPEATED):
        return True
    first = next((s for s in _SENTENCE_END.split(other.excerpt.text) if len(s) >= MIN_SHARED), "")
    return bool(first) and bool(fuzz.partial_ratio(first, top.excerpt.text, score_cutoff=SAME_SENTENCE))


_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+|\n")
SAME_SENTENCE = 90  # rapidfuzz partial_ratio at which a sentence is the same one, retold (80 met other rules)
MIN_SHARED = 40  # characters of a sentence long enough to be a rule of its own


def _under_lead(excerpt: Excerpt, passage: Passage) -> bool:
    """The excerpt shows the lead-in of the list the passage continues before its items (make_excerpt)."""
    return bool(passage.lead) and excerpt.text.startswith(passage.lead.strip())


def _announces(passage: Passage, other: Passage) -> bool:
    """The passage ends with the lead-in of the list the other one, next in its document, starts."""
    return other.doc_id == passage.doc_id and other.ordinal == passage.ordinal + 1 and bool(other.lead) \
        and passage.text.rstrip().endswith(other.lead.strip())


def _from_the_first_item(hits: list[Hit]) -> list[Hit]:
    """The list the top hit continues, from its earliest passage among the hits ("принципы МСУ" opens on
    principle 1, not on 3 and 4)."""
    top = hits[0].passage
    same = [i for i, hit in enumerate(hits) if hit.passage.doc_id == top.doc_id and hit.passage.lead == top.lead]
    first = min(same, key=lambda i: hits[i].passage.ordinal)
    return [hits[first], *hits[:first], *hits[first + 1:]] if first else hits


def _document_terms(analyzer: Analyzer, meta: DocumentMeta) -> frozenset[str]:
    """The terms of the words that name a document's kind, in kk, ru and en ("keywords of the article"), and of
    its year.

    Not its title: a title names the subject («… және азаматтық қоғам»), which one passage
    holds and another does not.
    """
    text = KIND_WORDS.get(meta.kind, "")
    year = meta.year or ""  # "по конституции 2026 года", "2015 жылғы дипломда"
    return frozenset(term for lang in ("kk", "ru", "en") for term in analyzer.terms(f"{text} {year}", lang))


def _approving_orders(passages: list[Passage], documents: Mapping[str, DocumentMeta]) -> np.ndarray:
    """The rows of the order (or decision) that approves a by-law's rules: the preamble of a regulation whose
    other passages stand in пункты."""
    ruled = {p.doc_id for p in passages if p.legal is not None and p.legal.paragraphs
             and documents.get(p.doc_id) is not None and documents[p.doc_id].kind == "regulation"}
    return np.array([i for i, p in enumerate(passages) if p.doc_id in ruled and p.legal is not None
                     and not (p.legal.article or p.legal.chapter or p.legal.paragraphs or p.legal.part)],
                    dtype=np.int64)


# A question asking for a document's abstract by name.
SUMMARY_ASKED = re.compile(r"аннотаци|андатпа|аңдатпа|түйіндеме|туйиндеме|резюме|abstract|summary", re.I)


def _is_keyword_list(passage: Passage) -> bool:
    return passage.heading.lower() in KEYWORD_SECTIONS


def passage_terms(analyzer: Analyzer, passage: Passage, long_title: int = DEFAULT.long_title) -> list[str]:
    """What a passage is indexed under: its section title, the lead-in of the list it continues, the full names of
    an act's short forms it uses, its words and its cues (an act's passage holds the answer to "which article":
    its own).

    An article's title longer than `long_title` words describes the whole article («Порядок дачи
    согласия маслихатом на назначение на должности акимов области, … » — 34 words): repeated in each
    of its passages, it would make every one of them match any question on akims and appointments.
    It is indexed with the article's first passage only (and so once in the whole article's field).
    """
    heading = passage.heading
    legal = passage.legal
    if long_title and legal is not None and len(legal.article_title.split()) > long_title \
            and legal.paragraphs and "1" not in legal.paragraphs:
        heading = heading.replace(legal.article_title, "")
    names = legal.names if legal is not None else ""
    heading_terms = analyzer.terms(f"{heading}\n{passage.lead}\n{names}", passage.lang) \
        + ([ARTICLE] if passage.article else [])
    return heading_terms + [term for term, _, _ in analyzer.passage_terms(passage.text, passage.lang)]


def legal_fields(passages: list[Passage], tokens: list[list[str]]) -> dict[str, persist.Field]:
    """BM25 over the whole articles and the whole chapters (or sections) of legal acts, with each
    passage's row in them (other passages are rows of their own); empty when no act is loaded."""
    if not any(p.article for p in passages):
        return {}

    def article(passage: Passage) -> tuple[str, str]:
        return (passage.doc_id, passage.article) if passage.article else ("", passage.passage_id)

    def chapter(passage: Passage) -> tuple[str, str]:
        legal = passage.legal
        name = (legal.chapter or legal.part) if legal is not None else ""
        return (passage.doc_id, name) if name else ("", passage.passage_id)

    return {"article": _field(passages, tokens, article), "chapter": _field(passages, tokens, chapter)}


def _field(passages: list[Passage], tokens: list[list[str]],
           key: Callable[[Passage], tuple[str, str]]) -> persist.Field:
    groups: dict[tuple[str, str], int] = {}
    rows = np.zeros(len(passages), dtype=np.int64)
    corpus: list[list[str]] = []
    for i, (passage, terms) in enumerate(zip(passages, tokens, strict=True)):
        row = groups.setdefault(key(passage), len(corpus))
        if row == len(corpus):
            corpus.append([])
        rows[i] = row
        corpus[row].extend(terms)
    return BM25.build(corpus), rows
