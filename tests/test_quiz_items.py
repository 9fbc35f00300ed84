"""Quiz items from the shipped corpus: enough of them, and every one checked against the rules before use."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest

from bot.i18n import create_i18n
from bot.services.quizzes import quiz_bank, quiz_pool
from bot.views.quizzes import EXPLANATION_LIMIT, OPTION_LIMIT, QUESTION_LIMIT, render
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.quiz import BLANK, Kind, QuizBank, QuizItem, Term, occurs, problems

MOST_ITEMS = 60


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    i18n = create_i18n("kk")
    with i18n.context(), i18n.use_locale(lang):
        yield


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_shipped_corpus_gives_enough_valid_items_and_all_follow_the_rules(shipped_kb: KnowledgeBase,
                                                                                lang: str) -> None:
    with speaking(lang):
        pool = quiz_pool(shipped_kb, DEFAULT_KNOWLEDGE_DIR)
        assert len({item.item_id for item in pool}) == len(pool) >= MOST_ITEMS
        for item in pool:
            passage = shipped_kb.index.by_id[item.passage_id]
            assert not problems(item), (item, problems(item))
            assert occurs(item.kind, item.answer, item.evidence)
            assert not any(occurs(item.kind, o, item.evidence) for n, o in enumerate(item.options) if n != item.correct)
            if item.kind is not Kind.TRANSLATION or lang == "ru":  # the evidence is the cited passage
                assert item.evidence == passage.text
            else:  # a Russian equivalent is checked against its glossary line; the asked term is in the passage
                assert occurs(Kind.TERM, item.prompt, passage.text)
            poll = render(item, shipped_kb)
            assert poll is not None
            assert 0 < len(poll.question) <= QUESTION_LIMIT and 2 <= len(poll.options) <= 10
            assert all(0 < len(o) <= OPTION_LIMIT for o in poll.options) and len(set(poll.options)) == len(poll.options)
            assert len(poll.explanation) <= EXPLANATION_LIMIT and "📖" in poll.explanation
            assert poll.correct == item.correct


def test_items_of_each_kind_are_made(shipped_kb: KnowledgeBase) -> None:
    with speaking("kk"):  # the pool keeps the items whose poll fits, in the chat's language
        kinds = {item.kind for item in quiz_pool(shipped_kb, DEFAULT_KNOWLEDGE_DIR)}
    assert {Kind.TERM, Kind.YEAR, Kind.TRANSLATION} <= kinds
    assert Kind.ARTICLE not in kinds  # the shipped passages carry no article numbers


def test_item_ids_are_stable(shipped_kb: KnowledgeBase) -> None:
    bank = quiz_bank(shipped_kb, DEFAULT_KNOWLEDGE_DIR)
    again = QuizBank(shipped_kb.index.passages, bank.terms)
    assert [i.item_id for i in bank.items("kk")][:50] == [i.item_id for i in again.items("kk")][:50]
    assert bank.items("ru")[:20] == again.items("ru")[:20]


def test_a_fill_in_blanks_the_answer_and_keeps_its_ending(shipped_kb: KnowledgeBase) -> None:
    bank = quiz_bank(shipped_kb, DEFAULT_KNOWLEDGE_DIR)
    item = next(i for i in bank.items("kk") if i.kind is Kind.YEAR)
    assert BLANK in item.prompt and item.answer not in item.prompt
    term = next(i for i in bank.items("kk") if i.kind is Kind.TERM and BLANK + "дың" in i.prompt)
    assert term.answer.casefold() in shipped_kb.index.by_id[term.passage_id].text.casefold()


def test_broken_items_are_caught() -> None:
    good = QuizItem("x", Kind.YEAR, "kk", f"{BLANK} жылы заң қабылданды.", ("1991", "1995"), 0, "p",
                    "1991 жылы заң қабылданды.")
    assert problems(good) == []
    assert problems(replace(good, evidence="1995 жылы, 1991 жылы"))  # a distractor in the passage
    assert problems(replace(good, correct=1))  # the marked answer is not in the passage
    assert problems(replace(good, options=("1991", "1991")))
    assert problems(replace(good, options=("1991",), correct=0))
    assert problems(replace(good, options=tuple(str(1900 + n) for n in range(11)), evidence="1900"))
    assert not occurs(Kind.NUMBER, "3", "13 және 50 300") and occurs(Kind.NUMBER, "300", "300 адам")


def test_articles_are_asked_only_when_passages_carry_them(shipped_kb: KnowledgeBase) -> None:
    class Legal:
        """A passage of a legal act as the legal ingest makes it: an `article` beside the usual fields."""

        def __init__(self, passage: object, article: str) -> None:
            self._passage, self.article = passage, article

        def __getattr__(self, name: str) -> object:
            return getattr(self._passage, name)

    passages = shipped_kb.index.passages[:8]
    legal = [Legal(p, str(85 + n)) for n, p in enumerate(passages)]
    bank = QuizBank(legal, [Term("k", "s", ("мәслихат",), ("маслихат",))])  # type: ignore[arg-type]
    items = [i for i in bank.items("kk") if i.kind is Kind.ARTICLE]
    assert items
    for item in items:
        assert item.evidence == str(dict((p.passage_id, p.article) for p in legal)[item.passage_id])
        assert not problems(item)
