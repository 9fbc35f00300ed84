"""How students type: chat spellings, decades, and misspelled words matched to the vocabulary.

Four repairs, applied to questions only (passages are repaired in repair.py):

- chat words and the domain's abbreviations (скока, щас, дипломка, ЖӨБ, НПО) are data, in
  `lexicon/chat_spellings.tsv`, replaced whole-word before the question is analysed;
- a decade ("в 90е", "90-х", "90-жылдары", "1990-ые") stands for the years it holds;
- a Russian word whose every reading is unknown and that starts with «не» (непогашенной, неучастие)
  is read as the word without it, when the index holds that: the texts say «не погашена»;
- a word whose every reading is unknown — to the index and to the glossary — is matched to
  the closest term of the vocabulary by edit distance on the folded stem (rapidfuzz's OSA
  distance: two swapped letters, «челвоека», «децентралзиация», are one edit, as they are one
  slip of the fingers), among the index's terms and the glossary's long ones; failing that, the
  word is read whole as each word one slip away (a letter typed twice, two swapped: «хаартию»,
  «поянтие»), and the known term of one of those is taken (QueryParser._one_slip). A
  word the index or the glossary knows is never changed: «срок» stays «срок» even where
  the sources never say it, so a question about what they do not cover stays one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from knowledge.translit import keyboard_fold

CHAT_SPELLINGS = Path(__file__).parent / "lexicon" / "chat_spellings.tsv"
# Decades: "90е", "90-е", "90-х", "90-ые", "1990-х", "90-жылдары", "90 жылдардағы", "90s".
_DECADE = re.compile(
    r"(?<![\w-])(?:19)?([1-9]0)(?:\s?-?\s?(?:е|х|ые|ых|ым|ми|x|s|шы|ші|жылдар|жылд|годы|годах|год|гг|zhyld|jyld)[\w]*)(?!\w)",
    re.I,
)


# The Kazakh case and possessive endings a chat word may carry (дипломканың, дипломкада), with
# and without Kazakh letters; a Russian ending (сколько after «скольк») is not one of them.
_KAZAKH_ENDING = (r"(?:ның|нің|нын|нин|дың|дің|тың|тің|ға|ге|га|қа|ке|ка|на|не|ны|ні|ни|ды|ді|ди|ты|ті|ти"
                  r"|да|де|та|те|дан|ден|тан|тен|нан|нен|мен|бен|пен|сы|сі|си|ы|і|и|н)")
# A year in two digits: "закон 91 года", "в 91-м году", "91 жылы" (1991), or "изменения в 98" closing a
# phrase (30–99 only: "в 20" may be an age or a count).
_SHORT_YEAR = re.compile(
    r"(?<![\w.,-])(\d\d)(?:\s?-?\s?(?:го|м|й|ші|шы|інші|ыншы))?\s+(?:год|года|году|жыл)\w*"
    r"|(?<!\w)в\s([3-9]\d)(?:-?(?:м|ом))?(?=\s*(?:$|[?!.,;)]))"
    # …or with an ordinal's ending anywhere: "в 91м приняли", "91й вроде" (30–99)
    r"|(?<![\w.,-])([3-9]\d)-?(?:м|ом|й|ый)(?!\w)", re.I)


class SpellingError(ValueError):
    """A malformed line of the chat spellings file; the message names the line number."""


@dataclass(frozen=True, slots=True)
class ChatSpellings:
    """Whole-word replacements of chat spellings, longest spelling first."""

    pattern: re.Pattern[str] | None
    meaning: dict[str, str]

    def apply(self, text: str) -> str:
        """The question with every chat spelling replaced by what it means.

        Spellings are matched with Kazakh letters folded to the Russian keys typed for them: «көмектесіңізші»
        is listed once and found as «комектесинизши» too (the fold keeps every offset)."""
        if self.pattern is None:
            return text
        folded = _folded(text)
        parts: list[str] = []
        last = 0
        for match in self.pattern.finditer(folded):
            parts += [text[last:match.start()], self.meaning[match.group(0)]]
            last = match.end()
        return "".join(parts) + text[last:] if parts else text


def _folded(text: str) -> str:
    """Lower case, ё as е, Kazakh letters as the Russian keys typed for them; one character for one."""
    return keyboard_fold("".join(ch.lower()[:1] or ch for ch in text).replace("ё", "е"))


def parse_chat_spellings(text: str) -> ChatSpellings:
    meaning: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\ufeff\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 2:
            raise SpellingError(f"{CHAT_SPELLINGS.name} line {number}: expected written<TAB>meant")
        for written in (_folded(w.strip()) for w in cells[0].split("|")):
            if written:
                meaning[written] = cells[1].strip()
    if not meaning:
        return ChatSpellings(None, {})
    # a spelling of five letters or more may carry a Kazakh ending (дипломканың): it is kept
    # «чё», «щё»: a spelling is kept with е and matches ё as well
    longer = "|".join(re.escape(w) for w in sorted(meaning, key=len, reverse=True) if len(w) >= 5)
    alternatives = "|".join(re.escape(w) for w in sorted(meaning, key=len, reverse=True))
    whole = rf"(?:{alternatives})(?![\w-])"
    inflected = rf"(?:{longer})(?={_folded(_KAZAKH_ENDING)}\b)"
    return ChatSpellings(re.compile(rf"(?<![\w-])(?:{whole}|{inflected})"), meaning)


@lru_cache(maxsize=1)
def chat_spellings() -> ChatSpellings:
    """The shipped chat spellings (read once)."""
    return parse_chat_spellings(CHAT_SPELLINGS.read_text(encoding="utf-8"))


def decades(text: str) -> tuple[str, list[tuple[int, ...]]]:
    """The text without its decades and two-digit years, and the years each stands for.

    "90е" and "90-х" are 1990–1999 (a two-digit decade below 30 is the 2000s: "10-х" → 2010s);
    "91 года" is 1991 (the word "года" goes with it: the year says it, analysis.is_year_unit).
    """
    found: list[tuple[int, ...]] = []

    def take(match: re.Match[str]) -> str:
        tens = int(match.group(1))
        full = match.group(0).startswith(("19", "20")) and len(match.group(0)) > 2
        century = 1900 if full or tens >= 30 else 2000
        start = century + tens
        found.append(tuple(range(start, start + 10)))
        return " " * len(match.group(0))

    text = _DECADE.sub(take, text)

    def year(match: re.Match[str]) -> str:
        short = int(match.group(1) or match.group(2) or match.group(3))
        found.append((1900 + short if short >= 30 else 2000 + short,))
        return " " * len(match.group(0))

    return _SHORT_YEAR.sub(year, text), found


def max_edits(term: str) -> int:
    """How many edits a misspelling of a term this long may hold: none below five letters."""
    if len(term) < 5:
        return 0
    return 1 if len(term) < 9 else 2


class Corrector:
    """Finds the vocabulary term a misspelled term was meant to be."""

    def __init__(self, vocabulary: Iterable[str], frequency: Callable[[str], int]) -> None:
        self.frequency = frequency
        by_letter: dict[str, list[str]] = {}
        for term in vocabulary:
            if len(term) >= 4 and not term.isdigit() and not term.startswith("="):
                by_letter.setdefault(term[0], []).append(term)
        self.by_letter = by_letter

    def correct(self, term: str, most: int = 2) -> str | None:
        """The closest term starting with the same letter, the most frequent among equals, at most `most`
        edits away (fewer for a short term: `max_edits`).

        The first letter is trusted: students rarely mistype it, and without that rule
        short stems meet too many others.
        """
        limit = min(max_edits(term), most)
        if not limit:
            return None
        choices = self.by_letter.get(term[0], [])
        found = process.extract(term, choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
        # a longer word that starts with this one is another stem of it (прием, приемная), not a typo
        found = [item for item in found if not item[0].startswith(term)]
        if not found:
            return None
        best = min(distance for _, distance, _ in found)
        return max((c for c, distance, _ in found if distance == best), key=lambda c: (self.frequency(c), c))
