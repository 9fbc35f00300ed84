"""A passage's source as a reference to paste into an essay: ГОСТ Р 7.0.100–2018 style, in Russian and Kazakh.

Both references are made whatever the reader's language (an essay may be in either), each from
the catalogs in its own language. What the source does not state (author, year, place) is marked
as not stated, never guessed.
"""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from knowledge.models import DocumentMeta, Passage

DASH = ". – "  # the separator of the description's areas in ГОСТ Р 7.0.100–2018


def _kind(kind: str, locale: str) -> str:
    names = {
        "thesis_chapter": _("graduation thesis", locale=locale),
        "journal_article": _("journal article", locale=locale),
        "law": _("law", locale=locale),
        "textbook": _("textbook", locale=locale),
    }
    return names.get(kind, "")


def reference(passage: Passage, meta: DocumentMeta | None, locale: str) -> str:
    """One reference: title (= parallel title) : kind / authors. – place, year. – where the passage is."""
    title = meta.title if meta else passage.title
    head = title
    if meta and meta.title_ru and meta.title_ru != meta.title:
        head += f" = {meta.title_ru}"
    kind = _kind(meta.kind, locale) if meta else ""
    act_number = getattr(meta, "act_number", "") if meta else ""
    if act_number:
        kind = (kind + " " if kind else "") + _("No. {number}", locale=locale).format(number=act_number)
    if kind:
        head += f" : {kind}"
    if meta and meta.authors:
        head += " / " + ", ".join(meta.authors)
    year = str(meta.year) if meta and meta.year else _("[no year]", locale=locale)
    act_date = getattr(meta, "act_date", "") if meta else ""
    place = _("[no place]", locale=locale)
    imprint = f"{place}, {act_date or year}"
    where = _("section «{section}», passage {number}", locale=locale).format(section=passage.heading,
                                                                              number=passage.ordinal)
    article = getattr(passage, "article", None)
    if article:
        where = _("Art. {article}", locale=locale).format(article=article) + ", " + where
    return f"{head}{DASH}{imprint}{DASH}{where[:1].upper()}{where[1:]}."


def missing_facts(meta: DocumentMeta | None) -> bool:
    """Whether the source leaves out its author or year (the reader is told to check the original)."""
    dated = meta is not None and (meta.year is not None or bool(getattr(meta, "act_date", "")))
    return meta is None or not meta.authors or not dated
