"""Choosing the sentences of a passage that answer a query: the excerpt a reader sees.

The best sentence is the one that holds the question's ideas *and* the kind of answer it
asks for (a year, a number, a definition …, see cues.py). Three habits of the texts are
followed, because a sentence that only repeats the question answers nothing:

- a sentence that announces what follows ("…келесідей анықтамалар беріледі:", "следующие
  принципы") takes what follows, and list items keep their lead-in;
- when the best sentence holds the question's words but not the kind of answer, the answer
  is often the next sentence ("Жергілікті кеңестер … Олардың саны 50 000-нан асты"), so a
  neighbour that holds the kind is taken with it;
- the highlighted words include the answer (the year, the number …), not only the
  question's words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence

from knowledge.cues import CRISP, PERSON, REASON
from knowledge.models import Excerpt
from knowledge.sentences import split_sentences

MAX_SENTENCES = 3
SHORT_WORDS = 18
FRAGMENT_WORDS = 6  # a "sentence" this short is a line the text broke, not a thought of its own
MAX_WORDS = 70
LIST_WORDS = 110  # a lead-in with its list may run longer than a plain excerpt
KIND_BONUS = 0.5  # a sentence holding the asked kind of answer, relative to the best sentence's value
_ANNOUNCES = re.compile(
    r":\s*$|келесі(?:дей)?\b|мыналар|төмендегі|мынадай|былайша|следующ|таковы|ниже|as follows|the following",
    re.I,
)
# A sentence that goes on from the one before ("Олардың саны 50 000-нан асты.", "Их было …"): its
# answer is about what that sentence named, so the two are weighed, and shown, together.
_GOES_ON = re.compile(
    r"^\W*(?:олар\w*|оның|ол|бұл\w*|мұның|сол\w*|оған|их|они|это\w*|эт[аио]|его|её|ее|им|they|their|it|this|these)\b",
    re.I,
)
# "… деген еңбегінде ол: …", "в своём труде он …": the person asked for is named a sentence before
_REFERS_BACK = re.compile(r"(?<!\w)(?:ол|оның|он|она|его|её|he|she|his|her)(?!\w)", re.I)
_COUNTS = re.compile(r"\b(?:саны|санын|саны|количеств\w*|числ\w*|барлығы|всего)\b", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:•|[-–—]\s|\d{1,2}(?:-\d{1,2})?[.)]\s|[а-яәa-z]\)\s)")


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


_DIGITS = re.compile(r"\D+")


def make_excerpt(text: str, positioned: Iterable[tuple[str, int, int]],
                 importance: Callable[[str], float], weights: Mapping[str, float],
                 sentences: Sequence[tuple[int, int]] | None = None,
                 kinds: Collection[str] = (), follow_text: bool = True, stated: Collection[str] = (),
                 lead: str = "") -> Excerpt:
    """The best sentence for the question and its kind of answer, widened as the text asks.

    A number the question states itself (`stated`) names what is asked, it does not answer it:
    «Қазақстан-2030» holds no year for "в каком году вышла стратегия казахстан 2030".

    `lead`: the lead-in of the list the passage continues, from an earlier passage, when the question
    asks for that list ("ЖӨБ қағидалары"): the items are the answer, from the first one on, whatever
    words they share with the question, shown after the lead-in that says what they are.

    Without `follow_text` (the ablation benchmark), the best sentence by the question's
    words alone, widened with its best neighbours.
    """
    sentences = list(sentences or split_sentences(text)) or [(0, len(text))]
    positioned = list(positioned)
    matched = [(term, s, e) for term, s, e in positioned if term in weights]
    answers = [(term, s, e) for term, s, e in positioned
               if term in kinds and not (stated and _DIGITS.sub("", text[s:e]) in stated)] if kinds else []

    starts = [start for start, _ in sentences]

    def by_sentence(spans: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
        """The spans each sentence holds (sentences are ordered and apart: one bisect per span)."""
        found: list[list[tuple[str, int, int]]] = [[] for _ in sentences]
        for span in spans:
            i = bisect_right(starts, span[1]) - 1
            if i >= 0 and span[1] < sentences[i][1]:
                found[i].append(span)
        return found

    matched_in, answers_in = by_sentence(matched), by_sentence(answers)

    values: list[float] = []
    worded: list[bool] = []  # the sentence holds one of the question's own words
    for i in range(len(sentences)):
        terms = sorted({term for term, _, _ in matched_in[i]})  # summed in one order: equal sentences tie
        values.append(sum(weights[t] * importance(t) for t in terms))
        worded.append(any(not t.startswith("=") for t in terms))
    holds: list[frozenset[str]] = []
    for i in range(len(sentences)):
        if not answers_in[i]:
            holds.append(frozenset())
            continue
        # an answer counts beside the question's words ("18 мың ҮЕҰ" does not count the oblasts
        # named a sentence before), where the sentence says it counts ("Олардың саны …"), and a
        # reason also beside a neighbour it explains ("… байланысты болды, себебі …")
        near = worded[i] or bool(_COUNTS.search(text, *sentences[i]))
        explains = any(worded[j] for j in (i - 1, i + 1) if 0 <= j < len(sentences))
        held = {term for term, _, _ in answers_in[i] if near or (term == REASON and explains)}
        holds.append(frozenset(held))
    top = max(values) or 1.0
    # the kind of answer counts only beside the question's words
    bonus = KIND_BONUS * top / max(len(kinds), 1) if follow_text else 0.0
    # …and the people asked for in the next sentence, which is then shown with it ("… ТМД елдерінің
    # ғалымдарының еңбектерінде көрініс тапқан. Атап өтсек, А.С.Автономов, …")
    given = [frozenset(term for term, _, _ in answers_in[i]) for i in range(len(sentences))]
    named = [PERSON in given[i + 1] - holds[i] if i + 1 < len(sentences) else False for i in range(len(sentences))]
    ranked = [value + (bonus * (len(held) + named[i]) if value > 0 else 0.0)
              for i, (value, held) in enumerate(zip(values, holds, strict=True))]

    def words(a: int, b: int) -> int:
        return len(text[sentences[a][0]:sentences[b][1]].split())

    def sentence(i: int) -> str:
        return text[sentences[i][0]:sentences[i][1]]

    # an answer that goes on from the sentence before counts with that sentence's words
    goes_on = [follow_text and i > 0 and bool(holds[i]) and bool(_GOES_ON.match(sentence(i)))
               and words(i - 1, i) <= MAX_WORDS for i in range(len(sentences))]
    for i in range(len(sentences)):
        if goes_on[i] and values[i - 1] > 0:
            ranked[i] = values[i - 1] + values[i] + bonus * len(holds[i])
    # equal values summed in another order differ in the last bits: the earlier sentence wins a tie
    best = max(range(len(sentences)), key=lambda i: (round(ranked[i], 9), -i))
    first = last = best
    if goes_on[best] and values[best - 1] > 0:
        first = best - 1

    # a list item keeps its lead-in: walk back over the items to the sentence announcing them;
    # an item with no lead-in in reach (a law's list of terms split across passages) stands alone
    # («1. Члены местного сообщества имеют право:» is a numbered пункт and the lead-in of its подпункты)
    def item(i: int) -> bool:
        return bool(_LIST_ITEM.match(sentence(i))) and not sentence(i).rstrip().endswith(":")

    shown_from = first
    while follow_text and first > 0 and item(first) and words(first - 1, last) <= LIST_WORDS:
        first -= 1
        if not item(first):
            break
    if first < shown_from and item(first):
        first = shown_from
    opening = next((i for i in range(len(sentences)) if item(i)), None) if lead else None
    if follow_text and opening is not None:
        first = last = opening
        while last + 1 < len(sentences) and words(first, last + 1) <= LIST_WORDS:
            last += 1
        return _excerpt(text, sentences, first, last, matched, answers, holds, values[opening], lead.strip())
    # the answer after the sentence that repeats the question
    # (or before it: "Жергілікті кеңестер … органдары болып табылды. Олардың саны 50 000-нан асты.
    # Жергілікті кеңестер жеке …" — the best sentence by the question's words is the third)
    wanted = set(kinds) - set(holds[best]) if follow_text else set()

    def before(i: int) -> frozenset[str]:
        """The kinds the sentence before the shown ones gives: a person it names counts when the shown
        sentence speaks of them as «ол», «он»."""
        if PERSON in wanted and _REFERS_BACK.search(sentence(first)) \
                and any(term == PERSON for term, _, _ in answers_in[i]):
            return holds[i] | {PERSON}
        return holds[i]

    # the next sentence gives it even without the question's words (it is shown, not counted: the tier
    # reads `holds`)
    if wanted and last + 1 < len(sentences) and wanted & given[last + 1] and words(first, last + 1) <= MAX_WORDS:
        last += 1
    elif wanted and last == first and words(first, first) <= FRAGMENT_WORDS and last + 2 < len(sentences) \
            and wanted & given[last + 2] and words(first, last + 2) <= MAX_WORDS:
        last += 2  # a best "sentence" that is a line cut short («СССР-ң 1936 ж»): the answer two on
    elif wanted and first > 0 and wanted & before(first - 1) and words(first - 1, last) <= MAX_WORDS:
        first -= 1
    # a sentence announcing what follows takes it
    announced = False
    while follow_text and last + 1 < len(sentences) and _ANNOUNCES.search(sentence(last)[-80:]) \
            and words(first, last + 1) <= LIST_WORDS:
        last += 1
        announced = True
    while announced and last + 1 < len(sentences) and _LIST_ITEM.match(sentence(last + 1)) \
            and words(first, last + 1) <= LIST_WORDS:
        last += 1
    while last - first + 1 < MAX_SENTENCES:
        options = []
        if first > 0:
            options.append((values[first - 1], first - 1))
        if last + 1 < len(sentences):
            options.append((values[last + 1], last + 1))
        if not options:
            break
        # of two neighbours equally worded, the one before (the text's order); of two unworded, the one after,
        # which goes on from the answer
        value, pick = max(options, key=lambda option: (option[0], -option[1] if option[0] > 0 else option[1]))
        wide = (min(first, pick), max(last, pick))
        if words(*wide) > MAX_WORDS or (value <= 0 and words(first, last) >= SHORT_WORDS):
            break
        first, last = wide
    return _excerpt(text, sentences, first, last, matched, answers, holds, values[best])


def _excerpt(text: str, sentences: Sequence[tuple[int, int]], first: int, last: int,
             matched: list[tuple[str, int, int]], answers: list[tuple[str, int, int]],
             holds: list[frozenset[str]], strength: float, lead: str = "") -> Excerpt:
    """The shown sentences first..last, after a list's `lead` when given, with the question's words
    and the answer marked."""
    start, end = sentences[first][0], sentences[last][1]
    shown_kinds = frozenset(term for i in range(first, last + 1) for term in holds[i])
    answer_marks = [(s, e) for term, s, e in answers if term in CRISP and start <= s and e <= end]
    marks = _merge([(s - start, e - start) for term, s, e in matched
                    if start <= s and e <= end and not term.startswith("=")]
                   + [(s - start, e - start) for s, e in answer_marks])
    shown_terms = frozenset(term for term, s, _ in matched if start <= s < end and not term.startswith("="))
    if lead:
        marks = tuple((s + len(lead) + 1, e + len(lead) + 1) for s, e in marks)
    shown, marks = _capped(f"{lead}\n{text[start:end]}" if lead else text[start:end], marks)
    return Excerpt(text=shown, marks=marks, strength=strength, terms=shown_terms, kinds=shown_kinds)


MAX_CHARS = 1000  # the hard cap on an excerpt, whatever its sentences (the shipped ones reach 750)


def capped(text: str) -> str:
    """A text shown whole as an excerpt (an opened article), cut to MAX_CHARS like any other."""
    return _capped(text, ())[0]


def _capped(text: str, marks: tuple[tuple[int, int], ...]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """At most MAX_CHARS: cut at the last space before the cap (blindly if none is near), with "…".

    Marks past the cut are dropped, a mark across it is clipped.
    """
    if len(text) <= MAX_CHARS:
        return text, marks
    cut = text.rfind(" ", 0, MAX_CHARS + 1)
    cut = len(text[:cut].rstrip()) if cut > MAX_CHARS // 2 else MAX_CHARS
    clipped = tuple((s, min(e, cut)) for s, e in marks if s < cut)
    return text[:cut] + "…", clipped
