"""Text-level repair rules for what Word export and PDF extraction broke.

Each rule is a pure ``str -> str`` function so that it can be tested on real snippets.
"""

from __future__ import annotations

import re
import unicodedata

# The article's font mapping put SIX-PER-EM SPACE (U+2006) after almost every "а"/"е";
# it always sits *inside* a word (a real word break keeps its ordinary space after it),
# so it is deleted, not turned into a space.
DELETED_CHARS = dict.fromkeys(map(ord, "\u2006\u00ad\u200b\u200c\u200d\u2060\ufeff"))
SPACE_CHARS = dict.fromkeys(
    map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2007\u2008\u2009\u200a\u202f\u205f\u3000"),
    " ",
)

# Private-use markers that survive the other rules and are resolved last (see repair.py).
FOOTNOTE_MARK = "\ue000"
FOOTNOTE_END = "\ue001"
HEADING_MARK = "\ue002"

UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "a-zа-яёәғқңөұүһі"

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:(\d+)\]")
_FOOTNOTE_BODY = re.compile(r"\[(\d+):([^\]]*)\]")
_BULLET_INLINE = re.compile(r"[ \t]*-\t+")
_BULLET_LINE = re.compile(r"^[ \t]*[·•▪●◦]\s*", re.M)
_GLUED_SENTENCE = re.compile(rf"(?<=[{LOWER}][.!?])(?=[«\"]?[{UPPER}])")
_GLUED_QUOTE = re.compile(rf"(?<=[{LOWER}][.!?][»”\"])(?=[{UPPER}])")
_GLUED_CITATION = re.compile(rf"(?<=\d\])(?=[{UPPER}{LOWER}])")
_GLUED_PUNCT = re.compile(rf"(?<=[{LOWER}][;,])(?=[{UPPER}{LOWER}])")
_SPACES = re.compile(r"[ \t]+")


def clean_characters(text: str) -> str:
    """NFC, Unix newlines, stray spacing and invisible characters removed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.translate(DELETED_CHARS).translate(SPACE_CHARS)


def remove_bookmarks(text: str) -> str:
    """Drop Word's `[bookmark: _GoBack]` anchors."""
    return _BOOKMARK.sub("", text)


def extract_footnotes(text: str) -> tuple[str, dict[int, str]]:
    """Pull footnote bodies `[N: …]` out of the text and mark each `[footnoteRef:N]`.

    The reference becomes FOOTNOTE_MARK + N + FOOTNOTE_END so that its offset can be
    recorded once every other rule has run.
    """
    notes: dict[int, str] = {}

    def take(match: re.Match[str]) -> str:
        notes[int(match.group(1))] = " ".join(match.group(2).split())
        return ""

    text = _FOOTNOTE_BODY.sub(take, text)
    text = _FOOTNOTE_REF.sub(lambda m: f"{FOOTNOTE_MARK}{m.group(1)}{FOOTNOTE_END}", text)
    return text, notes


def unglue_bullets(text: str) -> str:
    """Put every list item on its own line starting with a bullet."""
    text = _BULLET_INLINE.sub("\n• ", text)
    return _BULLET_LINE.sub("• ", text)


def unglue_sentences(text: str) -> str:
    """Restore the space lost between sentences (`табылады.Жергілікті`)."""
    text = _GLUED_SENTENCE.sub(" ", text)
    text = _GLUED_QUOTE.sub(" ", text)
    text = _GLUED_CITATION.sub(" ", text)
    return _GLUED_PUNCT.sub(" ", text)


def tidy_whitespace(text: str) -> str:
    """One space between words, one line per paragraph, no empty lines."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


# Latin letters the portal's Kazakh texts put for Kazakh ones (Жергiлiктi): the index reads them
# as the Kazakh letters, so a span copied from the file is compared the same way.
_LOOKALIKES = str.maketrans({"i": "і", "ə": "ә"})


def squash(text: str) -> str:
    """Letters and digits only, lower-cased, look-alike letters folded: how a quoted span is found in a
    text whatever its spacing and punctuation (gold spans in the eval, an excerpt's lines in its passage)."""
    return "".join(ch for ch in text.lower().translate(_LOOKALIKES) if ch.isalnum())
