"""The messages of an answer: the excerpt, the whole passage, the source, or "my sources have no answer"."""

from __future__ import annotations

from dataclasses import replace

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.i18n import current_language
from bot.services.answers import Shown, closest
from bot.views.callbacks import AnswerCb, ParallelCb, ReadOnCb, View
from bot.views.citation import cited, repealed, source_entry, whole_passage
from bot.views.glosses import gloss_line
from bot.views.keyboards import answer_keyboard, closest_keyboard, group_answer_keyboard
from bot.views.markup import highlight
from bot.views.replies import Reply
from bot.views.topics import home_topic
from knowledge.base import KnowledgeBase
from knowledge.models import Hit, Passage, SearchResult, Tier

# The button to the same article in the other state language, named in that language.
PARALLEL_LABELS = {"ru": "🔁 Русский текст", "kk": "🔁 Қазақша мәтін"}


def with_row(markup: InlineKeyboardMarkup, row: list[InlineKeyboardButton]) -> InlineKeyboardMarkup:
    """A keyboard with one more row at the bottom."""
    return InlineKeyboardMarkup(inline_keyboard=[*markup.inline_keyboard, row])


def _header(shown: Shown) -> str:
    if shown.rank > 0:
        return _("🔎 <b>Result {number} of {total}</b>").format(number=shown.rank + 1, total=shown.total)
    if shown.tier is Tier.CONFIDENT:
        return _("✅ <b>Found in the sources:</b>")
    return _("🤔 <b>I am not sure. The closest passage I found:</b>")


def quoted_excerpt(kb: KnowledgeBase, hit: Hit) -> str:
    """The excerpt as a quote, its matched words in bold, and its key terms glossed right under it."""
    quote = f"<blockquote>{highlight(hit.excerpt.text, hit.excerpt.marks)}</blockquote>"
    under = [line for line in (repealed(hit.passage), gloss_line(kb, hit)) if line]
    return "\n".join([quote, *under])


def excerpt_text(kb: KnowledgeBase, shown: Shown, compact: bool = False) -> str:
    passage = shown.hit.passage
    meta = kb.documents.get(passage.doc_id)
    parts = [_header(shown), quoted_excerpt(kb, shown.hit),
             cited(passage, meta, reference(kb, passage, shown.hit.excerpt.text))]
    if shown.candidates and not compact:
        parts.append(_("Maybe one of these passages answers better:"))
    return "\n\n".join(parts)


def hit_view(shown: Shown, view: View, kb: KnowledgeBase, compact: bool = False) -> Reply:
    """One hit of a question in the asked view, with the answer's buttons when it is stored.

    `compact` is a group's answer: excerpt and citation, and only the buttons that open
    the whole passage or the next result in place.
    """
    passage = shown.hit.passage
    text = passage_text(kb, shown, view, compact)
    markup = None
    if shown.query_id is not None and compact:
        markup = group_answer_keyboard(shown.query_id, shown.rank, shown.total,
                                       View.FULL if view is View.FULL else View.EXCERPT)
    elif shown.query_id is not None:
        markup = answer_keyboard(shown.query_id, shown.rank, shown.total, view, shown.vote, passage.passage_id,
                                 shown.candidates if view is View.EXCERPT else ())
    before, after = kb.index.neighbours(passage.passage_id) if view is View.FULL and not compact else (None, None)
    if markup is not None and (before is not None or after is not None):
        # the answer often stands in the passage after the one that repeats the question's words, and a list's
        # items under the lead-in of the passage before
        markup = with_row(markup, [InlineKeyboardButton(text=label, callback_data=ReadOnCb(passage_id=found).pack())
                                   for label, found in ((_("◀ Previous passage"), before), (_("Next passage ▶"), after))
                                   if found is not None])
    other = kb.index.legal.parallel_of(passage)
    if markup is not None and other is not None and shown.query_id is not None:
        switch = ParallelCb(query_id=shown.query_id, rank=shown.rank,
                            view=View.FULL if view is View.FULL else View.EXCERPT)
        markup = with_row(markup, [InlineKeyboardButton(text=PARALLEL_LABELS.get(other.lang, other.lang),
                                                         callback_data=switch.pack())])
    return Reply(text, markup)


def passage_text(kb: KnowledgeBase, shown: Shown, view: View, compact: bool = False) -> str:
    """The text of one hit in the asked view."""
    passage = shown.hit.passage
    meta = kb.documents.get(passage.doc_id)
    if view is View.FULL:
        return whole_passage(passage, meta, kb.index.highlights(shown.question, passage.passage_id),
                             reference(kb, passage))
    if view is View.SOURCE:
        return source_entry(passage, meta, reference(kb, passage))
    return excerpt_text(kb, shown, compact)


def reference(kb: KnowledgeBase, passage: Passage, shown: str = "") -> str | None:
    """A legal act's citation of the passage ("Закон РК № 148-II, ст. 39-3, п. 2"), by the пункты of the excerpt
    `shown` when one is; None for other text."""
    return kb.index.legal.citation(passage, current_language(), shown)


def parallel_view(shown: Shown, view: View, kb: KnowledgeBase) -> Reply | None:
    """The same article in the act's other state language, in place of the answer; None when it has none.

    `shown` is the answer's own hit: its 🔁 button switches back, and the view's button toggles
    the other text's excerpt and whole passage.
    """
    other = kb.index.legal.parallel_of(shown.hit.passage)
    hit = kb.index.hit(shown.question, other.passage_id) if other is not None else None
    if hit is None or shown.query_id is None:
        return None
    switched = replace(shown, hit=hit, candidates=())
    text = passage_text(kb, switched, view)
    toggle = View.EXCERPT if view is View.FULL else View.FULL
    rows = [[InlineKeyboardButton(text=_("◀ Excerpt") if toggle is View.EXCERPT else _("📄 Full passage"),
                                  callback_data=ParallelCb(query_id=shown.query_id, rank=shown.rank,
                                                           view=toggle).pack())],
            [InlineKeyboardButton(text=PARALLEL_LABELS.get(shown.hit.passage.lang, shown.hit.passage.lang),
                                  callback_data=AnswerCb(query_id=shown.query_id, rank=shown.rank, view=view).pack())]]
    return Reply(text, InlineKeyboardMarkup(inline_keyboard=rows))


def nothing_view(kb: KnowledgeBase, result: SearchResult, compact: bool = False) -> Reply:
    """Say plainly that the sources do not answer; offer the closest passages, if any, and the topics.

    `compact` is a group's reply: the same lines without blank lines between them.
    """
    passages = closest(result)
    parts = [_("📭 My sources have no answer to this question."),
             _("Try other words, or ask in Kazakh, or choose a topic:") if result.lang == "ru"
             else _("Try other words, or ask in Russian, or choose a topic:")]
    if passages:
        parts.append(_("Closest passages:"))
    markup = closest_keyboard([(home_topic(kb, passage.passage_id), passage) for passage in passages])
    return Reply(("\n" if compact else "\n\n").join(parts), markup)
