"""Turning an upload into a document: what can go wrong, the admin's preview, captions.

An upload becomes what the shipped documents are: a UTF-8 `.txt` with one paragraph per line
beside a `.meta.json`, split by the same code as the rest of the corpus. The steps live by job:
`reading` gets the text out of a .txt, .docx or .pdf, `document_passages` builds the document's
tree and passages (a legal act by its articles), `store` writes the files. Nothing here knows
about Telegram; the bot maps each `IngestProblem` to a message.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

from knowledge.bounded import Limit
from knowledge.document_passages import described, document_passages, is_legal, parse_act
from knowledge.language import letter_counts
from knowledge.models import Document, DocumentKind, DocumentMeta, Passage
from knowledge.passages import build_passages
from knowledge.repair import repair

# The kinds an admin can choose; the shipped documents are a thesis chapter and an article.
KINDS = tuple(kind.value for kind in DocumentKind)
TITLE_CHARS = 200
# Fewer readable words than this is a stub (a title page, a caption sent as a file), not a document.
MIN_WORDS_TO_ADD = 20


class IngestProblem(StrEnum):
    """Why an upload or a removal was refused; the values are what the bot's messages key on."""

    UNSUPPORTED = "unsupported"
    BROKEN = "broken"
    EMPTY = "empty"
    NO_PASSAGES = "no_passages"
    DUPLICATE = "duplicate"
    UNKNOWN_DOCUMENT = "unknown_document"
    TOO_LARGE = "too_large"  # a limit of `knowledge.bounded.Limits` was passed; `limit` names it
    GARBLED = "garbled"  # decoded text that is not words of the known languages: a wrong encoding


class IngestError(ValueError):
    """An upload that cannot become a document; `detail` is for the log, `reason` for the reader.

    Nothing is written to the knowledge directory before the error is raised.
    """

    def __init__(self, reason: IngestProblem, detail: str, existing: str | None = None,
                 limit: Limit | None = None) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
        self.detail = detail
        self.existing = existing  # the document a duplicate repeats
        self.limit = limit  # the limit a TOO_LARGE upload passed

    @classmethod
    def over(cls, limit: Limit, detail: str) -> IngestError:
        return cls(IngestProblem.TOO_LARGE, detail, limit=limit)

    @classmethod
    def duplicate(cls, doc_id: str) -> IngestError:
        return cls(IngestProblem.DUPLICATE, f"the same text is already document {doc_id}", existing=doc_id)


# --- preview ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Preview:
    """What the index would make of a text, for the admin to see before adding it.

    `meta` is the metadata completed from the text (an act's kind, requisites and edition):
    what `add_document` should store.
    """

    passages: list[Passage]
    sections: list[str]  # distinct section titles, in order
    languages: list[str]  # passage languages, most passages first
    words: int
    meta: DocumentMeta
    articles: int = 0  # articles of a legal act, the excluded ones included

    @property
    def points(self) -> list[str]:
        """The пункты of a by-law that has no articles (a регламент: chapters of numbered пункты), in order."""
        return list(dict.fromkeys(number for p in self.passages if p.legal is not None and not p.legal.article
                                  for number in p.legal.paragraphs))

    @property
    def chapters(self) -> list[str]:
        """The chapters (or sections) of a legal act, in order."""
        return list(dict.fromkeys(p.legal.chapter or p.legal.part for p in self.passages
                                  if p.legal is not None and (p.legal.chapter or p.legal.part)))


def preview(doc_id: str, text: str, meta: DocumentMeta, filename: str = "") -> Preview:
    """Read and split the text exactly as `Index.build` will, without writing anything."""
    document = Document(doc_id=doc_id, raw=text, meta=meta)
    if is_legal(document):
        act = parse_act(document)
        meta = described(meta, act, filename)
        passages = document_passages(Document(doc_id=doc_id, raw=text, meta=meta), act)
        words = len(act.text.split())
    else:
        repaired = repair(document)
        passages = build_passages(repaired)
        words = len(repaired.text.split())
    readable = sum(p.words for p in passages if _readable(p.text))
    if readable < MIN_WORDS_TO_ADD:
        raise IngestError(IngestProblem.NO_PASSAGES,
                          f"{len(passages)} passages with {readable} words of readable text")
    return Preview(
        passages=passages,
        sections=list(dict.fromkeys(p.section for p in passages if p.section)),
        languages=[lang for lang, _ in Counter(p.lang for p in passages).most_common()],
        words=words,
        meta=meta,
        articles=len({p.legal.article for p in passages if p.legal is not None and p.legal.article}),
    )


def _readable(text: str) -> bool:
    """Words in Cyrillic or Latin letters, not digits, symbols or a PDF's unmapped glyphs."""
    cyrillic, _, latin = letter_counts(text)
    visible = sum(not c.isspace() for c in text)
    return cyrillic + latin >= 2 and cyrillic + latin >= 0.5 * visible


# --- captions -------------------------------------------------------------------------------

# Control characters (whitespace aside), zero-width and direction marks, the BOM: a U+202E in a title
# would turn every citation of the document around it, a NUL cuts it short in some clients.
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u206f\ufeff\ufff9-\ufffb]")


def clean_title(text: str) -> str:
    """A title, caption line or file name without invisible characters, its spaces collapsed."""
    return " ".join(_INVISIBLE.sub("", text).split())



