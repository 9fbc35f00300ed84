"""Article references read from questions and legal citations written for a reader."""

from __future__ import annotations

from datetime import date

import pytest

from knowledge.legal_reference import ArticleReference, legal_citation, named_act, read_bare_reference, read_reference
from knowledge.legal_requisites import ActKind, Requisites


@pytest.mark.parametrize(("question", "expected"), [
    ("статья 91 конституции", ArticleReference("91", act=ActKind.CONSTITUTION)),
    ("ст. 39-3 п. 2", ArticleReference("39-3", "2")),
    ("ст 39-3 пункт 2 закона", ArticleReference("39-3", "2", act=ActKind.LAW)),
    ("39-3-бап", ArticleReference("39-3")),
    ("91 бап", ArticleReference("91")),
    ("Конституцияның 89-бабы", ArticleReference("89", act=ActKind.CONSTITUTION)),
    ("39-3-бап 2-тармақ", ArticleReference("39-3", "2")),
    ("Заңның 27-бабының 1-тармағының 5 тармақшасы", ArticleReference("27", "1", "5", ActKind.LAW)),
    ("что говорит 91 статья", ArticleReference("91")),
    ("подпункт 3 пункта 1 статьи 6", ArticleReference("6", "1", "3")),
    ("article 91", ArticleReference("91")),
    # typed without Kazakh letters: «тармағы» as «тармагы», «тармақша» as «тармакша»
    ("заннын 3 бабы 2 тармагы", ArticleReference("3", "2", act=ActKind.LAW)),
    ("39-3 бап 2 тармакша", ArticleReference("39-3", subparagraph="2")),
])
def test_a_question_naming_an_article_is_read(question: str, expected: ArticleReference) -> None:
    assert read_reference(question) == expected


@pytest.mark.parametrize("question", [
    "что было в 90-х", "1991 жылы қандай заң қабылданды", "скока было местных советов", "п. 2", "",
    "мәслихат депутаттары 5 жылға сайланады",
])
def test_a_question_without_an_article_is_not_a_reference(question: str) -> None:
    assert read_reference(question) is None


@pytest.mark.parametrize(("question", "article"), [
    ("39-4 обязанности органов мсу", "39-4"), ("39-3 сход", "39-3"), ("  21-2", "21-2"),
    ("сход 39-3", None), ("2001-2006 жылдары", None), ("в 90-х", None), ("39-3-бап", None), ("91 бап", None),
])
def test_a_look_up_may_start_with_an_articles_dashed_number(question: str, article: str | None) -> None:
    """Only at the start and only dashed: the index then checks that a loaded act has that article."""
    found = read_bare_reference(question)
    assert (found.article if found else None) == article


LAW = Requisites(kind=ActKind.LAW, lang="ru", date=date(2001, 1, 23), number="148-II", edition=date(2014, 11, 7))
CONSTITUTION = Requisites(kind=ActKind.CONSTITUTION, lang="ru")


def test_citations_in_the_readers_language() -> None:
    assert legal_citation(CONSTITUTION, "91", ["1"], "ru") == "Конституция РК, ст. 91, п. 1"
    assert legal_citation(CONSTITUTION, "91", ["1"], "kk") == "ҚР Конституциясы, 91-бап, 1-тармақ"
    assert legal_citation(LAW, "39-3", ["2"], "ru") == (
        "Закон РК от 23.01.2001 № 148-II, ст. 39-3, п. 2 (ред. от 07.11.2014)")
    assert legal_citation(LAW, "39-3", ["2"], "kk") == (
        "ҚР 2001 жылғы 23 қаңтардағы № 148-II Заңы, 39-3-бап, 2-тармақ (07.11.2014 ж. редакциясы)")
    assert legal_citation(LAW, "6", ["1", "2"], "ru").endswith("ст. 6, пп. 1, 2 (ред. от 07.11.2014)")
    assert legal_citation(LAW, "6", ["1", "2"], "kk").endswith("6-бап, 1, 2-тармақтар (07.11.2014 ж. редакциясы)")


def test_an_act_without_date_and_number_is_named_by_its_title() -> None:
    unknown = Requisites(kind=ActKind.LAW, lang="ru")
    title = "О местном государственном управлении и самоуправлении в Республике Казахстан"
    assert legal_citation(unknown, "39-3", (), "ru", title) == f"Закон РК «{title}», ст. 39-3"
    assert legal_citation(unknown, None, (), "kk", "Жергілікті басқару туралы") == "ҚР «Жергілікті басқару туралы» Заңы"


def test_a_code_is_cited_by_its_name() -> None:
    """«Кодекс РК от 15.03.2025 № 171-VIII» would not say which code: its title names it."""
    budget = Requisites(kind=ActKind.CODE, lang="ru", date=date(2025, 3, 15), number="171-VIII")
    assert legal_citation(budget, "91", ["2"], "ru", "Бюджетный кодекс Республики Казахстан") == \
        "Бюджетный кодекс РК от 15.03.2025 № 171-VIII, ст. 91, п. 2"
    assert legal_citation(budget, "91", ["2"], "kk", "Қазақстан Республикасының Бюджет кодексі") == \
        "ҚР 2025 жылғы 15 наурыздағы № 171-VIII Бюджет кодексі, 91-бап, 2-тармақ"
    assert legal_citation(budget, "1", (), "ru", "Кодекс Республики Казахстан об административных правонарушениях") \
        .startswith("Кодекс РК об административных правонарушениях от 15.03.2025")
    assert legal_citation(budget, "1", (), "ru", "") == "Кодекс РК от 15.03.2025 № 171-VIII, ст. 1"  # no title: no name


def test_a_constitutional_law_is_cited_as_one() -> None:
    capital = Requisites(kind=ActKind.LAW, lang="ru", constitutional=True)
    title = "О статусе столицы Республики Казахстан"
    assert legal_citation(capital, "3", (), "ru", title) == f"Конституционный закон РК «{title}», ст. 3"
    assert legal_citation(capital, "3", (), "kk", "Астананың мәртебесі туралы") == \
        "ҚР «Астананың мәртебесі туралы» Конституциялық заңы, 3-бап"


@pytest.mark.parametrize(("question", "act"), [
    ("кто по Основному закону отвечает за положение дел в регионе", ActKind.CONSTITUTION),  # not a law: the Basic one
    ("с какого числа действует новый основной закон", ActKind.CONSTITUTION),
    ("Негізгі заң бойынша өңірдегі ахуал үшін кім жауапты", ActKind.CONSTITUTION),
    ("по закону о мсу кто созывает сход", ActKind.LAW),
    ("кто созывает сход", None),
    ("ст. 125 Конституционного закона о выборах", ActKind.LAW),  # a constitutional law is no Constitution
    ("сайлау туралы конституциялық заңның 97-бабы", ActKind.LAW),
    ("конституциялык зан бойынша", ActKind.LAW),
    ("статья 12 Конституции", ActKind.CONSTITUTION),
    ("скольким голосами принимаются конституционные законы", ActKind.CONSTITUTION),  # what it says of them
])
def test_the_act_a_question_names(question: str, act: ActKind | None) -> None:
    assert named_act(question) is act
