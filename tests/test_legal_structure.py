"""The legal-act reader on the real portal texts in ../shared/legal and on small synthetic acts."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pytest

from knowledge.legal import (
    ActKind,
    LegalDocument,
    NodeKind,
    align_articles,
    fold_lookalikes,
    looks_like_legal_act,
    parse_legal_act,
)
from knowledge.legal_lines import match_heading
from knowledge.legal_text import act_dates

LEGAL = Path(__file__).resolve().parents[2] / "shared" / "legal"
LAWS = ("law-148-II-ru-2014.txt", "law-148-II-kk-2014.txt")
CONSTITUTIONS = ("constitution-2026-ru.txt", "constitution-2026-kk.txt")
# What a note looks like wherever it stands: the portal's labels and the wording of its warnings.
NOTE = re.compile(r"Сноска|Ескерту|Примечание|Ескертпе|РЦПИ|РҚАО|предусмотрен\w* (?:изменени|исключ)|көзделген -")

pytestmark = pytest.mark.skipif(not LEGAL.is_dir(), reason="../shared/legal is not checked out beside the project")

_parsed: dict[str, LegalDocument] = {}


def parsed(name: str) -> LegalDocument:
    if name not in _parsed:
        _parsed[name] = parse_legal_act((LEGAL / name).read_text(encoding="utf-8"))
    return _parsed[name]


@pytest.mark.parametrize("name", LAWS)
def test_every_article_of_the_law_has_number_and_title(name: str) -> None:
    doc = parsed(name)
    numbers = [a.number for a in doc.articles()]
    assert len(numbers) == 55
    assert len(set(numbers)) == len(numbers)
    assert numbers[:3] == ["1", "2", "2-1"] and numbers[-1] == "41"
    assert {"21-1", "23-1", "24-1", "25-3", "39-3", "39-6"} <= set(numbers)
    assert all(a.title for a in doc.articles())
    assert [c.number for c in doc.of_kind(NodeKind.CHAPTER)] == ["1", "2", "2-1", "3", "3-1", "4"]


@pytest.mark.parametrize("name", LAWS)
def test_table_of_contents_is_recognised_and_kept_out_of_bodies(name: str) -> None:
    doc = parsed(name)
    assert doc.contents_span is not None and doc.contents_span[0] == 0
    listed = [e.number for e in doc.contents if e.kind is NodeKind.ARTICLE]
    found = {a.number for a in doc.articles()}
    # Every article the contents list is in the text; the contents of this edition lag behind
    # (24-1 in both, 25-1…25-3 and 39-4…39-6 in the Kazakh one are missing from it).
    assert set(listed) <= found
    assert len(listed) >= 48
    first_article = doc.articles()[0]
    assert first_article.start > doc.contents_span[1]
    for node in doc.walk():
        assert all(start > doc.contents_span[1] for start, _ in node.spans)


def test_glued_contents_line_gives_both_articles() -> None:
    listed = [e.number for e in parsed(LAWS[0]).contents if e.kind is NodeKind.ARTICLE]
    assert listed[listed.index("39-2") + 1] == "39-3"


@pytest.mark.parametrize("name", LAWS + CONSTITUTIONS)
def test_no_body_holds_an_amendment_note(name: str) -> None:
    doc = parsed(name)
    for node in doc.walk():
        assert not NOTE.search(node.body), (node.kind, node.number, node.body[:120])
    assert not NOTE.search(doc.preamble_text())
    assert doc.all_history(), "the notes are kept as history"


@pytest.mark.parametrize("name", LAWS)
def test_notes_are_history_of_their_article(name: str) -> None:
    doc = parsed(name)
    article_9 = doc.article("9")
    assert article_9 is not None
    assert any(date(2013, 6, 13) in entry.dates for entry in article_9.history)
    # The publisher's warning before article 6 names article 6, and is pending, not in force.
    pending = [e for e in doc.article("6").history if e.pending]  # type: ignore[union-attr]
    assert pending and date(2014, 5, 16) in pending[0].dates
    assert not any(e.pending for e in doc.article("5").history)  # type: ignore[union-attr]
    assert doc.latest_note_date() == date(2014, 11, 7)  # the edition of the README
    chapter = next(c for c in doc.of_kind(NodeKind.CHAPTER) if c.number == "2-1")
    assert chapter.history and date(2011, 7, 21) in chapter.history[0].dates


@pytest.mark.parametrize("name", LAWS)
def test_excluded_articles_are_kept_empty_and_flagged(name: str) -> None:
    doc = parsed(name)
    excluded = [a.number for a in doc.articles() if a.excluded]
    assert excluded == ["16", "40"]
    for number in excluded:
        article = doc.article(number)
        assert article is not None and article.body == "" and not article.children and article.history


def test_kazakh_and_russian_law_articles_align_by_number() -> None:
    alignment = align_articles(parsed(LAWS[0]), parsed(LAWS[1]))
    assert alignment.share >= 0.95
    assert len(alignment.pairs) == 55 and not alignment.only_left and not alignment.only_right
    ru, kk = next((ru, kk) for ru, kk in alignment.pairs if ru.number == "39-3")
    assert ru.title.startswith("Сходы местного сообщества") and kk.title.startswith("Жергілікті қоғамдастық жиын")
    assert [p.number for p in ru.children if p.kind is NodeKind.PARAGRAPH] == [
        p.number for p in kk.children if p.kind is NodeKind.PARAGRAPH
    ]


@pytest.mark.parametrize(("name", "title"), [(CONSTITUTIONS[0], "Местное"), (CONSTITUTIONS[1], "Жергілікті")])
def test_constitution_section_on_local_government(name: str, title: str) -> None:
    doc = parsed(name)
    assert len(doc.articles()) == 96
    assert [s.number for s in doc.of_kind(NodeKind.SECTION)][-3:] == ["IX", "X", "XI"]
    section = next(s for s in doc.of_kind(NodeKind.SECTION) if s.number == "IX")
    assert section.title.startswith(title)
    articles = {a.number: a for a in section.children}
    assert list(articles) == ["87", "88", "89", "90", "91"]
    paragraphs = {n: [p.number for p in a.children] for n, a in articles.items()}
    assert paragraphs == {
        "87": [],
        "88": ["1", "2", "3", "4", "5", "6"],
        "89": ["1", "2", "3", "4", "5", "6"],
        "90": ["1", "2", "3", "4"],
        "91": ["1", "2", "3", "4"],
    }
    assert [s.number for s in articles["88"].children[3].children] == ["1", "2", "3", "4", "5"]
    assert articles["87"].body and not articles["91"].history
    # The second part of ст. 91 п. 2 stays in п. 2.
    assert len(articles["91"].children[1].body.split("\n")) == 2


@pytest.mark.parametrize("name", LAWS + CONSTITUTIONS)
def test_requisites_and_language(name: str) -> None:
    doc = parsed(name)
    assert doc.lang == ("kk" if "-kk" in name else "ru")
    requisites = doc.requisites
    if name.startswith("law"):
        assert requisites.kind is ActKind.LAW and not requisites.constitutional
        assert requisites.title in (
            "О местном государственном управлении и самоуправлении в Республике Казахстан",
            "Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы",
        )
    else:
        assert requisites.kind is ActKind.CONSTITUTION
        assert requisites.effective == date(2026, 7, 1)
        assert doc.preamble_text().startswith(("Мы, единый народ", "Біз, біртұтас"))


@pytest.mark.parametrize("name", LAWS + CONSTITUTIONS)
def test_parsing_is_fast_and_recognised_as_a_legal_act(name: str) -> None:
    raw = (LEGAL / name).read_text(encoding="utf-8")
    # this process's CPU time, not the wall clock, which other tests running beside it stretch; the
    # parse takes about 0.1 s, so only a pathological (quadratic) one reaches the bound
    started = time.process_time()
    parse_legal_act(raw)
    assert time.process_time() - started < 2.0
    assert looks_like_legal_act(raw)


def test_kazakh_constitution_has_no_latin_schwa_left() -> None:
    """ст. 89, п. 4 writes «əкімдерін», «мəслихаты» with the Latin «ə»: read as «ә», the appointment of akims
    is found by «әкім» like the rest of the text."""
    doc = parsed(CONSTITUTIONS[1])
    assert "ə" not in doc.text and "бар қала әкімдерін" in doc.text


def test_kazakh_law_has_no_latin_lookalikes_left() -> None:
    doc = parsed(LAWS[1])
    assert "Жергiлiктi" not in doc.text and "Жергілікті" in doc.text
    assert not re.search(r"[а-яәғқңөұүһі][a-zA-Z]|[a-zA-Z][а-яәғқңөұүһі]", doc.text, re.I)
    assert "N 126-IV" in doc.text  # Latin words stay Latin


SYNTHETIC_RU = """Закон Республики Казахстан от 23 января 2001 года № 148-II.
О местном государственном управлении
(с изменениями и дополнениями по состоянию на 07.11.2014 г.)

