"""A quiz item as the poll Telegram shows: the question, the options and the explanation with its
citation, in the chat's language and within Telegram's limits."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram.utils.i18n import gettext as _

from bot.i18n import current_language
from bot.views.citation import citation
from bot.views.markup import escape, to_plain
from knowledge.base import KnowledgeBase
from knowledge.quiz import BLANK, Kind, QuizItem

QUESTION_LIMIT = 300
OPTION_LIMIT = 100
EXPLANATION_LIMIT = 200
MOST_OPTIONS = 10


@dataclass(frozen=True, slots=True)
class QuizPoll:
    """A quiz poll ready to send: plain texts (escaped on sending) and the item it asks."""

    question: str
    options: tuple[str, ...]
    correct: int
    explanation: str
    item: QuizItem


def _question(item: QuizItem) -> str:
    if item.kind is Kind.TRANSLATION:
        if current_language() == "ru":
            return _("How is «{term}» said in Kazakh?").format(term=item.prompt)
        return _("How is «{term}» said in Russian?").format(term=item.prompt)
    if item.kind is Kind.ARTICLE:
        return _("Which article says this? «{sentence}»").format(sentence=item.prompt)
    return _("Fill in the blank ({blank}): {sentence}").format(blank=BLANK, sentence=item.prompt)


def _option(item: QuizItem, option: str) -> str:
    return _("Article {number}").format(number=option) if item.kind is Kind.ARTICLE else option


def render(item: QuizItem, kb: KnowledgeBase) -> QuizPoll | None:
    """The poll of an item in the current language, or None when it breaks one of Telegram's limits."""
    passage = kb.index.by_id.get(item.passage_id)
    if passage is None:
        return None
    options = tuple(_option(item, option) for option in item.options)
    answer = options[item.correct]
    if item.kind is Kind.TRANSLATION:
        said = _("«{term}» is «{answer}».").format(term=item.prompt, answer=answer)
    else:
        said = _("Answer: {answer}.").format(answer=answer)
    explanation = f"{said}\n{to_plain(citation(passage, kb.documents.get(passage.doc_id)))}"
    poll = QuizPoll(_question(item), options, item.correct, explanation, item)
    return poll if fits(poll) else None


def fits(poll: QuizPoll) -> bool:
    """Within Telegram's limits on a quiz poll (question, 2–10 distinct options, explanation)."""
    return (0 < len(poll.question) <= QUESTION_LIMIT and 2 <= len(poll.options) <= MOST_OPTIONS
            and all(0 < len(option) <= OPTION_LIMIT for option in poll.options)
            and len(set(poll.options)) == len(poll.options)
            and 0 <= poll.correct < len(poll.options) and len(poll.explanation) <= EXPLANATION_LIMIT)


def html(text: str) -> str:
    """A poll text for the bot's HTML parse mode: nothing in corpus text may read as a tag."""
    return escape(text)
