"""A Kazakhstan legal act as a tree of headed blocks: Раздел → Глава → Статья → пункт → подпункт.

The reader is the plain text a user copies from the official portal, in Russian or Kazakh:
an optional table of contents, the title block, the preamble, then the articles, with the
portal's amendment notes between them. The notes become the history of the node they speak
of and never part of a body, so that search, passages and citations see only the rule itself.
"""

from __future__ import annotations

import re

from knowledge.document_tree import Block, HistoryEntry, NodeKind
from knowledge.legal_lines import (
    GLUED_ARTICLE,
    Heading,
    is_signature,
    match_heading,
    match_item,
    note_label,
)
from knowledge.legal_model import ContentsEntry, LegalDocument
from knowledge.legal_parallel import ArticleAlignment, align_articles
from knowledge.legal_requisites import ActKind, Requisites, is_requisites_line, parse_requisites
from knowledge.legal_text import detect_language, fold_lookalikes, normalise_legal_text
from knowledge.legal_tree import (
    Line,
    TreeBuilder,
    attach_named_notes,
    freeze,
    read_note,
    split_lines,
)

__all__ = [
    "ActKind",
    "ArticleAlignment",
    "Block",
    "ContentsEntry",
    "HistoryEntry",
    "LegalDocument",
    "NodeKind",
    "Requisites",
    "align_articles",
    "fold_lookalikes",
    "looks_like_legal_act",
    "parse_legal_act",
]


BYLAW_HEAD_LINES = 12  # the title block an act's requisites line stands in
BYLAW_ITEMS = 5  # numbered пункты that make a by-law without chapters


def looks_like_legal_act(text: str) -> bool:
    """Whether a text is a legal act (several article headings make up much of its lines).

    Ordinary documents (a thesis, an article that cites "статья 5") keep the prose path.
    """
    lines = split_lines(text[:400000])
    headings = [h for line in lines if (h := match_heading(line.text)) and h.kind is NodeKind.ARTICLE]
    numbers = {h.number for h in headings}
    if len(numbers) >= 3 and len(headings) * 40 >= len(lines):
        return True
    # a by-law (a regulation an order approves, a maslikhat's decision) has no articles: its title block states
    # the act's requisites ("Приказ Министра … от 7 августа 2023 года № 150"), its body is chapters of пункты
    if not any(is_requisites_line(line.text) for line in lines[:BYLAW_HEAD_LINES]):
        return False
    chapters = {h.number for line in lines if (h := match_heading(line.text)) and h.kind is NodeKind.CHAPTER}
    return len(chapters) >= 2 or sum(match_item(line.text) is not None for line in lines) >= BYLAW_ITEMS


def _contents_run(lines: list[Line]) -> tuple[int, int] | None:
    """Indices [i, j) of the leading table of contents: a run of heading-only lines whose
    first article heading comes again later in the text."""
    first = next((i for i, line in enumerate(lines[:400]) if match_heading(line.text)), None)
    if first is None:
        return None
    j = first
    articles: list[str] = []
    while j < len(lines) and (heading := match_heading(lines[j].text)):
        if heading.kind is NodeKind.ARTICLE:
            articles.append(heading.number)
        j += 1
    if len(articles) < 2:
        return None
    again = any(
        (h := match_heading(line.text)) and h.kind is NodeKind.ARTICLE and h.number == articles[0] for line in lines[j:]
    )
    return (first, j) if again else None


def _contents(text: str, lines: list[Line]) -> list[ContentsEntry]:
    entries: list[ContentsEntry] = []
    for line in lines:
        pieces = GLUED_ARTICLE.split(line.text)
        offset = line.start
        for piece in pieces:
            at = text.index(piece, offset)
            if heading := match_heading(piece):
                entries.append(ContentsEntry(heading.kind, heading.number, heading.title, at))
            offset = at + len(piece)
    return entries


def _signature_start(lines: list[Line]) -> int:
    """Index of the first line of the closing signature block (or len(lines))."""
    i = len(lines)
    while i > 0 and is_signature(lines[i - 1].text) and len(lines[i - 1].text) < 80:
        i -= 1
    return i


