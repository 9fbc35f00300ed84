"""Repair rules, each on a snippet of the real documents, and the repaired documents whole."""

from __future__ import annotations

import pytest

from knowledge.corpus import load_corpus
from knowledge.models import Document, RepairedDocument
from knowledge.normalize import (
    clean_characters,
    extract_footnotes,
    remove_bookmarks,
    tidy_whitespace,
    unglue_bullets,
    unglue_sentences,
)
from knowledge.repair import repair
from knowledge.structure import is_toc_line, mark_glued_headings, parse_toc
from tests.conftest import ARTICLE, SEEDS, THESIS


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {doc.doc_id: doc for doc in load_corpus()}


@pytest.fixture(scope="module")
def repaired(documents: dict[str, Document]) -> dict[str, RepairedDocument]:
    return {doc_id: repair(doc) for doc_id, doc in documents.items()}


def test_shipped_documents_are_byte_identical_to_the_seeds() -> None:
    seeds = SEEDS.parents[2].parent / "shared" / "seeds"
    if not seeds.exists():
        pytest.skip("../shared/seeds is not beside this checkout")
    for name in (THESIS, ARTICLE):
        assert (SEEDS / f"{name}.txt").read_bytes() == (seeds / f"{name}.txt").read_bytes()


def test_six_per_em_space_inside_words_is_removed() -> None:
    raw = " Ма\u2006қа\u2006ла\u2006да\u2006  же\u2006ргілікті өзін өзі ба\u2006сқа\u2006ру"
    assert tidy_whitespace(clean_characters(raw)) == "Мақалада жергілікті өзін өзі басқару"


def test_article_loses_all_3621_six_per_em_spaces(documents: dict[str, Document],
                                                  repaired: dict[str, RepairedDocument]) -> None:
    assert documents[ARTICLE].raw.count("\u2006") == 3621
    text = repaired[ARTICLE].text
    assert "\u2006" not in text
    assert "Аннотация" in text and "Мақалада жергілікті өзін өзі басқару органдары" in text
    assert "В статье рассматриваются органы местного самоуправления" in text


def test_other_stray_spacing_is_normalised() -> None:
    assert clean_characters("a\u00a0b\u200bc\u00add\u202fe\ufeff") == "a bcd e"


def test_word_bookmark_is_removed() -> None:
    line = "· [bookmark: _GoBack]халықтың билік ету нысаны;"
    assert remove_bookmarks(line) == "· халықтың билік ету нысаны;"


def test_footnote_body_is_pulled_out_and_the_reference_marked() -> None:
    text = ("ерікті бірлестігі.[footnoteRef:1] [1:  Саяси партиялар туралы Заңы. "
            "http://adilet.zan.kz/kaz/docs/Z020000344_ жүгіну уақыты  7.03.2021 ж.\n] \n"
            "Саяси партияның халық атынан сөйлеуге құқығы жоқ.")
    body, notes = extract_footnotes(text)
    assert notes == {1: "Саяси партиялар туралы Заңы. http://adilet.zan.kz/kaz/docs/Z020000344_ "
                        "жүгіну уақыты 7.03.2021 ж."}
    assert "footnoteRef" not in body and "[1:" not in body and "Саяси партиялар туралы" not in body


def test_footnote_becomes_the_passage_reference(shipped_index) -> None:
    (passage,) = [p for p in shipped_index.passages if p.notes]
    assert passage.notes[0].startswith("¹ Саяси партиялар туралы")
    assert passage.text.endswith(passage.notes[0])
    body = passage.text[: -len(passage.notes[0])]
    assert "бірлестігі.¹" in body and "2002 жылғы" not in body


