"""The topic menu: the shipped topics file, its parser, assignment and button labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.views.callbacks import TOPIC_LIMITS
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.index import Index
from knowledge.models import Passage
from knowledge.topics import (
    MIN_BM25,
    OTHER,
    OTHER_TOPIC,
    RELATIVE,
    SLUG,
    TOPICS_FILE,
    Topic,
    TopicMap,
    TopicsError,
    assign_topics,
    load_topics,
    parse_topics,
    pin_of,
    term_members,
)
from tests.conftest import ARTICLE, THESIS, write_document

CALLBACK_LIMIT = 64  # bytes of Telegram callback data


@pytest.fixture(scope="module")
def shipped_topics() -> tuple[Topic, ...]:
    return load_topics(DEFAULT_KNOWLEDGE_DIR, TOPIC_LIMITS)


@pytest.fixture(scope="module")
def shipped_map(shipped_topics: tuple[Topic, ...], shipped_index: Index) -> TopicMap:
    return assign_topics(shipped_topics, shipped_index)


def containing(index: Index, *fragments: str, lang: str | None = None) -> list[Passage]:
    """Passages whose text holds every fragment: found by content, not by fragile ids."""
    found = [p for p in index.passages
             if all(f in p.text for f in fragments) and (lang is None or p.lang == lang)]
    assert found, f"no passage contains {fragments}"
    return found


# --- the shipped file ------------------------------------------------------------------


def test_shipped_menu_is_large_well_formed_and_fits_telegram(shipped_topics: tuple[Topic, ...]) -> None:
    assert len(shipped_topics) >= 10
    for topic in shipped_topics:
        assert SLUG.match(topic.slug) and len(topic.slug) <= TOPIC_LIMITS.slug, topic.slug
        assert len(f"tp:{topic.slug}:99".encode()) <= CALLBACK_LIMIT
        for title in (topic.title_kk, topic.title_ru):
            assert title.strip() and len(title) <= TOPIC_LIMITS.title, title
        assert topic.title_kk != topic.title_ru, "a title is not translated"
    assert len({t.slug for t in shipped_topics}) == len(shipped_topics)


def test_every_passage_belongs_to_a_real_topic(shipped_map: TopicMap, shipped_index: Index,
                                               shipped_topics: tuple[Topic, ...]) -> None:
    assert shipped_map.orphans == ()
    assert shipped_map.get(OTHER) is None
    assert [t.slug for t in shipped_map.topics] == [t.slug for t in shipped_topics]
    assert shipped_map.empty == ()
    assert shipped_map.stale_pins == ()
    for passage in shipped_index.passages:
        assert shipped_map.topics_of(passage.passage_id), pin_of(passage)


def test_topics_discriminate(shipped_map: TopicMap, shipped_index: Index) -> None:
    size = len(shipped_index.passages)
    for topic in shipped_map.topics:
        members = shipped_map.members(topic.slug)
        assert members, topic.slug
        assert len(members) <= size // 2, f"{topic.slug} holds {len(members)} of {size} passages"
    # and the menu is not one topic copied many times
    assert len({shipped_map.members(t.slug) for t in shipped_map.topics}) == len(shipped_map.topics)


def test_every_shipped_term_finds_something_and_none_sweeps(shipped_topics: tuple[Topic, ...],
                                                          shipped_index: Index) -> None:
    """A dead term is a typo or a corpus change; a sweeping one names no topic."""
    size = len(shipped_index.passages)
    for topic in shipped_topics:
        for term in topic.terms:
            found = term_members(shipped_index, term)
            assert found, f"{topic.slug}: {term!r} selects nothing"
            assert len(found) <= size // 4, f"{topic.slug}: {term!r} selects {len(found)} passages"


def test_topics_mean_what_they_say(shipped_map: TopicMap, shipped_index: Index) -> None:
    def members(slug: str) -> set[str]:
        return {p.passage_id for p in shipped_map.members(slug)}

    (article_89,) = containing(shipped_index, "89-баб")
    assert article_89.passage_id in members("constitution")
    (law_1991,) = containing(shipped_index, "1991 жылы 15 ақпанда")
    assert law_1991.passage_id in members("history")
    (amendments,) = containing(shipped_index, "1998 жылы 8 қазанда")
    assert amendments.passage_id in members("history") & members("constitution")
    (ngo_ru,) = containing(shipped_index, "НПО", lang="ru")
    assert ngo_ru.passage_id in members("civil-society")
    assert {p.passage_id for p in containing(shipped_index, "саяси партия")} <= members("parties")
    (charter,) = containing(shipped_index, "хартиясын")
    assert charter.passage_id in members("international")
    (free_community,) = containing(shipped_index, "еркін қауымдастық теориясын")
    assert free_community.passage_id in members("theories")
    assert {p.passage_id for p in containing(shipped_index, "маслихат")} <= members("akims")
    assert {p.passage_id for p in containing(shipped_index, "жергілікті бюджет")} <= members("finance")
    (aims,) = containing(shipped_index, "Бітіру жұмысының негізгі мақсаты")
    assert aims.passage_id in members("research")
    (keywords,) = [p for p in shipped_index.passages if p.section.startswith("Keywords")]
    assert keywords.passage_id in members("concept")
    # and what they do not say: parties are an article topic, the thesis has no NGO passage
    assert all(p.doc_id == ARTICLE for p in shipped_map.members("parties"))
    assert all(p.doc_id == ARTICLE for p in shipped_map.members("civil-society"))
    assert all(p.doc_id == THESIS for p in shipped_map.members("research"))
    assert article_89.passage_id not in members("parties")


def test_members_are_in_reading_order_and_topics_of_agrees(shipped_map: TopicMap,
                                                           shipped_index: Index) -> None:
    position = {p.passage_id: n for n, p in enumerate(shipped_index.passages)}
    for topic in shipped_map.topics:
        members = shipped_map.members(topic.slug)
        assert [position[p.passage_id] for p in members] == sorted(position[p.passage_id] for p in members)
        for passage in members:
            assert topic in shipped_map.topics_of(passage.passage_id)
    for passage in shipped_index.passages:
        for topic in shipped_map.topics_of(passage.passage_id):
            assert passage in shipped_map.members(topic.slug)
    assert shipped_map.get("no-such-topic") is None
    assert shipped_map.members("no-such-topic") == ()
    assert shipped_map.topics_of("000000000000") == ()


# --- assignment mechanics --------------------------------------------------------------


def test_unclaimed_passages_go_to_a_last_other_topic(tiny_dir: Path) -> None:
    write_document(tiny_dir, "z_weather", "Ауа райы бүгін жылы, күн ашық болады.")
    index = Index.build(tiny_dir)
    topics = (
        Topic("councils", "Кеңестер", "Советы", terms=("кеңестер",)),
        Topic("maslikhat", "Мәслихат", "Маслихат", terms=("маслихат",)),  # Russian finds Kazakh
        Topic("law", "Заң", "Закон", terms=(), passages=("a_law#1",)),
    )
    topic_map = assign_topics(topics, index)
    by_doc = {p.doc_id: p for p in index.passages}
    assert [p.doc_id for p in topic_map.members("councils")] == ["d_history"]
    assert [p.doc_id for p in topic_map.members("maslikhat")] == ["b_maslikhat"]
    assert [p.doc_id for p in topic_map.members("law")] == ["a_law"]
    assert [p.doc_id for p in topic_map.orphans] == ["c_ngo", "e_ru", "z_weather"]
    assert topic_map.topics[-1] == OTHER_TOPIC
    assert [t.slug for t in topic_map.topics] == ["councils", "maslikhat", "law", OTHER]
    assert topic_map.get(OTHER) == OTHER_TOPIC
    assert topic_map.members(OTHER) == topic_map.orphans
    assert topic_map.topics_of(by_doc["z_weather"].passage_id) == (OTHER_TOPIC,)
    assert topic_map.topics_of(by_doc["a_law"].passage_id) == (topics[2],)


def test_a_weak_hit_does_not_join(tiny_dir: Path) -> None:
    """"әкім" occurs once in a one-line document: its BM25 is below the floor, so no member."""
    index = Index.build(tiny_dir)
    (hit,) = index.search("әкім", k=len(index.passages)).hits
    assert 0 < hit.bm25 < MIN_BM25
    topic_map = assign_topics((Topic("akims", "Әкімдер", "Акимы", terms=("әкім",)),), index)
    assert topic_map.members("akims") == ()
    assert [t.slug for t in topic_map.empty] == ["akims"]
    assert [t.slug for t in topic_map.topics] == [OTHER], "an empty topic gets no button"


def test_sections_match_case_insensitively_and_pins_by_document_and_ordinal(shipped_index: Index) -> None:
    topics = (
        Topic("conclusion", "Қорытынды", "Заключение", terms=(), sections=("қорытынды",)),
        Topic("pinned", "Бекітілген", "Закреплённые", terms=(),
              passages=(f"{ARTICLE}#26", f"{THESIS}#1", "gone_document#3")),
    )
    topic_map = assign_topics(topics, shipped_index)
    conclusion = topic_map.members("conclusion")
    assert conclusion and all(p.section == "Қорытынды" for p in conclusion)
    assert len(conclusion) == sum(p.section == "Қорытынды" for p in shipped_index.passages)
    # reading order: the thesis (000_…) comes before the article (004_…)
    assert [pin_of(p) for p in topic_map.members("pinned")] == [f"{THESIS}#1", f"{ARTICLE}#26"]
    assert topic_map.stale_pins == (("pinned", "gone_document#3"),)


def test_the_relative_bar_leaves_out_passing_mentions(shipped_index: Index) -> None:
    """Passages that mention civil society in passing clear the floor but not half the best."""
    term = "гражданское общество"
    hits = shipped_index.search(term, k=len(shipped_index.passages)).hits
    best = max(h.bm25 for h in hits)
    members = {p.passage_id for p in term_members(shipped_index, term)}
    assert members == {h.passage.passage_id for h in hits if h.bm25 >= max(MIN_BM25, RELATIVE * best)}
    passing = [h.passage for h in hits if MIN_BM25 <= h.bm25 < RELATIVE * best]
    assert passing, "the relative bar no longer matters for this term"
    assert not any(p.passage_id in members for p in passing)
    (parties,) = containing(shipped_index, "Азаматтық қоғам институттарының ішінен саяси партияларды")
    assert parties in passing


# --- the file format -------------------------------------------------------------------


GOOD = """\
# a comment
[[topic]]
slug = "history"
title_kk = "📜 Тарихы"
title_ru = "📜 История"
terms = ["жергілікті кеңестер", "1991"]

