"""Command line: `python -m knowledge search | eval | passages | add`."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from knowledge.adding import AddError, add_file
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, CorpusError, seed
from knowledge.evaluation import OFFTOPIC, Scores, evaluate, read_questions
from knowledge.glossary import GlossaryError
from knowledge.index import Index
from knowledge.models import Passage, SearchResult, Tier


def default_cache_dir() -> Path:
    """Beside the bot's database, as DATABASE_PATH says (default `data/`)."""
    return Path(os.environ.get("DATABASE_PATH", "data/bot.sqlite3")).parent


def result_json(result: SearchResult, index: Index | None = None) -> dict[str, object]:
    """One query's answer as the JSON contract gives it; `index` adds the legal fields' values."""

    def parallel(passage: Passage) -> str | None:
        other = index.legal.parallel_of(passage) if index is not None else None
        return other.passage_id if other is not None else None

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
                "article": hit.passage.article,
                "paragraphs": list(hit.passage.legal.paragraphs) if hit.passage.legal is not None else [],
                "citation": index.citation(hit.passage, result.lang, hit.excerpt.text) if index is not None else None,
                "parallel": parallel(hit.passage),
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
            print(json.dumps(result_json(result, index), ensure_ascii=False), flush=True)
            continue
        print(f"{query}  [{result.lang}, {result.tier.value}]")
        for n, hit in enumerate(result.hits, start=1):
            p = hit.passage
            print(f"  {n}. {hit.score:6.2f}  {p.passage_id}  {p.section} #{p.ordinal}")
            print(f"     {hit.excerpt.text}")
    return 0


def _line(text: str, limit: int = 110) -> str:
    return " ".join(text.split())[:limit]


def _figure(value: float | None) -> str:
    return "     —" if value is None else f"{value:6.3f}"


def _failures(groups: dict[str, Scores], args: argparse.Namespace) -> list[str]:
    """The gates: per language for retrieval and excerpts, over the whole set for honesty."""
    failed = []
    for lang, s in groups.items():
        if ":" in lang or lang == "all" or not s.answerable:
            continue
        if s.recall(1) < args.min_r1 or s.recall(3) < args.min_r3 or s.e1 < args.min_e1:
            failed.append(f"{lang} (R@1 {s.recall(1):.3f}, R@3 {s.recall(3):.3f}, E@1 {s.e1:.3f})")
    whole = groups.get("all", Scores())
    precision, false_confident, offtopic = (whole.confident_precision, whole.false_confident,
                                            whole.offtopic_nothing)
    if precision is not None and precision < args.min_precision:
        failed.append(f"✅ precision {precision:.3f} < {args.min_precision}")
    if whole.answerable and whole.confident_right < args.min_confident_right:
        failed.append(f"✅ and right {whole.confident_right:.3f} < {args.min_confident_right}")
    if false_confident is not None and false_confident > args.max_false_confident:
        failed.append(f"✅ on no-answer {false_confident:.3f} > {args.max_false_confident}")
    if offtopic is not None and offtopic < args.min_offtopic_nothing:
        failed.append(f"nothing on off-topic {offtopic:.3f} < {args.min_offtopic_nothing}")
    for lang, s in groups.items():
        if lang.count(":") or lang == "all" or s.article_share is None:
            continue
        if s.article_share < args.min_article:
            failed.append(f"{lang}: top article right {s.article_share:.3f} < {args.min_article}")
        lookups = groups.get(f"lookup:{lang}")
        if lookups is not None and lookups.article_share is not None and lookups.article_share < args.min_lookup:
            failed.append(f"{lang}: article look-ups right {lookups.article_share:.3f} < {args.min_lookup}")
    return failed


def run_eval(index: Index, args: argparse.Namespace) -> int:
    questions = read_questions(Path(args.file))
    def kind_of(doc_id: str) -> str:
        meta = index.documents.get(doc_id)
        return meta.kind if meta is not None else ""

    groups = evaluate(lambda text: index.search(text, k=args.top, prefer_own_language=True), questions, kind_of)
    legal = any(s.article_share is not None for s in groups.values())
    print(f"{'group':<16} {'n':>4} {'P@1':>6} {'R@3':>6} {'MRR':>6} {'E@1':>6} {'✅prec':>6} {'✅right':>6} "
          f"{'✅noans':>6} {'off∅':>6}" + (f" {'Art@1':>6}" if legal else ""))
    for name in sorted(groups, key=lambda g: (g.count(":") == 0, g.endswith("all"), g)):
        s: Scores = groups[name]
        answerable = bool(s.answerable)
        print(f"{name:<16} {s.n:>4} "
              + " ".join(_figure(v if answerable else None) for v in (s.recall(1), s.recall(3), s.mrr, s.e1))
              + f" {_figure(s.confident_precision)} {_figure(s.confident_right if answerable else None)}"
              f" {_figure(s.false_confident)} {_figure(s.offtopic_nothing)}"
              + (f" {_figure(s.article_share)}" if legal else ""))
    failed = _failures(groups, args)
    if args.quiet and not failed:
        return 0  # a holdout's questions stay out of the logs of a run that passes
    _print_misses(groups)
    if failed:
        print("\nbelow the gate: " + "; ".join(failed))
        return 1
    return 0


