"""Inline keyboards: each a function of ids and the current language."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlencode

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.i18n import LANGUAGE_NAMES, current_language
from bot.views.callbacks import (
    AnswerCb,
    CardAction,
    CardCb,
    CiteCb,
    DismissCb,
    ForgetCb,
    GroupLangCb,
    HelpCb,
    KindCb,
    LangCb,
    PassageCb,
    QuizCb,
    QuizSourceCb,
    RemoveCb,
    ShareCb,
    TopicCb,
    TopicsCb,
    UploadCb,
    View,
    VoteCb,
    doc_key,
)
from bot.views.labels import passage_label
from bot.views.study_texts import (
    cite_label,
    known_label,
    next_quiz_label,
    quiz_label,
    quiz_source_label,
    show_label,
    unknown_label,
)
from bot.views.texts import forget_no, forget_yes, topic_title
from knowledge.models import Passage
from knowledge.topics import Topic

TOPICS_PER_PAGE = 8
PASSAGES_PER_PAGE = 6
# Longest label a phone shows uncut: when two or more buttons share a row, and for a button alone.
ROW_LABEL = 24
ALONE_LABEL = 32


def _chosen(label: str, chosen: bool) -> str:
    return f"{label} ✓" if chosen else label


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def answer_keyboard(query_id: int, rank: int, total: int, view: View, vote: int | None, passage_id: str,
                    candidates: Sequence[tuple[int, Passage]] = ()) -> InlineKeyboardMarkup:
    """Full passage / source / paging / votes under one hit of a stored question.

    Rows are laid out by hand: InlineKeyboardBuilder deep-copies its buttons at every step,
    which cost a third of the CPU of answering a question.
    """
    back = _("◀ Excerpt")
    rows = [[
        _button(back if view is View.FULL else _("📄 Full passage"),
                AnswerCb(query_id=query_id, rank=rank, view=View.EXCERPT if view is View.FULL else View.FULL)),
        _button(back if view is View.SOURCE else _("📚 Source"),
                AnswerCb(query_id=query_id, rank=rank, view=View.EXCERPT if view is View.SOURCE else View.SOURCE)),
    ]]
    rows += [[_button(f"🔎 {passage_label(passage, ALONE_LABEL - 2)}",
                      AnswerCb(query_id=query_id, rank=other, view=View.EXCERPT))] for other, passage in candidates]
    nav = []
    if rank > 0:
        nav.append(_button(_("◀ Previous"), AnswerCb(query_id=query_id, rank=rank - 1, view=View.EXCERPT)))
    if rank + 1 < total:
        nav.append(_button(_("More results ▶") if rank == 0 else _("Next ▶"),
                           AnswerCb(query_id=query_id, rank=rank + 1, view=View.EXCERPT)))
    if nav:
        rows.append(nav)
    rows.append([*(_button(_chosen(label, vote == value), VoteCb(query_id=query_id, rank=rank, vote=value, view=view))
                   for value, label in ((1, "👍"), (-1, "👎"))),
                 _button(_("🔗 Link"), ShareCb(passage_id=passage_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def group_answer_keyboard(query_id: int, rank: int, total: int, view: View) -> InlineKeyboardMarkup:
    """A group's answer stays small: the whole passage and more results, opened in place."""
    row = [_button(_("◀ Excerpt") if view is View.FULL else _("📄 Full passage"),
                   AnswerCb(query_id=query_id, rank=rank, view=View.EXCERPT if view is View.FULL else View.FULL))]
    if rank > 0:
        row.append(_button("◀", AnswerCb(query_id=query_id, rank=rank - 1, view=View.EXCERPT)))
    if rank + 1 < total:
        row.append(_button(_("More ▶"), AnswerCb(query_id=query_id, rank=rank + 1, view=View.EXCERPT)))
    return InlineKeyboardMarkup(inline_keyboard=[row])


def share_keyboard(link: str, title: str) -> InlineKeyboardMarkup:
    """Telegram's own "share to a chat" dialog with the link filled in."""
    kb = InlineKeyboardBuilder()
    kb.button(text=_("↗ Send to a chat"), url="https://t.me/share/url?" + urlencode({"url": link, "text": title}))
    return kb.as_markup()


def open_bot_keyboard(link: str, label: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=label, url=link)
    return kb.as_markup()


