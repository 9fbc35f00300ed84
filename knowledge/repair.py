"""From a raw document to repaired text with sections and footnotes."""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.document_tree import Block, NodeKind
from knowledge.language import detect_language
from knowledge.models import Document, RepairedDocument, Section
from knowledge.normalize import (
    FOOTNOTE_END,
    FOOTNOTE_MARK,
    HEADING_MARK,
    clean_characters,
    extract_footnotes,
    remove_bookmarks,
    tidy_whitespace,
    unglue_bullets,
    unglue_sentences,
)
from knowledge.structure import (
    LANGUAGE_TAGGED,
    TocEntry,
    is_toc_line,
    mark_glued_headings,
    mark_run_in_headings,
    mark_toc_headings,
    parse_toc,
)

_FOOTNOTE = re.compile(f"{FOOTNOTE_MARK}(\\d+){FOOTNOTE_END}")
# A footnote reference stays in the text as a superscript number (бірлестігі.¹).
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def repair_text(raw: str) -> tuple[str, list[TocEntry], dict[int, str]]:
    """Apply every repair rule; headings stay marked with HEADING_MARK."""
    text = remove_bookmarks(clean_characters(raw))
    text, notes = extract_footnotes(text)
    toc: list[TocEntry] = []
    body: list[str] = []
    for line in text.split("\n"):
        if not toc and is_toc_line(line):
            toc = parse_toc(line)
        else:
            body.append(line)
    text = mark_toc_headings("\n".join(body), toc)
    text = mark_glued_headings(text)
    text = mark_run_in_headings(text)
    text = unglue_bullets(text)
    text = unglue_sentences(text)
    return tidy_whitespace(text), toc, notes


def _preamble_title(toc: list[TocEntry], marked: str) -> str:
    """Text before the first heading is named after the first TOC entry if it is absent."""
    if not toc or f"{HEADING_MARK}{toc[0].heading}" in marked:
        return ""
    title = toc[0].title
    return title.capitalize() if title.isupper() else title


def repair(document: Document) -> RepairedDocument:
    """Repair a document and record its sections and footnote positions."""
    marked, toc, notes = repair_text(document.raw)
    out: list[str] = []
    length = 0
    headings: list[tuple[str, int, int]] = []  # title, heading line start, body start
    footnotes: list[tuple[int, str]] = []  # (offset, "N text")
    for line in marked.split("\n"):
        is_heading = line.startswith(HEADING_MARK)
        line = line.removeprefix(HEADING_MARK)
        pieces = _FOOTNOTE.split(line)
        clean = ""
        refs: list[tuple[int, str]] = []
        for i, piece in enumerate(pieces):
            if i % 2:
                refs.append((len(clean), f"{piece.translate(SUPERSCRIPT)} {notes.get(int(piece), '')}"))
                clean += piece.translate(SUPERSCRIPT)
            else:
                clean += piece
        stripped = clean.strip()
        if not stripped:
            continue
        start = length + (1 if out else 0)
        shift = len(clean) - len(clean.lstrip())
        footnotes += [(start + min(max(0, at - shift), len(stripped)), note) for at, note in refs]
        clean = stripped
        out.append(clean)
        length = start + len(clean)
        if is_heading:
            headings.append((clean, start, length + 1))
    text = "\n".join(out)
    sections = _sections(text, headings, _preamble_title(toc, marked))
    return RepairedDocument(document=document, text=text, tree=_tree(text, sections),
                            footnotes=tuple(footnotes))


def _tree(text: str, sections: tuple[Section, ...]) -> tuple[Block, ...]:
    """The headings as a tree: a "1.1" section under the chapter before it, the rest at the top."""
    roots: list[Block] = []
    for section in sections:
        block = Block(NodeKind.HEADING, "", section.title, section.title, text[section.start:section.end],
                      section.start, section.end, ((section.start, section.end),))
        if section.level > 1 and roots:
            parent = roots[-1]
            roots[-1] = replace(parent, children=(*parent.children, block), end=block.end)
        else:
            roots.append(block)
    return tuple(roots)


def _sections(text: str, headings: list[tuple[str, int, int]], preamble: str) -> tuple[Section, ...]:
    sections: list[Section] = []
    first = headings[0][1] if headings else len(text)
    if first > 0:
        sections.append(Section(title=preamble, start=0, end=max(0, first - 1)))
    for i, (title, _, body_start) in enumerate(headings):
        end = headings[i + 1][1] - 1 if i + 1 < len(headings) else len(text)
        body_start = min(body_start, end)
        if title.lower() in LANGUAGE_TAGGED:
            title = f"{title} ({detect_language(text[body_start:end])})"
        level = 2 if re.match(r"\d+\.\d+", title) else 1
        sections.append(Section(title=title, start=body_start, end=end, level=level))
    return tuple(sections)
