"""Which documents are one act in the two state languages, and which passage of one is the
same article in the other.

The two official texts of an act carry the same article numbers, so linked documents are
aligned by number. Two texts are one act when the admin linked them, when they state the same
number (and date, if both state one), or — the portal's plain text often states neither —
when they are acts of one kind whose article (or, in a regulation, пункт) numbers match and whose figures (dates, sums,
numbers of articles cited) are the same: a translation keeps its numbers, another act does not.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations

from knowledge.models import DocumentMeta, Passage

MIN_ARTICLE_SHARE = 0.9  # articles both texts have, over the articles of either
MIN_FIGURE_SHARE = 0.6  # figures both texts hold, over the figures of either (multiset)
_FIGURE = re.compile(r"\d[\d.,-]*\d|\d")


def _figures(passages: Sequence[Passage]) -> Counter[str]:
    return Counter(m.group(0) for p in passages for m in _FIGURE.finditer(p.text) if len(m.group(0)) >= 2)


def _units(passages: Sequence[Passage]) -> set[str]:
    """The numbered units a text is cut into: its articles, or a regulation's пункты when it has no articles."""
    articles = {p.article for p in passages if p.article}
    return articles or {number for p in passages for number in _paragraphs(p)}


def _share(left: Counter[str], right: Counter[str]) -> float:
    union = sum((left | right).values())
    return sum((left & right).values()) / union if union else 0.0


def _language(passages: Sequence[Passage]) -> str:
    return Counter(p.lang for p in passages).most_common(1)[0][0]


def _same_act(left: DocumentMeta, right: DocumentMeta, a: Sequence[Passage], b: Sequence[Passage]) -> float:
    """How surely two legal texts are one act (0: not at all); an explicit link decides alone."""
    if left.parallel == b[0].doc_id or right.parallel == a[0].doc_id:
        return 2.0
    if left.parallel or right.parallel:
        return 0.0
    if left.kind != right.kind:
        return 0.0
    if left.act_number and right.act_number:
        if left.act_number != right.act_number:
            return 0.0
        if left.act_date and right.act_date and left.act_date != right.act_date:
            return 0.0
        if left.edition and right.edition:  # two editions of it may be loaded: a text's own edition first
            return 1.75 if left.edition == right.edition else 1.25
        return 1.5
    articles_a, articles_b = _units(a), _units(b)
    union = articles_a | articles_b
    if not union or len(articles_a & articles_b) / len(union) < MIN_ARTICLE_SHARE:
        return 0.0
    figures = _share(_figures(a), _figures(b))
    return figures if figures >= MIN_FIGURE_SHARE else 0.0


def link_documents(passages: Sequence[Passage], documents: Mapping[str, DocumentMeta]) -> dict[str, str]:
    """Each legal document's text in the other state language, both ways, by document id."""
    by_doc: dict[str, list[Passage]] = {}
    for passage in passages:
        if passage.legal is not None:
            by_doc.setdefault(passage.doc_id, []).append(passage)
    scored: list[tuple[float, str, str]] = []
    for left, right in combinations(sorted(by_doc), 2):
        if left not in documents or right not in documents:
            continue
        if _language(by_doc[left]) == _language(by_doc[right]):
            continue
        score = _same_act(documents[left], documents[right], by_doc[left], by_doc[right])
        if score > 0:
            scored.append((score, left, right))
    links: dict[str, str] = {}
    for _, left, right in sorted(scored, reverse=True):
        if left not in links and right not in links:
            links[left], links[right] = right, left
    return links


def parallel_passages(passages: Sequence[Passage], links: Mapping[str, str]) -> dict[str, str]:
    """For each passage of a linked act, the passage of the other text with the same article
    (and, when the article is split, the one holding its first пункт)."""
    by_article: dict[tuple[str, str], list[Passage]] = {}
    for passage in passages:
        if passage.legal is not None and passage.doc_id in links:
            by_article.setdefault((passage.doc_id, passage.legal.article), []).append(passage)
    parallel: dict[str, str] = {}
    for passage in passages:
        if passage.legal is None or passage.doc_id not in links:
            continue
        others = by_article.get((links[passage.doc_id], passage.legal.article))
        if not others:
            continue
        first = passage.legal.paragraphs[0] if passage.legal.paragraphs else None
        match = next((o for o in others if first is not None and first in _paragraphs(o)), None)
        if match is None:
            own = by_article[(passage.doc_id, passage.legal.article)]
            index = [p.passage_id for p in own].index(passage.passage_id)
            match = others[min(index, len(others) - 1)]
        parallel[passage.passage_id] = match.passage_id
    return parallel


def _paragraphs(passage: Passage) -> tuple[str, ...]:
    return passage.legal.paragraphs if passage.legal is not None else ()


def superseded(passages: Sequence[Passage], documents: Mapping[str, DocumentMeta]) -> frozenset[str]:
    """The texts of an act that a newer edition of it in the same language replaces (the law of 2014 beside its
    edition of 2026): same kind and number, an older edition. A text stating no edition is the older one."""
    by_act: dict[tuple[str, str, str], list[str]] = {}
    langs: dict[str, list[Passage]] = {}
    for passage in passages:
        if passage.legal is not None:
            langs.setdefault(passage.doc_id, []).append(passage)
    for doc, own in langs.items():
        meta = documents.get(doc)
        if meta is not None and meta.act_number:
            by_act.setdefault((meta.kind, meta.act_number.upper(), _language(own)), []).append(doc)
    older: set[str] = set()
    for docs in by_act.values():
        newest = max(documents[doc].edition for doc in docs)
        older.update(doc for doc in docs if documents[doc].edition < newest)
    return frozenset(older)
