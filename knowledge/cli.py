"""Command line: `python -m knowledge search | eval | passages`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, CorpusError
from knowledge.evaluation import Scores, evaluate, read_questions
from knowledge.glossary import GlossaryError
from knowledge.index import Index
from knowledge.models import SearchResult


def default_cache_dir() -> Path:
    """Beside the bot's database, as DATABASE_PATH says (default `data/`)."""
    return Path(os.environ.get("DATABASE_PATH", "data/bot.sqlite3")).parent


def result_json(result: SearchResult) -> dict[str, object]:
    return {
        "query": result.query,
        "lang": result.lang,
        "tier": result.tier.value,
        "hits": [
            {
                "passage_id": hit.passage.passage_id,
                "doc_id": hit.passage.doc_id,
                "title": hit.passage.title,
                "section": hit.passage.section,
                "score": round(hit.score, 6),
                "bm25": round(hit.bm25, 6),
                "text": hit.passage.text,
                "excerpt": hit.excerpt.text,
                "marks": [list(mark) for mark in hit.excerpt.marks],
            }
            for hit in result.hits
        ],
    }


def _queries(args: argparse.Namespace) -> Iterable[str]:
    if args.query:
        yield " ".join(args.query)
        return
    for line in sys.stdin:
        yield line.rstrip("\r\n")


def run_search(index: Index, args: argparse.Namespace) -> int:
    for query in _queries(args):
        result = index.search(query, k=args.top)
        if args.json:
            print(json.dumps(result_json(result), ensure_ascii=False), flush=True)
            continue
        print(f"{query}  [{result.lang}, {result.tier.value}]")
        for n, hit in enumerate(result.hits, start=1):
            p = hit.passage
            print(f"  {n}. {hit.score:6.2f}  {p.passage_id}  {p.section} #{p.ordinal}")
            print(f"     {hit.excerpt.text}")
    return 0


def run_eval(index: Index, args: argparse.Namespace) -> int:
    groups = evaluate(index, read_questions(Path(args.file)), top=args.top)
    print(f"{'lang':<5} {'n':>4} {'R@1':>6} {'R@3':>6} {'MRR':>6} {'excerpt':>8}")
    failed = []
    for lang in sorted(groups, key=lambda g: (g == "all", g)):
        s: Scores = groups[lang]
        print(f"{lang:<5} {s.n:>4} {s.recall(1):6.3f} {s.recall(3):6.3f} {s.mrr:6.3f} "
              f"{s.excerpt_rate:8.3f}")
        if s.recall(1) < args.min_r1 or s.recall(3) < args.min_r3:
            failed.append(lang)
    misses = [o for o in groups.get("all", Scores()).outcomes if o.rank != 1]
    if misses:
        print("\nmisses (rank, id, lang, question → top passage):")
    for o in misses:
        rank = o.rank or "-"
        print(f"  {rank!s:>2} {o.question.qid} [{o.question.lang}] {o.question.text}  →  {o.top}")
    if failed:
        print(f"\nbelow the minimum R@1 {args.min_r1} / R@3 {args.min_r3}: {', '.join(failed)}")
        return 1
    return 0


def run_passages(index: Index, args: argparse.Namespace) -> int:
    for p in index.passages:
        words = " ".join(p.text.split()[: args.words])
        print(f"{p.passage_id}  {p.doc_id[:12]}  #{p.ordinal:<3} {p.lang}  {p.words:>3}w  "
              f"{p.section[:40]:<40}  {words}")
    return 0


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--knowledge-dir", type=Path,
                        default=Path(os.environ.get("KNOWLEDGE_DIR") or DEFAULT_KNOWLEDGE_DIR),
                        help="documents, glossary and topics (default: the shipped corpus)")
    common.add_argument("--cache-dir", type=Path, default=None,
                        help="where the index is persisted (default: beside DATABASE_PATH)")
    main = argparse.ArgumentParser(prog="python -m knowledge", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    search = commands.add_parser("search", parents=[common], help="answer queries")
    search.add_argument("--json", action="store_true", help="one JSON object per query per line")
    search.add_argument("--top", type=int, default=5)
    search.add_argument("query", nargs="*", help="the query; none: one query per stdin line")
    ev = commands.add_parser("eval", parents=[common], help="R@1, R@3, MRR on a question set")
    ev.add_argument("file")
    ev.add_argument("--top", type=int, default=10)
    ev.add_argument("--min-r1", type=float, default=0.0)
    ev.add_argument("--min-r3", type=float, default=0.0)
    ps = commands.add_parser("passages", parents=[common], help="show the segmentation")
    ps.add_argument("--words", type=int, default=10)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    try:
        index = Index.open(args.knowledge_dir, args.cache_dir or default_cache_dir())
    except (CorpusError, GlossaryError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    commands = {"search": run_search, "eval": run_eval, "passages": run_passages}
    try:
        return commands[args.command](index, args)
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