def group_language_keyboard(current: str | None) -> InlineKeyboardMarkup:
    """The group's languages, and "each in their own" (the default)."""
    kb = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        kb.button(text=_chosen(name, code == current), callback_data=GroupLangCb(code=code))
    kb.button(text=_chosen(_("🌐 Each asker's language"), current is None), callback_data=GroupLangCb(code="auto"))
    kb.adjust(2, 1)
    return kb.as_markup()


def kinds_keyboard(kinds: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """(kind, label) buttons for an uploaded document."""
    kb = InlineKeyboardBuilder()
    for kind, label in kinds:
        kb.button(text=label, callback_data=KindCb(kind=kind))
    kb.adjust(2)
    return kb.as_markup()


def upload_keyboard() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("✅ Add to the collection"), callback_data=UploadCb(add=True))
    kb.button(text=_("✖ Cancel"), callback_data=UploadCb(add=False))
    return kb.as_markup()


def remove_keyboard(doc_id: str) -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=_("🗑 Remove"), callback_data=RemoveCb(key=doc_key(doc_id), confirm=True))
    kb.button(text=_("✖ Keep it"), callback_data=RemoveCb(key=doc_key(doc_id), confirm=False))
    return kb.as_markup()


def dismiss_keyboard(items: Sequence[tuple[int, int]]) -> InlineKeyboardMarkup:
    """One "dismiss" button per listed question: (query id, its number in the list)."""
    kb = InlineKeyboardBuilder()
    for query_id, number in items:
        kb.button(text=_("✖ {number}").format(number=number), callback_data=DismissCb(query_id=query_id))
    kb.adjust(5)
    return kb.as_markup()


