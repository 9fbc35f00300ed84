"""Retrieval quality on a question set with gold spans: R@1, R@3 and MRR per language."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.index import Index


def squash(text: str) -> str:
    """Letters and digits only, lower-cased: how gold spans are compared."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Question:
    qid: str
    lang: str
    text: str
    gold: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    rank: int | None  # 1-based rank of the first passage holding a gold span
    excerpt_has_gold: bool
    top: str  # first words of the top passage


@dataclass
class Scores:
    """Recall at 1 and 3 and mean reciprocal rank of a group of outcomes."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.outcomes)

    def recall(self, k: int) -> float:
        return sum(1 for o in self.outcomes if o.rank and o.rank <= k) / self.n if self.n else 0.0

    @property
    def mrr(self) -> float:
        return sum(1 / o.rank for o in self.outcomes if o.rank) / self.n if self.n else 0.0

    @property
    def excerpt_rate(self) -> float:
        return sum(o.excerpt_has_gold for o in self.outcomes) / self.n if self.n else 0.0


def read_questions(path: Path) -> list[Question]:
    """Read a JSONL file of {"id", "lang", "q", "gold"} objects."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(Question(str(item["id"]), str(item["lang"]), str(item["q"]),
                                      tuple(str(g) for g in item["gold"])))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: {exc}") from exc
    return questions


def evaluate(index: Index, questions: list[Question], top: int = 10) -> dict[str, Scores]:
    """Score every question; the result maps each language and "all" to its scores."""
    groups: dict[str, Scores] = defaultdict(Scores)
    for question in questions:
        result = index.search(question.text, k=top)
        golds = [squash(g) for g in question.gold]
        rank = None
        excerpt_ok = False
        for position, hit in enumerate(result.hits, start=1):
            if any(g in squash(hit.passage.text) for g in golds):
                rank = position
                excerpt_ok = any(g in squash(hit.excerpt.text) for g in golds)
                break
        top_words = " ".join(result.hits[0].passage.text.split()[:8]) if result.hits else "—"
        outcome = Outcome(question, rank, excerpt_ok, top_words)
        groups[question.lang].outcomes.append(outcome)
        groups["all"].outcomes.append(outcome)
    return dict(groups)