Настоящий Закон регулирует отношения.

Глава 1. Общие положения

Статья 1. Основные понятия

В настоящем Законе используются следующие понятия:

   1) аким - представитель Президента;

   2) исключен Законом РК от 03.07.2013 № 124-V;

   27\\) маслихат - выборный орган.

   Сноска. Статья 1 в редакции Закона РК от 09.02.2009 N 126.
   Примечание РЦПИ!

   В статью 2-1 предусмотрено изменение Законом РК от 16.05.2014 № 203-V.

Статья 2-1 . Основы организации

1. Местное самоуправление осуществляется отдельно.

2. Местное самоуправление осуществляется членами сообщества:

   1) непосредственно;

   2) через маслихаты.

Статья 16. Исключена Законом РК от 21.07.2011 № 465-IV

Статья 17. Временные комиссии

Сноска. По всему тексту Закона:
слова "аульного" заменены словами "сельского" Законом РК от 03.07.2013 № 121-V;

слово "всеобщей" исключено Законом РК от 22.05.2007 N 255.
1. Маслихат вправе создавать временные комиссии.

   Президент
   Республики Казахстан
"""


def test_synthetic_russian_act() -> None:
    doc = parse_legal_act(SYNTHETIC_RU)
    requisites = doc.requisites
    assert requisites.kind is ActKind.LAW and requisites.lang == "ru"
    assert (requisites.date, requisites.number, requisites.edition) == (date(2001, 1, 23), "148-II", date(2014, 11, 7))
    assert requisites.title == "О местном государственном управлении"
    assert doc.preamble_text() == "Настоящий Закон регулирует отношения."
    first, second, excluded, last = doc.articles()
    assert [(s.number, s.excluded) for s in first.children] == [("1", False), ("2", True), ("27", False)]
    assert first.children[1].body == "" and first.children[2].heading == "27)"
    assert first.body == "В настоящем Законе используются следующие понятия:"
    assert [e.label for e in first.history] == ["Сноска"]
    assert (second.number, second.title) == ("2-1", "Основы организации")
    assert second.history[0].pending and second.history[0].dates == (date(2014, 5, 16),)
    assert [c.number for c in second.children[1].children] == ["1", "2"]
    assert second.full_text().splitlines()[2:] == ["1) непосредственно;", "2) через маслихаты."]
    assert excluded.excluded and excluded.body == "" and excluded.title.startswith("Исключена")
    assert last.children[0].body == "Маслихат вправе создавать временные комиссии."
    assert "Президент" not in last.full_text()
    whole_text_note = last.history[0]
    assert whole_text_note.dates == (date(2013, 7, 3), date(2007, 5, 22))
    assert doc.text[last.start : last.start + 10] == "Статья 17."


SYNTHETIC_KK = """Жергiлiктi мемлекеттiк басқару туралы
Қазақстан Республикасының 2001 жылғы 23 қаңтардағы № 148-II Заңы.

