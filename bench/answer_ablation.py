"""What each part of answering adds to what the reader sees: E@1 and the honesty of the tier.

    python -m bench.answer_ablation [EVAL.jsonl ...]     (default: the chat tuning set)

Every row is the shipped engine with one part switched off (knowledge/tuning.py): the
answerability check (off: the old rule, BM25 score and coverage thresholds), the excerpt
that follows the asked kind of answer and announced lists, chat spellings with misspelling
correction, the glossary's one-language synonym groups, the stated fact first, a bare term read as
a request for its definition, unknown Kazakh verb forms read as how a question is put, a
question of everyday words only read as chatter, a passage naming none of the bodies the
question names ranked lower, a list's lead-in carried by the passages that continue the list, a
named part of a document ("аннотация статьи", "ключевые слова") opened whole, the place or
person a Russian question names required in the excerpt of a ✅, the thing a "which" asks about
(«қандай салықтар») required there too, the passages defining the asked term sought however low
BM25 ranks them, a Russian verb sought in its participle and noun of action, and a passage saying
what one may or may not do ranked higher for "может ли", "бола ала ма".
"""

from __future__ import annotations

import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from knowledge.evaluation import Scores, evaluate, read_questions
from knowledge.index import Index
from knowledge.tuning import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [ROOT / "tests/eval/chat_qa.jsonl"]
VARIANTS = {
    "shipped": DEFAULT,
    "without the answerability check": replace(DEFAULT, answerability=False),
    "without the answer-aware excerpt": replace(DEFAULT, answer_excerpt=False),
    "without chat spellings and typo correction": replace(DEFAULT, spelling=False),
    "without synonym groups": replace(DEFAULT, synonyms=False),
    "without the stated fact first": replace(DEFAULT, stated_share=0.0),
    "without a looked-up term read as 'what is it'": replace(DEFAULT, lookup_definition=False),
    "without unknown Kazakh verbs read as how a question is put": replace(DEFAULT, kazakh_predicates=False),
    "without everyday words told from the subject": replace(DEFAULT, everyday=False),
    "without passages naming the asked bodies first": replace(DEFAULT, institution_weight=0.0),
    "without a list's lead-in in the passages that continue it": replace(DEFAULT, list_leads=False),
    "without a named section opened whole": replace(DEFAULT, named_sections=False),
    "without the named place or person shown for a ✅": replace(DEFAULT, names_shown=False),
    "without the thing a 'which' asks about shown for a ✅": replace(DEFAULT, which_shown=False),
    "without passages defining the asked term sought below the top": replace(DEFAULT, defining_candidates=False),
    "without a Russian verb sought in its other forms": replace(DEFAULT, alternates=False),
    "without passages saying what one may do first for 'может ли'": replace(DEFAULT, permit_weight=0.0),
    "without an abstract weighing less than the body it retells": replace(DEFAULT, summary_weight=1.0),
}


def _cell(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or DEFAULT_SETS
    questions = [q for f in files for q in read_questions(f)]
    print(f"{len(questions)} questions from {', '.join(f.name for f in files)}\n")
    print("| variant | E@1 kk | E@1 ru | ✅ precision | ✅ and right | ✅ on no-answer | nothing on off-topic |")
    print("|---|---|---|---|---|---|---|")
    for name, tuning in VARIANTS.items():
        groups = evaluate(partial(Index.build(tuning=tuning).search, k=10, prefer_own_language=True), questions)
        whole = groups["all"]
        e1 = {lang: groups.get(lang, Scores()).e1 for lang in ("kk", "ru")}
        print(f"| {name} | {e1['kk']:.2f} | {e1['ru']:.2f} | {_cell(whole.confident_precision)} | "
              f"{whole.confident_right:.2f} | {_cell(whole.false_confident)} | {_cell(whole.offtopic_nothing)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
