"""Retrieval quality of the shipped search against a plain baseline and with each part off.

    python bench/retrieval_ablation.py [EVAL.jsonl ...]

The baseline is what the product started from: rank_bm25 over the lower-cased words of the
same passages. Every other row is the shipped search with one part switched off
(knowledge/tuning.py), so each row says what that part is worth.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
from rank_bm25 import BM25Okapi

from knowledge.evaluation import Question, read_questions, squash
from knowledge.index import Index
from knowledge.tuning import DEFAULT

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SETS = [ROOT / "tests/eval/dev_qa.jsonl", ROOT / "tests/eval/own_qa.jsonl"]
VARIANTS = {
    "shipped": DEFAULT,
    "no Kazakh stemmer": replace(DEFAULT, kazakh_stemming=False),
    "no glossary": replace(DEFAULT, glossary=False),
    "no slot idf": replace(DEFAULT, slot_idf=False),
    "no language idf": replace(DEFAULT, language_idf=False),
    "no answer cues": replace(DEFAULT, cue_weight=0.0),
    "no sentence rerank": replace(DEFAULT, rerank_weight=0.0),
}


def ranks_of(ranked: list[list[str]], questions: list[Question]) -> list[int | None]:
    out: list[int | None] = []
    for texts, question in zip(ranked, questions, strict=True):
        golds = [squash(g) for g in question.gold]
        out.append(next((i for i, t in enumerate(texts, 1) if any(g in squash(t) for g in golds)), None))
    return out


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def baseline(index: Index, questions: list[Question], k: int = 10) -> list[int | None]:
    bm25 = BM25Okapi([words(p.text) for p in index.passages])
    ranked = []
    for q in questions:
        scores = bm25.get_scores(words(q.text))
        order = [i for i in np.argsort(-scores, kind="stable")[:k] if scores[i] > 0]
        ranked.append([index.passages[i].text for i in order])
    return ranks_of(ranked, questions)


def shipped(index: Index, questions: list[Question], k: int = 10) -> list[int | None]:
    return ranks_of([[h.passage.text for h in index.search(q.text, k).hits] for q in questions], questions)


def row(name: str, questions: list[Question], ranks: list[int | None]) -> str:
    cells = [name.ljust(22)]
    for lang in ("kk", "ru", "en", "all"):
        picked = [r for q, r in zip(questions, ranks, strict=True) if lang in ("all", q.lang)]
        n = len(picked) or 1
        r1 = sum(1 for r in picked if r == 1) / n
        r3 = sum(1 for r in picked if r and r <= 3) / n
        mrr = sum(1 / r for r in picked if r) / n
        cells.append(f"{r1:5.2f} {r3:5.2f} {mrr:5.2f}")
    return " | ".join(cells)


def main(paths: list[str]) -> None:
    files = [Path(p) for p in paths] or DEFAULT_SETS
    questions = [q for f in files for q in read_questions(f)]
    print(f"{len(questions)} questions from {', '.join(f.name for f in files)}")
    print(f"{'variant':22} | {'kk R@1 R@3 MRR':17} | {'ru R@1 R@3 MRR':17} | {'en R@1 R@3 MRR':17} | all R@1 R@3 MRR")
    shipped_index = Index.build()
    print(row("baseline (whitespace)", questions, baseline(shipped_index, questions)))
    for name, tuning in VARIANTS.items():
        index = shipped_index if tuning == DEFAULT else Index.build(tuning=tuning)
        print(row(name, questions, shipped(index, questions)))


if __name__ == "__main__":
    main(sys.argv[1:])
