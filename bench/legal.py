"""Index build and search time with the legal acts added, beside the shipped corpus alone.

    .venv/bin/python -m bench.legal [--legal ../shared/legal] [--repeat 3]

Run from the repository root. The legal files are read by path (never copied into the
repository) and added to a temporary copy of the shipped knowledge directory by the same code
as `python -m knowledge add`. Reported, each beside the shipped corpus measured in the same run:
the index build (best of `--repeat`), and search latency p50/p99 over the legal and chat
question sets, look-ups included. Targets (issue 12): build ≤ 3 s, search p99 ≤ 10 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from knowledge.adding import add_file
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, seed
from knowledge.evaluation import read_questions
from knowledge.index import Index

ROOT = Path(__file__).resolve().parents[1]
LEGAL = ROOT.parent / "shared" / "legal"
FILES = ("law-148-II-ru-2014.txt", "law-148-II-kk-2014.txt", "constitution-2026-ru.txt", "constitution-2026-kk.txt")
QUESTIONS = ("legal_qa.jsonl", "legal_holdout_qa.jsonl", "chat_qa.jsonl")
BUILD_TARGET = 3.0  # seconds
P99_TARGET = 10.0  # milliseconds


def best_of(repeat: int, action: Callable[[], object]) -> float:
    """The fastest of `repeat` runs, in seconds: the machine's noise only ever adds time."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def latencies(index: Index, questions: Sequence[str], rounds: int = 3) -> list[float]:
    """Milliseconds per search, warm: each question asked `rounds` times after one unmeasured pass."""
    for question in questions:
        index.search(question, k=10, prefer_own_language=True)
    found = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            index.search(question, k=10, prefer_own_language=True)
            found.append((time.perf_counter() - started) * 1000)
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--legal", type=Path, default=LEGAL, help="the folder of the legal .txt files")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    missing = [name for name in FILES if not (args.legal / name).is_file()]
    if missing:
        print(f"error: {', '.join(missing)} not in {args.legal}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-legal-") as scratch:
        folder = Path(scratch) / "knowledge"
        seed(folder, DEFAULT_KNOWLEDGE_DIR)
        adds = []
        for name in FILES:
            started = time.perf_counter()
            add_file(folder, args.legal / name)
            adds.append(time.perf_counter() - started)
        shipped_build = best_of(args.repeat, lambda: Index.build(DEFAULT_KNOWLEDGE_DIR))
        legal_build = best_of(args.repeat, lambda: Index.build(folder))
        shipped, legal = Index.build(DEFAULT_KNOWLEDGE_DIR), Index.build(folder)
    questions = [q.text for name in QUESTIONS for q in read_questions(ROOT / "tests" / "eval" / name)]
    base, with_acts = latencies(shipped, questions), latencies(legal, questions)
    print(f"passages: shipped {len(shipped.passages)}, with the four legal files {len(legal.passages)}")
    print(f"add (extract, preview, store, index): {' / '.join(f'{s:.2f}' for s in adds)} s per file")
    print(f"index build: shipped {shipped_build:.2f} s, with the legal files {legal_build:.2f} s "
          f"(×{legal_build / shipped_build:.1f}; target ≤ {BUILD_TARGET:.0f} s)")
    for label, values in (("shipped", base), ("with the legal files", with_acts)):
        print(f"search ({len(questions)} questions × 3, warm) {label}: p50 {statistics.median(values):.2f} ms, "
              f"p99 {percentile(values, 0.99):.2f} ms")
    print(f"ratio with/without: p50 ×{statistics.median(with_acts) / statistics.median(base):.1f}, "
          f"p99 ×{percentile(with_acts, 0.99) / percentile(base, 0.99):.1f} (target p99 ≤ {P99_TARGET:.0f} ms)")
    met = legal_build <= BUILD_TARGET and percentile(with_acts, 0.99) <= P99_TARGET
    print("targets met" if met else "targets NOT met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
