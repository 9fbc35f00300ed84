"""The messages of an answer: the excerpt, the whole passage, the source, or "my sources have no answer"."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.answering import Shown, closest
from bot.callbacks import View
from bot.citation import cited, source_entry, whole_passage
from bot.glosses import gloss_line
from bot.keyboards import answer_keyboard, closest_keyboard, group_answer_keyboard
from bot.markup import Reply, highlight
from bot.topic_views import home_topic
from knowledge.base import KnowledgeBase
from knowledge.models import Hit, SearchResult, Tier


def _header(shown: Shown) -> str:
    if shown.rank > 0:
        return _("🔎 <b>Result {number} of {total}</b>").format(number=shown.rank + 1, total=shown.total)
    if shown.tier is Tier.CONFIDENT:
        return _("✅ <b>Found in the sources:</b>")
    return _("🤔 <b>I am not sure. The closest passage I found:</b>")


def quoted_excerpt(kb: KnowledgeBase, hit: Hit, lang: str) -> str:
    """The excerpt as a quote, its matched words in bold, and its key terms glossed right under it."""
    quote = f"<blockquote>{highlight(hit.excerpt.text, hit.excerpt.marks)}</blockquote>"
    gloss = gloss_line(kb, hit, lang)
    return f"{quote}\n{gloss}" if gloss else quote


def excerpt_text(kb: KnowledgeBase, shown: Shown, lang: str, compact: bool = False) -> str:
    meta = kb.documents.get(shown.hit.passage.doc_id)
    parts = [_header(shown), quoted_excerpt(kb, shown.hit, lang), cited(shown.hit.passage, meta, lang)]
    if shown.candidates and not compact:
        parts.append(_("Maybe one of these passages answers better:"))
    return "\n\n".join(parts)


def hit_view(shown: Shown, view: View, kb: KnowledgeBase, lang: str, compact: bool = False) -> Reply:
    """One hit of a question in the asked view, with the answer's buttons when it is stored.

    `compact` is a group's answer: excerpt and citation, and only the buttons that open
    the whole passage or the next result in place.
    """
    passage = shown.hit.passage
    meta = kb.documents.get(passage.doc_id)
    if view is View.FULL:
        text = whole_passage(passage, meta, lang, kb.index.highlights(shown.question, passage.passage_id))
    elif view is View.SOURCE:
        text = source_entry(passage, meta, lang)
    else:
        text = excerpt_text(kb, shown, lang, compact)
    markup = None
    if shown.query_id is not None and compact:
        markup = group_answer_keyboard(shown.query_id, shown.rank, shown.total,
                                       View.FULL if view is View.FULL else View.EXCERPT)
    elif shown.query_id is not None:
        markup = answer_keyboard(shown.query_id, shown.rank, shown.total, view, shown.vote, passage.passage_id,
                                 shown.candidates if view is View.EXCERPT else ())
    return Reply(text, markup)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


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
