"""How a passage is cited and how its source is described, in the reader's language."""

from __future__ import annotations

from collections.abc import Iterable

from aiogram.utils.i18n import gettext as _

from bot.i18n import current_language
from bot.views.markup import escape, highlight, shorten
from knowledge.legal_lines import says_excluded
from knowledge.models import DocumentMeta, Passage

HISTORY_SHOWN = 5  # amendment notes listed under a legal source; the rest is "…"
HISTORY_CHARS = 300


def _by(meta: DocumentMeta) -> str:
    parts = [", ".join(meta.authors)] if meta.authors else []
    parts += [str(meta.year)] if meta.year else []
    return ", ".join(parts)


def citation(passage: Passage, meta: DocumentMeta | None, reference: str | None = None) -> str:
    """One line a student can quote: document, section, passage number, and author/year if known.

    A legal act's passage is quoted by its `reference` instead ("Конституция РК, ст. 91, п. 1",
    from `Index.citation`), the way an essay cites a law.
    """
    if reference:
        return f"📖 <i>{escape(reference)}</i>"
    title = meta.display_title(current_language()) if meta else passage.title
    by = f" ({escape(_by(meta))})" if meta and _by(meta) else ""
    return _("📖 <i>{title}</i>{by} · {section} · passage {number}").format(
        title=escape(title), by=by, section=escape(passage.heading), number=passage.ordinal)


def kind_name(kind: str) -> str:
    names = {
        "thesis_chapter": _("graduation thesis (part)"),
        "journal_article": _("journal article"),
        "law": _("law or regulation"),
        "constitution": _("constitution"),
        "code": _("code"),
        "regulation": _("regulation or decree"),
        "textbook": _("textbook"),
        "other": _("other"),
    }
    return names.get(kind, kind.replace("_", " "))


def language_name(code: str) -> str:
    names = {"kk": _("Kazakh"), "ru": _("Russian"), "en": _("English")}
    return names.get(code, code)


def bibliography(meta: DocumentMeta, passage: Passage, reference: str | None = None) -> str:
    """The document's full bibliographic entry, and where in it the passage is.

    For a legal act, the full reference and the article's amendment history (the portal's
    notes, kept out of the searched text) follow.
    """
    unknown = _("not stated in the text")
    title = meta.full_title(current_language())
    lines = [
        _("📚 <b>Source</b>"),
        "",
        f"<b>{escape(title)}</b>",
    ]
    other = meta.title if title != meta.title else meta.title_ru
    if other:
        lines.append(f"<i>{escape(other)}</i>")
    lines += [
        "",
        _("Type: {kind}").format(kind=escape(kind_name(meta.kind))),
        _("Authors: {authors}").format(authors=escape(", ".join(meta.authors)) if meta.authors else unknown),
        _("Year: {year}").format(year=meta.year or unknown),
        _("Languages: {languages}").format(languages=", ".join(language_name(code) for code in meta.languages)),
        "",
    ]
    if passage.legal is not None and reference:
        lines.append(_("How to cite it: {reference}").format(reference=escape(reference)))
        history = passage.legal.history
        if history:
            lines += ["", _("Amendments to this article:")]
            lines += [f"• <i>{escape(shorten(entry, HISTORY_CHARS))}</i>" for entry in history[:HISTORY_SHOWN]]
            if len(history) > HISTORY_SHOWN:
                lines.append("…")
    else:
        lines.append(_("This passage: section «{section}», passage {number}.").format(
            section=escape(passage.heading), number=passage.ordinal))
    return "\n".join(lines)


def language_note(passage: Passage) -> str | None:
    """One short line when the passage is not in the reader's language."""
    if passage.lang == current_language():
        return None
    notes = {
        "kk": _("ℹ️ The passage is in Kazakh, as in the source."),
        "ru": _("ℹ️ The passage is in Russian, as in the source."),
        "en": _("ℹ️ The passage is in English, as in the source."),
    }
    return notes.get(passage.lang)


def cited(passage: Passage, meta: DocumentMeta | None, reference: str | None = None) -> str:
    """The citation, and the language note when the passage is not in the reader's language."""
    note = language_note(passage)
    line = citation(passage, meta, reference)
    return f"{line}\n{note}" if note else line


def repealed(passage: Passage) -> str | None:
    """One line under an article the act no longer holds: a look-up of it shows only its heading, and the portal's
    note («Статья 15 исключена Конституционным законом РК от 29.06.2018 № 162-VI») says what became of it."""
    if passage.legal is None or not passage.legal.excluded:
        return None
    note = next((entry for entry in passage.legal.history if says_excluded(entry)), "")
    line = _("🚫 This article has been repealed.")
    return f"{line} <i>{escape(shorten(note, HISTORY_CHARS))}</i>" if note else line


def whole_passage(passage: Passage, meta: DocumentMeta | None,
                  marks: Iterable[tuple[int, int]] = (), reference: str | None = None) -> str:
    """A passage in full, its matched words in bold, with its citation; a passage that continues a list
    opens with the list's lead-in, in italics, which says what its items are."""
    body = highlight(passage.text, marks)
    if passage.lead:
        body = f"<i>{escape(passage.lead.strip())}</i>\n{body}"
    quote = f"<blockquote>{body}</blockquote>"
    gone = repealed(passage)
    return "\n\n".join([_("📄 <b>Full passage</b>"), f"{quote}\n{gone}" if gone else quote,
                        cited(passage, meta, reference)])


def source_entry(passage: Passage, meta: DocumentMeta | None, reference: str | None = None) -> str:
    """The bibliographic entry of a passage's document (just the citation if its metadata is gone)."""
    if meta is not None:
        return bibliography(meta, passage, reference)
    return citation(passage, None, reference)