1-тарау. ЖАЛПЫ ЕРЕЖЕЛЕР

1-бап. Негiзгi ұғымдар

1. Yкiмет пен әкiм.

16-бап. Мәслихаттың тексеру комиссиясы

Ескерту. 16-бап алып тасталды - ҚР 2011.07.21 N 465-IV Заңымен.
17-бап. Уақытша комиссиялар

1. Мәслихат комиссиялар құрады.
"""


def test_windows_newlines_and_hard_spaces_read_the_same() -> None:
    plain = parse_legal_act(SYNTHETIC_RU)
    windows = parse_legal_act(SYNTHETIC_RU.replace("\n", "\r\n").replace("Статья 17.", "Статья\u00a017."))
    assert windows.text == plain.text
    assert [(a.number, a.title, a.start) for a in windows.articles()] == [
        (a.number, a.title, a.start) for a in plain.articles()
    ]


def test_synthetic_kazakh_act() -> None:
    doc = parse_legal_act(SYNTHETIC_KK)
    requisites = doc.requisites
    assert doc.lang == "kk" and requisites.kind is ActKind.LAW
    assert (requisites.date, requisites.number) == (date(2001, 1, 23), "148-II")
    assert requisites.title == "Жергілікті мемлекеттік басқару туралы"
    first, excluded, last = doc.articles()
    assert first.title == "Негізгі ұғымдар" and first.children[0].body == "Үкімет пен әкім."
    assert excluded.excluded and excluded.body == "" and excluded.history[0].dates == (date(2011, 7, 21),)
    assert not last.excluded and last.children[0].body == "Мәслихат комиссиялар құрады."


def test_kazakh_requisites_line_with_the_title_inside() -> None:
    line = "Қазақстан Республикасының 2001 жылғы 23 қаңтардағы № 148-II «Жергілікті басқару туралы» Заңы"
    doc = parse_legal_act(line + "\n\n1-бап. Бір\n\nМәтін.\n\n2-бап. Екі\n\nМәтін.\n")
    requisites = doc.requisites
    assert (requisites.date, requisites.number) == (date(2001, 1, 23), "148-II")
    assert requisites.title == "Жергілікті басқару туралы"
    assert requisites.line == line and not doc.preamble


def test_lookalikes_fold_only_inside_cyrillic_words() -> None:
    assert fold_lookalikes("Жергiлiктi өзiн-өзi басқару") == "Жергілікті өзін-өзі басқару"
    assert fold_lookalikes("N 126-IV, iPhone, Ivan") == "N 126-IV, iPhone, Ivan"
    assert fold_lookalikes("Yкiмет") == "Үкімет" and fold_lookalikes("Yказ", "ru") == "Указ"
    assert fold_lookalikes("облыс əкімдерін, мəслихаты жəне") == "облыс әкімдерін, мәслихаты және"  # the Latin schwa


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Статья 2-1 . Основы организации", (NodeKind.ARTICLE, "2-1", "Основы организации")),
        ("Статья 91", (NodeKind.ARTICLE, "91", "")),
        ("39-3-бап. Жиындар", (NodeKind.ARTICLE, "39-3", "Жиындар")),
        ("32-2 бап. Аудан әкімін тағайындау", (NodeKind.ARTICLE, "32-2", "Аудан әкімін тағайындау")),  # no hyphen
        ("5 бап бойынша өкілеттіктер", None),
        (
            "Раздел IX Местное государственное управление",
            (NodeKind.SECTION, "IX", "Местное государственное управление"),
        ),
        ("І бөлім Конституциялық құрылыс негіздері", (NodeKind.SECTION, "I", "Конституциялық құрылыс негіздері")),
        ("Глава 3-1 . Участие граждан", (NodeKind.CHAPTER, "3-1", "Участие граждан")),
        ("2-1-тарау. Тексеру комиссиялары", (NodeKind.CHAPTER, "2-1", "Тексеру комиссиялары")),
        ("Параграф 2. Бюджет местного самоуправления", (NodeKind.SUBCHAPTER, "2", "Бюджет местного самоуправления")),
        ("2-параграф. Өзін-өзі басқару бюджеті", (NodeKind.SUBCHAPTER, "2", "Өзін-өзі басқару бюджеті")),
        ("Статья 5 Закона гласит об этом.", None),
        ("Статья 5 настоящего Закона", None),
        ("6-бапқа өзгеріс енгізу көзделген", None),
        ("16-бап алып тасталды", None),
    ],
)
def test_heading_lines(line: str, expected: tuple[NodeKind, str, str] | None) -> None:
    heading = match_heading(line)
    assert (heading and (heading.kind, heading.number, heading.title)) == expected


CODE = """БЮДЖЕТНЫЙ КОДЕКС РЕСПУБЛИКИ КАЗАХСТАН
Кодекс Республики Казахстан от 4 декабря 2008 года № 95-IV.
РАЗДЕЛ 1. ОБЩАЯ ЧАСТЬ
Глава 1. ОСНОВНЫЕ ПОЛОЖЕНИЯ
Параграф 1. Общие положения
Статья 1. Отношения, регулируемые настоящим Кодексом
1. Настоящий Кодекс регулирует бюджетные отношения.
Статья 2. Бюджетная система
1. Бюджетная система состоит из республиканского и местных бюджетов.
Параграф 2. Бюджет местного самоуправления
Статья 3. Бюджет местного самоуправления
1. Бюджет местного самоуправления является бюджетом четвертого уровня.
"""


def test_a_codes_параграф_groups_articles_and_is_no_part_of_the_article_before_it() -> None:
    act = parse_legal_act(CODE)
    requisites = act.requisites
    assert (requisites.kind, requisites.date, requisites.number) == (ActKind.CODE, date(2008, 12, 4), "95-IV")
    assert act.requisites.line == "Кодекс Республики Казахстан от 4 декабря 2008 года № 95-IV"  # its own line only
    assert [article.number for article in act.articles()] == ["1", "2", "3"]
    assert all("Параграф" not in article.full_text() for article in act.articles())
    subchapters = act.of_kind(NodeKind.SUBCHAPTER)
    assert [node.title for node in subchapters] == ["Общие положения", "Бюджет местного самоуправления"]
    assert [node.title for node in act.of_kind(NodeKind.CHAPTER)] == ["ОСНОВНЫЕ ПОЛОЖЕНИЯ"]


def test_prose_is_not_a_legal_act() -> None:
    prose = "\n\n".join(
        [
            "Жергілікті өзін-өзі басқару туралы зерттеу.",
            "Статья 91 Конституции признаёт местное самоуправление.",
            "Кіріспе. Мақалада мәслихаттардың рөлі қарастырылады.",
        ]
        * 10
    )
    assert not looks_like_legal_act(prose)
    assert not looks_like_legal_act("")


@pytest.mark.parametrize(("text", "lang"), [
    ("О статусе столицы Республики Казахстан\n\nСноска. Вводится в действие с 01.07.2026 в соответствии с пунктом 1 "
     "статьи 2 настоящего Конституционного закона.\n\nНастоящий Конституционный Закон регулирует отношения.\n\n"
     "Статья 1. Столица\n\n1. Столица Республики Казахстан – город Астана.\n\n"
     "Статья 2. Введение в действие\n\n1. Настоящий Конституционный закон вводится в действие с 1 июля 2026 года.\n",
     "ru"),
    ("Қазақстан Республикасы астанасының мәртебесі туралы\n\nЕскерту. 01.07.2026 бастап қолданысқа енгізіледі – осы "
     "Конституциялық заңның 2-бабының 1-тармағымен.\n\nОсы Конституциялық заң қатынастарды реттейді.\n\n"
     "1-бап. Астана\n\n1. Қазақстан Республикасының астанасы – Астана қаласы.\n\n"
     "2-бап. Қолданысқа енгізу\n\n1. Осы Конституциялық заң 2026 жылғы 1 шілдеден бастап қолданысқа енгізіледі.\n",
     "kk"),
])
def test_a_constitutional_law_in_force_from_a_date_has_no_edition_yet(text: str, lang: str) -> None:
    """An act's own «Вводится в действие с …» note dates the act, not an amendment: no «ред. от» in its citation;
    «Настоящий Конституционный Закон» says it is a law."""
    doc = parse_legal_act(text)
    assert doc.lang == lang and doc.requisites.kind is ActKind.LAW and doc.requisites.constitutional
    assert doc.requisites.effective == date(2026, 7, 1)
    assert doc.latest_note_date() is None and [a.number for a in doc.articles()] == ["1", "2"]
    assert all(entry.in_force for entry in doc.all_history())


def test_a_chapter_heading_with_an_article_glued_to_it_is_two_headings() -> None:
    """A PDF copied as text joins the heading at a page's foot to the one at the next page's top."""
    doc = parse_legal_act("Глава 1. Общие положения\n\nСтатья 1. Понятия\n\n1. Текст первой статьи.\n\n"
                          "Глава 2. Маслихаты Статья 5. Порядок образования маслихатов\n\n1. Маслихаты избираются.\n")
    assert [(a.number, a.title) for a in doc.articles()] == [("1", "Понятия"), ("5", "Порядок образования маслихатов")]
    assert doc.article("5") is not None and doc.article("5").children[0].body == "Маслихаты избираются."


def test_an_article_heading_that_runs_into_its_first_sentence_ends_where_its_contents_title_does() -> None:
    """A PDF joins a title filling its last line at a page's foot to the article's text at the next page's top:
    the table of contents says where the title ends."""
    doc = parse_legal_act(
        "Статья 1. Понятия\n\nСтатья 34. Поселковые и сельские акиматы\n\n"
        "О местном государственном управлении\n\nСтатья 1. Понятия\n\n1. Текст первой статьи.\n\n"
        "Статья 34. Поселковые и сельские акиматы Поселковые и сельские акиматы не образуются.\n")
    article = doc.article("34")
    assert article is not None and article.title == "Поселковые и сельские акиматы"
    assert article.full_text().endswith("Поселковые и сельские акиматы не образуются.")


@pytest.mark.parametrize(("header", "item"), [("Примечание!", "6) ранее судимый."),
                                              ("Ескертпе!", "6) бұрын сотталған.")])
def test_a_bare_remark_header_and_its_text_are_no_part_of_a_пункт(header: str, item: str) -> None:
    # the portal's «Примечание!» on a line of its own, its remark on the next (a review by the Constitutional Court)
    text = (f"Статья 1. Ограничения\n1. Не может быть принят на службу гражданин:\n5) отказавшийся от ограничений;\n"
            f"{header}\nКонституционным Судом РК начато производство по проверке подпункта 6).\n{item}\n"
            "Статья 2. Права\n1. Служащий имеет право на отпуск.\nСтатья 3. Обязанности\n1. Служащий обязан.\n")
    act = parse_legal_act(text, "ru")
    first = act.nodes[0]
    assert "Конституционным Судом" not in first.full_text() and item in first.full_text()
    assert any("Конституционным Судом" in entry.text for node in first.walk() for entry in node.history)


@pytest.mark.parametrize(("note", "dates"), [
    ("Сноска. Статья 170 действует до 31.12.2027 в соответствии с пунктом 4 статьи 172 настоящего Кодекса.", ()),
    ("Сноска. Статья 5 с изменением, внесенным Законом РК от 24.06.2026 № 321-VIII (вводится в действие с "
     "01.07.2026).", (date(2026, 7, 1),)),
    ("Сноска. Статья 7 с изменениями, внесенными Законом РК от 07.11.2014 № 248-V (вводится в действие по истечении "
     "десяти календарных дней после дня его первого официального опубликования).", (date(2014, 11, 7),)),
    ("Ескерту. 32-1-баппен толықтырылды - ҚР 05.11.2022 № 157-VII (01.01.2023 бастап қолданысқа енгізіледі) "
     "Заңымен.", (date(2023, 1, 1),)),
    ("Ескерту. Өзгеріс енгізілді - ҚР 2011.07.22 N 479-IV Заңымен.", (date(2011, 7, 22),)),
])
def test_an_edition_is_dated_by_the_amendments_a_note_records(note: str, dates: tuple[date, ...]) -> None:
    """The edition is the latest amendment in force: the day it took effect where the note says, else the amending
    act's date — never a term the note sets («действует до 31.12.2027»), which would date the edition in the future."""
    assert act_dates(note) == dates


