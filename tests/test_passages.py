"""Passage boundaries on both documents, stable ids, languages and offsets."""

from __future__ import annotations

from knowledge.corpus import load_corpus
from knowledge.index import Index
from knowledge.passages import MAX_WORDS, build_passages, list_leads, passage_id
from knowledge.repair import repair
from knowledge.sentences import split_sentences
from tests.conftest import ARTICLE, THESIS


def test_passages_stay_inside_their_section_and_point_at_the_repaired_text() -> None:
    for doc in load_corpus():
        fixed = repair(doc)
        for passage in build_passages(fixed):
            body = fixed.text[passage.start:passage.end]
            assert passage.text.startswith(body)
            section = next(s for s in fixed.sections if s.title == passage.section)
            assert section.start <= passage.start < passage.end <= section.end


def test_passage_sizes(shipped_index: Index) -> None:
    for passage in shipped_index.passages:
        words = len(passage.text.split())
        assert words <= MAX_WORDS, passage.passage_id
        # only a section shorter than 40 words (the English keywords) may give a short passage
        assert words >= 40 or passage.section == "Keywords (en)", passage.passage_id


def test_passages_end_on_sentence_boundaries(shipped_index: Index) -> None:
    for passage in shipped_index.passages:
        body = passage.text.split("\n¹")[0].rstrip()
        assert body[-1] in ".!?:;»)]¹" or body[-1].isalpha(), body[-30:]
        assert passage.text[0].isupper() or passage.text[0] in "•«0123456789", passage.text[:20]


def test_section_boundaries_on_both_documents(shipped_index: Index) -> None:
    thesis = [p for p in shipped_index.passages if p.doc_id == THESIS]
    article = [p for p in shipped_index.passages if p.doc_id == ARTICLE]
    assert thesis[0].section == "Кіріспе"
    assert thesis[0].text.startswith("Бүгінде Республикамызда жергілікті өзін-өзі басқару")
    first_11 = next(p for p in thesis if p.section.startswith("1.1"))
    assert first_11.text.startswith("Біздің қоғамымыздағы экономикалық реформалардың")
    goals = [p for p in thesis if p.section == "Мақсаты және міндеттері"]
    assert len(goals) == 1 and "• мемлекеттік органдар мен жергілікті" in goals[0].text
    by_section = {p.section: p for p in reversed(article)}
    assert by_section["Аннотация (ru)"].lang == "ru"
    assert by_section["Abstract (en)"].lang == "en"
    assert by_section["Аннотация (kk)"].lang == "kk"
    assert by_section["Қорытынды"].text.startswith("Ешбір жағдайда қоғамдық бірлестіктерді")
    # ordinals are 1..n within each document
    assert [p.ordinal for p in article] == list(range(1, len(article) + 1))


def test_no_passage_comes_from_the_table_of_contents(shipped_index: Index) -> None:
    assert not any("......" in p.text or "ТАРАУ" in p.text for p in shipped_index.passages)


def test_ids_are_stable_and_follow_the_text(shipped_index: Index) -> None:
    again = Index.build()
    assert [p.passage_id for p in again.passages] == [p.passage_id for p in shipped_index.passages]
    assert len({p.passage_id for p in shipped_index.passages}) == len(shipped_index.passages)
    assert passage_id("doc", "text") == passage_id("doc", "text") != passage_id("doc", "text.")
    first = shipped_index.passages[0]
    assert first.passage_id == passage_id(first.doc_id, first.text)


def test_a_sentence_that_lost_its_space_still_ends() -> None:
    """The thesis has «…қабілетсіз болды.1996 жылы …» and «…байланысты.Бүгінгі күні …» 59 times: two sentences."""
    def sentences(text: str) -> list[str]:
        return [text[start:end] for start, end in split_sentences(text)]

    assert sentences("Мәслихаттар қабілетсіз болды.1996 жылы кооперативтер құрылды.") == [
        "Мәслихаттар қабілетсіз болды.", "1996 жылы кооперативтер құрылды."]
    assert sentences("Осыған байланысты.Бүгінгі күні әкімдер") == ["Осыған байланысты.", "Бүгінгі күні әкімдер"]
    # initials, dates, addresses and abbreviations are not ends
    for text in ("А.С.Автономов, Г.Алимурзаев зерттеді", "жүгіну уақыты 7.03.2021 ж. Заңы",
                 "http://adilet.zan.kz/kaz/docs", "ст.39-3 бойынша"):
        assert sentences(text) == [text]


def test_a_numbered_item_is_one_sentence_with_its_number() -> None:
    """«1. Жергілікті мәселелерді …»: the number opens the item's sentence, it is not a sentence of its own."""
    text = "1. Жергілікті мәселелерді шешудің дербестігі. Ол референдум арқылы.\n2. Екінші қағида."
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "1. Жергілікті мәселелерді шешудің дербестігі.", "Ол референдум арқылы.", "2. Екінші қағида."]
    # a year or a number ending a sentence still ends it
    assert len(split_sentences("Заң 2001 жылы қабылданды. Саны 12. Бұл көп.")) == 3


def test_a_list_is_its_lead_in_and_its_items_in_order() -> None:
    text = ("Кіріспе сөйлем. Келесі қағидаларды бөлуге болады:\n1. Бірінші.\nТүсіндірме.\n2. Екінші.\n"
            "Қорытынды абзац.\nБасқа тізім:\n4. Бөгде нөмір.\nТағы:\n• бір\n• екі\n1. Нөмір.\nСоңы.")
    leads = [(text[start:end], text[end:until]) for start, end, until in list_leads(text)]
    # a list starts at 1 («4. Бөгде нөмір» is no list) and ends before another lead-in or kind of marker
    assert leads == [("Келесі қағидаларды бөлуге болады:", "\n1. Бірінші.\nТүсіндірме.\n2. Екінші."),
                     ("Тағы:", "\n• бір\n• екі")]


def test_a_passage_that_continues_a_list_knows_its_lead_in(shipped_index: Index) -> None:
    """The thesis's principles run over three passages; the later ones say what they list only by it."""
    continued = [p for p in shipped_index.passages if "қағидаларды бөлуге болады" in p.lead]
    assert len(continued) >= 2
    assert all("қағидаларды бөлуге болады" not in p.text for p in continued)
    assert any("дербестігі" in p.text for p in continued)


def test_etc_closes_an_enumeration_before_a_capital() -> None:
    """«… А.Н.Швецов, т.б. Сонымен қатар …»: two sentences; «т.б. жұмыстар» goes on."""
    text = "Атап өтсек, А.С.Автономов, А.Н.Швецов, т.б. Сонымен қатар, ғалымдар. Және т.б. жұмыстар."
    assert [text[start:end] for start, end in split_sentences(text)] == [
        "Атап өтсек, А.С.Автономов, А.Н.Швецов, т.б.", "Сонымен қатар, ғалымдар.", "Және т.б. жұмыстар."]


def test_an_upload_of_announcing_bullets_is_read_in_one_pass() -> None:
    """Twenty thousand «• …:» lines: each bullet is an item of the first list, not a lead-in that scans the rest."""
    text = "\n".join(f"• пункт {i}:" for i in range(20000))
    assert list_leads(text) == [(0, len("• пункт 0:"), len(text))]
