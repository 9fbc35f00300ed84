"""The messages of an answer: the excerpt, the whole passage, the source, or "nothing found"."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.answering import Shown
from bot.callbacks import View
from bot.citation import cited, source_entry, whole_passage
from bot.keyboards import answer_keyboard, group_answer_keyboard, topics_button_keyboard
from bot.markup import Reply, escape, highlight
from knowledge.base import KnowledgeBase
from knowledge.models import DocumentMeta, Tier

QUESTION_ECHO = 200  # characters of the question repeated in "nothing found"


def _header(shown: Shown) -> str:
    if shown.rank > 0:
        return _("🔎 <b>Result {number} of {total}</b>").format(number=shown.rank + 1, total=shown.total)
    if shown.tier is Tier.CONFIDENT:
        return _("✅ <b>Found in the sources:</b>")
    return _("🤔 <b>I am not sure. The closest passage I found:</b>")


def excerpt_text(shown: Shown, meta: DocumentMeta | None, lang: str, compact: bool = False) -> str:
    excerpt = shown.hit.excerpt
    parts = [_header(shown), f"<blockquote>{highlight(excerpt.text, excerpt.marks)}</blockquote>",
             cited(shown.hit.passage, meta, lang)]
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
        text = excerpt_text(shown, meta, lang, compact)
    markup = None
    if shown.query_id is not None and compact:
        markup = group_answer_keyboard(shown.query_id, shown.rank, shown.total,
                                       View.FULL if view is View.FULL else View.EXCERPT)
    elif shown.query_id is not None:
        markup = answer_keyboard(shown.query_id, shown.rank, shown.total, view, shown.vote, passage.passage_id,
                                 shown.candidates if view is View.EXCERPT else ())
    return Reply(text, markup)


def shorten(text: str, limit: int = QUESTION_ECHO) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def nothing_view(question: str, question_lang: str) -> Reply:
    """Say honestly that the sources are silent, and suggest what to try."""
    echo = shorten(question)
    other = (_("Try other words, or ask in Kazakh, or choose a topic:") if question_lang == "ru"
             else _("Try other words, or ask in Russian, or choose a topic:"))
    text = "\n\n".join([
        _("😕 I found nothing on «{question}» in the sources.").format(question=escape(echo)),
        other,
    ])
    return Reply(text, topics_button_keyboard())
