"""Answer quality on a question set with gold spans, counted as a reader sees it.

Per language and per kind of question: where the gold passage ranks (R@1, R@3, MRR), whether
the top passage and the top *excerpt* hold the gold (P@1, E@1), and how honest the tier is —
how often a ✅ is right, how often a question the sources cannot answer still gets a ✅, and
how often chatter gets `nothing`. A question with no gold span is one the sources do not
answer: kind "offtopic" for chatter, anything else (usually "noanswer") for an on-topic
question whose answer is not there.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.models import SearchResult, Tier
from knowledge.normalize import squash

OFFTOPIC = "offtopic"


@dataclass(frozen=True, slots=True)
class Question:
    qid: str
    lang: str
    text: str
    gold: tuple[str, ...]
    kind: str = ""
    article: str = ""  # on a legal question set: the article that answers
    act: str = ""  # and the kind of act it is in ("law", "constitution")

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


@dataclass(frozen=True, slots=True)
class Outcome:
    question: Question
    rank: int | None  # 1-based rank of the first passage holding a gold span
    excerpt_has_gold: bool  # the excerpt of that first answering passage holds it
    top: str  # first words of the top passage
    tier: Tier = Tier.UNSURE
    top_excerpt: str = ""
    top_article: str | None = None
    top_act: str = ""

    @property
    def article_right(self) -> bool:
        """The top hit is from the asked article of the asked act."""
        question = self.question
        return self.top_article == question.article and (not question.act or self.top_act == question.act)

    @property
    def right(self) -> bool:
        """What the reader sees first answers: the top excerpt holds the gold."""
        return self.rank == 1 and self.excerpt_has_gold

    @property
    def confident(self) -> bool:
        return self.tier is Tier.CONFIDENT


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Scores:
    """The figures of a group of outcomes (one language, one kind, or all)."""

    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def n(self) -> int:
        return len(self.outcomes)

    @property
    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.answerable]

    @property
    def unanswerable(self) -> list[Outcome]:
        """On-topic questions the sources do not answer (chatter counted apart)."""
        return [o for o in self.outcomes if not o.question.answerable and o.question.kind != OFFTOPIC]

    @property
    def offtopic(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.question.kind == OFFTOPIC]

    def recall(self, k: int) -> float:
        answerable = self.answerable
        return _share(sum(1 for o in answerable if o.rank and o.rank <= k), len(answerable))

    @property
    def mrr(self) -> float:
        answerable = self.answerable
        return sum(1 / o.rank for o in answerable if o.rank) / len(answerable) if answerable else 0.0

    @property
    def p1(self) -> float:
        """The top passage holds the gold (R@1 by another name)."""
        return self.recall(1)

    @property
    def e1(self) -> float:
        """The top excerpt holds the gold: what the reader sees first answers."""
        answerable = self.answerable
        return _share(sum(o.right for o in answerable), len(answerable))

    @property
    def excerpt_rate(self) -> float:
        """Among answering passages found anywhere, how often their excerpt holds the gold."""
        answerable = self.answerable
        return _share(sum(o.excerpt_has_gold for o in answerable), len(answerable))

    @property
    def confident_precision(self) -> float | None:
        """Right among all ✅ (a ✅ on a question with no answer is wrong); None without any ✅."""
        confident = [o for o in self.outcomes if o.confident]
        if not confident:
            return None
        return _share(sum(o.right for o in confident if o.question.answerable), len(confident))

    @property
    def confident_right(self) -> float:
        """Answerable questions that got a ✅ and were right: honesty must not come from hedging."""
        answerable = self.answerable
        return _share(sum(o.confident and o.right for o in answerable), len(answerable))

    @property
    def false_confident(self) -> float | None:
        """✅ on on-topic questions the sources do not answer."""
        unanswerable = self.unanswerable
        return _share(sum(o.confident for o in unanswerable), len(unanswerable)) if unanswerable else None

    @property
    def article_share(self) -> float | None:
        """The top hit's article is the one that answers, among questions that name one in the set."""
        asked = [o for o in self.outcomes if o.question.article]
        return _share(sum(o.article_right for o in asked), len(asked)) if asked else None

    @property
    def offtopic_nothing(self) -> float | None:
        """`nothing` on chatter."""
        offtopic = self.offtopic
        return _share(sum(o.tier is Tier.NOTHING for o in offtopic), len(offtopic)) if offtopic else None


def read_questions(path: Path) -> list[Question]:
    """Read a JSONL file of {"id", "lang", "q", "gold"[, "kind"]} objects."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(Question(str(item["id"]), str(item["lang"]), str(item["q"]),
                                      tuple(str(g) for g in item["gold"]), str(item.get("kind") or ""),
                                      str(item.get("article") or ""), str(item.get("act") or "")))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: {exc}") from exc
    return questions


def judge(question: Question, result: SearchResult, kind_of: Callable[[str], str] = lambda doc_id: "") -> Outcome:
    """Where the gold is in one search result, and what tier it was shown under.

    A hit holds the gold when its passage or its excerpt does: an excerpt of a list carries the lead-in
    that ends the passage before it, and the reader sees the two as one answer.
    """
    golds = [squash(g) for g in question.gold]
    rank = None
    excerpt_ok = False
    for position, hit in enumerate(result.hits, start=1):
        excerpt_ok = any(g in squash(hit.excerpt.text) for g in golds)
        if excerpt_ok or any(g in squash(hit.passage.text) for g in golds):
            rank = position
            break
    top_words = " ".join(result.hits[0].passage.text.split()[:8]) if result.hits else "—"
    excerpt = result.hits[0].excerpt.text if result.hits else ""
    top = result.hits[0].passage if result.hits else None
    return Outcome(question, rank, excerpt_ok, top_words, result.tier, excerpt,
                   top.article if top is not None else None, kind_of(top.doc_id) if top is not None else "")


def evaluate(search: Callable[[str], SearchResult], questions: list[Question],
             kind_of: Callable[[str], str] = lambda doc_id: "") -> dict[str, Scores]:
    """Score every question; the result maps each language, each "kind:lang" and "all" to its scores.

    `search` is the reader's search (the bot's: own language first where it answers as well);
    `kind_of` names a document's kind, for telling the Constitution's article from a law's.
    """
    groups: dict[str, Scores] = defaultdict(Scores)
    for question in questions:
        outcome = judge(question, search(question.text), kind_of)
        groups[question.lang].outcomes.append(outcome)
        groups["all"].outcomes.append(outcome)
        if question.kind:
            groups[f"{question.kind}:{question.lang}"].outcomes.append(outcome)
            groups[f"{question.kind}:all"].outcomes.append(outcome)
    return dict(groups)
