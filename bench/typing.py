"""How the way a student types changes what the bot finds: P@1 of the same questions, as written and retyped.

    python -m bench.typing [EVAL.jsonl ...]     (default: the chat sets a session reads)

Each answerable question is searched as written, then retyped four ways, all fixed by a seed:
- Kazakh on a Russian keyboard: «ә ғ қ ң ө ұ ү һ і» typed as «а г к н о у у х и»;
- Kazakh in Latin letters, as a phone keyboard without Kazakh gives it («жергілікті» → «zhergilikti»), and in
  the official 2021 Latin alphabet («жергілікті» → «jergılıktı», «қанша жылға» → «qanşa jylğa»);
- one slip in one word of seven letters or more: a letter dropped, doubled or swapped with the next
  (the mean over three seeds: one draw moves the figure by a point or two).
The retyped rows are the robustness of the analysis (keyboard folding, Latin transliteration, chat
spellings, misspelling correction), measured against the questions as written in the same run.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from pathlib import Path

from knowledge.evaluation import Question, judge, read_questions
from knowledge.index import Index
from knowledge.translit import keyboard_fold

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [ROOT / "tests/eval" / f"{name}.jsonl" for name in (
    "chat_qa", "chat_holdout_qa", "chat_holdout2_qa", "chat_holdout3_qa", "chat_holdout4_qa", "chat_holdout5_qa",
    "chat_holdout8_qa", "chat_holdout9_qa", "chat_holdout10_qa", "chat_holdout11_qa", "chat_tuning12_qa",
    "chat_tuning13_qa")]
SEEDS = (7, 8, 9)  # one slip is drawn anew for each seed; the row shows their mean
MIN_SLIP_WORD = 7
_LATIN = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                  ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                   "t", "u", "f", "h", "ts", "ch", "sh", "sh", "", "y", "", "e", "iu", "ia", "a", "g", "q", "n", "o",
                   "u", "u", "h", "i"], strict=True))


# The 2021 Latin alphabet: і as ı, и and й as i, ы as y, ж as j, ш as ş, ч as ç, the Kazakh letters with marks.
_LATIN_2021 = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                       ["a", "b", "v", "g", "d", "e", "e", "j", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
                        "t", "u", "f", "h", "ts", "ç", "ş", "ş", "", "y", "", "e", "iu", "ia", "ä", "ğ", "q", "ñ", "ö",
                        "ū", "ü", "h", "ı"], strict=True))


def on_russian_keyboard(text: str) -> str:
    return keyboard_fold(text.lower())


def in_latin_letters(text: str) -> str:
    return "".join(_LATIN.get(ch, ch) for ch in text.lower())


def in_the_2021_alphabet(text: str) -> str:
    return "".join(_LATIN_2021.get(ch, ch) for ch in text.lower())


def with_a_slip(rng: random.Random) -> Callable[[str], str]:
    """One slip of the fingers in one long word: a letter dropped, doubled, or swapped with the next."""
    def slip(text: str) -> str:
        words = text.split()
        long = [i for i, word in enumerate(words) if len(word) >= MIN_SLIP_WORD and word.isalpha()]
        if not long:
            return text
        i = rng.choice(long)
        word, at = words[i], rng.randrange(1, len(words[i]) - 1)
        kind = rng.choice("dsr")
        if kind == "d":
            word = word[:at] + word[at + 1:]
        elif kind == "s":
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        else:
            word = word[:at] + word[at] + word[at:]
        words[i] = word
        return " ".join(words)
    return slip


def p_at_1(index: Index, questions: list[Question], retype: Callable[[str], str] | None = None) -> float:
    right = sum(judge(q, index.search(retype(q.text) if retype else q.text, k=5, prefer_own_language=True)).rank == 1
                for q in questions)
    return right / len(questions) if questions else 0.0


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or DEFAULT_SETS
    questions = [q for f in files for q in read_questions(f) if q.gold]
    index = Index.build()
    kazakh = [q for q in questions if q.lang == "kk"]
    russian = [q for q in questions if q.lang == "ru"]
    print(f"{len(questions)} answerable questions ({len(kazakh)} kk, {len(russian)} ru) from {len(files)} files\n")
    print("| questions | retyped | P@1 as written | P@1 retyped | ratio |")
    print("|---|---|---|---|---|")
    rows: list[tuple[str, list[Question], str, list[Callable[[str], str]]]] = [
        ("kk", kazakh, "on a Russian keyboard", [on_russian_keyboard]),
        ("kk", kazakh, "in Latin letters", [in_latin_letters]),
        ("kk", kazakh, "in the 2021 Latin alphabet", [in_the_2021_alphabet]),
        ("kk", kazakh, "one slip", [with_a_slip(random.Random(seed)) for seed in SEEDS]),
        ("ru", russian, "one slip", [with_a_slip(random.Random(seed)) for seed in SEEDS]),
    ]
    written = {"kk": p_at_1(index, kazakh), "ru": p_at_1(index, russian)}
    for lang, group, name, retypes in rows:
        retyped = sum(p_at_1(index, group, retype) for retype in retypes) / len(retypes)
        ratio = retyped / written[lang] if written[lang] else 0.0
        print(f"| {lang} ({len(group)}) | {name} | {written[lang]:.3f} | {retyped:.3f} | {ratio:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
