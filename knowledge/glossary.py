"""The Russian ↔ Kazakh ↔ English domain glossary and query expansion with it.

The file is a TSV an admin can read and extend: one concept a line, columns kk, ru, en,
variants of one column separated by " | ", "#" for comments. A line with only one column
filled is a synonym group of that language (шенеунік | лауазымды тұлға | қызметкер): a
paraphrase meets the text's own word the way a translation does, with the same weights. A query phrase that matches
one variant (after analysis, so any inflected form matches) brings in every other variant
of the line at a lower weight, so that expansion helps rather than drowns the question.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from knowledge.analysis import Analyzer, tokenize

GLOSSARY_FILE = "glossary.tsv"
# The heading whose lines name who acts: the bodies and offices a question is about (index.py ranks by them).
INSTITUTIONS = "institutions and offices"
_SECTION = re.compile(r"#\s*==\s*(.+?)\s*==")
COLUMNS = ("kk", "ru", "en")


class GlossaryError(ValueError):
    """A malformed glossary line; the message names the line number."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"glossary line {line}: {reason}")
        self.line = line


@dataclass(frozen=True, slots=True)
class Concept:
    """One glossary line: the variants of a concept in each language."""

    line: int
    variants: dict[str, tuple[str, ...]]
    synonyms: bool = False  # a group of words of one language that mean the same here
    section: str = ""  # the "# == … ==" heading the line stands under

    def words(self, lang: str) -> list[str]:
        return list(self.variants.get(lang, ()))


def parse_glossary(text: str) -> list[Concept]:
    """Parse glossary TSV text; raise GlossaryError with the line number on bad lines."""
    concepts: list[Concept] = []
    section = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\ufeff\r\n")
        if heading := _SECTION.fullmatch(line.strip()):
            section = heading.group(1)
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < 2 or len(cells) > len(COLUMNS):
            raise GlossaryError(
                number, f"expected 2 or 3 tab-separated columns (kk, ru, en), got {len(cells)}")
        variants = {
            lang: tuple(v.strip() for v in cell.split("|") if v.strip())
            for lang, cell in zip(COLUMNS, cells, strict=False)
        }
        filled = [lang for lang, words in variants.items() if words]
        if len(filled) == 1 and len(variants[filled[0]]) >= 2:
            concepts.append(Concept(line=number, variants=variants, synonyms=True, section=section))
            continue
        if not variants["kk"] or not variants["ru"]:
            raise GlossaryError(number, "the kk and ru columns must not be empty "
                                        "(or, for a synonym group, one column must hold two or more words)")
        concepts.append(Concept(line=number, variants=variants, section=section))
    return concepts


def load_glossary(knowledge_dir: Path) -> list[Concept]:
    """Read `glossary.tsv` of a knowledge directory (empty if there is none)."""
    path = knowledge_dir / GLOSSARY_FILE
    if not path.exists():
        return []
    return parse_glossary(path.read_text(encoding="utf-8"))


def kazakh_words(concepts: list[Concept]) -> list[str]:
    """The glossary's one-word Kazakh terms: dictionary forms the Kazakh stemmer keeps whole.

    Words of longer phrases are left out: they are often inflected (саяси партиялар).
    """
    words = (tokenize(v) for c in concepts for v in c.words("kk"))
    return [tokens[0].text for tokens in words if len(tokens) == 1]


KEY = 3


def _slack(short: str, lang: str) -> int:
    """How many more letters the longer of two close terms may have.

    Short Russian stems get some (Snowball cuts прием to при); short Kazakh ones none:
    folded, қол (hand) would reach көлем (volume).
    """
    if len(short) >= 5:
        return 3
    return 2 if lang == "ru" and len(short) >= 3 else 0


def close(query_term: str, glossary_term: str, lang: str = "ru") -> bool:
    """Equal, or one a prefix of the other by a few letters: Snowball and the Kazakh
    stripper do not always cut two forms of a word at the same place (казахстан → казахста,
    казахстане → казахстан; прием → при, приемы → прием)."""
    if query_term == glossary_term:
        return True
    short, long_ = sorted((query_term, glossary_term), key=len)
    return 0 < len(long_) - len(short) <= _slack(short, lang) and long_.startswith(short)


@dataclass(frozen=True, slots=True)
class Match:
    """A glossary phrase found in a query's terms: the concepts it names (usually one)."""

    concepts: tuple[int, ...]
    start: int
    length: int
    phrase: tuple[str, ...]


