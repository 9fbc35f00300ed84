"""Search on a small inline corpus (exact order), persistence, tiers and odd queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index import INDEX_FILE, Index
from knowledge.models import Excerpt, Hit, Tier
from tests.conftest import write_document


def ids(index: Index, query: str, k: int = 5) -> list[str]:
    return [hit.passage.doc_id for hit in index.search(query, k=k).hits]


def test_exact_order_on_a_small_corpus(tiny_dir: Path) -> None:
    index = Index.build(tiny_dir)
    assert ids(index, "мәслихат бюджеті") == ["b_maslikhat"]
    assert ids(index, "маслихат") == ["b_maslikhat"]  # Russian spelling through the glossary
    assert ids(index, "НПО") == ["c_ngo"]  # acronym → Kazakh phrase
    assert ids(index, "кеңестер саны") == ["d_history"]
    assert ids(index, "1991 заң") == ["a_law"]
    assert ids(index, "kenes") == ["d_history"]  # Latin letters
    assert ids(index, "самоуправление Конституция") == ["e_ru"]
    # equal idf (each word in one document): more occurrences first — кеңес ×3, заң ×2, бюджет ×1
    assert ids(index, "бюджет заң кеңес") == ["d_history", "a_law", "b_maslikhat"]


def test_hits_carry_passage_score_and_marked_excerpt(tiny_dir: Path) -> None:
    result = Index.build(tiny_dir).search("Мәслихат бюджетті", k=3)
    hit = result.hits[0]
    assert result.lang == "kk"
    assert hit.score > 0
    # a short best sentence is widened with its matching neighbour
    assert hit.excerpt.text == "Мәслихат депутаттары бюджетті бекітеді. Мәслихаттың өкілеттігі"
    marked = [hit.excerpt.text[s:e] for s, e in hit.excerpt.marks]
    assert marked == ["Мәслихат", "бюджетті", "Мәслихаттың"]


def test_excerpt_picks_the_matching_sentence_of_a_long_passage(shipped_index: Index) -> None:
    hit = shipped_index.search("Олардың саны 50 000-нан асты", k=1).hits[0]
    assert "50 000-нан асты" in hit.excerpt.text
    assert len(hit.excerpt.text) < len(hit.passage.text)
    assert 1 <= len([s for s in hit.excerpt.text.split(". ") if s]) <= 3


def test_persisted_index_reloads_equal_to_a_fresh_build(tiny_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    built = Index.open(tiny_dir, cache)
    assert (cache / INDEX_FILE).exists()
    loaded = Index.load(cache / INDEX_FILE, tiny_dir)
    assert loaded is not None
    assert loaded.passages == built.passages
    assert loaded.bm25.terms == built.bm25.terms
    for query in ("мәслихат", "НПО", "кеңестер", "1991"):
        assert [(h.passage.passage_id, h.score) for h in loaded.search(query).hits] == [
            (h.passage.passage_id, h.score) for h in built.search(query).hits]


def test_index_is_rebuilt_when_the_corpus_changes(tiny_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    Index.open(tiny_dir, cache)
    assert Index.load(cache / INDEX_FILE, tiny_dir) is not None
    write_document(tiny_dir, "f_new", "Аудан әкімдерін сайлау 2006 жылы өтті.")
    assert Index.load(cache / INDEX_FILE, tiny_dir) is None  # stale: content hash differs
    assert ids(Index.open(tiny_dir, cache), "әкімдерін сайлау")[0] == "f_new"
    assert Index.load(cache / INDEX_FILE, tiny_dir) is not None


@pytest.mark.parametrize("query", [
    "", "   \n\t", "😀🎉👍", "а" * 10_000, "жергілікті басқару " * 600,
    "Qazaqstan Конституция 89-bap local", "<b>html</b> & **markdown** `code`",
    "\u202eRTL\u200b\u200dzero-width", "\x00\x01\x7f", "ـــ عربى 中文", "12345", "?!...",
])
def test_odd_queries_never_raise(shipped_index: Index, query: str) -> None:
    result = shipped_index.search(query, k=5)
    assert result.tier in Tier
    # `nothing` may still list the closest passages, best first
    assert [hit.score for hit in result.hits] == sorted((hit.score for hit in result.hits), reverse=True)
    assert len(result.hits) <= 5


def test_tiers(shipped_index: Index) -> None:
    assert shipped_index.search("Токвиль қандай еңбек жазды?").tier is Tier.CONFIDENT
    assert shipped_index.search("рецепт плова").tier is Tier.NOTHING
    assert shipped_index.search("how to bake bread").tier is Tier.NOTHING
    assert shipped_index.search("погода в Алматы завтра").tier is Tier.NOTHING
    assert shipped_index.search("заң").tier is Tier.UNSURE


@pytest.mark.parametrize(("query", "lang"), [
    ("Токвиль қандай еңбек жазды?", "kk"), ("ушинши сектор деген не", "kk"),
    ("Qazaqstan Respublikasy Konstitusiiasy 89-bap", "kk"), ("Кто такой Токвиль?", "ru"),
    ("What is the role of NGOs in civil society?", "en"),
])
def test_query_language(shipped_index: Index, query: str, lang: str) -> None:
    assert shipped_index.search(query).lang == lang


def _bilingual(tmp_path: Path) -> Index:
    folder = tmp_path / "bilingual"
    write_document(folder, "a_kk", "Мәслихат жергілікті бюджетті бекітеді және оның атқарылуын бақылайды.")
    write_document(folder, "b_ru", "Маслихат утверждает местный бюджет и контролирует его исполнение.")
    write_document(folder, "c_ru", "Аким руководит исполнительным органом области.")
    write_document(folder, "d_kk", "Әкім атқарушы органды басқарады.")
    write_document(folder, "e_kk", "Үкіметтік емес ұйымдар азаматтық қоғамның бөлігі.")
    (folder / "glossary.tsv").write_text("мәслихат\tмаслихат\tmaslikhat\n", encoding="utf-8")
    return Index.build(folder)


def test_the_readers_language_goes_first_only_when_it_answers_as_well(tmp_path: Path) -> None:
    index = _bilingual(tmp_path)
    parsed = index.parser.parse("маслихат")
    kk, ru, other_ru = (index.passages[i] for i in (0, 1, 2))
    assert (kk.lang, ru.lang, other_ru.lang) == ("kk", "ru", "ru")
    empty = Excerpt("")
    close = (Hit(kk, 10.0, empty), Hit(ru, 9.5, empty))
    assert [h.passage for h in index._prefer(parsed, close, "ru")] == [ru, kk]
    weaker = (Hit(kk, 10.0, empty), Hit(ru, 8.0, empty))
    assert index._prefer(parsed, weaker, "ru") == weaker
    off_topic = (Hit(kk, 10.0, empty), Hit(other_ru, 9.9, empty))  # close score, answers less of the question
    assert index._prefer(parsed, off_topic, "ru") == off_topic
    assert index._prefer(parsed, close, "kk") == close


def test_an_abstract_weighs_less_than_the_body_it_retells_unless_it_is_asked_for(shipped_index: Index) -> None:
    from dataclasses import replace as with_

    from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
    from knowledge.tuning import DEFAULT

    flat = Index.build(DEFAULT_KNOWLEDGE_DIR, with_(DEFAULT, summary_weight=1.0))
    rows = list(shipped_index.summaries)
    assert rows and all(shipped_index.passages[i].heading in ("Аннотация", "Abstract") for i in rows)
    question = "органы местного самоуправления и неправительственные организации"
    assert shipped_index.query_scores(question)[rows] == pytest.approx(0.8 * flat.query_scores(question)[rows])
    # asked for by name, the abstract weighs in full; an English question has no other text to go to
    for named in ("аннотация статьи про органы местного самоуправления", "NGOs and local self-government"):
        assert shipped_index.query_scores(named)[rows] == pytest.approx(flat.query_scores(named)[rows])
    # a Russian question is answered from the Kazakh body, not from the Russian abstract that retells it
    top = shipped_index.search("Какую часть дел на практике передают в ведение местной власти?", k=3,
                               prefer_own_language=True).hits[0]
    assert "мәселелердің көбісін" in top.excerpt.text
