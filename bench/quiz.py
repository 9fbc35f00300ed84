"""Quiz item generation on the shipped corpus: the bank's one-off build, then p50/p99 of making one item.

    .venv/bin/python -m bench.quiz [--items N] [--seed S]

Run from the repository root. "Making an item" is what a /quiz does once the knowledge base's
bank is built: take one fact (a sentence with a year, number or term, or a glossary term),
choose its distractors from other passages, shuffle and validate it. Facts are drawn at random
(fixed seed) from both languages' pools, so invalid facts (which cost the same and give None)
are measured too. The target is p99 ≤ 50 ms; the run exits with status 1 above it.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence

import numpy as np

from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.glossary import load_glossary
from knowledge.quiz import QuizBank, glossary_terms

TARGET_P99_MS = 50.0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quiz", description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000, help="items to make (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    kb = KnowledgeBase.open(DEFAULT_KNOWLEDGE_DIR)
    started = time.perf_counter()
    bank = QuizBank(kb.index.passages, glossary_terms(load_glossary(DEFAULT_KNOWLEDGE_DIR)))
    build = time.perf_counter() - started
    facts = [(lang, handle) for lang in ("kk", "ru") for handle in bank.facts(lang)]
    rng = random.Random(args.seed)
    times, made = [], 0
    for _ in range(args.items):
        lang, handle = rng.choice(facts)
        started = time.perf_counter()
        item = bank.item(lang, handle)
        times.append((time.perf_counter() - started) * 1e3)
        made += item is not None
    wall = np.array(times)
    p50, p99 = float(np.percentile(wall, 50)), float(np.percentile(wall, 99))
    print(f"bank build: {build * 1e3:.0f} ms ({len(kb.index.passages)} passages, {len(bank.terms)} glossary terms, "
          f"{len(facts)} facts)")
    print(f"one item: p50 {p50:.2f} ms, p99 {p99:.2f} ms, max {wall.max():.2f} ms over {len(wall)} "
          f"({made} valid); target p99 ≤ {TARGET_P99_MS:.0f} ms")
    return 0 if p99 <= TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
