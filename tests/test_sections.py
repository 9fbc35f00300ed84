"""A question that names a part of a document ("ключевые слова", "аннотация статьи") gets that part whole."""

from __future__ import annotations

from dataclasses import replace

import pytest

from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.index import Index
from knowledge.models import Tier
from knowledge.tuning import DEFAULT


@pytest.mark.parametrize(("question", "heading", "lang"), [
    # the article's keywords are in English only: a Russian or Kazakh name of them finds them
    ("ключевые слова", "Keywords", "en"),
    ("түйін сөздер қандай", "Keywords", "en"),
    ("keywords of the article", "Keywords", "en"),  # "article" points at the article in English too
    # the abstract in the reader's language, from its first passage
    ("аннотация статьи", "Аннотация", "ru"),
    ("мақаланың аннотациясы", "Аннотация", "kk"),
    # the thesis's introduction, named in Russian and pointed at by "диплома"
    ("введение диплома", "Кіріспе", "kk"),
    ("что написано в заключении", "Қорытынды", "kk"),
    ("кючевые слова статьи", "Keywords", "en"),  # a slip in the name: read as the word it was meant to be
])
def test_a_named_section_opens_from_its_start(shipped_index: Index, question: str, heading: str, lang: str) -> None:
    result = shipped_index.search(question, k=3)
    top = result.hits[0].passage
    assert result.tier is Tier.CONFIDENT
    assert (top.heading, top.lang) == (heading, lang)
    first = min((p for p in shipped_index.passages if (p.doc_id, p.heading, p.lang) == (top.doc_id, heading, lang)),
                key=lambda p: p.ordinal)
    assert top.passage_id == first.passage_id
    assert result.hits[0].excerpt.text.startswith(first.text[:40])


@pytest.mark.parametrize("question", [
    "лишение свободы",  # «заключение» in the glossary's other sense: not the «Қорытынды»
    "введение новых налогов",  # asks about something beside the section's name
    "ключевые слова в законе о выборах",
])
def test_a_question_that_asks_more_is_searched(shipped_index: Index, question: str) -> None:
    result = shipped_index.search(question, k=3)
    assert not result.hits or result.hits[0].passage.heading not in {"Keywords", "Қорытынды", "Кіріспе"} \
        or result.tier is not Tier.CONFIDENT


def test_without_sections_the_keywords_are_not_found() -> None:
    """The switch the ablation uses: BM25 alone finds no English keyword list for a Russian reader."""
    plain = Index.build(DEFAULT_KNOWLEDGE_DIR, replace(DEFAULT, named_sections=False))
    result = plain.search("ключевые слова", k=3)
    assert not result.hits or result.hits[0].passage.heading != "Keywords"