class Expander:
    """Finds glossary phrases in an analysed query and lists the concept's other variants."""

    def __init__(self, concepts: list[Concept], analyzer: Analyzer) -> None:
        # phrases[lang][first KEY letters of the first term] → [(terms, concept)], longest first
        self.phrases: dict[str, dict[str, list[tuple[tuple[str, ...], int]]]] = {
            lang: defaultdict(list) for lang in COLUMNS
        }
        # variants[concept] → [(lang, terms)]
        self.variants: list[list[tuple[str, tuple[str, ...]]]] = []
        self.concepts = concepts
        # written[concept][lang] → [(the variant as written, its terms)], for glossing
        self.written: list[dict[str, list[tuple[str, tuple[str, ...]]]]] = []
        for index, concept in enumerate(concepts):
            analysed: list[tuple[str, tuple[str, ...]]] = []
            self.written.append(defaultdict(list))
            for lang in COLUMNS:
                for variant in concept.words(lang):
                    terms = tuple(analyzer.terms(variant, lang))
                    self.written[index][lang].append((variant, terms))
                    if terms:
                        self.phrases[lang][terms[0][:KEY]].append((terms, index))
                        analysed.append((lang, terms))
            self.variants.append(analysed)
        self._bridge(concepts)
        for table in self.phrases.values():
            for entries in table.values():
                entries.sort(key=lambda entry: len(entry[0]), reverse=True)

    def _bridge(self, concepts: list[Concept]) -> None:
        """A synonym group also brings the translations of its words.

        «чиновник | должностное лицо» is a Russian group; the line «лауазымды тұлға — должностное
        лицо» translates one of its words. Without the bridge a Russian paraphrase would meet
        only other Russian words, which a Kazakh corpus seldom holds. Only the other languages'
        words are brought: the group itself says which words of its own language are one.
        """
        owners: dict[tuple[str, tuple[str, ...]], list[int]] = defaultdict(list)
        for index, variants in enumerate(self.variants):
            if not concepts[index].synonyms:
                for variant in variants:
                    owners[variant].append(index)
        for index, concept in enumerate(concepts):
            if not concept.synonyms:
                continue
            found = list(self.variants[index])
            for variant in self.variants[index]:
                for owner in owners.get(variant, ()):
                    # translations only: the group itself says which words of its language are one
                    found += [v for v in self.variants[owner] if v[0] != variant[0] and v not in found]
            self.variants[index] = found

    def section_phrases(self, section: str) -> frozenset[tuple[str, ...]]:
        """The analysed variants, in every language, of the concepts under one heading."""
        return frozenset(terms for index, concept in enumerate(self.concepts) if concept.section == section
                         for _, terms in self.variants[index])

    def terms(self, lang: str) -> set[str]:
        """Every term of the glossary's `lang` column."""
        return {t for entries in self.phrases[lang].values() for phrase, _ in entries for t in phrase}

    def _at(self, terms: list[str], i: int, lang: str) -> Match | None:
        """The longest phrase starting at terms[i], exact matches before near ones.

        Every concept with that same phrase is kept: Snowball reads «законность» and «закон»
        alike, so both заңдылық and заң stand for them.
        """
        candidates = self.phrases.get(lang, {}).get(terms[i][:KEY], ())
        for exact in (True, False):
            same = (lambda a, b: a == b) if exact else (lambda a, b: close(a, b, lang))
            best: Match | None = None
            for phrase, concept in candidates:
                if not exact and self.concepts[concept].section == INSTITUTIONS \
                        and any(len(a) < len(b) for a, b in zip(terms[i : i + len(phrase)], phrase, strict=False)):
                    # a word that only begins an office's name is another word of its root: «должно» is not
                    # «должность», «құрылды» not «Құрылтай» (while «депутаттық», longer, is a deputy's)
                    continue
                window = terms[i : i + len(phrase)]
                if len(window) != len(phrase) or not all(map(same, window, phrase)):
                    continue
                if best is None:
                    best = Match((concept,), i, len(phrase), phrase)
                elif len(phrase) == best.length and concept not in best.concepts:
                    best = Match((*best.concepts, concept), i, best.length, best.phrase)
            if best is not None:
                return best
        return None

    def matches(self, terms: list[str], lang: str) -> list[Match]:
        """Concepts whose `lang` variant occurs in terms (longest match first, no overlap)."""
        found: list[Match] = []
        i = 0
        while i < len(terms):
            match = self._at(terms, i, lang)
            if match is not None:
                found.append(match)
            i += match.length if match else 1
        return found


GLOSS_TERMS = 5  # terms glossed under one excerpt: a short line, not a dictionary


def gloss(expander: Expander, analyzer: Analyzer, text: str, lang: str, reader: str,
          limit: int = GLOSS_TERMS) -> tuple[tuple[str, str], ...]:
    """(term as the glossary writes it in `lang`, its `reader` equivalent) for text's key terms.

    A Russian reader of a Kazakh excerpt can follow it when its domain terms are given in
    Russian beside it. The longest glossary phrases of the text are taken first (they are
    the most specific: «жергілікті өзін-өзі басқару» before «басқару»), each concept once;
    a term spelled the same in both languages (республика) needs no gloss.
    """
    if lang == reader:
        return ()
    matches = expander.matches(analyzer.terms(text, lang), lang)
    found: list[tuple[int, int, tuple[str, str]]] = []
    seen: set[int] = set()
    for order, match in enumerate(matches):
        concept = expander.concepts[match.concepts[0]]
        source, target = concept.words(lang), concept.words(reader)
        if match.concepts[0] in seen or not source or not target:
            continue
        seen.add(match.concepts[0])
        # the variant the text used, when it is one of the column's; else the first
        written = expander.written[match.concepts[0]][lang]
        own = next((v for v, terms in written if terms == match.phrase), source[0])
        if fold(own) == fold(target[0]):
            continue
        found.append((-match.length, order, (own, target[0])))
    found.sort()
    chosen = sorted(found[:limit], key=lambda item: item[1])
    return tuple(pair for _, _, pair in chosen)


def fold(text: str) -> str:
    """Lower case without ё, for telling whether two spellings are the same word."""
    return text.lower().replace("ё", "е")
