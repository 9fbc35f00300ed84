"""BM25Okapi scores through an inverted index.

The formula is rank_bm25's BM25Okapi (k1=1.5, b=0.75, idf floor epsilon·mean idf for
negative idfs); the per-(term, passage) contribution is computed once at build time, so a
query only adds a few short arrays instead of scanning every passage for every term.
Every float is computed in the same order as a per-posting Python loop would, so scores are
bit for bit those of that loop (bench/search.py checks them against rank_bm25).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, count
from typing import Any

import numpy as np
import numpy.typing as npt

K1 = 1.5
B = 0.75
EPSILON = 0.25
CHUNK_TOKENS = 1 << 18  # tokens counted per np.unique call: bounds the build's scratch memory
TOP_K_SAMPLE = 2048  # scores sampled to find a floor under the k-th best
# A term in at least 1/DENSE_SHARE of the passages also keeps a dense row of scores: adding a
# row costs the same at any density, scattering a posting list grows with its length.
DENSE_SHARE = 5

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int32]
Postings = tuple[IntArray, IntArray, npt.NDArray[np.int64]]  # term, passage, term frequency


class BM25:
    """An immutable BM25Okapi index over tokenised documents."""

    def __init__(self, terms: list[str], offsets: IntArray, doc_ids: IntArray,
                 contributions: FloatArray, idf: FloatArray, eps: float, size: int) -> None:
        self.terms = terms
        self.idf = idf
        self.eps = eps
        self.offsets = offsets
        self.doc_ids = doc_ids
        self.contributions = contributions
        self.size = size
        self.slot = {term: i for i, term in enumerate(terms)}
        self._bounds: list[int] = offsets.tolist()  # Python ints slice faster than numpy scalars
        self._dense = {int(i): self._row(int(i)) for i in np.flatnonzero(np.diff(offsets) * DENSE_SHARE >= size)}

    @classmethod
    def build(cls, corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B,
              epsilon: float = EPSILON) -> BM25:
        """Index tokenised documents exactly as rank_bm25.BM25Okapi(corpus) would score them."""
        size = len(corpus)
        doc_len = np.fromiter(map(len, corpus), dtype=np.int64, count=size)
        total = int(doc_len.sum())
        if total == 0:
            empty_i = np.zeros(0, dtype=np.int32)
            return cls([], np.zeros(1, dtype=np.int32), empty_i, np.zeros(0), np.zeros(0), 0.0, size)
        numbered: defaultdict[str, int] = defaultdict(count().__next__)  # numbers terms in order of first use
        first_use = np.fromiter(map(numbered.__getitem__, chain.from_iterable(corpus)), dtype=np.int32, count=total)
        seen = list(numbered)
        terms = sorted(seen)
        slot = np.empty(len(seen), dtype=np.int32)  # first-use number → place in sorted order
        slot[sorted(range(len(seen)), key=seen.__getitem__)] = np.arange(len(seen), dtype=np.int32)
        tokens = slot[first_use]
        del first_use
        df = np.zeros(len(terms), dtype=np.int64)
        for term, _, _ in _count_terms(tokens, doc_len, len(terms)):
            df += np.bincount(term, minlength=len(terms))
        idf, eps = _okapi_idf(df, slot.tolist(), size, epsilon)
        offsets = np.concatenate(([0], np.cumsum(df))).astype(np.int32)
        # BM25's length normalisation of each passage, k1·(1 − b + b·|d|/avgdl)
        doc_norm: FloatArray = k1 * (1 - b + b * doc_len.astype(np.float64) / (total / size))
        ids, contributions = _lay_out(tokens, doc_len, offsets, idf, doc_norm, k1)
        return cls(terms, offsets, ids, contributions, idf, eps, size)

    def __contains__(self, term: str) -> bool:
        return term in self.slot

    def posting(self, term: str) -> tuple[IntArray, FloatArray]:
        """Passage numbers holding term and the term's score in each."""
        i = self.slot[term]
        lo, hi = self._bounds[i], self._bounds[i + 1]
        return self.doc_ids[lo:hi], self.contributions[lo:hi]

    @property
    def max_idf(self) -> float:
        """The idf of a term found in a single passage."""
        return math.log(self.size - 0.5) - math.log(1.5) if self.size > 1 else 0.0

    def term_idf(self, term: str) -> float:
        return float(self.idf[self.slot[term]]) if term in self.slot else 0.0

    def holders(self, variants: Iterable[Sequence[str]]) -> IntArray:
        """The passages holding every term of at least one variant."""
        held: list[IntArray] = []
        for variant in variants:
            if not variant or any(t not in self.slot for t in variant):
                continue
            docs = self.posting(variant[0])[0]
            for term in variant[1:]:
                docs = np.intersect1d(docs, self.posting(term)[0], assume_unique=True)
            held.append(docs)
        if not held:
            return np.zeros(0, dtype=np.int32)
        return held[0] if len(held) == 1 else np.unique(np.concatenate(held))

    def idf_for(self, variants: Iterable[Sequence[str]]) -> float:
        """BM25Okapi idf of the passages holding every term of at least one variant."""
        df = len(self.holders(variants))
        if df == 0:
            return 0.0
        value = math.log(self.size - df + 0.5) - math.log(df + 0.5)
        return value if value >= 0 else self.eps

    def max_contribution(self, term: str) -> float:
        """The most one occurrence pattern of term adds to any passage's score."""
        _, values = self.posting(term)
        return float(values.max()) if len(values) else 0.0

    def scores(self, weights: Mapping[str, float]) -> FloatArray:
        """Weighted BM25 score of every passage: Σ weight · score(term).

        Terms are added in the order given, each with the same float operations whichever
        way it is stored (a dense row adds weight · 0 = 0 elsewhere), so scores do not depend
        on the storage.
        """
        scores = np.zeros(self.size)
        scratch: FloatArray | None = None
        for term, weight in weights.items():
            i = self.slot.get(term)
            if i is None:
                continue
            row = self._dense.get(i)
            if row is None:
                lo, hi = self._bounds[i], self._bounds[i + 1]
                # add.at has a fast path for 1-d float arrays: ~2× `scores[ids] += …`, same sums
                np.add.at(scores, self.doc_ids[lo:hi], weight * self.contributions[lo:hi])
            else:
                scratch = np.multiply(row, weight, out=scratch)
                scores += scratch
        return scores

    def _row(self, i: int) -> FloatArray:
        """Term i's score in every passage, 0 where it is absent."""
        row = np.zeros(self.size)
        lo, hi = self._bounds[i], self._bounds[i + 1]
        row[self.doc_ids[lo:hi]] = self.contributions[lo:hi]
        return row


