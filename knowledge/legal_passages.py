"""Passages of a legal act: one article at a time, split at its пункты, never across two.

A student quotes "ст. 39-3, п. 2", so a passage must belong to one article and know the
пункты it holds; an excerpt that mixes two articles would mix two rules. The portal's
amendment notes stay out of the text and travel with the article as its history.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from knowledge.document_tree import ITEMS, NodeKind
from knowledge.legal_model import Block, LegalDocument
from knowledge.legal_short_forms import names_used, short_forms
from knowledge.models import LegalPlace, Passage
from knowledge.passages import MAX_CHARS, MAX_WORDS, pack_spans, passage_id, split_long
from knowledge.sentences import split_sentences

PREAMBLE = {"ru": "Преамбула", "kk": "Преамбула"}


@dataclass(frozen=True, slots=True)
class _Atom:
    """The smallest piece of an article a passage is made of: the intro, a пункт, a подпункт,
    or a sentence of a long one; `closes` is True when a пункт ends with it, `lead` is the intro
    announcing the list it is an item of («1. Маслихат:», «… следующие основные понятия:»)."""

    paragraph: str | None
    text: str
    closes: bool
    lead: str = ""


def _sentences(text: str) -> list[str]:
    """A text cut at sentence ends, and long sentences at clause breaks, to the passage limits."""
    spans = [piece for span in split_sentences(text, 0, len(text)) for piece in split_long(text, span)]
    return [text[s:e] for s, e in spans] or [text]


def _atoms(node: Block, paragraph: str | None, prefix: str = "", lead: str = "") -> Iterator[_Atom]:
    """A node's text in reading order, as pieces no longer than a passage."""
    whole = node.full_text()
    if prefix:
        whole = f"{prefix} {whole}".strip()
    if len(whole.split()) <= MAX_WORDS and len(whole) <= MAX_CHARS:
        yield _Atom(paragraph, whole, True, lead)
        return
    body = f"{prefix} {node.body}".strip() if prefix else node.body
    pieces: list[_Atom] = []
    if body:
        pieces += [_Atom(paragraph, piece, False, lead) for piece in _sentences(body)]
    items_lead = _announcing(body) or lead
    for child in _kept(node.children):
        number = child.number if child.kind is NodeKind.PARAGRAPH and node.kind is NodeKind.ARTICLE else paragraph
        heading = child.heading if child.kind in ITEMS else child.heading + "\n"
        pieces += list(_atoms(child, number, heading.strip(), items_lead))
    if pieces:
        last = pieces[-1]
        pieces[-1] = _Atom(last.paragraph, last.text, True, last.lead)
    yield from pieces


def _announcing(body: str) -> str:
    """A node's own text when it announces the items that follow («1. Маслихат:»), else ""."""
    return body.strip() if body.rstrip().endswith(":") else ""


_NUMBERED_LINE = re.compile(r"^(\d{1,3}(?:-\d{1,2})?)\.\s")


def _body_atoms(body: str) -> list[_Atom]:
    """A block's own text by lines: a line "3. …" is пункт 3 (a regulation's пункты stand in its
    chapters' text), and the lines after it belong to it until the next one."""
    atoms: list[_Atom] = []
    paragraph: str | None = None
    for line in (line for line in body.split("\n") if line.strip()):
        if found := _NUMBERED_LINE.match(line):
            if atoms:
                atoms[-1] = _Atom(atoms[-1].paragraph, atoms[-1].text, True)
            paragraph = found.group(1)
        atoms += [_Atom(paragraph, piece, False) for piece in _sentences(line)]
    if atoms:
        atoms[-1] = _Atom(atoms[-1].paragraph, atoms[-1].text, True)
    return atoms


def _article_atoms(article: Block) -> list[_Atom]:
    atoms = _body_atoms(article.body) if article.body else []
    lead = _announcing(article.body)  # «В настоящем Законе используются следующие основные понятия:»
    for child in _kept(article.children):
        number = child.number if child.kind is NodeKind.PARAGRAPH else None
        atoms += list(_atoms(child, number, child.heading, lead))
    return atoms


def _kept(children: tuple[Block, ...]) -> list[Block]:
    """The items an act still holds: «7-8. Исключены Законом …» leaves only its number, which says nothing in an
    answer (the note is the article's history)."""
    return [child for child in children if not child.gone]


def _places(act: LegalDocument) -> Iterator[tuple[Block, str, str]]:
    """Every article with the headings of its chapter and section."""

    def walk(nodes: tuple[Block, ...], chapter: str, part: str) -> Iterator[tuple[Block, str, str]]:
        for node in nodes:
            if node.kind is NodeKind.ARTICLE:
                yield node, chapter, part
            elif node.kind is NodeKind.CHAPTER:
                yield from walk(node.children, node.heading, part)
            elif node.kind is NodeKind.SECTION:
                yield from walk(node.children, chapter, node.heading)
            elif node.kind not in ITEMS:
                yield from walk(node.children, chapter, part)

    yield from walk(act.nodes, "", "")