def _print_misses(groups: dict[str, Scores]) -> None:
    """Each question the reader is not shown a right ✅ for, and each ✅ where the sources hold no answer."""
    outcomes = groups.get("all", Scores()).outcomes
    misses = [o for o in outcomes if o.question.answerable and not (o.right and o.confident and
                                                                    (o.article_right or not o.question.article))]
    if misses:
        print("\nanswerable, not ✅ and right (rank, tier, id, lang, question → top excerpt):")
    for o in misses:
        rank = o.rank or "-"
        where = "" if o.rank != 1 or o.excerpt_has_gold else " [excerpt misses]"
        if o.question.article and not o.article_right:
            where += f" [article {o.top_article} of {o.top_act or '?'}, not {o.question.article}]"
        print(f"  {rank!s:>2} {o.tier.value:<9} {o.question.qid} [{o.question.lang}] {o.question.text}{where}"
              f"  →  {_line(o.top_excerpt)}")
    wrong = [o for o in outcomes if not o.question.answerable
             and (o.confident or (o.question.kind == OFFTOPIC and o.tier is not Tier.NOTHING))]
    if wrong:
        print("\nno answer in the sources, yet ✅ (or off-topic, yet not `nothing`):")
    for o in wrong:
        print(f"     {o.tier.value:<9} {o.question.qid} [{o.question.lang}] {o.question.text}"
              f"  →  {_line(o.top_excerpt)}")


def run_passages(index: Index, args: argparse.Namespace) -> int:
    for p in index.passages:
        words = " ".join(p.text.split()[: args.words])
        print(f"{p.passage_id}  {p.doc_id[:12]}  #{p.ordinal:<3} {p.lang}  {p.words:>3}w  "
              f"{p.section[:40]:<40}  {words}")
    return 0


# The kinds `add` takes, and the stored kind each names.
ADD_KINDS = {"law": "law", "constitution": "constitution", "code": "code", "regulation": "regulation",
             "thesis": "thesis_chapter", "article": "journal_article", "other": "other"}


def served_knowledge_dir() -> Path:
    """The bot's knowledge directory (KNOWLEDGE_DIR, else the bot's default): never the shipped corpus."""
    return Path(os.environ.get("KNOWLEDGE_DIR") or "data/knowledge")


def run_add(args: argparse.Namespace) -> int:
    """Add a file as the admin's upload does: read it, split it, store it, index it, say what was found."""
    knowledge_dir: Path = args.knowledge_dir or served_knowledge_dir()
    try:
        result = add_file(knowledge_dir, args.file, title=args.title, kind=ADD_KINDS.get(args.kind or ""),
                          lang=args.lang, cache_dir=args.cache_dir or default_cache_dir())
    except AddError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in result.report():
        print(line)
    return 0


def _with_added(knowledge_dir: Path, files: list[Path]) -> Index:
    """The index of a temporary copy of a knowledge directory with some files added (legal eval sets)."""
    with tempfile.TemporaryDirectory(prefix="knowledge-eval-") as scratch:
        copy = Path(scratch) / "knowledge"
        seed(copy, knowledge_dir)
        for path in files:
            add_file(copy, path, reindex=False)
        return Index.build(copy)


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
    ev = commands.add_parser("eval", parents=[common], help="answer quality and honesty on a question set")
    ev.add_argument("file")
    ev.add_argument("--top", type=int, default=10)
    ev.add_argument("--min-r1", type=float, default=0.0)
    ev.add_argument("--min-r3", type=float, default=0.0)
    ev.add_argument("--min-e1", type=float, default=0.0, help="top excerpt holds the gold, per language")
    ev.add_argument("--min-precision", type=float, default=0.0, help="right among ✅ answers")
    ev.add_argument("--min-confident-right", type=float, default=0.0, help="✅ and right among answerable")
    ev.add_argument("--max-false-confident", type=float, default=1.0, help="✅ on questions with no answer")
    ev.add_argument("--min-offtopic-nothing", type=float, default=0.0, help="`nothing` on off-topic chatter")
    ev.add_argument("--min-article", type=float, default=0.0, help="top hit from the asked article, per language")
    ev.add_argument("--min-lookup", type=float, default=0.0, help="article look-ups opening the article, per language")
    ev.add_argument("--quiet", action="store_true", help="the figures only, unless a gate fails")
    ev.add_argument("--add", type=Path, action="append", default=[],
                    help="a document to add to a fresh copy of the knowledge directory first (repeatable)")
    ps = commands.add_parser("passages", parents=[common], help="show the segmentation")
    ps.add_argument("--words", type=int, default=10)
    add = commands.add_parser("add", help="add a .txt, .docx or .pdf document, as an admin's upload does")
    add.add_argument("file", type=Path)
    add.add_argument("--title", help="the document's title (default: the act's own, else the file name)")
    add.add_argument("--kind", choices=sorted(ADD_KINDS), help="default: a legal act's own kind, else other")
    add.add_argument("--lang", choices=("kk", "ru"), help="the document's language (default: detected)")
    add.add_argument("--knowledge-dir", type=Path, default=None,
                     help="where to add it (default: KNOWLEDGE_DIR, else data/knowledge, created from the "
                          "shipped corpus when new)")
    add.add_argument("--cache-dir", type=Path, default=None, help="where the index is persisted")
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if args.command == "add":
        return run_add(args)
    try:
        if getattr(args, "add", None):
            index = _with_added(args.knowledge_dir, args.add)
        else:
            index = Index.open(args.knowledge_dir, args.cache_dir or default_cache_dir())
    except (CorpusError, GlossaryError, AddError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    commands = {"search": run_search, "eval": run_eval, "passages": run_passages}
    try:
        return commands[args.command](index, args)
    except BrokenPipeError:  # `… | head` closed the pipe: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
