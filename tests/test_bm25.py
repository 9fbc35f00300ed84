"""Our inverted index scores exactly as rank_bm25.BM25Okapi does."""

from __future__ import annotations

import math
import random
from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from knowledge import bm25
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


# --- the vectorised build, dense rows and sampled top-k against their plain definitions ------

def reference_build(corpus: list[list[str]], k1: float = 1.5, b: float = 0.75,
                    epsilon: float = 0.25) -> tuple[list[str], list[int], list[float], list[float], float]:
    """The per-posting Python loop BM25.build replaced: the definition of its floats, in its order."""
    avgdl = sum(len(doc) for doc in corpus) / len(corpus)
    postings: dict[str, list[tuple[int, int]]] = {}
    for doc_id, doc in enumerate(corpus):
        for term, tf in Counter(doc).items():
            postings.setdefault(term, []).append((doc_id, tf))
    idf = {t: math.log(len(corpus) - len(p) + 0.5) - math.log(len(p) + 0.5) for t, p in postings.items()}
    idf_sum = 0.0
    for value in idf.values():
        idf_sum += value
    eps = epsilon * idf_sum / max(1, len(idf))
    idf = {t: eps if v < 0 else v for t, v in idf.items()}
    terms = sorted(postings)
    ids = [d for t in terms for d, _ in postings[t]]
    values = [idf[t] * (tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(corpus[d]) / avgdl)))
              for t in terms for d, tf in postings[t]]
    return terms, ids, values, [idf[t] for t in terms], eps


def random_corpus(rng: random.Random, size: int, vocabulary: int) -> list[list[str]]:
    """Zipf-like term draws and lengths from 0 to 80, so that some terms are in every passage."""
    words = [f"w{i}" for i in range(vocabulary)]
    weights = [1 / (i + 1) for i in range(vocabulary)]
    return [rng.choices(words, weights, k=rng.choice([0, 1, 5, 30, 80])) for _ in range(size)]


@pytest.mark.parametrize(("size", "vocabulary", "chunk"), [(1, 3, 1 << 18), (7, 4, 5), (300, 40, 64),
                                                            (2000, 500, 1 << 18), (2000, 500, 999)])
def test_build_is_bit_for_bit_the_per_posting_loop(size: int, vocabulary: int, chunk: int,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bm25, "CHUNK_TOKENS", chunk)  # passages counted in many chunks, or one
    corpus = random_corpus(random.Random(size + chunk), size, vocabulary)
    corpus[0].append("w0")  # no corpus without tokens: that one is tested on its own
    built = BM25.build(corpus)
    terms, ids, values, idf, eps = reference_build(corpus)
    assert built.terms == terms and built.eps == eps
    assert built.doc_ids.tolist() == ids and built.idf.tolist() == idf
    assert built.contributions.tolist() == values  # equal floats, not close ones
    assert np.allclose(built.scores(dict.fromkeys(terms[:9], 1.0)), BM25Okapi(corpus).get_scores(terms[:9]),
                       rtol=0, atol=1e-9)


def test_wide_keys_count_like_narrow_ones() -> None:
    tokens = np.array([2, 0, 2, 1, 1, 1, 0], dtype=np.int32)
    doc_len = np.array([3, 0, 4], dtype=np.int64)
    for vocabulary in (3, 2**31):  # the second cannot be keyed in int32
        (term, doc, tf), = bm25._count_terms(tokens, doc_len, vocabulary)
        assert list(zip(term.tolist(), doc.tolist(), tf.tolist(), strict=True)) == [
            (0, 0, 1), (0, 2, 1), (1, 2, 3), (2, 0, 2)]


def test_passages_without_terms_score_zero() -> None:
    index = BM25.build([[], [], []])
    assert index.size == 3 and index.terms == []
    assert index.scores({"a": 1.0}).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize("share", [0, 1, 5, 10**9])  # no dense rows … every term dense
def test_dense_rows_do_not_change_a_single_bit(share: int, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = random_corpus(random.Random(11), 500, 60)
    sparse = BM25.build(corpus)
    monkeypatch.setattr(bm25, "DENSE_SHARE", share)
    dense = BM25.build(corpus)
    rng = random.Random(5)
    for _ in range(50):
        terms = [f"w{rng.randrange(70)}" for _ in range(rng.randint(1, 12))]  # some absent from the index
        weights = {term: rng.choice([1.0, 0.25, 2.0, rng.random()]) for term in terms}
        assert dense.scores(weights).tolist() == sparse.scores(weights).tolist()


def plain_top_k(scores: np.ndarray, k: int) -> list[int]:
    return sorted((i for i in range(len(scores)) if scores[i] > 0), key=lambda i: (-scores[i], i))[:k]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.0, 0.0, -1.0, 0.5, 1.0, 2.5, 3.0]), max_size=300),
       st.integers(min_value=0, max_value=40), st.integers(min_value=1, max_value=8))
def test_top_k_is_best_positive_first_ties_by_index(levels: list[float], k: int, repeat: int) -> None:
    scores = np.array(levels * repeat)  # repeated, so that the sampling stride is above 1 at times
    assert top_k(scores, k) == plain_top_k(scores, k)


@pytest.mark.parametrize("arrange", ["shuffled", "ascending", "descending"])
def test_top_k_on_100k_scores_mostly_tied_at_zero(arrange: str) -> None:
    rng = np.random.default_rng(3)
    scores = np.where(rng.random(100_000) < 0.02, rng.integers(1, 40, 100_000) / 4, 0.0)
    if arrange != "shuffled":
        scores = np.sort(scores)[:: 1 if arrange == "ascending" else -1].copy()
    for k in (1, 10, 30):
        assert top_k(scores, k) == plain_top_k(scores, k)
