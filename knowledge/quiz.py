"""Quiz items made from the corpus and the glossary, each checked against its source before use.

Kinds of item:
- `year`, `number`, `term`: a sentence of a passage with one year, number or glossary term
  replaced by a blank; the other options are values of the same kind from other passages;
- `translation`: a glossary term of a passage and its equivalent in the other state language;
- `article`: which article of a legal act says a sentence (only for passages that carry an
  article number; the shipped corpus has none, so none are made from it).

An item is used only when `problems(item)` is empty: the correct option occurs in its
evidence (the cited passage, or the glossary line for a Russian equivalent), no other option
does, and the options are distinct. Item ids hash what the item asks, so a chat can be kept
from seeing the same item twice while the knowledge base stays the same.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from knowledge.glossary import Concept
from knowledge.models import Passage
from knowledge.sentences import split_sentences

BLANK = "___"
MOST_DISTRACTORS = 3
SHORTEST_SENTENCE = 40
SHORTEST_TERM = 5  # letters: a shorter Kazakh stem would match unrelated words (ел → елеулі)
LONGEST_SUFFIX = 8  # Kazakh endings kept after the blank (мәслихат|тарының)
# Glossary sections of everyday or question vocabulary: their words are no defined terms of the domain.
_NOT_TERMS = ("generic", "general vocabulary", "time, numbers", "number words", "synonyms")
_YEAR = re.compile(r"(?<![\w.,/-])(1[6-9]\d\d|20\d\d)(?![\d.,/])")
_NUMBER = re.compile(r"(?<![\w.,/№-])(\d{1,3}(?: \d{3})*)(?![\d.,/])(?!\s*(?:ж\b|жыл|г\.|год))")
_MONTH = re.compile(r"\s*(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|"
                    r"желтоқсан|январ|феврал|март|апрел|ма[яй]|июн|июл|август|сентябр|октябр|ноябр|декабр)",
                    re.IGNORECASE)
_REFERENCE = re.compile(r"\s*\[\d[^\]\n]*\]?|[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


class Kind(StrEnum):
    """What an item asks for."""

    YEAR = "year"
    NUMBER = "number"
    TERM = "term"
    TRANSLATION = "translation"
    ARTICLE = "article"


@dataclass(frozen=True, slots=True)
class QuizItem:
    """One question with its options; `prompt` holds BLANK for fill-in items.

    `lang` is the language of the reader it is for; `evidence` is the text the options were
    checked against (the passage, or the glossary line of a Russian equivalent).
    """

    item_id: str
    kind: Kind
    lang: str
    prompt: str
    options: tuple[str, ...]
    correct: int
    passage_id: str
    evidence: str

    @property
    def answer(self) -> str:
        return self.options[self.correct]


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary concept usable in a quiz: its Kazakh and Russian variants and glossary section."""

    key: str
    section: str
    kk: tuple[str, ...]
    ru: tuple[str, ...]

    def variants(self, lang: str) -> tuple[str, ...]:
        return self.kk if lang == "kk" else self.ru


@dataclass(frozen=True, slots=True)
class _Fact:
    """A value stated in a sentence of a passage, before distractors are chosen."""

    kind: Kind
    passage: Passage
    sentence: str
    value: str
    term: Term | None = None


def glossary_terms(concepts: Sequence[Concept]) -> list[Term]:
    """The glossary's domain terms (translation lines outside the everyday-vocabulary sections)."""
    terms = []
    for concept in concepts:
        if concept.synonyms or any(concept.section.startswith(skip) for skip in _NOT_TERMS):
            continue
        kk, ru = tuple(concept.words("kk")), tuple(concept.words("ru"))
        if kk and ru:
            terms.append(Term(term_key(kk[0]), concept.section, kk, ru))
    return terms


def term_key(kazakh: str) -> str:
    """A card's stable name: its first Kazakh variant survives reordering the glossary, line numbers do not."""
    return hashlib.sha1(kazakh.casefold().encode()).hexdigest()[:12]


def occurs(kind: Kind, option: str, evidence: str) -> bool:
    """Whether an option is stated in the evidence: a number as a whole number, a term at a word's start."""
    if kind in (Kind.YEAR, Kind.NUMBER):
        return _number_pattern(option).search(evidence) is not None
    if kind is Kind.ARTICLE:
        return option in evidence.split("\n")
    return re.search(rf"(?<![\w-]){re.escape(option.casefold())}", evidence.casefold()) is not None


def problems(item: QuizItem) -> list[str]:
    """What is wrong with an item (empty when it may be asked)."""
    found = []
    if not 2 <= len(item.options) <= 10:
        found.append(f"{len(item.options)} options")
    if len({option.casefold() for option in item.options}) != len(item.options):
        found.append("options repeat")
    if not 0 <= item.correct < len(item.options):
        return [*found, "no correct option"]
    if not all(option.strip() for option in item.options):
        found.append("an empty option")
    if not occurs(item.kind, item.answer, item.evidence):
        found.append(f"the answer {item.answer!r} is not in the evidence")
    found += [f"the distractor {option!r} is in the evidence" for n, option in enumerate(item.options)
              if n != item.correct and occurs(item.kind, option, item.evidence)]
    if item.kind is not Kind.TRANSLATION and item.kind is not Kind.ARTICLE and BLANK not in item.prompt:
        found.append("no blank")
    return found


