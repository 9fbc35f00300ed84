"""From a user's question to weighted index terms.

A question may be Kazakh (in Kazakh letters, on a Russian keyboard or in Latin letters),
Russian or English, and the corpus is mostly Kazakh. Each word is read in the question's
language first and in the others if that reading is not in the index; an unknown word falls
back to index terms it is a prefix of (or that are a prefix of it). A glossary phrase in the
question becomes one *slot* holding the concept's variants in the asker's language and in
Kazakh (a Kazakh passage answers everyone; an English one only an English reader).

Within a slot no variant counts for more than the concept does: without this a Russian
question is answered by the Russian abstract every time, because «местное самоуправление»
is rare in this corpus only because Russian is, while its Kazakh twin stands in nearly
every passage.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from knowledge.analysis import (
    MAX_QUERY_CHARS,
    Analyzer,
    Token,
    age_unit,
    converb,
    is_year_unit,
    russian_alternates,
    tokenize,
)
from knowledge.bm25 import BM25
from knowledge.cues import (
    CONSISTS_WORD,
    COUNT_WORD,
    DEFINITION,
    KAZAKH_YES_NO,
    LIST,
    LIST_WORD,
    NUMBER,
    PARTS,
    REQUIREMENT,
    YEAR,
    question_cues,
)
from knowledge.glossary import COLUMNS, Expander
from knowledge.kazakh_stem import kazakh_verb_roots, voice_root
from knowledge.language import KAZAKH_LETTERS
from knowledge.morphology import is_russian_word, is_verbal
from knowledge.spelling import Corrector, chat_spellings, decades
from knowledge.stopwords import ENGLISH_CUES, KAZAKH_CUES, RUSSIAN_CUES
from knowledge.translit import fold_cyrillic, skeleton
from knowledge.tuning import DEFAULT, Tuning

MIN_PREFIX = 4
MAX_PREFIX_MATCHES = 8
PRIVATIVE = ("сыз", "сіз", "сиз")  # the Kazakh "without": тиімсіз, заңсыз
MIN_FORM = 8  # letters of a misspelled word matched whole to the texts' words
MIN_SLIP_FIX = 6  # …and of a shorter one, read as it by a letter dropped, added or swapped only
MIN_GLOSSARY_FIX = 9  # letters of a glossary-only term a misspelling may be read as
MIN_SLIP_WORD = 6  # letters of a word read as the known word one slip away
MAX_SYMBOL = 3  # letters of a Latin word read as a symbol in a Cyrillic question


def one_slip(word: str) -> Iterator[str]:
    """Every word one slip of the fingers from `word` past its first letter: a letter typed twice, two
    neighbours swapped. (A mistyped letter is not sought: changed anywhere, it turns too many of a chat's
    words into the texts' — «толмаса» → «болмаса»; nor one left out: put back anywhere, it met a known word
    as seldom, for some 300 words to read each time.)"""
    for i in range(1, len(word)):
        if word[i] == word[i - 1]:
            yield word[:i] + word[i + 1:]
        if i + 1 < len(word) and word[i] != word[i + 1]:
            yield word[:i] + word[i + 1] + word[i] + word[i + 2:]


@dataclass(slots=True)
class Slot:
    """One idea of the question: a word, or a glossary concept with all its variants.

    `words` are the question's words it stands for (empty for an answer-type cue).
    """

    variants: dict[tuple[str, ...], float] = field(default_factory=dict)
    words: str = ""
    parts: set[tuple[str, ...]] = field(default_factory=set)  # the single words a concept absorbed

    @property
    def is_cue(self) -> bool:
        return not self.words

    def add(self, phrase: tuple[str, ...], weight: float) -> None:
        self.variants[phrase] = max(self.variants.get(phrase, 0.0), weight)


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """What the index needs from a question."""

    text: str
    lang: str
    weights: dict[str, float]
    slots: tuple[Slot, ...] = field(default=())
    kinds: tuple[str, ...] = ()  # the kinds of answer asked for (cues.py)
    corrected: tuple[tuple[str, str], ...] = ()  # (word as typed, the index term it was read as)
    lookup: bool = False  # a bare term ("азаматтық қоғам"): asks what it is, without saying so
    numbers: frozenset[str] = frozenset()  # the numbers it states ("казахстан 2030"): they name what is asked
    year_asked: bool = False  # a question word asks for a year ("когда", "қай жылы"), not only a decade stated
    yes_no: bool = False  # a Kazakh yes-or-no question ("… ратификациялады ма"): whether its verb happened
    required: bool = False  # it asks what is required ("сколько депутатов должно присутствовать", "… керек")

    def content(self) -> list[Slot]:
        """The slots that stand for the question's words, not for the kind of answer."""
        return [slot for slot in self.slots if not slot.is_cue]


