"""Choosing the one to three sentences of a passage that best answer a query."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from knowledge.models import Excerpt
from knowledge.sentences import split_sentences

MAX_SENTENCES = 3
SHORT_WORDS = 18
MAX_WORDS = 70


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def make_excerpt(text: str, positioned: Iterable[tuple[str, int, int]],
                 importance: Callable[[str], float], weights: Mapping[str, float],
                 sentences: Sequence[tuple[int, int]] | None = None) -> Excerpt:
    """Best sentence by the matched terms' importance, widened with matching neighbours."""
    sentences = list(sentences or split_sentences(text)) or [(0, len(text))]
    matched = [(term, s, e) for term, s, e in positioned if term in weights]
    values: list[float] = []
    for start, end in sentences:
        terms = {term for term, s, _ in matched if start <= s < end}
        values.append(sum(weights[t] * importance(t) for t in terms))
    best = max(range(len(sentences)), key=lambda i: (values[i], -i))
    first = last = best

    def words(a: int, b: int) -> int:
        return len(text[sentences[a][0]:sentences[b][1]].split())

    while last - first + 1 < MAX_SENTENCES:
        options = []
        if first > 0:
            options.append((values[first - 1], first - 1))
        if last + 1 < len(sentences):
            options.append((values[last + 1], last + 1))
        if not options:
            break
        value, pick = max(options)
        wide = (min(first, pick), max(last, pick))
        if words(*wide) > MAX_WORDS or (value <= 0 and words(first, last) >= SHORT_WORDS):
            break
        first, last = wide
    start, end = sentences[first][0], sentences[last][1]
    marks = _merge((s - start, e - start) for term, s, e in matched
                   if start <= s and e <= end and not term.startswith("="))
    return Excerpt(text=text[start:end], marks=marks, strength=values[best])
