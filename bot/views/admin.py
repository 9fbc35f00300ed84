"""What the admin tools show: the document list, a removal to confirm, an upload's preview."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.stats import Unanswered
from bot.views.citation import kind_name, language_name
from bot.views.keyboards import dismiss_keyboard, remove_keyboard
from bot.views.markup import escape, shorten
from bot.views.replies import Reply
from knowledge.base import KnowledgeBase
from knowledge.ingest import KINDS, Preview
from knowledge.models import DocumentMeta

SECTIONS_SHOWN = 8
SHORT_TITLE_CHARS = 60


def kind_choices() -> list[tuple[str, str]]:
    """(kind, its name in the current language) for the kind buttons."""
    return [(kind, kind_name(kind)) for kind in KINDS]


def passages_of(kb: KnowledgeBase) -> Counter[str]:
    return Counter(p.doc_id for p in kb.index.passages)


def docs_list(kb: KnowledgeBase) -> str:
    counts = passages_of(kb)
    lines = [_("📚 <b>Documents</b> ({count})").format(count=len(kb.documents)), ""]
    for number, (doc_id, meta) in enumerate(kb.documents.items(), start=1):
        lines.append(_("{number}. <b>{title}</b>, {kind}: {passages} passages\n<code>{doc_id}</code>").format(
            number=number, title=escape(meta.short_title), kind=escape(kind_name(meta.kind)),
            passages=counts.get(doc_id, 0), doc_id=escape(doc_id)))
    lines += ["", _("Remove one with /remove followed by its number or id. Add one by sending a file "
                    "(.txt, .docx or .pdf).")]
    return "\n".join(lines)


def resolve_document(kb: KnowledgeBase, wanted: str) -> str | None:
    """A document named by its number in /docs, its id, or an unambiguous start of its id."""
    ids = list(kb.documents)
    if wanted.isdigit() and 1 <= int(wanted) <= len(ids):
        return ids[int(wanted) - 1]
    if wanted in kb.documents:
        return wanted
    starting = [doc_id for doc_id in ids if doc_id.startswith(wanted)]
    return starting[0] if len(starting) == 1 else None


def remove_confirmation(kb: KnowledgeBase, doc_id: str) -> Reply:
    meta = kb.documents[doc_id]
    count = passages_of(kb).get(doc_id, 0)
    text = _("Remove the document <b>{title}</b> (<code>{doc_id}</code>, {passages} passages) from the "
             "collection? I will no longer answer from it.").format(
        title=escape(meta.short_title), doc_id=escape(doc_id), passages=count)
    return Reply(text, remove_keyboard(doc_id))


def reload_report(kb: KnowledgeBase, took: float) -> str:
    return _("✅ Reloaded in {seconds:.1f} s: {documents} documents, {passages} passages, {topics} topics.").format(
        seconds=took, documents=len(kb.documents), passages=len(kb.index.passages), topics=len(kb.topics.topics))


def unanswered_view(items: list[Unanswered]) -> Reply:
    if not items:
        return Reply(_("🎉 No unanswered questions."))
    lines = [_("😕 <b>Unanswered questions</b>, latest first:"), ""]
    for number, item in enumerate(items, start=1):
        times = ngettext("asked {count} time", "asked {count} times", item.count).format(count=item.count)
        lines.append(f"{number}. {escape(shorten(item.text, 120))} <i>({times}, {escape(item.last_asked[:10])})</i>")
    lines += ["", _("✖ dismisses a question once the collection answers it or it is off-topic.")]
    return Reply("\n".join(lines), dismiss_keyboard([(item.query_id, n) for n, item in enumerate(items, 1)]))


def upload_meta(title: str, kind: str, filename: str, languages: tuple[str, ...]) -> DocumentMeta:
    """The metadata an uploaded document is stored with; what the upload cannot tell stays empty."""
    added = datetime.now(UTC).date().isoformat()
    return DocumentMeta(title=title, short_title=shorten(title, SHORT_TITLE_CHARS), kind=kind,
                        languages=languages, note=f"Uploaded by an admin on {added} from {filename}.")


def legal_lines(found: Preview) -> list[str]:
    """What an admin is shown of a legal act before adding it: its structure and requisites."""
    unknown = _("not stated in the text")
    meta = found.meta
    if found.articles:
        structure = _("⚖️ A legal act: {articles} articles in {chapters} chapters, {passages} passages.").format(
            articles=found.articles, chapters=len(found.chapters), passages=len(found.passages))
    else:  # a by-law (a regulation): chapters of пункты, no articles
        structure = _("⚖️ A by-law: {points} points in {chapters} chapters, {passages} passages.").format(
            points=len(found.points), chapters=len(found.chapters), passages=len(found.passages))
    lines = [
        structure,
        _("Number: {number}").format(number=escape(meta.act_number) or unknown),
        _("Adopted: {date}").format(date=escape(meta.act_date) or unknown),
    ]
    if meta.edition:
        lines.append(_("Edition of: {date}").format(date=escape(meta.edition)))
    lines += [f"• {escape(shorten(chapter, 80))}" for chapter in found.chapters[:SECTIONS_SHOWN]]
    if len(found.chapters) > SECTIONS_SHOWN:
        lines.append("…")
    return lines


def upload_preview(filename: str, meta: DocumentMeta, found: Preview) -> str:
    sections = [f"• {escape(shorten(title, 80))}" for title in found.sections[:SECTIONS_SHOWN]]
    if len(found.sections) > SECTIONS_SHOWN:
        sections.append("…")
    lines = [
        _("📥 <b>{filename}</b>").format(filename=escape(filename)),
        _("Title: {title}").format(title=escape(meta.title)),
        _("Type: {kind}").format(kind=escape(kind_name(meta.kind))),
        _("Languages: {languages}").format(languages=", ".join(language_name(code) for code in found.languages)),
        "",
        *(legal_lines(found) if found.articles or found.points else [
            _("Found {passages} passages in {sections} sections, {words} words.").format(
                passages=len(found.passages), sections=max(1, len(found.sections)), words=found.words),
            *sections]),
        "",
        _("Add it to the collection? It becomes searchable at once."),
    ]
    return "\n".join(lines)