def _count_terms(tokens: IntArray, doc_len: npt.NDArray[np.int64], vocabulary: int) -> Iterator[Postings]:
    """(term, passage, frequency) triples sorted by term then passage, a chunk of passages at a time."""
    ends = np.cumsum(doc_len)
    lo = 0
    while lo < len(doc_len):
        start = int(ends[lo - 1]) if lo else 0
        hi = max(lo + 1, int(np.searchsorted(ends, start + CHUNK_TOKENS, side="right")))
        span = hi - lo
        key_type = np.int32 if span * vocabulary < 2**31 else np.int64  # int32 sorts ~2× faster
        keys: npt.NDArray[np.signedinteger[Any]] = tokens[start:int(ends[hi - 1])].astype(key_type)
        keys *= span
        keys += np.repeat(np.arange(span, dtype=key_type), doc_len[lo:hi])
        keys, tf = np.unique(keys, return_counts=True)
        yield (keys // span).astype(np.int32), (keys % span + lo).astype(np.int32), tf
        lo = hi


def _lay_out(tokens: IntArray, doc_len: npt.NDArray[np.int64], offsets: IntArray, idf: FloatArray,
             doc_norm: FloatArray, k1: float) -> tuple[IntArray, FloatArray]:
    """Each term's passages and its score in each, in term order, passages ascending within a term.

    The chunks are counted a second time rather than kept from the first count: holding them
    all would add 12 bytes per posting to the peak memory.
    """
    ids = np.empty(int(offsets[-1]), dtype=np.int32)
    contributions = np.empty(int(offsets[-1]))
    filled = offsets[:-1].astype(np.int64)  # where each term's next posting goes
    for term, doc, tf in _count_terms(tokens, doc_len, len(idf)):
        at = filled[term] + _rank_in_run(term)
        ids[at] = doc
        # the operations, in order, of idf · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl))
        contributions[at] = idf[term] * (tf * (k1 + 1) / (tf + doc_norm[doc]))
        filled += np.bincount(term, minlength=len(idf))
    return ids, contributions


def _rank_in_run(sorted_values: IntArray) -> npt.NDArray[np.int64]:
    """Each element's position among the equal elements before it in a sorted array."""
    n = len(sorted_values)
    starts = np.flatnonzero(np.concatenate(([True], sorted_values[1:] != sorted_values[:-1])))
    return np.arange(n) - np.repeat(starts, np.diff(np.append(starts, n)))


def _okapi_idf(df: npt.NDArray[np.int64], order: list[int], size: int, epsilon: float) -> tuple[FloatArray, float]:
    """rank_bm25's idf per term and its floor, summed in rank_bm25's order so the floor is the same float."""
    idf = np.empty(len(df))
    idf_sum = 0.0
    for i in order:
        n = int(df[i])
        value = math.log(size - n + 0.5) - math.log(n + 0.5)
        idf[i] = value
        idf_sum += value
    eps = epsilon * idf_sum / max(1, len(df))
    idf[idf < 0] = eps
    return idf, eps


def top_k(scores: FloatArray, k: int) -> list[int]:
    """Indices of the k best positive scores, best first, ties by index.

    The k-th best of an evenly spaced sample is a floor under the k-th best of all, so one
    comparison pass leaves a few hundred candidates to order. Partitioning all scores instead
    costs ~1 ms at 100k passages (and `argpartition(scores, -k)`, with most scores tied at
    zero, ~15 ms).
    """
    if k <= 0 or len(scores) == 0:
        return []
    sample = scores[::max(1, len(scores) // TOP_K_SAMPLE)]
    floor = -float(np.partition(-sample, k - 1)[k - 1]) if len(sample) > k else 0.0
    candidates = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores > 0)
    values = scores[candidates]
    if len(candidates) > k:
        kth = -np.partition(-values, k - 1)[k - 1]
        keep = values >= kth  # every score tied with the k-th one too
        candidates, values = candidates[keep], values[keep]
    order = np.argsort(-values, kind="stable")[:k]  # candidates ascend, so ties stay by index
    return [int(i) for i in candidates[order]]