def parse_legal_act(raw: str, lang: str | None = None) -> LegalDocument:
    """Parse the plain text of an act into requisites, table of contents, preamble and tree."""
    lang = lang or detect_language(raw)
    text = normalise_legal_text(raw, lang)
    lines = split_lines(text)
    run = _contents_run(lines)
    contents = _contents(text, lines[run[0] : run[1]]) if run else []
    stop = _signature_start(lines)
    titles = {(entry.kind, entry.number): entry.title for entry in contents if entry.title}
    builder = TreeBuilder(text)
    head = [line.text for line in lines[: run[0]]] if run else []
    title = ""
    i = run[1] if run else 0
    pre_tree = True
    approving = False
    while i < stop:
        line = lines[i]
        if labelled := note_label(line.text):
            entry, i = read_note(text, lines, i, *labelled)
            builder.note(entry)
            continue
        if heading := match_heading(line.text):
            pre_tree = False
            line, rest = _cut_at_contents_title(line, heading, titles)
            if rest is None:
                builder.heading(heading, line)
            else:
                builder.heading(match_heading(line.text) or heading, line)
                builder.body(rest)
        elif (item := match_item(line.text)) and builder.item(*item, line):
            pass
        elif pre_tree and is_requisites_line(line.text):
            head.append(line.text)
        elif pre_tree and not title and not builder.preamble and _title_like(line.text):
            title = line.text
            head.append(line.text)
        elif pre_tree and approving and _title_like(line.text) and not is_signature(line.text):
            # «Утвержден приказом … / Типовой регламент маслихата»: the document the order approves is the act
            # read here, and is named by its own title
            title, approving = line.text, False
            builder.body(line)
        elif pre_tree and _APPROVED.search(line.text):
            approving = True
            head.append(line.text)
            builder.body(line)
        else:
            if pre_tree:
                head.append(line.text)
            builder.body(line)
        i += 1
    attach_named_notes(builder)
    nodes = tuple(freeze(d, text) for d in builder.roots)
    nodes = _name_from_contents(nodes, contents)
    tail = "\n".join(line.text for line in lines[stop:])
    act_notes = "\n".join(e.text for e in builder.act_history)
    requisites = parse_requisites("\n".join(head), tail, title, lang, act_notes)
    contents_span = (lines[run[0]].start, lines[run[1] - 1].end) if run else None
    return LegalDocument(
        text=text,
        lang=lang,
        requisites=requisites,
        contents=tuple(contents),
        nodes=nodes,
        history=tuple(builder.act_history),
        preamble=tuple(builder.preamble),
        contents_span=contents_span,
    )


def _cut_at_contents_title(line: Line, heading: Heading,
                           titles: dict[tuple[NodeKind, str], str]) -> tuple[Line, Line | None]:
    """An article's heading that runs on past the title its table-of-contents line gives, into a capitalised
    sentence, holds the article's first sentence too (a PDF joins the title at a page's foot to the text at
    the next page's top): the heading ends where the title does."""
    known = titles.get((heading.kind, heading.number), "")
    if heading.kind is not NodeKind.ARTICLE or not known or not heading.title.startswith(known):
        return line, None
    rest = heading.title[len(known):].strip()
    if not rest[:1].isupper():
        return line, None
    cut = line.text.rindex(rest)
    head = line.text[:cut].rstrip()
    return Line(line.start, line.start + len(head), head), Line(line.start + cut, line.end, rest)


# the line over an approved document: "Утвержден приказом Министра … от … № 150", "… № 150 бұйрығымен бекітілген"
_APPROVED = re.compile(r"^\s*Утвержден[аоы]?\s|бекітілген\s*$|бекітілді\s*$", re.I)


def _title_like(line: str) -> bool:
    return len(line) < 400 and not line.endswith((".", ";", ":", ","))


def _name_from_contents(nodes: tuple[Block, ...], contents: list[ContentsEntry]) -> tuple[Block, ...]:
    """Give an untitled article or chapter the name its table-of-contents line has."""
    names = {(e.kind, e.number): e.title for e in contents if e.title}
    if not names:
        return nodes

    def named(node: Block) -> Block:
        children = tuple(named(c) for c in node.children)
        title = node.title or names.get((node.kind, node.number), "")
        if title == node.title and children == node.children:
            return node
        return Block(
            node.kind, node.number, title, node.heading, node.body, node.start, node.end,
            node.spans, children, node.history, node.excluded,
        )  # fmt: skip

    return tuple(named(n) for n in nodes)