def test_glued_sentences_are_separated_but_initials_are_not() -> None:
    assert unglue_sentences("болып табылады.Жергілікті") == "болып табылады. Жергілікті"
    assert unglue_sentences("т.б.Сонымен қатар") == "т.б. Сонымен қатар"
    assert unglue_sentences("А.С.Автономов, Г.Алимурзаев") == "А.С.Автономов, Г.Алимурзаев"
    assert unglue_sentences("деп жазған болатын.[8]Жергілікті") == "деп жазған болатын.[8] Жергілікті"
    assert unglue_sentences("шешуді;тікелей сайлау") == "шешуді; тікелей сайлау"


def test_bullets_get_a_line_each() -> None:
    line = "міндеттер қойылды:-\tқазіргі жағдай-\tмемлекеттік басқару"
    assert unglue_bullets(line) == "міндеттер қойылды:\n• қазіргі жағдай\n• мемлекеттік басқару"
    assert unglue_bullets("· елдің конституциялық тәртібінің негізі;") == "• елдің конституциялық тәртібінің негізі;"


def test_one_line_table_of_contents_is_parsed(documents: dict[str, Document]) -> None:
    first_line = documents[THESIS].raw.split("\n")[0]
    assert is_toc_line(first_line)
    entries = parse_toc(first_line)
    titles = [e.heading for e in entries]
    assert titles[0] == "КІРІСПЕ"
    assert titles[1] == "I ТАРАУ. ҚАЗАҚСТАН РЕСПУБЛИКАСЫНДАҒЫ ЖЕРГІЛІКТІ ӨЗІН-ӨЗІ БАСҚАРУДЫҢ ЭКОНОМИКАЛЫҚ МАҢЫЗЫ"
    assert titles[2] == "1.1 Жергілікті басқарудың теориялық негіздері: түсінігі және мәні"
    assert "3.2 Қазақстан Республикасының жергілікті басқару жүйесін жетілдіру жолдары: жоспарлар мен жобалар" in titles
    assert titles[-1] == "ПАЙДАЛАНҒАН ӘДЕБИЕТТЕР ТІЗІМІ"
    assert len(entries) == 13


def test_glued_heading_at_line_end_is_split_but_a_cut_date_is_not() -> None:
    marked = mark_glued_headings("ескеру қажет.Зерттеу пәнінің актуалдығы\nҚазақстан")
    assert marked.split("\n")[1].endswith("Зерттеу пәнінің актуалдығы")
    assert mark_glued_headings("болып табылады.СССР-ң 1936 ж\nКонституциясын") == (
        "болып табылады.СССР-ң 1936 ж\nКонституциясын")


def test_thesis_sections(repaired: dict[str, RepairedDocument]) -> None:
    doc = repaired[THESIS]
    assert [s.title for s in doc.sections] == [
        "Кіріспе",
        "Зерттеу пәнінің актуалдығы",
        "Мақсаты және міндеттері",
        "I ТАРАУ. ҚАЗАҚСТАН РЕСПУБЛИКАСЫНДАҒЫ ЖЕРГІЛІКТІ ӨЗІН-ӨЗІ БАСҚАРУДЫҢ ЭКОНОМИКАЛЫҚ МАҢЫЗЫ",
        "1.1 Жергілікті басқарудың теориялық негіздері: түсінігі және мәні",
    ]
    section = doc.sections[-1]
    assert doc.text[section.start:].startswith("Біздің қоғамымыздағы экономикалық реформалардың")
    assert "................" not in doc.text  # the table of contents is gone


def test_article_sections(repaired: dict[str, RepairedDocument]) -> None:
    doc = repaired[ARTICLE]
    assert [s.title for s in doc.sections] == [
        "Аннотация (kk)", "Аннотация (ru)", "Abstract (en)", "Keywords (en)",
        "Кіріспе", "Негізгі бөлім", "Қорытынды",
    ]
    starts = {s.title: doc.text[s.start:s.start + 30] for s in doc.sections}
    assert starts["Аннотация (ru)"].startswith("В статье рассматриваются")
    assert starts["Keywords (en)"].startswith("Local self-government")
    assert starts["Қорытынды"].startswith("Ешбір жағдайда")
