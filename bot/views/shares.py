"""Messages that hand out deep links: a passage's link to share, and a passage opened by one."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.i18n import current_language
from bot.services.links import passage_link, topic_link
from bot.views.callbacks import View
from bot.views.citation import citation
from bot.views.keyboards import share_keyboard
from bot.views.markup import escape
from bot.views.replies import Reply
from bot.views.texts import topic_title
from bot.views.topics import home_topic, topic_passage
from knowledge.base import KnowledgeBase
from knowledge.models import Passage
from knowledge.topics import OTHER


def share_view(kb: KnowledgeBase, passage: Passage, username: str) -> Reply:
    """The passage's link (and its topics'), ready to paste into a syllabus or forward."""
    link = passage_link(username, passage.passage_id)
    meta = kb.documents.get(passage.doc_id)
    lang = current_language()
    legal = kb.index.legal.citation(passage, lang)
    lines = [_("🔗 <b>Link to this passage</b>"), citation(passage, meta, legal), "", escape(link)]
    topics = [topic for topic in kb.topics.topics_of(passage.passage_id) if topic.slug != OTHER]
    if topics:
        lines += ["", _("Topics of this passage:")]
        lines += [f"{escape(topic_title(topic))}: {escape(topic_link(username, topic.slug))}"
                  for topic in topics[:3]]
    title = f"{meta.display_title(lang) if meta else passage.title} · {passage.heading}"
    return Reply("\n".join(lines), share_keyboard(link, title))


def linked_passage(kb: KnowledgeBase, passage_id: str) -> Reply | None:
    """A passage opened from a link: in full, with the way back to its first topic."""
    passage = kb.index.by_id.get(passage_id)
    if passage is None:
        return None
    return topic_passage(kb, home_topic(kb, passage_id), 0, passage_id, View.FULL)