class QueryParser:
    """Turns questions into weighted terms against one index."""

    def __init__(self, analyzer: Analyzer, expander: Expander, bm25: BM25,
                 lang_vocabulary: dict[str, frozenset[str]],
                 language_share: Callable[[str], float] = lambda term: 1.0,
                 tuning: Tuning = DEFAULT,
                 word_forms: Callable[[], dict[str, tuple[str, int]]] | None = None) -> None:
        self.tuning = tuning
        self.language_share = language_share
        self.analyzer = analyzer
        self.expander = expander
        self.bm25 = bm25
        self.vocabulary = sorted(bm25.terms)
        self.lang_vocabulary = lang_vocabulary
        # misspellings are matched to what the index holds, per language
        # …and to the glossary's long words, which lead to the index through their concept («децентрализация»):
        # a short one met by a typo is more often another word the sources never use
        glossary = {lang: expander.terms(lang) for lang in lang_vocabulary}
        self.correctors = {lang: Corrector((t for t in terms if t in bm25 or (t in glossary[lang]
                                                                              and len(t) >= MIN_GLOSSARY_FIX)),
                                           self._frequency)
                           for lang, terms in lang_vocabulary.items()}
        # …and to its shorter ones by a letter dropped, added or swapped only: one changed («президенти» →
        # «президент»…) meets too many other words
        self.slip_correctors = {lang: Corrector((t for t in glossary[lang] if t not in bm25
                                                 and MIN_SLIP_FIX <= len(t) < MIN_GLOSSARY_FIX), self._frequency)
                                for lang in lang_vocabulary}
        self.english_terms = frozenset(expander.terms("en"))  # "NGO" is a word, not a symbol
        # the texts' words as written (skeleton → the commonest spelling and its count), read when first needed
        self.word_forms = word_forms
        self._forms: tuple[Corrector, dict[str, tuple[str, int]]] | None = None
        self._written: dict[str, list[str]] | None = None  # a glossary term → the single words it is written as
        self._heads: frozenset[str] | None = None  # the first letters of the known terms, read when first needed

    def _frequency(self, term: str) -> int:
        return len(self.bm25.posting(term)[0]) if term in self.bm25 else 0

    def _is_known(self, term: str | None) -> bool:
        return term is not None and (term in self.bm25 or any(term in v for v in self.lang_vocabulary.values()))

    def _corrected(self, token: Token, order: tuple[str, ...]) -> str | None:
        """The vocabulary term a word no reading of which is known was meant to be (spelling.py)."""
        readings = [(lang, self.analyzer.term(token, lang)) for lang in order]
        if not self.tuning.spelling or token.is_number:
            return None
        # «тиімсіз», «заңсыз» ("without effect"): the text says «тиімді емес», as «неэффективные» below
        if token.is_cyrillic and token.text.endswith(PRIVATIVE) and len(token.text) >= 7 \
                and not any(term is not None and term in self.bm25 for _, term in readings) \
                and (root := self._without_affix(token.text[:-3], "kk")) is not None:
            return root
        if any(self._is_known(term) for _, term in readings):
            return None
        primary = readings[0][1] or ""
        # "непогашенной", "неэффективные": the text says "не погашена", "не эффективны"
        if token.is_cyrillic and token.text.startswith("не") and len(token.text) >= 7 \
                and (positive := self._without_affix(token.text[2:], "ru")) is not None:
            return positive  # непогашенной → погашена
        # «экімдері», «эким»: a Kazakh «ә» typed as the Russian keyboard's «э»
        if token.text[:1] in "эЭ" and (stem := self.analyzer.kazakh.stem("a" + skeleton(token.text)[1:])) in self.bm25:
            return stem
        # a stem cut shorter or longer than the index's, or one too short to guess from
        if len(primary) < MIN_PREFIX or self._related(primary):
            return None
        # «қосылды», «бекітілді»: a Kazakh verb in the passive or reflexive voice (-ыл, -ын …) the texts use only in
        # another voice («қосу»): its root, not the nearest word of another verb («қойылды»)
        if token.is_cyrillic and (voiced := dict(readings).get("kk")) is not None and not is_russian_word(token.text) \
                and (root := voice_root(voiced, lambda term: term in self.bm25)) is not None:
            return root
        # the question's own language first, its glossary's shorter words too: «приинципы» is the Russian
        # «принципы» (and so the concept of it), not the Kazakh texts' «принцип» a letter further off
        russian = is_russian_word(token.text)  # a word of the language the glossary does not hold: not a slip
        for lang, term in readings:
            corrector = self.correctors.get(lang)
            if term is not None and corrector is not None and (found := corrector.correct(term)):
                return found
            slips = self.slip_correctors.get(lang)
            if not russian and term is not None and slips is not None and (found := slips.correct(term, most=1)) \
                    and (len(found) != len(term) or sorted(found) == sorted(term)):
                return found
        return None if russian else (self._as_written_form(token, order) or self._one_slip(token, order))

    def _one_slip(self, token: Token, order: tuple[str, ...]) -> str | None:
        """The known term of the word one slip of the fingers away (a letter typed twice, two swapped: «хаартию»,
        «поянтие», «теоиря»), each candidate read by the analyzer as a whole word, so that its ending is cut as
        the texts' words' are; the question's language first, then the commonest term. The stems of a slip lie
        further apart than the words do («хаартию» is «хаарт»), and a glossary-only word («хартия») is not in
        the texts' words `_as_written_form` matches."""
        word = token.text.lower()
        if not token.is_cyrillic or len(word) < MIN_SLIP_WORD:
            return None
        found: dict[str, tuple[int, int]] = {}
        for candidate in one_slip(word):
            if not self._may_start_term(candidate):
                continue
            for rank, lang in enumerate(order):
                term = self.analyzer.fresh_term(candidate, lang)
                if term is not None and len(term) >= MIN_PREFIX and self._is_known(term):
                    found[term] = max(found.get(term, (-rank, 0)), (-rank, self._frequency(term)))
        return max(found, key=lambda term: (found[term], term)) if found else None

    def _may_start_term(self, word: str) -> bool:
        """The word's folded spelling starts as a known term (of the texts or the glossary) does: only then is it
        worth analysing, a stem being the start of its word. A cheap sieve: most candidates fail it."""
        if self._heads is None:
            terms = {*self.bm25.slot, *(term for vocabulary in self.lang_vocabulary.values() for term in vocabulary)}
            self._heads = frozenset(term[:MIN_PREFIX] for term in terms if len(term) >= MIN_PREFIX)
        start = word[:MIN_PREFIX + 2]
        return any(fold_cyrillic(start, russian)[:MIN_PREFIX] in self._heads for russian in (False, True))

    def _as_written_form(self, token: Token, order: tuple[str, ...]) -> str | None:
        """The index term of the word as the texts write it that a misspelling is closest to, whole: a slip
        inside a word («жергіліікті», «приизнаки») leads the stemmer to cut it elsewhere than the texts' word,
        and the stems lie further apart than the words do."""
        if self.word_forms is None or not token.is_cyrillic or len(token.text) < MIN_FORM:
            return None
        if self._forms is None:
            forms = self.word_forms()
            self._forms = (Corrector(forms, lambda key: forms[key][1]), forms)
        corrector, forms = self._forms
        found = corrector.correct(skeleton(token.text), most=1)  # a whole word: one slip, not a word of its own
        if found is None:
            return None
        word = forms[found][0]
        for lang in order:
            term = self.analyzer.term(Token(word, token.start, token.end), lang)
            if term is not None and term in self.bm25:
                return term
        return None

    def _read_words(self, tokens: list[Token], kinds: list[str], lang: str, order: tuple[str, ...],
                    mixed: bool) -> tuple[list[tuple[Token, str]], list[tuple[str, str]], list[str | None], set[int]]:
        """Each searchable word of a question with its term (a misspelling read as the term it was meant to be),
        the corrections made, each word's correction or None, and the words that are symbols."""
        words: list[tuple[Token, str]] = []
        corrections: list[tuple[str, str]] = []
        fixes: list[str | None] = []  # per word: the index term a misspelling was read as
        symbols: set[int] = set()  # words that are symbols: known to no index
        for i, token in enumerate(tokens):
            if lang == "kk" and i > 0 and converb(tokens, i - 1) is not None:
                continue  # "тарата алады": the «ала» that says "can" after the verb it follows
            token = age_unit(tokens, i) or (converb(tokens, i) if lang == "kk" else None) or token
            term = self.analyzer.term(token, lang)
            if term is None or is_year_unit(tokens, i) or (NUMBER in kinds and COUNT_WORD.fullmatch(token.text)) \
                    or (PARTS in kinds and CONSISTS_WORD.fullmatch(token.text)) \
                    or (LIST in kinds and LIST_WORD.fullmatch(token.text)):
                continue  # "ҮЕҰ саны қанша", "количество НПО": the count asked, which the answer states as a number
            if mixed and not token.is_cyrillic and not token.is_number and len(token.text) <= MAX_SYMBOL \
                    and self.analyzer.term(token, "en") not in self.english_terms:
                symbols.add(len(words))  # an idea the sources lack, not a Kazakh word to read into «сын»
            fixed = None if len(words) in symbols else self._corrected(token, order)
            if fixed is not None:
                corrections.append((token.text, fixed))
            words.append((token, fixed or term))
            fixes.append(fixed)
        return words, corrections, fixes, symbols

    def _retyped(self, text: str, words: list[tuple[Token, str]], fixes: list[str | None]) -> str:
        """The question with each misspelled word replaced by the glossary's word it was read as (of the
        glossary's words with that term, the one nearest to what was typed: «определеине» → «определение»,
        not «определённый»)."""
        if self._written is None:
            written: dict[str, list[str]] = {}
            for variants in (v for concept in self.expander.written for v in concept.values()):
                for variant, terms in variants:
                    if len(terms) == 1 and " " not in variant.strip():
                        written.setdefault(terms[0], []).append(variant.strip().lower())
            self._written = written
        for (token, _), fix in sorted(zip(words, fixes, strict=True), key=lambda item: -item[0][0].start):
            if fix is not None and (spellings := self._written.get(fix)):
                word = min(spellings, key=lambda spelling: (OSA.distance(token.text.lower(), spelling), spelling))
                text = text[:token.start] + word + text[token.end:]
        return text

    def _without_affix(self, rest: str, lang: str) -> str | None:
        """The index term of a word read without its negating affix («не-», «-сыз»), or the nearest one."""
        term = self.analyzer.term(Token(rest, 0, len(rest)), lang)
        if term is not None and term not in self.bm25:
            term = next(iter(self._related(term)), None)
        return term

    def detect(self, text: str, tokens: list[Token]) -> str:
        """kk / ru / en for a question, from its letters, stop words and vocabulary."""
        if any(ch in KAZAKH_LETTERS for ch in text):
            return "kk"
        votes = dict.fromkeys(COLUMNS, 0.0)
        latin = cyrillic = 0
        for token in tokens:
            if token.is_number:
                continue
            key = skeleton(token.text)
            own = "ru" if token.is_cyrillic else "en"
            if token.is_cyrillic:
                cyrillic += 1
            else:
                latin += 1
            cues = RUSSIAN_CUES if own == "ru" else ENGLISH_CUES
            votes[own] += (key in cues) + self._known(own, token)
            votes["kk"] += (key in KAZAKH_CUES) + self._known("kk", token)
        own = "en" if latin > cyrillic else "ru"
        if cyrillic + latin == 0:
            return "kk"
        return "kk" if votes["kk"] > votes[own] else own

    def _known(self, lang: str, token: Token) -> bool:
        term = self.analyzer.term(token, lang)
        return term is not None and term in self.lang_vocabulary.get(lang, frozenset())

    def _related(self, term: str) -> list[str]:
        """Index terms that start with term, or else the longest index term it starts with."""
        if len(term) < MIN_PREFIX or term.isdigit():
            return []
        at = bisect.bisect_left(self.vocabulary, term)
        longer: list[str] = []
        while at < len(self.vocabulary) and self.vocabulary[at].startswith(term):
            longer.append(self.vocabulary[at])
            at += 1
        if longer:
            return sorted(longer, key=len)[:MAX_PREFIX_MATCHES]
        for cut in range(len(term) - 1, max(MIN_PREFIX + 1, len(term) - 2) - 1, -1):
            if term[:cut] in self.bm25:
                return [term[:cut]]
        return []

    def _word_slot(self, token: Token, order: tuple[str, ...], corrected: str | None = None) -> Slot:
        slot = Slot(words=token.text)
        readings = [corrected] if corrected else [self.analyzer.term(token, lang) for lang in order]
        known = next((r for r in readings if r is not None and r in self.bm25), None)
        if known is not None:
            slot.add((known,), self.language_share(known))
            lang, others = self._other_forms(token, known) if self.tuning.alternates else ("", set())
            vocabulary = self.lang_vocabulary.get(lang, frozenset())
            for other in sorted(others - {known}):
                if other in self.bm25 and other in vocabulary:
                    slot.add((other,), self.tuning.prefix_weight * self.language_share(other))
            return slot
        for term in self._related(readings[0] or ""):
            slot.add((term,), self.tuning.prefix_weight * self.language_share(term))
        return slot

    def _other_forms(self, token: Token, known: str) -> tuple[str, set[str]]:
        """The index terms a verb of the question may take in its other forms, and their language: a Russian verb's
        with its root's last consonant changed (приостановить → приостановлено), a Kazakh present or negative
        verb's root («жояды» → жой, «бекітеді» → бекіт: the acts' verbal noun and passive); the caller keeps
        those the index holds."""
        if not token.is_cyrillic:
            return "", set()
        if known == self.analyzer.term(token, "ru") and is_verbal(token.text):
            return "ru", russian_alternates(known)
        if known == self.analyzer.term(token, "kk"):
            roots = (self.analyzer.term(Token(root, 0, len(root)), "kk") for root in kazakh_verb_roots(token.text))
            return "kk", {stem for stem in roots if stem is not None}
        return "", set()

    def parse(self, text: str) -> ParsedQuery:
        """Analyse a question: its language, each word, then the glossary's concepts."""
        text = text[:MAX_QUERY_CHARS]
        required = REQUIREMENT.search(text) is not None  # «керек» is a chat filler the spellings drop
        # the language as the student wrote it: a chat word's meaning may be in the other one
        lang = self.detect(text, tokenize(text))
        decade_years: list[tuple[int, ...]] = []
        if self.tuning.spelling:
            text, decade_years = decades(chat_spellings().apply(text))
        tokens = tokenize(text)
        kinds = question_cues(text)
        order = (lang, *(other for other in COLUMNS if other != lang))
        # a short Latin word among Cyrillic ones is a symbol (x, sin, km), not Kazakh typed in Latin letters
        cyrillic = sum(token.is_cyrillic for token in tokens)
        mixed = cyrillic >= 2 and cyrillic >= sum(not token.is_cyrillic and not token.is_number for token in tokens)
        words, corrections, fixes, symbols = self._read_words(tokens, kinds, lang, order, mixed)
        if corrections:
            # "определеине мсу" asks for a definition as «определение» does: the kinds of answer are read again
            # from the question with its misspelled words as the glossary writes them
            again = question_cues(self._retyped(text, words, fixes))
            if again != kinds:
                kinds = again
                words, corrections, fixes, symbols = self._read_words(tokens, kinds, lang, order, mixed)
        slots = [Slot(words=token.text) if i in symbols else self._word_slot(token, order, fix)
                 for i, ((token, _), fix) in enumerate(zip(words, fixes, strict=True))]
        absorbed: set[int] = set()
        concepts: list[Slot] = []
        # A Kazakh passage answers everyone; Russian and English ones only their readers.
        targets = {lang, "kk"}
        for match in self.expander.matches([term for _, term in words], lang):
            slot = Slot(words=" ".join(token.text for token, _ in words[match.start:match.start + match.length]))
            for concept in match.concepts:
                for variant_lang, phrase in self.expander.variants[concept]:
                    if variant_lang not in targets:
                        continue
                    main = phrase == match.phrase
                    slot.add(phrase, (1.0 if main else self.tuning.expansion_weight) * match.length)
            for i in range(match.start, match.start + match.length):
                absorbed.add(i)
                for phrase, weight in slots[i].variants.items():
                    if match.length > 1 and phrase not in slot.variants:
                        slot.parts.add(phrase)
                    slot.add(phrase, weight)
            concepts.append(slot)
        kept = [slot for i, slot in enumerate(slots) if i not in absorbed] + concepts
        for years in decade_years:
            first = years[0]
            decade = Slot(words=f"{first}–{first + 9}" if len(years) > 1 else str(first))
            for year in years:
                if str(year) in self.bm25:
                    decade.add((str(year),), 1.0)
            kept.append(decade)
        year_asked = YEAR in kinds
        if decade_years and YEAR not in kinds:
            kinds.append(YEAR)
        lookup = self.tuning.lookup_definition and self._is_lookup(kinds, kept, tokens)
        for cue in kinds:
            if cue in self.bm25:
                kept.append(Slot({(cue,): self.tuning.cue_weight}))
        return ParsedQuery(text=text, lang=lang, weights=self._blend(kept), slots=tuple(kept),
                           kinds=(*kinds, DEFINITION) if lookup else tuple(kinds), corrected=tuple(corrections),
                           lookup=lookup, numbers=frozenset(token.text for token in tokens if token.is_number),
                           year_asked=year_asked, yes_no=KAZAKH_YES_NO.search(text) is not None, required=required)

    @staticmethod
    def _is_lookup(kinds: list[str], slots: list[Slot], tokens: list[Token]) -> bool:
        """A bare term of one or two ideas, every word of it a content word: a student looking a term
        up ("азаматтық қоғам", "общественная теория самоуправления") wants it defined, where the
        sources define it. (A question word, a verb or a preposition makes it a question.)"""
        content = [slot for slot in slots if not slot.is_cue]
        words = sum(len(slot.words.split()) for slot in content)
        return not kinds and 1 <= len(content) <= 2 and words == len(tokens) <= 4

    def _blend(self, slots: list[Slot]) -> dict[str, float]:
        """Term weights such that each variant of a slot, matched whole, scores the same.

        A slot's idf is that of the passages holding any of its variants whole. Each term
        of a variant gets weight · slot idf / (sum of the variant's term idfs; a term the
        index lacks counts as the rarest), so «НПО», found only in the Russian abstract,
        counts no more than «ҮЕҰ» or «үкіметтік емес ұйым», and a passage holding only part
        of a phrase gets only part of it.
        """
        weights: dict[str, float] = {}
        rarest = self.bm25.max_idf
        for slot in slots:
            single = len(slot.variants) == 1
            shared = 0.0 if single or not self.tuning.slot_idf else self.bm25.idf_for(slot.variants)
            slot_weights: dict[str, float] = {}
            for phrase, weight in slot.variants.items():
                if single and len(phrase) == 1:
                    scaled = {phrase[0]: weight}
                elif not self.tuning.slot_idf:
                    scaled = {t: weight / len(phrase) for t in phrase if t in self.bm25}
                else:
                    mass = sum(self.bm25.term_idf(t) if t in self.bm25 else rarest for t in phrase)
                    # scaled down to the slot's idf, never up
                    share = weight * min(1.0, (shared or self.bm25.idf_for([phrase])) / mass) if mass else 0.0
                    scaled = {t: share for t in phrase if t in self.bm25}
                for term, value in scaled.items():
                    slot_weights[term] = max(slot_weights.get(term, 0.0), value)
            for term, value in slot_weights.items():
                weights[term] = weights.get(term, 0.0) + value
        return {t: w for t, w in weights.items() if w > 0}
