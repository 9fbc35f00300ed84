"""Our inverted index scores exactly as rank_bm25.BM25Okapi does."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from knowledge.bm25 import BM25, top_k
from knowledge.index import Index, passage_terms


@pytest.fixture(scope="module")
def corpus(shipped_index: Index) -> list[list[str]]:
    return [passage_terms(shipped_index.analyzer, p) for p in shipped_index.passages]


def test_scores_equal_rank_bm25_on_the_shipped_corpus(corpus: list[list[str]]) -> None:
    ours, theirs = BM25.build(corpus), BM25Okapi(corpus)
    vocabulary = sorted({t for doc in corpus for t in doc})
    rng = random.Random(7)
    for _ in range(200):
        query = [*rng.sample(vocabulary, rng.randint(1, 8)), "absent-term"]
        expected = theirs.get_scores(query)
        got = ours.scores(dict.fromkeys(query, 1.0))
        assert np.allclose(got, expected, rtol=0, atol=1e-9)


def test_repeated_and_weighted_terms_are_sums_of_rank_bm25_scores(corpus: list[list[str]]) -> None:
    ours, theirs = BM25.build(corpus), BM25Okapi(corpus)
    a, b = corpus[3][0], corpus[10][2]
    assert np.allclose(ours.scores({a: 2.0}), theirs.get_scores([a, a]), atol=1e-9)
    weighted = 0.7 * theirs.get_scores([a]) + 0.2 * theirs.get_scores([b])
    assert np.allclose(ours.scores({a: 0.7, b: 0.2}), weighted, atol=1e-9)


def test_idf_floor_matches_rank_bm25_for_common_terms() -> None:
    # "x" is in every document (negative idf → floored), "y" in exactly half (idf 0, not floored)
    corpus = [["x", "y", "a"], ["x", "y", "b"], ["x", "c"], ["x", "d"]]
    ours, theirs = BM25.build(corpus), BM25Okapi(corpus)
    for query in (["x"], ["y"], ["x", "y", "a"], ["d", "d"]):
        assert np.allclose(ours.scores(dict.fromkeys(query, 0) | {q: query.count(q) for q in query}),
                           theirs.get_scores(query), atol=1e-12)


def test_empty_corpus_is_searchable() -> None:
    empty = BM25.build([])
    assert empty.scores({"a": 1.0}).shape == (0,)
    assert top_k(empty.scores({"a": 1.0}), 5) == []


def test_top_k_is_best_first_with_ties_by_position() -> None:
    scores = np.array([0.0, 2.0, 5.0, 2.0, 0.0, 7.0])
    assert top_k(scores, 3) == [5, 2, 1]
    assert top_k(scores, 10) == [5, 2, 1, 3]
    assert top_k(np.zeros(4), 3) == []
