"""Button labels for passages: an ordinal (or an act's article) and the first words, cut to fit a phone.

A label is interface text made from the corpus: it names a passage on a button where
Telegram shows about 40 characters, so it belongs with the keyboards, not with the search.
"""

from __future__ import annotations

import re

from knowledge.models import Passage

_MARKERS = re.compile(r"\[\d+(?:\s*,\s*\d+\s*б\.?)?\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|[•▪◦●■]")
_LEADING = re.compile(r"^(?:[·\-–—*]+|\d{1,2}[.)](?!\d))\s*")
_TRAILING = " ,;:–—-·(«“„\""


def _first_words(text: str) -> str:
    """The passage's words without bullets, footnote markers and a leading list number."""
    body = " ".join(_MARKERS.sub(" ", text).split())
    while True:
        stripped = _LEADING.sub("", body, count=1)
        if stripped == body:
            return body
        body = stripped


def passage_label(passage: Passage, width: int = 44) -> str:
    """A button title: ordinal and first words, cut on a word boundary, at most `width` long."""
    prefix = f"{passage.ordinal} · "
    words = _first_words(passage.text) or " ".join(passage.section.split())
    if passage.legal is not None and passage.legal.article:
        # an act's passage is named by its article, and its text keeps its пункт number
        article = passage.legal.article
        prefix = f"{article}-бап · " if passage.lang == "kk" else f"Ст. {article} · "
        words = " ".join(passage.text.split()) if passage.legal.paragraphs else words
    elif passage.legal is not None:
        prefix = ""
    full = prefix + words
    if len(full) <= width:
        return full.rstrip(" ·")
    room = width - len(prefix) - 1  # one for the ellipsis
    if room <= 0:  # not even one letter fits after the ordinal
        return full[: width - 1] + "…" if width > 0 else ""
    cut = words[: room + 1]
    space = cut.rfind(" ")
    # cut at the last space that fits; a first word longer than the room is cut inside
    head = cut[:space] if space > 0 else words[:room]
    head = head.rstrip(_TRAILING) or words[:room]
    return f"{prefix}{head}…"
