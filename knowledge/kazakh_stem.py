"""A light Kazakh suffix stripper working on skeleton spellings (see translit.py).

Kazakh is agglutinative: басқару, басқарудың, басқаруға, басқаруды are one word for a
search engine. The stripper follows Kazakh word order from the end — one case ending,
then one possessive, then one plural, then one common derivational ending — and undoes the
voicing of a final consonant (еңбегі → еңбек, бабы → бап). A passive present (бекітіледі, сайланады) is
read as its verb's root, which is also its verbal noun's stem (бекіту, сайлау). Roots that merely *look*
inflected (Қазақстан ends like the ablative -тан, халық like the suffix -лық) are protected
by a root list: the built-in one below plus every Kazakh word of the glossary. It is not a
morphological analyser; it only needs to map the forms of one word to one key, the same way
for passages and queries.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from knowledge.translit import skeleton

_CASE = """
ның нің дың дің тың тің ының інің сының сінің
ға ге қа ке на не ына іне сына сіне
ны ні ды ді ты ті ын ін сын сін
да де та те нда нде ында інде сында сінде
дан ден тан тен нан нен ынан інен сынан сінен
мен бен пен менен бенен пенен ымен імен сымен сімен
дағы дегі тағы тегі ндағы ндегі
"""
# Third person and "our" only: first/second singular (-ым, -ың, -м, -ң) are rare in
# academic prose and would eat the end of roots such as адам, ұғым, заң.
_POSSESSIVE = "ы і сы сі мыз міз ымыз іміз лары лері дары дері тары тері"
_PLURAL = "лар лер дар дер тар тер"
_DERIVATIONAL = """
лық лік дық дік тық тік шы ші ушы уші сыз сіз у уы уі луы луі нуы нуі
ған ген қан кен атын етін йтын йтін
"""
# Verb endings after which a passive -л/-н is stripped too (бағытталған → бағытта-, күтілген → күт-).
_VERBAL = "у уы уі луы луі нуы нуі ған ген қан кен атын етін йтын йтін"
# Words that end like a suffix but are roots; the glossary adds its own Kazakh words.
BUILTIN_ROOTS = """
қазақстан халық заң адам ауыл қала орта сана дала ана бала тарих ақпан
алматы астана шымкент нұр-сұлтан
жыл ел ұйым ұғым білім қағида жиын жиналыс құқық орын ауыз әкім кеңес
республика конституция демократия реформа партия теория хартия
"""
MIN_STEM = 2
MIN_DERIVED_STEM = 3
MIN_VERB_ROOT = 3  # a verb root left by a passive: күт-іл-ген, құр-ыл-ады
MIN_VOWEL_VERB_ROOT = 4  # …one ending in a vowel (сайла-н-ады); бо-л-ады is the active «болады»
_VOWELS = frozenset("aeiouy")
_DEVOICE = {"g": "k", "b": "p"}
_LINKED = ("kti", "kty")
# Roots whose second vowel drops before a vowel ending: халық → халқы, орын → орны.
ELIDED_ROOTS = {skeleton(short): skeleton(full)
                for short, full in (("халқ", "халық"), ("орн", "орын"), ("ауз", "ауыз"))}


def _skeletons(words: str) -> tuple[str, ...]:
    found = {skeleton(word) for word in words.split()}
    return tuple(sorted(found, key=len, reverse=True))


CASES = _skeletons(_CASE)
POSSESSIVES = _skeletons(_POSSESSIVE)
PLURALS = _skeletons(_PLURAL)
DERIVATIONS = _skeletons(_DERIVATIONAL)
VERBAL = frozenset(_skeletons(_VERBAL))
PASSIVES = _skeletons("ыл іл л ын ін н")
# The accusative and the locative: a word that is a root plus one of these is that root's form (-ын/-ін
# are left out: жақын is not жақ in the accusative)
_PLAIN_CASES = _skeletons("ны ні ды ді ты ті да де та те")
_LAYERS = ((CASES, MIN_STEM), (POSSESSIVES, MIN_STEM), (PLURALS, MIN_STEM),
           (DERIVATIONS, MIN_DERIVED_STEM))


def _devoiced(word: str) -> str:
    if len(word) > 2 and word[-1] in _DEVOICE:
        return word[:-1] + _DEVOICE[word[-1]]
    return ELIDED_ROOTS.get(word, word)


class KazakhStemmer:
    """Stems lower-case skeleton words; results are cached per stemmer."""

    def __init__(self, roots: Iterable[str] = ()) -> None:
        words = BUILTIN_ROOTS.split() + [w for root in roots for w in root.lower().split()]
        # Verbal nouns (басқару, қабылдау) are not roots: their stem is the verb's.
        roots = {skeleton(w) for w in words if w.isalpha() and not w.endswith(("у", "ю"))}
        # A glossary word that is another one with a case ending (мақсатты, заңды, кезде) is not a root of its
        # own: «мақсатты» in a text is most often «мақсат» in the accusative.
        self.roots = frozenset(r for r in roots if not any(_strips(r, c, MIN_STEM) and r[: len(r) - len(c)] in roots
                                                            for c in _PLAIN_CASES))
        self._cache: dict[str, str] = {}

    def _is_root(self, word: str) -> bool:
        return word in self.roots or _devoiced(word) in self.roots

    def stem(self, word: str) -> str:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        result = self._stem(word)
        if len(self._cache) < 200_000:
            self._cache[word] = result
        return result

    def _stem(self, word: str) -> str:
        if len(word) <= 3 or not word.isalpha() or word in self.roots:
            return word
        root = _passive_present_root(word)
        if root is not None:
            return root
        # A reading that ends in a known root wins (заңы → заң, not за + -ны); otherwise
        # the longest ending of each layer is taken.
        rooted = [w for w in _readings(word) if self._is_root(w)]
        if rooted:
            # a root as it is (ЖӨБ-нің → жөб), or one its last consonant voiced (еңбегі → еңбег → еңбек)
            root = max(rooted, key=len)
            return root if root in self.roots else _devoiced(root)
        return _without_linking_vowel(_devoiced(_greedy(word)))


# The present of a passive verb (бекітіледі, таратылады; тағайындалады, сайланады, белгіленеді): the law's
# "… is approved", asked as "кім бекітеді" and named «бекіту». Its stem is the verb's root, as the verbal
# noun's is; an active present (болады, келеді) leaves too short a root to be one.
_PASSIVE_AFTER_CONSONANT = ("iladi", "iledi")
_PASSIVE_AFTER_VOWEL = ("ladi", "ledi", "nadi", "nedi")


def _passive_present_root(word: str) -> str | None:
    for ending in _PASSIVE_AFTER_CONSONANT:
        root = word[: len(word) - len(ending)]
        if word.endswith(ending) and len(root) >= MIN_VERB_ROOT and root[-1] not in _VOWELS \
                and _VOWELS.intersection(root):
            return _devoiced(root)
    for ending in _PASSIVE_AFTER_VOWEL:
        root = word[: len(word) - len(ending)]
        if word.endswith(ending) and len(root) >= MIN_VOWEL_VERB_ROOT and root[-1] in _VOWELS:
            return root
    return None


# Voice suffixes of a verb stem: passive (құр-ыл-, сайла-н-), reflexive (жуын-), reciprocal (келіс-).
VOICES = _skeletons("ыл іл л ын ін н ыс іс с")


def voice_root(stem: str, known: Callable[[str], bool]) -> str | None:
    """The root a stem ending in a voice suffix has when that root is `known` (қосыл → қос), else None."""
    for voice in VOICES:
        root = stem[: len(stem) - len(voice)]
        if stem.endswith(voice) and len(root) >= MIN_VERB_ROOT and _VOWELS.intersection(root) and known(root):
            return root
    return None


def _without_linking_vowel(stem: str) -> str:
    """A loanword ending in -кт takes a linking і/ы before an ending that starts with a consonant
    (акт → актісі, актілері; субъект → субъектілері): the stem is the word without it."""
    return stem[:-1] if len(stem) >= 4 and stem.endswith(_LINKED) else stem


def _readings(word: str) -> list[str]:
    """The word and every form left by stripping one ending per layer, in layer order."""
    readings = [word]
    for suffixes, minimum in _LAYERS:
        readings += [w[: len(w) - len(s)] for w in readings for s in suffixes if _strips(w, s, minimum)]
    return readings


def _greedy(word: str) -> str:
    """The longest ending of each layer, then a passive -л/-н after a verb ending."""
    ending = ""
    for suffixes, minimum in _LAYERS:
        ending = next((s for s in suffixes if _strips(word, s, minimum)), "")
        word = word[: len(word) - len(ending)]
    if ending in VERBAL and word[-2:-1] in _VOWELS:
        passive = next((p for p in PASSIVES if _strips(word, p, MIN_VERB_ROOT)), "")
        word = word[: len(word) - len(passive)]
    return word


def _strips(word: str, suffix: str, minimum: int) -> bool:
    rest = len(word) - len(suffix)
    return rest >= minimum and word.endswith(suffix) and bool(_VOWELS.intersection(word[:rest]))


# A finite verb keeps a vowel of its tense that the stripper leaves on the root: «бекітеді» is read «бекіте», while
# «бекіту», «бекітіледі» are «бекіт»; «құрылмайды» keeps its negation. The forms a question uses, undone.
_PRESENT = re.compile(r"(?<=[^аәеиоөуұүыіэюя])(?:а|е)(?:ды|ді)$"  # тоқтат-ады, бекіт-еді
                      r"|(?:ма|ме|па|пе|ба|бе)(?:йды|йді)$"  # құрыл-майды, беріл-мейді
                      r"|(?<=[аәеоөуұүыі])я(?:ды)$")  # жо-яды: «я» is «й» and the tense's «а»


def kazakh_verb_roots(word: str) -> list[str]:
    """The root a Kazakh present or negative verb form may have ("тоқтатады" → "тоқтат", "құрылмайды" → "құрыл",
    "жояды" → "жой"): a question's verb is then also sought as the act's verbal noun or passive. A guess
    (a vowel root's past «сайлады» gives «сайл»): the caller keeps only roots the index holds."""
    lowered = word.lower()
    found = _PRESENT.search(lowered)
    if found is None:
        return []
    root = lowered[:found.start()] + ("й" if found.group().startswith("я") else "")
    return [root] if len(root) >= 3 else []