def closest_keyboard(passages: Sequence[tuple[str, Passage]]) -> InlineKeyboardMarkup:
    """Under "no answer": each closest passage, opened as from its topic (slug given), then the topic menu."""
    rows = [[_button(f"📄 {passage_label(passage, ALONE_LABEL - 2)}",
                     PassageCb(slug=slug, page=0, passage_id=passage.passage_id, view=View.FULL))]
            for slug, passage in passages]
    rows.append([_button(_("🗂 Topics"), TopicsCb(page=0))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def language_keyboard() -> InlineKeyboardMarkup:
    """The interface languages, the one spoken now marked as chosen."""
    kb = InlineKeyboardBuilder()
    current = current_language()
    for code, name in LANGUAGE_NAMES.items():
        kb.button(text=_chosen(name, code == current), callback_data=LangCb(code=code))
    return kb.as_markup()


def _pager(kb: InlineKeyboardBuilder, page: int, pages: int, target: Callable[[int], CallbackData]) -> int:
    """◀ n/N ▶ buttons; returns how many were added."""
    added = 0
    for other, label in ((page - 1, "◀"), (page + 1, "▶")):
        if 0 <= other < pages:
            kb.button(text=f"{label} {other + 1}/{pages}", callback_data=target(other))
            added += 1
    return added


def pages(count: int, per_page: int) -> int:
    return max(1, -(-count // per_page))


def topics_keyboard(topics: Sequence[Topic], page: int) -> InlineKeyboardMarkup:
    """One button per topic, paged."""
    kb = InlineKeyboardBuilder()
    shown = topics[page * TOPICS_PER_PAGE:(page + 1) * TOPICS_PER_PAGE]
    for topic in shown:
        kb.button(text=topic_title(topic), callback_data=TopicCb(slug=topic.slug, page=0))
    nav = _pager(kb, page, pages(len(topics), TOPICS_PER_PAGE), lambda n: TopicsCb(page=n))
    kb.adjust(*([1] * len(shown)), *([nav] if nav else []))
    return kb.as_markup()


def topic_keyboard(slug: str, members: Sequence[Passage], page: int, parent: str = "") -> InlineKeyboardMarkup:
    """A topic's passages, paged, with a way back to the list (to its act, for a chapter)."""
    kb = InlineKeyboardBuilder()
    shown = members[page * PASSAGES_PER_PAGE:(page + 1) * PASSAGES_PER_PAGE]
    for passage in shown:
        kb.button(text=passage_label(passage, ALONE_LABEL),
                  callback_data=PassageCb(slug=slug, page=page, passage_id=passage.passage_id, view=View.FULL))
    nav = _pager(kb, page, pages(len(members), PASSAGES_PER_PAGE), lambda n: TopicCb(slug=slug, page=n))
    kb.button(text=quiz_label(), callback_data=QuizCb(slug=slug))
    if parent:
        kb.button(text=_("◀ Back to the chapters"), callback_data=TopicCb(slug=parent, page=0))
    else:
        kb.button(text=_("◀ All topics"), callback_data=TopicsCb(page=0))
    kb.adjust(*([1] * len(shown)), *([nav] if nav else []), 1, 1)
    return kb.as_markup()


def chapters_keyboard(slug: str, chapters: Sequence[Topic], page: int) -> InlineKeyboardMarkup:
    """An act's chapters (or sections), paged, with a way back to the list."""
    kb = InlineKeyboardBuilder()
    shown = chapters[page * TOPICS_PER_PAGE:(page + 1) * TOPICS_PER_PAGE]
    for chapter in shown:
        kb.button(text=topic_title(chapter), callback_data=TopicCb(slug=chapter.slug, page=0))
    nav = _pager(kb, page, pages(len(chapters), TOPICS_PER_PAGE), lambda n: TopicCb(slug=slug, page=n))
    kb.button(text=_("◀ All topics"), callback_data=TopicsCb(page=0))
    kb.adjust(*([1] * len(shown)), *([nav] if nav else []), 1)
    return kb.as_markup()


def passage_keyboard(slug: str, page: int, passage_id: str, view: View,
                     neighbours: tuple[str | None, str | None] = (None, None)) -> InlineKeyboardMarkup:
    """Under a passage opened from a topic: back to the topic page, and source / passage; under the whole
    passage, the passages before and after it in its document, to read on (`neighbours`)."""
    kb = InlineKeyboardBuilder()
    kb.button(text=_("◀ Back to the topic"), callback_data=TopicCb(slug=slug, page=page))
    other = View.FULL if view is View.SOURCE else View.SOURCE
    kb.button(text=_("📄 Full passage") if other is View.FULL else _("📚 Source"),
              callback_data=PassageCb(slug=slug, page=page, passage_id=passage_id, view=other))
    kb.button(text=cite_label(), callback_data=CiteCb(passage_id=passage_id))
    before, after = neighbours if view is View.FULL else (None, None)
    if before is not None:
        kb.button(text=_("◀ Previous passage"), callback_data=PassageCb(slug=slug, page=page, passage_id=before,
                                                                       view=View.FULL))
    if after is not None:
        kb.button(text=_("Next passage ▶"), callback_data=PassageCb(slug=slug, page=page, passage_id=after,
                                                                   view=View.FULL))
    kb.adjust(2, 1, 2)
    return kb.as_markup()


def quiz_poll_keyboard(passage_id: str, slug: str) -> InlineKeyboardMarkup:
    """Under a quiz poll: the passage it was made from, and another question (on the same topic)."""
    return InlineKeyboardMarkup(inline_keyboard=[[_button(quiz_source_label(), QuizSourceCb(passage_id=passage_id))],
                                                 [_button(next_quiz_label(), QuizCb(slug=slug))]])


def card_keyboard(card: str, slug: str, shown: bool) -> InlineKeyboardMarkup:
    """Under a term card: «Show» on its front; «I knew it» / «I did not» on its back."""
    if not shown:
        return InlineKeyboardMarkup(inline_keyboard=[[_button(show_label(), CardCb(card=card, action=CardAction.SHOW,
                                                                                   slug=slug))]])
    return InlineKeyboardMarkup(inline_keyboard=[[
        _button(known_label(), CardCb(card=card, action=CardAction.KNOWN, slug=slug)),
        _button(unknown_label(), CardCb(card=card, action=CardAction.UNKNOWN, slug=slug))]])


def forget_keyboard() -> InlineKeyboardMarkup:
    kb = InlineKeyboardBuilder()
    kb.button(text=forget_yes(), callback_data=ForgetCb(confirm=True))
    kb.button(text=forget_no(), callback_data=ForgetCb(confirm=False))
    return kb.as_markup()


def help_keyboard(page: int) -> InlineKeyboardMarkup:
    """The way to the other page of /help."""
    kb = InlineKeyboardBuilder()
    if page <= 0:
        kb.button(text=_("Answers, buttons, groups ▶"), callback_data=HelpCb(page=1))
    else:
        kb.button(text=_("◀ Back to help"), callback_data=HelpCb(page=0))
    return kb.as_markup()
