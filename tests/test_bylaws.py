"""By-laws as sources: a regulation an order approves, in both state languages, added like a law.

A maslikhat's regulation has no articles: an order («Приказ Министра … от … № 150») approves it, and its
body is chapters of numbered пункты. It is still an act: read as one without being told, named by its own
title and the order's date and number, cited by пункт, and linked to its text in the other language.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from knowledge.adding import add_file
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, seed
from knowledge.document_tree import NodeKind
from knowledge.index import Index
from knowledge.legal import looks_like_legal_act, parse_legal_act
from knowledge.legal_passages import legal_passages
from knowledge.legal_reference import legal_citation
from knowledge.legal_requisites import ActKind
from knowledge.legal_short_forms import names_used, short_forms
from knowledge.reading import extract_text
from tests.documents import ORDER_KK, ORDER_RU, PORTAL_DECISION_RU, PORTAL_ORDER_KK, PORTAL_ORDER_RU


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


# --- by-laws as the portal's mirror gives them: no requisites line, a stamp over the approved rules -------------


@pytest.mark.parametrize("text", [PORTAL_ORDER_RU, PORTAL_ORDER_KK, PORTAL_DECISION_RU])
def test_a_by_law_is_known_by_its_enacting_words_and_dated_by_its_stamp_not_by_an_act_it_names(text: str) -> None:
    # an uploaded file is read one paragraph per line with a blank line between: the stamp's lines stand apart
    for version in (text, extract_text("act.txt", text.encode("utf-8"))):
        assert looks_like_legal_act(version)
        requisites = parse_legal_act(version).requisites
        assert requisites.kind is ActKind.REGULATION
        # the stamp's date and number; never those of the order its пункт 2 repeals (3 марта 2015 года № 77)
        expected = (date(2020, 12, 15), "64-340") if text is PORTAL_DECISION_RU else (date(2023, 9, 14), "205")
        assert (requisites.date, requisites.number) == expected


@pytest.mark.parametrize(("text", "title"), [
    (PORTAL_ORDER_RU, "Правила рассмотрения жалоб на решения маслихата"),
    (PORTAL_ORDER_KK, "Мәслихат шешімдеріне шағымдарды қарау қағидалары"),
    (PORTAL_DECISION_RU, "Правила выпаса сельскохозяйственных животных по области"),
])
def test_the_approved_rules_are_named_by_their_own_title_after_the_stamp(text: str, title: str) -> None:
    assert parse_legal_act(text).requisites.title == title


def test_chapters_numbered_like_пункты_are_chapters_and_the_пункты_keep_their_numbers() -> None:
    act = parse_legal_act(PORTAL_DECISION_RU)
    assert [(chapter.number, chapter.title) for chapter in act.nodes] \
        == [("1", "Общие положения"), ("2", "Порядок выпаса"), ("3", "Ответственность")]
    passages = legal_passages("decision", "Правила", act)
    found = {number for p in passages if p.legal is not None for number in p.legal.paragraphs}
    assert found == {"1", "2", "3", "4", "5"}
    spring = next(p for p in passages if "с 1 апреля" in p.text)
    assert spring.legal is not None and "3" in spring.legal.paragraphs and "Порядок выпаса" in spring.legal.chapter


@pytest.mark.parametrize("text", [PORTAL_ORDER_RU, PORTAL_ORDER_KK])
def test_пункты_of_a_параграф_and_an_appendixs_form_are_told_apart(text: str) -> None:
    act = parse_legal_act(text)
    passages = legal_passages("order", "Правила", act)
    located = [p for p in passages if p.legal is not None and p.legal.paragraphs]
    assert {number for p in located for number in p.legal.paragraphs} == {"1", "2", "3", "4", "5", "6"}
    # пункт 5 sits in Параграф 2 of Глава 2; its note is its history, not its text
    five = next(p for p in located if "5" in p.legal.paragraphs)
    assert not any(line.startswith(("Сноска", "Ескерту")) for line in five.text.split("\n"))
    # the form's «1. Фамилия …» is a field of Приложение 1, no second пункт 1 of the rules
    appendix = [p for p in passages
                if p.legal is not None and p.legal.chapter.startswith(("Приложение", "Қағидалардың"))]
    assert len(act.of_kind(NodeKind.APPENDIX)) == 1 and appendix and all(not p.legal.paragraphs for p in appendix)
    assert not any("____" in p.text for p in located)


@pytest.fixture(scope="module")
def portal_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("portal")
    knowledge_dir = root / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    for name, text in (("order-ru.txt", PORTAL_ORDER_RU), ("order-kk.txt", PORTAL_ORDER_KK),
                       ("decision-ru.txt", PORTAL_DECISION_RU)):
        (root / name).write_text(text, encoding="utf-8")
        add_file(knowledge_dir, root / name, reindex=False)
    return knowledge_dir


@pytest.mark.parametrize(("query", "lang", "opens"), [
    ("пункт 5 правил рассмотрения жалоб", "ru", "5. Жалоба рассматривается"),
    ("п. 3 правил выпаса", "ru", "3. Выпас сельскохозяйственных животных"),
    ("шағымдарды қарау қағидаларының 5-тармағы", "kk", "5. Шағым тіркелген күнінен"),
])
def test_a_by_laws_пункт_named_with_its_title_is_opened(portal_dir: Path, query: str, lang: str, opens: str) -> None:
    result = Index.build(portal_dir).search(query, k=3)
    assert result.tier.value == "confident"
    top = result.hits[0]
    assert top.passage.lang == lang and top.excerpt.text.startswith(opens)


def test_a_пункт_of_several_by_laws_named_by_none_of_them_is_not_guessed(portal_dir: Path) -> None:
    result = Index.build(portal_dir).search("пункт 5", k=3)  # both the complaint rules and the grazing rules have one
    assert result.tier.value != "confident" or len({hit.passage.doc_id for hit in result.hits}) > 1


def test_the_portals_two_texts_of_an_order_are_linked_and_cited_by_пункт(portal_dir: Path) -> None:
    index = Index.build(portal_dir)
    orders = {meta.languages[0]: doc for doc, meta in index.documents.items()
              if meta.kind == "regulation" and ("жалоб" in meta.title or "шағым" in meta.title)}
    assert index.legal.links == {orders["ru"]: orders["kk"], orders["kk"]: orders["ru"]}  # the decision has no pair
    top = index.search("за сколько дней рассматривается жалоба на решение маслихата", k=3).hits[0]
    assert top.passage.lang == "ru" and "пятнадцати рабочих дней" in top.excerpt.text
    citation = index.citation(top.passage, "ru", top.excerpt.text)  # the пункты the excerpt quotes: 5 (and 6)
    assert re.fullmatch(r"«Правила рассмотрения жалоб на решения маслихата» \(от 14\.09\.2023 № 205\), "
                        r"(?:п\. 5|пп\. 5, 6) \(ред\. от 01\.02\.2024\)", citation), citation
    parallel = index.legal.parallel_of(top.passage)
    assert parallel is not None and "он бес жұмыс күні" in parallel.text


@pytest.mark.parametrize("words", ["ПРИКАЗЫВАЕМ:", "БҰЙЫРАМЫЗ:", "акимат ПОСТАНОВЛЯЕТ:", "әкімдігі ҚАУЛЫ ЕТЕДІ:",
                                   "ШЕШІМ ЕТЕМІН:", "ШЕШIМ ҚАБЫЛДАДЫ:"])  # the last with the portal's Latin I
def test_every_way_a_by_law_is_enacted_makes_it_an_act(words: str) -> None:
    text = PORTAL_DECISION_RU.replace("областной маслихат РЕШИЛ:", words)
    assert words in text and looks_like_legal_act(text)


@pytest.mark.parametrize(("stamp", "title"), [
    ("УТВЕРЖДЕН\nУказом Президента\nРеспублики Казахстан\nот 3 декабря 2013 года\n№ 704",
     "Типовой регламент маслихата"),
    ("Қазақстан Республикасы\nПрезидентінің\n2013 жылғы 3 желтоқсандағы\n№ 704 Жарлығымен\nБЕКІТІЛГЕН",
     "Мәслихаттың үлгі регламенті"),
])
def test_a_regulation_a_decree_approves_is_dated_by_the_decree(stamp: str, title: str) -> None:
    text = (f"Об утверждении\n\n1. Утвердить прилагаемый регламент.\n\n{stamp}\n\n{title}\n\n"
            "Глава 1. Общие положения\n\n1. Текст регламента.\n\nГлава 2. Сессии\n\n2. Сессия созывается.\n")
    requisites = parse_legal_act(text).requisites
    assert (requisites.date, requisites.number, requisites.title) == (date(2013, 12, 3), "704", title)


COMMISSION_RU = """Положение о Республиканской бюджетной комиссии

