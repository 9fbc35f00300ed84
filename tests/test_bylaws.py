"""By-laws as sources: a regulation an order approves, in both state languages, added like a law.

A maslikhat's regulation has no articles: an order («Приказ Министра … от … № 150») approves it, and its
body is chapters of numbered пункты. It is still an act: read as one without being told, named by its own
title and the order's date and number, cited by пункт, and linked to its text in the other language.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from knowledge.adding import add_file
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, seed
from knowledge.index import Index
from knowledge.legal import looks_like_legal_act, parse_legal_act
from knowledge.legal_reference import legal_citation
from knowledge.legal_requisites import ActKind
from tests.documents import ORDER_KK, ORDER_RU


@pytest.mark.parametrize(("text", "lang", "title"), [
    (ORDER_RU, "ru", "Типовой регламент маслихата"), (ORDER_KK, "kk", "Мәслихаттың үлгі регламенті"),
])
def test_an_order_approving_a_regulation_gives_its_requisites_and_the_regulations_title(
        text: str, lang: str, title: str) -> None:
    act = parse_legal_act(text)
    requisites = act.requisites
    assert act.lang == lang and requisites.kind is ActKind.REGULATION
    assert (requisites.date, requisites.number) == (date(2023, 8, 7), "150")
    assert requisites.title == title  # the approved document's, not the order's «Об утверждении …»
    assert [chapter.number for chapter in act.nodes] == ["1", "2"]


@pytest.mark.parametrize(("line", "expected"), [
    ("Решение маслихата города Алматы от 20 декабря 2023 года № 101", (date(2023, 12, 20), "101")),
    ("Постановление Правительства Республики Казахстан от 1 июля 2023 года № 530", (date(2023, 7, 1), "530")),
    ("Алматы қаласы мәслихатының 2023 жылғы 20 желтоқсандағы № 101 шешімі", (date(2023, 12, 20), "101")),
])
def test_a_by_laws_requisites_line_names_its_issuer_between_kind_and_date(
        line: str, expected: tuple[date, str]) -> None:
    text = f"Регламент\n{line}\nГлава 1. Общие\n1. Текст.\nГлава 2. Сессии\n2. Текст.\n"
    requisites = parse_legal_act(text).requisites
    assert (requisites.date, requisites.number) == expected and requisites.kind is ActKind.REGULATION


def test_a_by_law_is_read_as_an_act_without_being_told_and_prose_is_not() -> None:
    assert looks_like_legal_act(ORDER_RU) and looks_like_legal_act(ORDER_KK)
    for seed_file in sorted((DEFAULT_KNOWLEDGE_DIR / "documents").glob("*.txt")):
        assert not looks_like_legal_act(seed_file.read_text(encoding="utf-8"))
    # numbered lines and chapters without a requisites line in the title block stay prose
    assert not looks_like_legal_act("Дипломная работа\nГлава 1. Теория\n1. Первое.\nГлава 2. Практика\n2. Второе.\n")


def test_a_regulation_is_cited_by_title_order_and_пункт() -> None:
    requisites = parse_legal_act(ORDER_RU).requisites
    assert legal_citation(requisites, None, ["3"], "ru", requisites.title) \
        == "«Типовой регламент маслихата» (от 07.08.2023 № 150), п. 3"
    assert legal_citation(requisites, None, ["3"], "kk", "Мәслихаттың үлгі регламенті") \
        == "«Мәслихаттың үлгі регламенті» (2023 жылғы 7 тамыздағы № 150), 3-тармақ"


@pytest.fixture(scope="module")
def bylaw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bylaws")
    knowledge_dir = root / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    for name, text in (("reglament-ru.txt", ORDER_RU), ("reglament-kk.txt", ORDER_KK)):
        (root / name).write_text(text, encoding="utf-8")
        add_file(knowledge_dir, root / name, reindex=False)  # no --kind: found from the text
    return knowledge_dir


def test_the_two_texts_of_a_regulation_are_linked_and_answer_by_пункт(bylaw_dir: Path) -> None:
    index = Index.build(bylaw_dir)
    regulations = {meta.languages[0]: doc for doc, meta in index.documents.items() if meta.kind == "regulation"}
    assert set(regulations) == {"kk", "ru"}
    assert index.legal.links == {regulations["ru"]: regulations["kk"], regulations["kk"]: regulations["ru"]}
    top = index.search("сколько раз в год созывается очередная сессия маслихата", k=3).hits[0]
    assert top.passage.lang == "ru" and "не реже четырех раз в год" in top.excerpt.text
    assert top.passage.legal is not None and "3" in top.passage.legal.paragraphs
    assert index.citation(top.passage, "ru").startswith("«Типовой регламент маслихата» (от 07.08.2023 № 150), п")
    parallel = index.legal.parallel_of(top.passage)
    assert parallel is not None and parallel.lang == "kk" and "жылына кемінде төрт рет" in parallel.text


def test_the_regulations_own_language_text_answers_a_kazakh_question(bylaw_dir: Path) -> None:
    top = Index.build(bylaw_dir).search("мәслихат сессиясы жылына неше рет шақырылады", k=3).hits[0]
    assert top.passage.lang == "kk" and "кемінде төрт рет" in top.excerpt.text
