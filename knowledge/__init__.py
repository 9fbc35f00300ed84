"""Knowledge core: the corpus, its repair, analysis and BM25 search. Knows nothing of Telegram."""

from knowledge.index import Index
from knowledge.models import Document, Excerpt, Hit, Passage, SearchResult, Tier

__all__ = ["Document", "Excerpt", "Hit", "Index", "Passage", "SearchResult", "Tier"]
