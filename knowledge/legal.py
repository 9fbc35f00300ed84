"""A Kazakhstan legal act as a tree of headed blocks: Раздел → Глава → Статья → пункт → подпункт.

The reader is the plain text a user copies from the official portal, in Russian or Kazakh:
an optional table of contents, the title block, the preamble, then the articles, with the
portal's amendment notes between them. The notes become the history of the node they speak
of and never part of a body, so that search, passages and citations see only the rule itself.
"""

from __future__ import annotations

import re
from dataclasses import replace

from knowledge.document_tree import Block, HistoryEntry, NodeKind
from knowledge.legal_lines import (
    GLUED_ARTICLE,
    Heading,
    is_signature,
    looks_like_title,
    match_appendix,
    match_heading,
    match_item,
    note_label,
)
from knowledge.legal_model import ContentsEntry, LegalDocument
from knowledge.legal_parallel import ArticleAlignment, align_articles
from knowledge.legal_requisites import ActKind, Requisites, is_enacting_line, is_requisites_line, parse_requisites
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
    # the act's requisites ("Приказ Министра … от 7 августа 2023 года № 150") or its preamble ends in the words
    # that enact it ("… ПРИКАЗЫВАЮ:", "… маслихат РЕШИЛ:"); its body is chapters of пункты
    head = [fold_lookalikes(line.text) for line in lines[:BYLAW_HEAD_LINES]]
    if not any(is_requisites_line(line) or is_enacting_line(line) for line in head):
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
    stamps = _stamps(lines[:stop])
    # the approved document begins under the first stamp (a later "stamp" heads one of its appendices)
    numbered = _numbered_chapters(lines[:stop], stamps[min(stamps)] if stamps else 0)
    stamped: list[str] = []  # the approval stamps' lines, each joined into one
    pre_tree = True
    approving = enacted = False
    chapter = 0  # the last chapter's number
    while i < stop:
        line = lines[i]
        if labelled := note_label(line.text):
            entry, i = read_note(text, lines, i, *labelled)
            builder.note(entry)
            continue
        if pre_tree and i in stamps:
            # «Утверждены приказом … № 1317» over the document the order approves: the act read here, named
            # by the title that follows and dated by the stamp
            stamped.append(" ".join(part.text for part in lines[i:stamps[i]]))
            for part in lines[i:stamps[i]]:
                builder.body(part)
            approving, i = True, stamps[i]
            continue
        if not pre_tree and (appendix := match_appendix(line.text)):
            # the approved document's forms and tables: no пункт of it, and their numbered lines are no пункты
            builder.heading(appendix, line)
        elif chapter_heading := numbered.get(i) or _loose_chapter(line.text, chapter + 1):
            pre_tree = False
            chapter = int(chapter_heading.number)
            builder.heading(chapter_heading, line)
        elif heading := match_heading(line.text):
            chapter = int(heading.number) if heading.kind is NodeKind.CHAPTER and heading.number.isdigit() else chapter
            pre_tree = False
            line, rest = _cut_at_contents_title(line, heading, titles)
            if rest is None:
                builder.heading(heading, line)
            else:
                builder.heading(match_heading(line.text) or heading, line)
                builder.body(rest)
        elif (item := match_item(line.text)) and builder.item(*item, line):
            pass
        elif pre_tree and not enacted and is_requisites_line(line.text):
            head.append(line.text)
        elif pre_tree and not title and not builder.preamble and _title_like(line.text):
            title = line.text
            head.append(line.text)
        elif pre_tree and approving and _title_like(line.text) and not is_signature(line.text):
            # «Утвержден приказом … / Типовой регламент маслихата»: the document the order approves is the act
            # read here, and is named by its own title
            title, approving = line.text, False
            builder.body(line)
        else:
            # the order's own пункты after «ПРИКАЗЫВАЮ:» name other acts («Признать утратившим силу решение …
            # от 27 марта 2015 года № 43-249»): not this act's requisites
            if pre_tree and not enacted:
                head.append(line.text)
            enacted = enacted or (pre_tree and is_enacting_line(line.text))
            builder.body(line)
        i += 1
    attach_named_notes(builder)
    nodes = tuple(freeze(d, text) for d in builder.roots)
    nodes = _name_from_contents(nodes, contents)
    tail = "\n".join(line.text for line in lines[stop:])
    act_notes = "\n".join(e.text for e in builder.act_history)
    requisites = parse_requisites("\n".join(stamped + head), tail, _balanced(title), lang, act_notes)
    if requisites.kind is None and (stamped or enacted):
        requisites = replace(requisites, kind=ActKind.REGULATION)  # an order or a decision, undated («от ___ № __»)
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