def _clean(sentence: str) -> str:
    return " ".join(_REFERENCE.sub("", sentence).split())


def _window(text: str, at: int, limit: int) -> str:
    """At most `limit` characters of `text` around position `at`, cut between words with "…"."""
    if len(text) <= limit:
        return text
    start = max(0, min(at - limit // 2, len(text) - limit + 2))
    end = start + limit - 2
    left = text.find(" ", start) + 1 if start > 0 else 0
    right = text.rfind(" ", left, end) if end < len(text) else len(text)
    return ("…" if left > 0 else "") + text[left:right].strip() + ("…" if right < len(text) else "")


def _term_pattern(variant: str, lang: str = "kk") -> re.Pattern[str]:
    """A term at a word's start; Kazakh keeps its endings after it, Russian (which changes them) none."""
    suffix = LONGEST_SUFFIX if lang == "kk" else 0
    return re.compile(rf"(?<![\w-]){re.escape(variant)}(\w{{0,{suffix}}})(?![\w-])", re.IGNORECASE)


def _number_pattern(value: str) -> re.Pattern[str]:
    """A number as a whole: "3" is not in "13" nor in "50 300"."""
    return re.compile(rf"(?<!\d)(?<!\d ){re.escape(value)}(?!\d)(?! \d{{3}})")


class QuizBank:
    """The facts of a corpus and the value pools distractors come from; built once per knowledge base."""

    def __init__(self, passages: Sequence[Passage], terms: Sequence[Term]) -> None:
        self.passages = {p.passage_id: p for p in passages}
        self.terms = list(terms)
        self._facts: list[_Fact] = []
        self._pools: dict[tuple[Kind, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self._term_passages: dict[str, list[Passage]] = defaultdict(list)  # term key → kk passages using it
        patterns = {lang: [(t, v, _term_pattern(v, lang)) for t in self.terms for v in t.variants(lang)
                           if len(v) >= SHORTEST_TERM] for lang in ("kk", "ru")}
        for passage in passages:
            if passage.lang not in patterns:
                continue
            for start, end in split_sentences(passage.text):
                sentence = _clean(passage.text[start:end])
                if len(sentence) < SHORTEST_SENTENCE:
                    continue
                self._read(passage, sentence, patterns[passage.lang])

    def _read(self, passage: Passage, sentence: str, patterns: list[tuple[Term, str, re.Pattern[str]]]) -> None:
        lang = passage.lang
        for year in _YEAR.findall(sentence):
            self._add(_Fact(Kind.YEAR, passage, sentence, year))
        for found in _NUMBER.finditer(sentence):
            if not _MONTH.match(sentence, found.end()) and not _YEAR.fullmatch(found.group(1)):
                self._add(_Fact(Kind.NUMBER, passage, sentence, found.group(1)))
        spans = [(m.span(), term, variant) for term, variant, pattern in patterns
                 if (m := pattern.search(sentence)) is not None]
        for (start, end), term, variant in spans:
            if lang == "kk" and passage not in self._term_passages[term.key]:
                self._term_passages[term.key].append(passage)
            if any(s <= start and end <= e and (s, e) != (start, end) for (s, e), _, _ in spans):
                continue  # part of a longer term (өзін-өзі басқару in жергілікті өзін-өзі басқару)
            self._add(_Fact(Kind.TERM, passage, sentence, variant, term))
        article = passage.article  # set on passages of legal acts only
        if article:
            self._add(_Fact(Kind.ARTICLE, passage, sentence, str(article)))

    def _add(self, fact: _Fact) -> None:
        self._facts.append(fact)
        self._pools[(fact.kind, fact.passage.lang)][fact.value].add(fact.passage.passage_id)

    def facts(self, lang: str, passage_ids: Iterable[str] | None = None) -> list[tuple[Kind, int]]:
        """Handles of the facts an item can be made from for a reader of `lang` (optionally within passages).

        Fill-in items quote passages in the reader's language; translation items ask the
        reader's term and offer the other language's.
        """
        wanted = None if passage_ids is None else set(passage_ids)
        handles = [(fact.kind, n) for n, fact in enumerate(self._facts)
                   if fact.passage.lang == lang and (wanted is None or fact.passage.passage_id in wanted)]
        for n, term in enumerate(self.terms):
            used = self._term_passages.get(term.key, [])
            if any(wanted is None or p.passage_id in wanted for p in used):
                handles.append((Kind.TRANSLATION, n))
        return handles

    def used_terms(self, passage_ids: Iterable[str] | None = None) -> list[tuple[Term, str]]:
        """Glossary terms the (chosen) Kazakh passages use, in glossary order, with the Kazakh form they use."""
        wanted = None if passage_ids is None else set(passage_ids)
        found = []
        for term in self.terms:
            used = [p for p in self._term_passages.get(term.key, []) if wanted is None or p.passage_id in wanted]
            if used:
                found.append((term, next((v for v in term.kk if _term_pattern(v).search(used[0].text)), term.kk[0])))
        return found

    def item(self, lang: str, handle: tuple[Kind, int], prompt_limit: int = 280,
             option_limit: int = 100, passage_ids: Iterable[str] | None = None) -> QuizItem | None:
        """The item of one fact for a reader of `lang`, or None when it cannot be made valid."""
        kind, n = handle
        if kind is Kind.TRANSLATION:
            made = self._translation(lang, self.terms[n], passage_ids)
        else:
            made = self._fill_in(self._facts[n], prompt_limit)
        if made is None or problems(made) or any(len(o) > option_limit for o in made.options):
            return None
        return made if len(made.prompt) <= prompt_limit else None

    def items(self, lang: str, passage_ids: Iterable[str] | None = None, prompt_limit: int = 280,
              option_limit: int = 100) -> list[QuizItem]:
        """Every valid item for a reader of `lang`, one per id."""
        chosen = None if passage_ids is None else list(passage_ids)
        seen: dict[str, QuizItem] = {}
        for handle in self.facts(lang, chosen):
            made = self.item(lang, handle, prompt_limit, option_limit, chosen)
            if made is not None:
                seen.setdefault(made.item_id, made)
        return list(seen.values())

    def _fill_in(self, fact: _Fact, prompt_limit: int) -> QuizItem | None:
        passage, kind = fact.passage, fact.kind
        if kind is Kind.ARTICLE:
            prompt = _window(fact.sentence, 0, prompt_limit)
            evidence = passage.article or ""
            pool = {value for value, where in self._pools[(kind, passage.lang)].items()
                    if any(self.passages[p].doc_id == passage.doc_id for p in where)}
        else:
            pattern = _term_pattern(fact.value, passage.lang) if kind is Kind.TERM else _number_pattern(fact.value)
            found = pattern.search(fact.sentence)
            if found is None:
                return None
            prompt = _window(pattern.sub(lambda m: BLANK + (m.group(1) if m.groups() else ""), fact.sentence),
                             found.start(), prompt_limit)
            evidence = passage.text
            pool = set(self._pools[(kind, passage.lang)])
            if fact.term is not None:  # same kind: terms of the same glossary section first
                same = {v for t in self.terms if t.section == fact.term.section for v in t.variants(passage.lang)}
                pool = {v for v in pool if v in same} if len(pool & same) > MOST_DISTRACTORS else pool
                pool -= set(fact.term.variants(passage.lang))
                pool &= {t.variants(passage.lang)[0] for t in self.terms}  # misspelt variants never offered
        item_id = _id(kind, passage.passage_id, fact.value, fact.sentence)
        others = sorted(v for v in pool if v != fact.value and not occurs(kind, v, evidence))
        return _shuffled(item_id, kind, passage.lang, prompt, fact.value, others, passage.passage_id, evidence)

    def _translation(self, lang: str, term: Term, passage_ids: Iterable[str] | None) -> QuizItem | None:
        other = "kk" if lang == "ru" else "ru"
        wanted = None if passage_ids is None else set(passage_ids)
        used = [p for p in self._term_passages.get(term.key, []) if wanted is None or p.passage_id in wanted]
        if not used:
            return None
        passage = used[0]
        kazakh = next((v for v in term.kk if _term_pattern(v).search(passage.text)), term.kk[0])
        prompt = kazakh if lang == "kk" else term.ru[0]
        answer = term.ru[0] if lang == "kk" else kazakh
        if prompt[:5].casefold() == answer[:5].casefold():
            return None  # ресурс — ресурс asks nothing
        # A Kazakh answer is checked against the Kazakh passage; a Russian one against the glossary line.
        evidence = passage.text if other == "kk" else "\n".join(term.ru)
        same = [t for t in self.terms if t.section == term.section and t.key != term.key]
        candidates = sorted({t.variants(other)[0] for t in (same if len(same) > MOST_DISTRACTORS else self.terms)
                             if t.key != term.key})
        others = [v for v in candidates if not occurs(Kind.TRANSLATION, v, evidence)
                  and not any(occurs(Kind.TRANSLATION, v, variant) for variant in term.variants(other))]
        item_id = _id(Kind.TRANSLATION, lang, term.key)
        return _shuffled(item_id, Kind.TRANSLATION, lang, prompt, answer, others, passage.passage_id, evidence)


def _id(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def _shuffled(item_id: str, kind: Kind, lang: str, prompt: str, answer: str, others: Sequence[str],
              passage_id: str, evidence: str) -> QuizItem | None:
    """The item with up to MOST_DISTRACTORS distractors, chosen and ordered the same way every time."""
    if not others:
        return None
    rng = random.Random(item_id)
    distinct = list(dict.fromkeys(o for o in others if o.casefold() != answer.casefold()))
    options = [answer, *rng.sample(distinct, min(MOST_DISTRACTORS, len(distinct)))]
    if len(options) < 2:
        return None
    rng.shuffle(options)
    return QuizItem(item_id, kind, lang, prompt, tuple(options), options.index(answer), passage_id, evidence)
