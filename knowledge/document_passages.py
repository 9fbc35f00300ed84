"""From a stored document to its passages: a legal act through its tree of articles, other
text through its repaired sections.

Both the index and the admin's preview (`ingest.preview`) come here, so what an admin is shown
before adding a file is what search will hold.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from knowledge.legal import looks_like_legal_act, parse_legal_act
from knowledge.legal_model import LegalDocument
from knowledge.legal_passages import legal_passages
from knowledge.legal_requisites import ActKind, Requisites
from knowledge.models import Document, DocumentKind, DocumentMeta, Passage
from knowledge.passages import build_passages
from knowledge.repair import repair

# Document kinds that are legal acts, and the kind of act each is cited as.
LEGAL_KINDS: dict[str, ActKind] = {DocumentKind.LAW: ActKind.LAW, DocumentKind.CONSTITUTION: ActKind.CONSTITUTION,
               DocumentKind.CODE: ActKind.CODE, DocumentKind.REGULATION: ActKind.REGULATION}
# An act's number as Kazakhstan writes it: a running number and the convocation ("148-II", "36-VIII").
CONSTITUTIONAL = "constitutional"  # DocumentMeta.act_form of a constitutional law
ACT_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{1,4}-[IVX]{1,5})(?![0-9A-Za-z])")


def is_legal(document: Document) -> bool:
    """A legal act by its kind, or by its text when it was added as "other"."""
    if document.meta.kind in LEGAL_KINDS:
        return True
    return document.meta.kind in (DocumentKind.OTHER, "document") and looks_like_legal_act(document.raw)


def parse_act(document: Document) -> LegalDocument:
    """The act's tree, in the language its metadata states when it states one."""
    languages = document.meta.languages
    return parse_legal_act(document.raw, languages[0] if len(languages) == 1 else None)


def document_passages(document: Document, act: LegalDocument | None = None) -> list[Passage]:
    """Every passage of a document, in reading order; `act` is its parse when the caller has it."""
    if act is not None or is_legal(document):
        passages = legal_passages(document.doc_id, document.meta.title, act or parse_act(document))
        if any(p.legal is not None and (p.legal.article or p.legal.chapter or p.legal.part) for p in passages):
            return passages
        # no structure the parser knows: read as prose rather than lose the text
    return build_passages(repair(document))


def _date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def requisites_of(meta: DocumentMeta, lang: str) -> Requisites | None:
    """The requisites a citation of this document names, or None for a document that is no act."""
    kind = LEGAL_KINDS.get(meta.kind)
    if kind is None:
        return None
    return Requisites(kind=kind, lang=lang, title=meta.title, date=_date(meta.act_date), number=meta.act_number,
                      edition=_date(meta.edition), constitutional=meta.act_form == CONSTITUTIONAL)


def described(meta: DocumentMeta, act: LegalDocument, filename: str = "") -> DocumentMeta:
    """The metadata of an act completed from its text: kind, language, requisites and edition.

    What the admin stated wins (a title too: the act's own is taken only when none was given); the
    number is taken from the file name ("law-148-II-ru.txt")
    only when the text states none, since the portal's plain text often omits it. The edition
    is the one the text states, else the latest amendment the notes record.
    """
    stated = act.requisites
    kind = meta.kind
    if kind not in LEGAL_KINDS and stated.kind is not None:
        kind = stated.kind.value
    number = meta.act_number or stated.number
    if not number and (found := ACT_NUMBER.search(filename)):
        number = found.group(1)
    edition = stated.edition or act.latest_note_date()
    title = meta.title or sentence_case(stated.title)
    return replace(
        meta, title=title, short_title=meta.short_title or title, kind=kind,
        # the year it is known by: adopted, or else in force («Конституция 2026 года», in force from 01.07.2026)
        year=meta.year or next((day.year for day in (stated.date, stated.effective) if day), None),
        languages=meta.languages or (act.lang,), act_number=number,
        act_date=meta.act_date or (stated.date.isoformat() if stated.date else ""),
        edition=meta.edition or (edition.isoformat() if edition and kind != "constitution" else ""),
        act_form=meta.act_form or (CONSTITUTIONAL if stated.constitutional and kind == "law" else ""),
    )


# Words an all-capitals title keeps capitalised when it is written in sentence case.
_PROPER = re.compile(r"(?<!\w)(казахстан\w*|қазақстан\w*|республик\w*|конституци\w*)", re.I)


def sentence_case(title: str) -> str:
    """"КОНСТИТУЦИЯ РЕСПУБЛИКИ КАЗАХСТАН" → "Конституция Республики Казахстан": a title as a citation writes it."""
    if not title.isupper():
        return title
    return _PROPER.sub(lambda m: m.group(1).capitalize(), title.capitalize())
