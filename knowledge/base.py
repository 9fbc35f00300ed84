"""The whole knowledge base the bot answers from: index, document catalogue and topics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, load_catalog
from knowledge.index import Index
from knowledge.models import DocumentMeta
from knowledge.morphology import warm_up
from knowledge.topics import DEFAULT_LIMITS, TopicLimits, TopicMap, assign_topics, load_topics, structure_topics


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Opened together so that a reload can replace all of it at once."""

    index: Index
    documents: Mapping[str, DocumentMeta]
    topics: TopicMap

    @classmethod
    def open(cls, knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR, cache_dir: Path | None = None,
             topic_limits: TopicLimits = DEFAULT_LIMITS) -> KnowledgeBase:
        """Load (or build and persist) the index, then read the catalogue and assign topics."""
        index = Index.open(knowledge_dir, cache_dir)
        warm_up()
        topics = assign_topics([*structure_topics(index, topic_limits), *load_topics(knowledge_dir, topic_limits)],
                               index)  # acts first
        return cls(index=index, documents=load_catalog(knowledge_dir), topics=topics)
