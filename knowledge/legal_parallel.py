"""Linking the Kazakh and Russian texts of one act article by article.

The two official texts of a Kazakhstan act carry the same article numbers ("Статья 39-3." /
"39-3-бап."), so the number is the link; titles differ in wording and cannot be compared.
"""

from __future__ import annotations

from dataclasses import dataclass

from knowledge.legal_model import Block, LegalDocument


@dataclass(frozen=True, slots=True)
class ArticleAlignment:
    """Article pairs of two texts of one act, and the articles only one of them has."""

    pairs: tuple[tuple[Block, Block], ...]
    only_left: tuple[str, ...]
    only_right: tuple[str, ...]

    @property
    def share(self) -> float:
        """Linked articles over all distinct article numbers of the two texts."""
        total = len(self.pairs) + len(self.only_left) + len(self.only_right)
        return len(self.pairs) / total if total else 0.0


def align_articles(left: LegalDocument, right: LegalDocument) -> ArticleAlignment:
    """Pair the articles of two texts by number, in the left text's order."""
    right_by_number = {a.number: a for a in right.articles()}
    left_numbers = {a.number for a in left.articles()}
    pairs = tuple((a, right_by_number[a.number]) for a in left.articles() if a.number in right_by_number)
    only_left = tuple(a.number for a in left.articles() if a.number not in right_by_number)
    only_right = tuple(a.number for a in right.articles() if a.number not in left_numbers)
    return ArticleAlignment(pairs, only_left, only_right)
