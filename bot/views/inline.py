"""Inline look-ups (`@bot question` in any chat): results as articles, the message each one posts."""

from __future__ import annotations

import re

from aiogram.enums import ParseMode
from aiogram.types import (
    InlineQueryResultArticle,
    InlineQueryResultUnion,
    InputTextMessageContent,
    LinkPreviewOptions,
)
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.i18n import current_language
from bot.services.links import INLINE_PAYLOAD, passage_link, start_link, topic_link
from bot.views.answers import quoted_excerpt
from bot.views.citation import cited
from bot.views.keyboards import open_bot_keyboard
from bot.views.markup import escape, shorten
from bot.views.texts import topic_title
from knowledge.base import KnowledgeBase
from knowledge.models import Hit, SearchResult, Tier

INLINE_RESULTS = 10
CACHE_SECONDS = 300  # the collection changes rarely; a reload shows within five minutes
MIN_LETTERS = 2  # fewer letters than this is not a question yet: show the topics
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def _article(result_id: str, title: str, description: str, text: str, button: tuple[str, str]
             ) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id, title=title, description=description,
        input_message_content=InputTextMessageContent(message_text=text, parse_mode=ParseMode.HTML,
                                                      link_preview_options=_NO_PREVIEW),
        reply_markup=open_bot_keyboard(button[1], button[0]),
    )


def hit_article(kb: KnowledgeBase, hit: Hit, username: str) -> InlineQueryResultArticle:
    """A hit: the excerpt as description; chosen, it posts the excerpt with its citation."""
    passage = hit.passage
    meta = kb.documents.get(passage.doc_id)
    lang = current_language()
    legal = kb.index.legal.citation(passage, lang, hit.excerpt.text)
    title = legal or f"{passage.heading} · {meta.display_title(lang) if meta else passage.title}"
    text = "\n\n".join([quoted_excerpt(kb, hit), cited(passage, meta, legal)])
    return _article(passage.passage_id, shorten(title, 120), hit.excerpt.text, text,
                    (_("📄 Open in the bot"), passage_link(username, passage.passage_id)))


def search_articles(kb: KnowledgeBase, result: SearchResult, username: str) -> list[InlineQueryResultUnion]:
    """Up to ten hits, or one "my sources have no answer — open the bot" article.

    The message that article posts repeats the question: in the chat it lands in, nothing
    else says what was asked.
    """
    if result.tier is not Tier.NOTHING and result.hits:
        return [hit_article(kb, hit, username) for hit in result.hits[:INLINE_RESULTS]]
    no_answer = _("📭 My sources have no answer to this question.")
    text = "\n\n".join([f"❓ <i>{escape(shorten(result.query, 100))}</i>\n{no_answer}",
                        _("Ask me in a private chat: I can suggest topics and other wordings.")])
    return [_article("nothing", no_answer, _("Try other words, or ask in a private chat"), text,
                     (_("💬 Open the bot"), start_link(username, INLINE_PAYLOAD)))]


def topic_articles(kb: KnowledgeBase, username: str, offset: str = ""
                   ) -> tuple[list[InlineQueryResultUnion], str]:
    """The topic list, for a query too short to search, ten at a time; and the next page's offset.

    Each posts a link that opens its topic in the bot.
    """
    start = int(offset) if re.fullmatch(r"[0-9]{1,6}", offset) else 0  # "²".isdigit() is true too
    menu = kb.topics.menu(current_language())
    page = menu[start:start + INLINE_RESULTS]
    more = start + INLINE_RESULTS < len(menu)
    articles: list[InlineQueryResultUnion] = []
    for topic in page:
        count = len(kb.topics.members(topic.slug)) or sum(len(kb.topics.members(chapter.slug))
                                                         for chapter in kb.topics.children(topic.slug))
        passages = ngettext("{count} passage", "{count} passages", count).format(count=count)
        text = "\n".join([f"🗂 <b>{escape(topic_title(topic))}</b>", passages])
        articles.append(_article(f"topic_{topic.slug}", topic_title(topic), passages, text,
                                 (_("🗂 Open the topic in the bot"), topic_link(username, topic.slug))))
    return articles, str(start + INLINE_RESULTS) if more else ""