Глава 1. Общие положения

1. Настоящее Положение определяет порядок деятельности Республиканской бюджетной комиссии (далее – Комиссия).

2. Комиссия является консультативно-совещательным органом при Правительстве Республики Казахстан и рассматривает
проекты бюджетов, бюджетные программы и отчеты об их исполнении, а также вносит предложения по распределению средств.

Глава 2. Порядок работы

3. Заседания Комиссии проводятся по мере необходимости.

4. Протоколы заседаний Комиссии оформляет рабочий орган в течение пяти рабочих дней.
"""


def test_an_acts_short_forms_are_read_with_their_full_names() -> None:
    assert short_forms(COMMISSION_RU, "ru") == {"Комиссия": "Республиканской бюджетной комиссии"}
    kazakh = "1. Республикалық бюджет комиссиясы (бұдан әрі – Комиссия) құрылсын."
    assert short_forms(kazakh, "kk") == {"Комиссия": "Республикалық бюджет комиссиясы"}
    # a lower-case term, a unit and a name whose own words are not before it define nothing here
    assert short_forms("Дисциплинарный проступок (далее – проступок). Длина 5 сантиметров (далее – см). "
                       "Правила выгула собак в Алматинской области (далее – Порядок).", "ru") == {}
    forms = short_forms(COMMISSION_RU, "ru")
    assert names_used("4. Протоколы заседаний Комиссии оформляет рабочий орган.", forms) == [forms["Комиссия"]]
    assert names_used("Постоянная комиссия маслихата.", forms) == []  # not the short form, which is capitalised


def test_a_passage_using_a_short_form_is_found_by_the_full_name(tmp_path: Path) -> None:
    """«Протоколы заседаний Комиссии …» answers "протоколы республиканской бюджетной комиссии", though it never
    says the name: another regulation's «протоколы заседаний» say more of the question's other words."""
    knowledge_dir = tmp_path / "knowledge"
    seed(knowledge_dir, DEFAULT_KNOWLEDGE_DIR)
    other = ("Регламент постоянной комиссии маслихата\n\nГлава 1. Общие положения\n\n1. Протоколы заседаний постоянной "
             "комиссии оформляет секретарь. Протоколы заседаний подписываются председателем и хранятся в аппарате "
             "маслихата вместе с материалами к заседаниям.\n\nГлава 2. Заседания\n\n2. Заседания проводятся "
             "ежемесячно, а внеочередные заседания созываются председателем по предложению не менее трех членов "
             "комиссии или по решению сессии маслихата.\n")
    for name, text in (("commission.txt", COMMISSION_RU), ("other.txt", other)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        add_file(knowledge_dir, tmp_path / name, kind="regulation", reindex=False)
    index = Index.build(knowledge_dir)
    top = index.search("кто оформляет протоколы заседаний республиканской бюджетной комиссии", k=3).hits[0]
    assert top.passage.legal is not None and "4" in top.passage.legal.paragraphs
    assert index.documents[top.passage.doc_id].title.startswith("Положение о Республиканской")
    assert top.passage.legal.names == "Республиканской бюджетной комиссии"