@pytest.mark.parametrize(("text", "lang"), [
    ("О выборах в Республике Казахстан\n\n"
     "Конституционный закон Республики Казахстан от 28 сентября 1995 года № 2464.\n\n"
     "Статья 1. Отношения\n\nНастоящий Конституционный закон регулирует отношения.\n", "ru"),
    ("Қазақстан Республикасындағы сайлау туралы\n\nҚазақстан Республикасының 1995 жылғы 28 қыркүйектегі № 2464 "
     "Конституциялық заңы.\n\n1-бап. Қатынастар\n\nОсы Конституциялық заң қатынастарды реттейді.\n", "kk"),
])
def test_a_constitutional_law_s_requisites_line_names_a_law(text: str, lang: str) -> None:
    """«Конституциялық заңы» begins like «Конституция»: the Kazakh text of the election law had been read as the
    Constitution, so "Конституцияның 12-бабы" opened it and its Russian text was never linked to it."""
    doc = parse_legal_act(text)
    assert doc.lang == lang and doc.requisites.kind is ActKind.LAW and doc.requisites.constitutional
    assert doc.requisites.number == "2464"


@pytest.mark.parametrize(("text", "lang"), [
    ("О выборах\n\nI. Общая часть\n\nСтатья 1. Свобода выборов\n\nВыборы свободны.\n\nII. Особенная часть\n\n"
     "Статья 2. Выборы маслихатов\n\nДепутаты избираются.\n\nПрезидент Республики Казахстан\n", "ru"),
    ("Сайлау туралы\n\n1. Жалпы бөлім\n\n1-бап. Сайлау бостандығы\n\nСайлау еркін.\n\nII. Ерекше бөлім\n\n"
     "2-бап. Мәслихаттарды сайлау\n\nДепутаттар сайланады.\n\nҚазақстан Республикасының Президенті\n", "kk"),
    # a code's parts with no number, and the signatory's name under the signature (the Budget Code of 2025)
    ("Бюджетный кодекс Республики Казахстан\n\nОБЩАЯ ЧАСТЬ\n\nСтатья 1. Бюджетное законодательство\n\n"
     "Бюджет един.\n\nОСОБЕННАЯ ЧАСТЬ\n\nСтатья 2. Местные бюджеты\n\nБюджеты утверждаются.\n\n"
     "Президент Республики Казахстан\n\nК. ТОКАЕВ\n", "ru"),
    ("Қазақстан Республикасының Бюджет кодексі\n\nЖАЛПЫ БӨЛІК\n\n1-бап. Бюджет заңнамасы\n\nБюджет біртұтас.\n\n"
     "ЕРЕКШЕ БӨЛІК\n\n2-бап. Жергілікті бюджеттер\n\nБюджеттер бекітіледі.\n\n"
     "Қазақстан Республикасының Президенті\n\nҚ. ТОҚАЕВ\n", "kk"),
])
def test_a_law_s_general_and_special_parts_are_sections_and_its_signature_no_article_text(text: str,
                                                                                          lang: str) -> None:
    """"II. Особенная часть" had been the last line of the article before it, and a one-line signature the last
    line of the last article."""
    doc = parse_legal_act(text, lang)
    assert len(doc.of_kind(NodeKind.SECTION)) == 2
    first, last = doc.articles()
    assert not re.search(r"(?i)часть|бөлім|бөлік", first.full_text())
    assert "Президент" not in last.full_text() and "ТОҚАЕВ" not in last.full_text() and "ТОКАЕВ" not in last.full_text()
    assert not re.search(r"(?i)часть|бөлік", doc.preamble_text())  # a part is no preamble text


def test_a_repealed_item_leaves_no_number_in_its_article_s_text() -> None:
    text = ("О выборах\n\nСтатья 10. Избирательные органы\n\n2. Единую систему избирательных комиссий образуют:\n\n"
            "1) Центральная избирательная комиссия;\n\n2) территориальные избирательные комиссии;\n\n"
            "3) исключен Конституционным законом РК от 29.06.2018 № 162-VI;\n\n"
            "4) участковые избирательные комиссии.\n\n"
            "7-8. Исключены Конституционным законом РК от 14.04.2004 № 545.\n\n9. Голосование тайное.\n")
    article = parse_legal_act(text, "ru").article("10")
    assert article is not None
    lines = article.full_text().split("\n")
    assert "3)" not in [line.strip() for line in lines] and not any(line.startswith("7-8") for line in lines)
    assert "4) участковые избирательные комиссии." in lines and "9. Голосование тайное." in lines