# The stamp over a document an order or a decision approves, on one line or several: "Утверждены приказом Министра
# юстиции РК от 28 августа 2018 года № 1317", "УТВЕРЖДЕНЫ / приказом Руководителя / … / № ", "Приложение к решению /
# … маслихата / от 15 декабря 2020 года № 64-340"; a Kazakh stamp ends with its verb: "Қазақстан Республикасы /
# Әділет министрінің / 2018 жылғы 28 тамыздағы / № 1317 бұйрығымен бекітілген", "… № 64-340 шешіміне қосымша".
_STAMP_START = re.compile(r"^(?:Утвержден[аоы]?|УТВЕРЖДЕН[АОЫ]?|Приложение\s+(?:№\s*)?(?:\d+\s+)?к\s+(?:решению"
                          r"|приказу|постановлению|распоряжению|совместному))(?!\w)")
_STAMP_END = re.compile(r"(?:бекітілген|бекітілді|(?:шешіміне|бұйрығына|қаулысына|өкіміне)\s+(?:\d+\s*-\s*)?"
                        r"қосымша)\s*$", re.I)
STAMP_LINES = 7  # a stamp's lines at most
STAMP_CHARS = 250  # …and a one-line stamp's characters
_STAMP_YEAR = re.compile(r"\d{4}\s*(?:года|г\.)\s*$")


def _stamps(lines: list[Line]) -> dict[int, int]:
    """The approval stamps: the index of each one's first line → the index after its last. A Russian stamp runs
    over short lines to the one with its number (or its year, when no number follows); a Kazakh one back from
    its verb over short lines that close no sentence. (An uploaded file's lines all stand a blank line apart.)"""
    found: dict[int, int] = {}
    for i, line in enumerate(lines):
        if len(line.text) >= STAMP_CHARS:
            continue
        if _STAMP_START.match(line.text):
            j = i + 1
            while j < len(lines) and j - i < STAMP_LINES and len(lines[j].text) < STAMP_CHARS // 2 \
                    and "№" not in lines[j - 1].text and not match_heading(lines[j].text) \
                    and not (_STAMP_YEAR.search(lines[j - 1].text) and not lines[j].text.startswith("№")):
                j += 1
            found[i] = j
        elif _STAMP_END.search(line.text):
            k = i
            while k > 0 and i - k < STAMP_LINES - 1 and len(lines[k - 1].text) < STAMP_CHARS // 2 \
                    and not lines[k - 1].text.endswith((".", ":", ";")) and not match_item(lines[k - 1].text):
                k -= 1
            found[k] = i + 1
    return found


# "Глава 2 Содержание собак и кошек.": a chapter heading with neither a dot after its number nor a title without one
_LOOSE_CHAPTER = re.compile(r"^(?:Глава|ГЛАВА)\s+(\d+)\s+([А-ЯЁ][^.;:]*)\.$"
                            r"|^(\d+)\s*-\s*тарау\s+([А-ЯӘҒҚҢӨҰҮҺІ][^.;:]*)\.$")


def _loose_chapter(line: str, expected: int) -> Heading | None:
    """A chapter heading written loosely, taken only as the next chapter in turn."""
    if (found := _LOOSE_CHAPTER.match(line)) is None or len(line.split()) > CHAPTER_WORDS:
        return None
    number, title = (found[1], found[2]) if found[1] else (found[3], found[4])
    return Heading(NodeKind.CHAPTER, number, title) if int(number) == expected else None


CHAPTER_WORDS = 12  # a numbered chapter heading's words at most ("2. Порядок выпаса сельскохозяйственных животных")


def _numbered_chapters(lines: list[Line], start: int) -> dict[int, Heading]:
    """A by-law's chapters numbered like its пункты ("1. Общие положения", "2. Порядок выпаса …"), from line `start`
    (the approved document's): a short line without closing punctuation, numbered as the next chapter, after
    which the пункты go on with the next number — where a пункт would be followed by the next after it."""
    if any((h := match_heading(line.text)) and h.kind in (NodeKind.CHAPTER, NodeKind.ARTICLE) for line in lines):
        return {}
    end = next((i for i in range(start, len(lines)) if match_appendix(lines[i].text)), len(lines))
    items = [(i, int(item[1]), item[2]) for i in range(start, end)
             if (item := match_item(lines[i].text)) and item[0] is NodeKind.PARAGRAPH and item[1].isdigit()]
    found: dict[int, Heading] = {}
    last = 0
    for at, (i, number, rest) in enumerate(items):
        following = items[at + 1][1] if at + 1 < len(items) else None
        if number == len(found) + 1 and following == last + 1 and looks_like_title(rest) \
                and len(rest.split()) <= CHAPTER_WORDS:
            found[i] = Heading(NodeKind.CHAPTER, str(number), rest)
        else:
            last = number
    return found if len(found) >= 2 else {}


def _balanced(title: str) -> str:
    """A title without the closing quote mark it has no opening one for («… в Алматинской области»)."""
    while title.endswith("»") and title.count("»") > title.count("«"):
        title = title[:-1].rstrip()
    return title


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
