"""The topic menu: the list of topics, one topic's passages, a passage opened from it."""

from __future__ import annotations

from aiogram.utils.i18n import ngettext

from bot.i18n import current_language
from bot.views.callbacks import View
from bot.views.citation import source_entry, whole_passage
from bot.views.keyboards import (
    PASSAGES_PER_PAGE,
    TOPICS_PER_PAGE,
    chapters_keyboard,
    pages,
    passage_keyboard,
    topic_keyboard,
    topics_keyboard,
)
from bot.views.markup import escape
from bot.views.replies import Reply
from bot.views.texts import choose_chapter, topic_title, topics_title
from knowledge.base import KnowledgeBase
from knowledge.topics import OTHER


def topics_list(kb: KnowledgeBase, page: int = 0, intro: str | None = None) -> Reply:
    """The topic list (after `intro` if given, as in the greeting)."""
    menu = kb.topics.menu(current_language())
    page = min(max(page, 0), pages(len(menu), TOPICS_PER_PAGE) - 1)
    return Reply(intro or topics_title(), topics_keyboard(menu, page))


def topic_page(kb: KnowledgeBase, slug: str, page: int) -> Reply | None:
    """A page of one topic's passages; None when the topic is gone."""
    topic = kb.topics.get(slug)
    if topic is None:
        return None
    chapters = kb.topics.children(slug)
    if chapters:  # an act: its chapters first, its articles one level down
        page = min(max(page, 0), pages(len(chapters), TOPICS_PER_PAGE) - 1)
        return Reply(f"<b>{escape(topic_title(topic))}</b>\n\n{choose_chapter()}",
                     chapters_keyboard(slug, chapters, page))
    members = kb.topics.members(slug)
    page = min(max(page, 0), pages(len(members), PASSAGES_PER_PAGE) - 1)
    count = ngettext("{count} passage. Choose one to read it:", "{count} passages. Choose one to read it:",
                     len(members)).format(count=len(members))
    return Reply(f"<b>{escape(topic_title(topic))}</b>\n\n{count}",
                 topic_keyboard(slug, members, page, topic.parent))


def topic_passage(kb: KnowledgeBase, slug: str, page: int, passage_id: str, view: View) -> Reply | None:
    """A passage opened from a topic page, whole or as its source; None when it is gone."""
    passage = kb.index.by_id.get(passage_id)
    if passage is None:
        return None
    meta = kb.documents.get(passage.doc_id)
    legal = kb.index.legal.citation(passage, current_language())
    text = (source_entry(passage, meta, legal) if view is View.SOURCE
            else whole_passage(passage, meta, reference=legal))
    return Reply(text, passage_keyboard(slug, page, passage_id, view, kb.index.neighbours(passage_id)))


def home_topic(kb: KnowledgeBase, passage_id: str) -> str:
    """The topic a passage opened outside the menu (a link, a button) goes back to: its first."""
    topics = kb.topics.topics_of(passage_id)
    return topics[0].slug if topics else OTHER
