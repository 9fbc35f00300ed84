"""The 🔤 line under an excerpt in another language: its key terms in the reader's language."""

from __future__ import annotations

from bot.i18n import current_language
from bot.views.markup import escape
from knowledge.base import KnowledgeBase
from knowledge.models import Hit

GLOSSED_READERS = frozenset({"kk", "ru"})  # the glossary's columns an interface speaks


def gloss_line(kb: KnowledgeBase, hit: Hit) -> str | None:
    """«term — its equivalent · …» for the excerpt's glossary terms, when the reader reads another language.

    None when the excerpt is in the reader's language or holds no glossed term. The line
    names no language: the citation's note already says which one the passage is in.
    """
    source, lang = hit.passage.lang, current_language()
    if lang not in GLOSSED_READERS or source == lang:
        return None
    pairs = kb.index.gloss(hit.excerpt.text, source, lang)
    if not pairs:
        return None
    return "🔤 " + " · ".join(f"{escape(term)} — {escape(own)}" for term, own in pairs)