def _blocks(act: LegalDocument) -> list[tuple[Block, str]]:
    """The innermost headed blocks of an act that has no articles, each with its chapter's heading: its chapters
    (else sections), and a chapter's параграфы in their own right (a regulation's «Глава 2 → Параграф 1 → пункты
    3–9»), after the chapter's own text before them."""
    for kind in (NodeKind.CHAPTER, NodeKind.SECTION):
        found: list[tuple[Block, str]] = []
        for node in act.of_kind(kind):
            parts = [child for child in node.children if child.kind is NodeKind.SUBCHAPTER]
            if not parts:
                found += [(node, "")] if node.full_text().strip() else []
                continue
            heading = article_heading(node)
            own = replace(node, children=tuple(child for child in node.children if child not in parts))
            found += [(own, "")] if own.full_text().strip() else []
            found += [(part, heading) for part in parts if part.full_text().strip()]
        if found:
            return found
    return []


def article_heading(article: Block) -> str:
    """The article's heading with its name ("Статья 39-3. Сходы …"), also when the name came from the contents."""
    if article.title and article.title not in article.heading:
        return f"{article.heading.rstrip('.')}. {article.title}"
    return article.heading


def legal_passages(doc_id: str, title: str, act: LegalDocument) -> list[Passage]:
    """The passages of a parsed act: its preamble, then each article cut at its пункты."""
    passages: list[Passage] = []
    seen: set[str] = set()

    def add(section: str, text: str, place: LegalPlace, start: int, end: int, lead: str = "") -> None:
        pid = passage_id(doc_id, f"{section}\n{text}")
        if pid in seen:
            pid = passage_id(doc_id, f"{len(passages)}\n{section}\n{text}")
        seen.add(pid)
        passages.append(Passage(passage_id=pid, doc_id=doc_id, title=title, section=section,
                                ordinal=len(passages) + 1, lang=act.lang, start=start, end=end,
                                text=text, legal=place, lead=lead if lead and lead not in text else ""))

    preamble = act.preamble_text().strip()
    if preamble and act.preamble:
        for group in _groups([_Atom(None, piece, True) for piece in _sentences(preamble)]):
            text = "\n".join(piece.text for piece in group)
            add(PREAMBLE.get(act.lang, PREAMBLE["ru"]), text, LegalPlace(article=""),
                act.preamble[0][0], act.preamble[-1][1])
    places = list(_places(act))
    if not places:
        # an act without articles (a regulation: Глава → пункт): each chapter is cut at its пункты
        places = [(node, chapter, "") for node, chapter in _blocks(act)]
    for article, chapter, part in places:
        heading = article_heading(article)
        history = tuple(entry.text for node in article.walk() for entry in node.history)
        if article.kind is not NodeKind.ARTICLE:
            for group in _groups(_article_atoms(article)):
                paragraphs = tuple(dict.fromkeys(a.paragraph for a in group if a.paragraph))
                add(heading, "\n".join(a.text for a in group),
                    LegalPlace("", "", paragraphs, chapter or (heading if article.kind is NodeKind.CHAPTER else ""),
                               heading if article.kind is NodeKind.SECTION else "", history),
                    article.start, article.end)
            continue
        if article.excluded or not article.full_text().strip():
            # kept so that a look-up of the article says what became of it
            add(heading, heading, LegalPlace(article.number, article.title, (), chapter, part, history, True),
                article.start, article.end)
            continue
        atoms = _article_atoms(article)
        for group in _groups(atoms):
            paragraphs = tuple(dict.fromkeys(a.paragraph for a in group if a.paragraph))
            text = "\n".join(a.text for a in group)
            add(heading, text, LegalPlace(article.number, article.title, paragraphs, chapter, part, history),
                article.start, article.end, group[0].lead)
    for appendix in act.of_kind(NodeKind.APPENDIX):
        # a form or a table the act approves with it: its numbered lines are a form's fields, not пункты
        history = tuple(entry.text for entry in appendix.history)
        for group in _groups(list(_atoms(appendix, None))):
            add(appendix.heading, "\n".join(a.text for a in group),
                LegalPlace("", "", (), appendix.heading, "", history), appendix.start, appendix.end)
    forms = short_forms(act.text, act.lang)
    return [replace(p, legal=replace(p.legal, names="\n".join(names))) if p.legal is not None
            and (names := names_used(p.text, forms)) else p for p in passages] if forms else passages


def _groups(atoms: list[_Atom]) -> Iterator[list[_Atom]]:
    """Consecutive atoms packed into passages, preferring cuts where a пункт ends."""
    words = [len(a.text.split()) for a in atoms]
    chars = [len(a.text) + 1 for a in atoms]
    if sum(words) <= MAX_WORDS and sum(chars) <= MAX_CHARS:
        yield atoms
        return
    for first, last in pack_spans(words, chars, [a.closes for a in atoms]):
        yield atoms[first:last]
