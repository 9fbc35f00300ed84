"""The named parts of a document a student may ask for whole: "аннотация статьи", "ключевые слова",
"кіріспе", "заключение диплома".

BM25 reads such a question as two or three words to find somewhere; the student wants the part
itself, from its start. A section is named by its heading — "Аннотация", "Keywords", "Қорытынды" —
and, when a glossary concept is that heading, by the concept's words in every language: "ключевые
слова" names the English "Keywords", "введение" the Kazakh "Кіріспе". Long headings ("1.1 Жергілікті
басқарудың теориялық негіздері …") name a subject, not a part, and are left to search.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from knowledge.analysis import Analyzer
from knowledge.glossary import Expander
from knowledge.models import Passage

MAX_HEADING_WORDS = 3  # a heading this short names a part of a document, a longer one its subject


@dataclass(frozen=True, slots=True)
class Section:
    """One short-headed section of a document and the phrases (index terms, any language) that name it."""

    doc_id: str
    heading: str
    lang: str
    names: frozenset[tuple[str, ...]]
    terms: frozenset[str]  # every term of its names
    positions: tuple[int, ...]  # its passages' positions in the index, in reading order


def named_sections(passages: Sequence[Passage], analyzer: Analyzer, expander: Expander) -> list[Section]:
    """The sections with short headings, each named by its heading and by a glossary concept that is it."""
    # the glossary's own lines, not the variants its synonym groups bridge to (заключение is a prison too)
    concepts: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index, written in enumerate(expander.written):
        for lang, variants in written.items():
            for _, terms in variants:
                concepts[(lang, *terms)].append(index)
    grouped: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for position, passage in enumerate(passages):
        if passage.heading and passage.legal is None and len(passage.heading.split()) <= MAX_HEADING_WORDS:
            grouped[(passage.doc_id, passage.heading, passage.lang)].append(position)
    sections = []
    for (doc_id, heading, lang), positions in grouped.items():
        own = tuple(analyzer.terms(heading, lang))
        if not own:
            continue
        names = {own} | {terms for index in concepts.get((lang, *own), ())
                         for variants in expander.written[index].values() for _, terms in variants if terms}
        ordered = tuple(sorted(positions, key=lambda p: passages[p].ordinal))
        sections.append(Section(doc_id, heading, lang, frozenset(names),
                                frozenset(term for name in names for term in name), ordered))
    return sections


def asked_sections(sections: Sequence[Section], ideas: Mapping[str, Sequence[str]],
                   incidental: Callable[[str, str], bool]) -> list[Section]:
    """The sections a question asks for whole: one of their names is all its words say, beside words
    that only point at the document ("статьи", "дипломда") or ask to see it ("покажи", "не айтылған"),
    which `incidental(words, doc_id)` tells. `ideas` are the question's ideas (their words) as the terms
    of its language: its own words, not the glossary's other senses of them («лишение свободы» is
    «заключение» in one of them, which would name the «Қорытынды»)."""
    asked = {term for terms in ideas.values() for term in terms}
    found = []
    for section in sections:
        if not any(set(name) <= asked for name in section.names):
            continue
        if all(set(terms) <= section.terms or incidental(words, section.doc_id) for words, terms in ideas.items()):
            found.append(section)
    return found