[[topic]]
slug = "constitution-89"
title_kk = "⚖️ Конституция"
title_ru = "⚖️ Конституция"
terms = ["89-бап"]
sections = ["Негізгі бөлім"]
passages = ["004_a359fc08d4bbb3ec#26"]
"""


def test_parser_reads_topics_in_order() -> None:
    history, constitution = parse_topics(GOOD)
    assert history == Topic("history", "📜 Тарихы", "📜 История", ("жергілікті кеңестер", "1991"))
    assert constitution.slug == "constitution-89"
    assert constitution.sections == ("Негізгі бөлім",)
    assert constitution.passages == ("004_a359fc08d4bbb3ec#26",)


def test_title_follows_the_language() -> None:
    topic = Topic("x", "Қазақша", "По-русски", terms=("a",))
    assert topic.title("ru") == "По-русски"
    assert topic.title("kk") == "Қазақша"
    assert topic.title("en") == "Қазақша"


def test_load_topics_reads_the_file_and_tolerates_its_absence(tmp_path: Path) -> None:
    assert load_topics(tmp_path) == ()
    (tmp_path / TOPICS_FILE).write_text(GOOD, encoding="utf-8")
    assert [t.slug for t in load_topics(tmp_path)] == ["history", "constitution-89"]


def _topic(slug: str = "x", extra: str = "", title_ru: str = 'title_ru = "Ру"\n') -> str:
    return f'[[topic]]\nslug = "{slug}"\ntitle_kk = "Қаз"\n{title_ru}terms = ["a"]\n{extra}'


@pytest.mark.parametrize(("text", "line"), [
    pytest.param(_topic() + 'terms = ["b"\n', 6, id="unclosed-array"),
    pytest.param(_topic() + "\n" + _topic("y", 'sections = "x\n'), 12, id="unclosed-string"),
    pytest.param(_topic("a") + "\n" + _topic("b") + "\n" + _topic("a"), 13, id="duplicate-slug"),
    pytest.param("# menu\n\n" + _topic(title_ru=""), 3, id="missing-title"),
    pytest.param(_topic() + "\n" + _topic(title_ru='title_ru = "  "\n'), 7, id="blank-title"),
    pytest.param(_topic() + "\n" + _topic("Bad_Slug"), 7, id="bad-slug"),
    pytest.param(_topic("a-very-long-slug-name-1"), 1, id="long-slug"),
    pytest.param(_topic("-x"), 1, id="slug-edge-dash"),
    pytest.param(_topic(OTHER), 1, id="reserved-slug"),
    pytest.param(_topic() + "\n" + _topic("y", 'term = ["typo"]\n'), 7, id="unknown-key"),
    pytest.param(_topic("y", 'sections = "Кіріспе"\n'), 1, id="string-not-list"),
    pytest.param(_topic("y", 'passages = ["004_a359#x"]\n'), 1, id="bad-pin"),
    pytest.param(_topic(title_ru=f'title_ru = "{"я" * (TOPIC_LIMITS.title + 1)}"\n'), 1, id="long-title"),
    pytest.param('[[topic]]\nslug = "x"\ntitle_kk = "Қ"\ntitle_ru = "Р"\n', 1, id="no-terms"),
    pytest.param(_topic() + '\n[topics]\nslug = "y"\n', 7, id="unknown-table"),
])
def test_malformed_files_are_rejected_with_their_line(text: str, line: int) -> None:
    with pytest.raises(TopicsError) as error:
        parse_topics(text, TOPIC_LIMITS)
    assert error.value.line == line
    assert f"line {line}" in str(error.value)


def test_a_syntax_error_keeps_the_line_tomllib_reports(tmp_path: Path) -> None:
    (tmp_path / TOPICS_FILE).write_text(_topic() + "slug = \n", encoding="utf-8")
    with pytest.raises(TopicsError) as error:
        load_topics(tmp_path)
    assert error.value.line == 6
    assert "line 6" in str(error.value)


# --- button labels ---------------------------------------------------------------------
