"""Does the shown excerpt answer the question? The tier a reader sees.

A BM25 score says a passage is *about* the question; it does not say the passage answers
it. In this corpus nearly every passage says «жергілікті өзін-өзі басқару», so a question
about the term of office of a rural akim scores well on a passage that never states one.
The check therefore reads the question as the parser split it into ideas (slots):

- **missing** ideas: words neither the index nor a glossary variant found in it knows
  («Алматы», «срок полномочий»): the sources never speak of them;
- **generic** ideas: those most passages hold (местное самоуправление, мемлекет); they
  say what the subject is, not what is asked;
- **specific** ideas: the rest. They must stand in the excerpt the reader is shown.

and adds the kind of answer the question asks for (a year, a number, a duration, an
article …, cues.py), which the excerpt must hold.

`nothing` when the sources cannot answer: no idea of the question is known, or only everyday
words of it are («бүгін қандай күн» meets «Бүгінгі күні …», everyday.py), the unknown ones weigh
as much as the known, the top passage holds less than half of the specific
ideas (chatter meets the corpus one word here, one word there), or it
holds no answer of a plain kind that was asked (no year for "when" — or, for a "when" about a
rule, no date, deadline or condition either —, no duration for "for how long", no amount of
money for "how much does it cost"). A year asked of an event the sources never name by its verb ("когда
распался СССР", "қай жылы ратификациялады") has no answer there: a year they give is another event's; so
has a Kazakh yes-or-no about such a verb ("… хартиясын ратификациялады ма").
`confident` when nothing of substance is missing, the excerpt holds the
specific ideas and the asked kind. `unsure` in between. Thresholds were chosen on the
tuning part of the chat question set (README, "Answers a reader can trust").
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

from knowledge.bm25 import BM25
from knowledge.cues import ASKED_BY, CRISP, DEFINED, DEFINITION, NAME, PARTS, PERSON, REASON, WHEN, YEAR
from knowledge.models import Hit, Tier
from knowledge.morphology import is_kazakh_participle, is_kazakh_predicate, is_predicate, is_proper_name
from knowledge.query import ParsedQuery, Slot

# The kinds of answer a ✅ needs in the excerpt; a person, a place or a list is spotted too
# loosely (a lower-case «қалаға» is a place) to demand, and only steers the excerpt.
REQUIRED = CRISP | {DEFINITION, REASON, NAME, PARTS}
GENERIC_SHARE = 0.3  # an idea held by this share of passages names the subject, not the question
SETTING_SHARE = 0.1  # a place named by this share of passages is where the sources stand (Kazakhstan)
MISSING_NOTHING = 0.5  # unknown ideas weighing this share of the question: not in the sources
MISSING_CONFIDENT = 0.2  # …and at most this for a ✅ (a word nobody translated)
EXCERPT_CONFIDENT = 0.5  # share of the specific ideas the excerpt must hold for a ✅
EXCERPT_CHECKED = 0.9  # …and nearly all of them to be trusted over a close second for holding the asked fact
PASSAGE_CONFIDENT = 0.5  # …and its passage
PASSAGE_NOTHING = 0.45  # below this share of the specific ideas the passage is only near the question
CONFIDENT_MARGIN = 0.2  # the best passage's lead over the next, as a share of its score
MIN_SCORE = 1.5  # BM25 of the top passage below which nothing is said to match
CONFIDENT_SCORE = 3.0
EVERYDAY_ONLY = "the sources know only everyday words of the question"


@dataclass(frozen=True, slots=True)
class Assessment:
    """Why a tier was given: the figures the rule reads, for the eval and for debugging."""

    tier: Tier
    reason: str
    missing: tuple[str, ...] = ()
    missing_share: float = 0.0
    excerpt_cover: float = 0.0
    passage_cover: float = 0.0
    kinds_shown: bool = True


def _held(slot_phrases: list[tuple[str, ...]], terms: Collection[str], bm25: BM25) -> float:
    """How much of the idea a set of terms holds: 1 for a whole variant, and for part of a phrase the
    share of its information (idf) that is there — «жергілікті өзін-өзі басқаруды дамыту тұжырымдамасы»
    is not held by a text that lacks only «тұжырымдама», the one word few passages hold."""
    def share(phrase: tuple[str, ...]) -> float:
        weights = [max(bm25.term_idf(t), bm25.eps) for t in phrase]
        return sum(w for t, w in zip(phrase, weights, strict=True) if t in terms) / sum(weights)
    return max((share(phrase) for phrase in slot_phrases), default=0.0)


def is_phrasing_word(lang: str, words: str) -> bool:
    """A word of the question that says how it is put, not what it is about (morphology.py)."""
    if " " in words:
        return False
    return is_predicate(words) if lang == "ru" else lang == "kk" and is_kazakh_predicate(words)


def gives(kind: str, held: Collection[str], asked: Collection[str]) -> bool:
    """Whether a text holding the kinds `held` gives an asked kind: a "when" that is not about a year
    ("когда созывается …") is answered by a date, a deadline or a condition too, and a definition by a
    so-called or a term and a dash (DEFINED)."""
    return kind in held or (kind == YEAR and WHEN in asked and WHEN in held) \
        or (kind == DEFINITION and DEFINED in held)


def assess(parsed: ParsedQuery, hit: Hit | None, bm25: BM25, passage_terms: Collection[str], margin: float = 1.0,
           document_terms: Collection[str] = frozenset(), shows_asked: bool = False,
           kazakh_predicates: bool = True, everyday: Collection[str] = frozenset(),
           pointers: Collection[str] = frozenset(), names_shown: bool = True, counted: bool = True) -> Assessment:
    """The tier of the top hit for a parsed question (see the module's docstring).

    A word neither the index nor the glossary knows weighs like the rarest known term: the
    sources never name it. A Russian verb, adverb or adjective is the exception (pymorphy3
    tells it): it says how the question is put, and weighs half, only against chatter.

    `kazakh_predicates` off reads an unknown Kazakh verb as a missing idea (the ablation benchmark), and
    `names_shown` off lets a ✅ stand without the place or person a Russian question names, or the year
    (or another number of three digits or more) any question names. `counted` is
    whether a number the excerpt shows stands by what a count asks for ("сколько депутатов"), and a span of
    time by what the question says lasts it ("срок полномочий маслихата"): one beside something else counts
    or lasts something else, and earns no ✅.

    `everyday` are the ideas (their words) that are everyday words (everyday.py): a question whose
    known ideas are all everyday words or Russian verbs ("бүгін қандай күн", "где проходит пара") is
    chatter that met «Бүгінгі күні …», not a question the sources answer.

    `document_terms` are the terms of the words naming the passage's document kind: "в дипломной работе"
    or "мақалада" points at the whole document, which every passage of it then holds. `pointers` are
    the ideas (their words) that name it in a form the index does not know ("дипломки"): no evidence
    either way, rather than words the sources never use.

    `margin` is how far the best passage's score stands above the next one's that says something else (another
    document repeating the excerpt agrees with it), as a share of it: when two passages answer about equally,
    it is not sure which one the reader needs —
    unless the excerpt was seen to hold the asked plain fact (a year, a number …), or to show exactly
    what was asked (`shows_asked`): the definition of the asked term («Жергілікті өзін-өзі басқару – бұл …»
    for "что такое местное самоуправление", not for "өзін-өзі басқару деген не"), or the list whose
    lead-in names it («… келесі негізгі қағидаларды бөлуге болады:» for "ЖӨБ қағидалары").
    """
    content: list[Slot] = parsed.content()
    if hit is None or not content:
        return Assessment(Tier.NOTHING, "no word of the question is searchable")
    known: list[tuple[list[tuple[str, ...]], float, bool, str]] = []  # (variants, weight, generic, words)
    missing: list[str] = []
    missing_weight = predicate_weight = 0.0
    for slot in content:
        if any(kind in parsed.kinds and words.fullmatch(slot.words) for kind, words in ASKED_BY.items()):
            continue  # "… деген не, қысқаша анықтама", "қанша уақытта жауап беріледі": what the asked kind checks
        # a concept is held when one of its phrases is, not when one word of it is
        concept = [phrase for phrase in slot.variants if phrase and phrase not in slot.parts]
        phrases = [phrase for phrase in concept if all(t in bm25 for t in phrase)]
        if not phrases and slot.words in pointers:
            continue  # "задачи дипломки", "дипломдағы міндеттер": where to look, in a form the index lacks
        if not phrases:
            missing.append(slot.words)
            if is_phrasing_word(parsed.lang, slot.words) and (kazakh_predicates or parsed.lang != "kk"):
                # «сделала», «российские», «деді»: how the question is put, not what it is about; it
                # still tells chatter ("как накачать пресс", "саған кім ат қойды") from the subject —
                # at half weight for Russian, whose dictionary is sure, and for a Kazakh participle (ұсынған,
                # тұратын), which no noun ends like; another Kazakh ending (-ды, -ті: also the accusative) is a guess
                predicate_weight += bm25.max_idf / 2 if parsed.lang == "ru" or is_kazakh_participle(slot.words) \
                    else bm25.max_idf
                continue
            missing_weight += bm25.max_idf
            continue
        share = len(bm25.holders(phrases)) / max(bm25.size, 1)
        # "в дипломке", "мақалада" say where to look, not what is asked: no evidence either way
        pointer = any(all(t in document_terms for t in phrase) for phrase in phrases)
        # a verb or adverb the index knows helps find the passage, but says how the question is put
        # ("реши", "найти", "алады"), not what it is about
        predicate = parsed.lang == "ru" and is_phrasing_word(parsed.lang, slot.words)
        generic = share >= GENERIC_SHARE or pointer or predicate
        known.append((phrases, max(bm25.idf_for(phrases), bm25.eps), generic, slot.words))
    known_weight = sum(weight for _, weight, _, _ in known)
    # "когда распался СССР": the event a year is asked for is its verb; one the sources never use is not
    # theirs, and a year they give («СССР-ң 1936 ж Конституциясы») belongs to another event
    # (asked, not a decade stated: "у маслихатов были свои деньги в 90е" asks no year)
    # "…хартиясын ратификациялады ма?": a Kazakh yes-or-no asks whether its verb happened; a verb the sources
    # never use is a fact they do not state (the charter they name was not said to be ratified)
    if parsed.year_asked or parsed.yes_no:
        missing_weight += predicate_weight
    missing_share = missing_weight / (missing_weight + known_weight) if known_weight else 1.0
    unknown_share = (missing_weight + predicate_weight) / (missing_weight + predicate_weight + known_weight) \
        if known_weight else 1.0
    specific = [(phrases, weight) for phrases, weight, generic, _ in known if not generic] \
        or [(phrases, weight) for phrases, weight, _, _ in known]
    # a place or a person the question names ("президент франции") must be shown, not only the rest of it —
    # unless the sources name it throughout: Kazakhstan is where they stand, not what is asked
    named = [phrases for phrases, _, _, words in known if names_shown and parsed.lang == "ru"
             and is_proper_name(words) and len(bm25.holders(phrases)) < SETTING_SHARE * bm25.size]
    # a year or a number the question names ("2001 жылғы заң", "в 1995 году") says which one is asked;
    # an excerpt without it speaks of another (a small number may be asked as "3 принципа" and not written)
    numbered = [phrases for phrases, _, _, words in known if names_shown and words.isdigit() and len(words) >= 3]
    weight_sum = sum(weight for _, weight in specific) or 1.0
    shown, whole = set(hit.excerpt.terms) | set(document_terms), set(passage_terms) | set(document_terms)
    excerpt_cover = sum(w * _held(p, shown, bm25) for p, w in specific) / weight_sum
    passage_cover = sum(w * _held(p, whole, bm25) for p, w in specific) / weight_sum
    # a bare term is answered by its definition when the sources give one, and by what they say of it
    # otherwise; so is "who is X" ("кто такой Токвиль", "әкім деген кім"): a definition, or what is said of them
    loose_definition = parsed.lookup or PERSON in parsed.kinds
    required = [kind for kind in parsed.kinds if kind in REQUIRED and not (loose_definition and kind == DEFINITION)]
    kinds_shown = all(gives(kind, hit.excerpt.kinds, parsed.kinds) for kind in required)
    # the excerpt was seen to hold the asked kind of answer: a close second does not make it doubtful
    named_shown = all(_held(phrases, shown, bm25) == 1.0 for phrases in named + numbered)
    checked = kinds_shown and excerpt_cover >= EXCERPT_CHECKED \
        and (shows_asked or any(kind in CRISP for kind in parsed.kinds))
    crisp_absent = [kind for kind in parsed.kinds if kind in CRISP and not gives(kind, passage_terms, parsed.kinds)]
    figures = Assessment(Tier.UNSURE, "related, but the excerpt may not answer", tuple(missing), missing_share,
                         excerpt_cover, passage_cover, kinds_shown)
    if not known:
        return replace(figures, tier=Tier.NOTHING, reason="the sources know no word of the question")
    if all(words in everyday or (words.isdigit() and len(words) <= 2)  # a small number, not a year
           or (parsed.lang == "ru" and is_phrasing_word("ru", words)) for _, _, _, words in known):
        return replace(figures, tier=Tier.NOTHING, reason=EVERYDAY_ONLY)
    if unknown_share >= MISSING_NOTHING:
        return replace(figures, tier=Tier.NOTHING, reason="most of the question is unknown to the sources")
    # the subject itself looked up ("мсу", "жөб"): its words are in nearly every passage and score little, but
    # an excerpt that defines it is related (the sources define it more than once: no ✅ without a clear lead)
    defined = shows_asked and DEFINITION in parsed.kinds and unknown_share == 0
    if (hit.bm25 < MIN_SCORE and not defined) or passage_cover < PASSAGE_NOTHING:
        return replace(figures, tier=Tier.NOTHING, reason="the best passage holds too few of the question's own ideas")
    if crisp_absent:
        return replace(figures, tier=Tier.NOTHING, reason=f"the best passage states no {', '.join(crisp_absent)}")
    if (missing_share <= MISSING_CONFIDENT and excerpt_cover >= EXCERPT_CONFIDENT
            and passage_cover >= PASSAGE_CONFIDENT and kinds_shown and named_shown and counted
            and hit.bm25 >= CONFIDENT_SCORE and (margin >= CONFIDENT_MARGIN or checked)):
        return replace(figures, tier=Tier.CONFIDENT, reason="the excerpt holds the question's ideas and kind of answer")
    return replace(figures, tier=Tier.UNSURE, reason="related, but the excerpt may not answer")
