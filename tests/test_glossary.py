"""The glossary file, its parser and query expansion with it."""

from __future__ import annotations

import pytest

from knowledge.analysis import Analyzer
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR
from knowledge.glossary import INSTITUTIONS, Expander, GlossaryError, close, load_glossary, parse_glossary
from knowledge.index import Index


def test_shipped_glossary_is_large_and_well_formed() -> None:
    concepts = load_glossary(DEFAULT_KNOWLEDGE_DIR)
    assert len(concepts) >= 300
    kazakh = [v.lower() for c in concepts if not c.synonyms for v in c.words("kk")]
    assert len(kazakh) == len(set(kazakh)), "a Kazakh term stands on two translation lines"
    groups = [c for c in concepts if c.synonyms]
    assert sum(bool(c.words("kk")) for c in groups) >= 30 and sum(bool(c.words("ru")) for c in groups) >= 15
    pairs = {(v.lower(), r.lower()) for c in concepts for v in c.words("kk") for r in c.words("ru")}
    for pair in [("әкім", "аким"), ("мәслихат", "маслихат"), ("әкімдік", "акимат"),
                 ("жергілікті өзін-өзі басқару", "местное самоуправление"),
                 ("орталықсыздандыру", "децентрализация"), ("азаматтық қоғам", "гражданское общество"),
                 ("ҮЕҰ".lower(), "нпо")]:
        assert pair in pairs, pair


def test_parser_reads_columns_variants_and_comments() -> None:
    (concept,) = parse_glossary("# comment\n\nҮЕҰ | үкіметтік емес ұйым\tНПО\tNGO | non-governmental organization\n")
    assert concept.line == 3
    assert concept.words("kk") == ["ҮЕҰ", "үкіметтік емес ұйым"]
    assert concept.words("ru") == ["НПО"]
    assert concept.words("en") == ["NGO", "non-governmental organization"]


@pytest.mark.parametrize(("text", "line"), [
    ("әкім\tаким\n\nмәслихат\n", 3),  # one column
    ("әкім\tаким\takim\textra\n", 1),  # four columns
    ("# ok\n\tаким\takim\n", 2),  # empty Kazakh
])
def test_malformed_lines_are_rejected_with_their_number(text: str, line: int) -> None:
    with pytest.raises(GlossaryError) as error:
        parse_glossary(text)
    assert error.value.line == line
    assert f"line {line}" in str(error.value)


def test_multi_word_terms_expand_across_languages() -> None:
    analyzer = Analyzer()
    concepts = parse_glossary("жергілікті өзін-өзі басқару\tместное самоуправление\tlocal self-government\n"
                              "кеңес\tсовет\tcouncil\n")
    expander = Expander(concepts, analyzer)
    query = analyzer.terms("органы местного самоуправления", "ru")
    (match,) = expander.matches(query, "ru")
    assert match.concepts == (0,) and match.length == 2
    variants = expander.variants[0]
    assert ("kk", tuple(analyzer.terms("жергілікті өзін-өзі басқару", "kk"))) in variants
    # inflected Kazakh matches too, and a single word inside a phrase does not
    assert expander.matches(analyzer.terms("жергілікті өзін-өзі басқарудың", "kk"), "kk")
    assert not expander.matches(analyzer.terms("местного бюджета", "ru"), "ru")


def test_russian_question_is_expanded_with_weighted_kazakh_terms(shipped_index: Index) -> None:
    parsed = shipped_index.parser.parse("Сколько было местных советов?")
    assert parsed.lang == "ru"
    kenes = shipped_index.analyzer.terms("кеңес", "kk")[0]
    assert kenes in parsed.weights
    # the expansion helps without drowning: no term outweighs an original word
    assert max(parsed.weights.values()) <= 1.0 + 1e-9


def test_expansion_brings_kazakh_passages_to_a_russian_question(shipped_index: Index) -> None:
    result = shipped_index.search("Европейская хартия местного самоуправления", k=3)
    assert any("хартия" in hit.passage.text.lower() and hit.passage.lang == "kk" for hit in result.hits)


def test_near_stems_match_but_short_kazakh_ones_do_not() -> None:
    assert close("kazahstan", "kazahsta", "ru")  # Казахстане vs Казахстан in Snowball
    assert close("priem", "pri", "ru")  # приемы vs прием
    assert not close("kol", "kolem", "kk")  # қол (hand) is not көлем (volume)
    assert not close("partiia", "part", "ru")


def test_a_line_with_one_column_is_a_synonym_group() -> None:
    kk, ru = parse_glossary("шенеунік | лауазымды тұлға\t\n\tчиновник | должностное лицо\n")
    assert kk.synonyms and kk.words("kk") == ["шенеунік", "лауазымды тұлға"] and not kk.words("ru")
    assert ru.synonyms and ru.words("ru") == ["чиновник", "должностное лицо"]
    with pytest.raises(GlossaryError, match="line 1"):
        parse_glossary("шенеунік\t\n")  # one word alone is neither a translation nor a group


def test_a_paraphrase_meets_the_texts_own_word_through_a_synonym_group(shipped_index: Index) -> None:
    """«шенеунік» is not in the texts; «лауазымды тұлға» is, and the group joins them."""
    weights = shipped_index.parser.parse("шенеуніктердің жауапкершілігі").weights
    assert "lauazim" in weights and "tulga" in weights


def test_a_line_knows_its_heading_and_the_bodies_are_one_heading() -> None:
    first, second = parse_glossary("# == institutions and offices ==\nмәслихат\tмаслихат\n# a comment\n"
                                   "# == time ==\nжыл\tгод\n")
    assert (first.section, second.section) == ("institutions and offices", "time")
    expander = Expander([first, second], Analyzer())
    assert expander.section_phrases(INSTITUTIONS) == {("maslihat",)}


@pytest.mark.parametrize(("question", "concept_term"), [
    ("нпо туралы не айтылған мақалада", "ueu"),  # НПО for ҮЕҰ
    ("мсу шешімдерін кәсіпорындар орындауға міндетті ме", "baskar"),  # МСУ for ЖӨБ
])
def test_a_russian_abbreviation_in_a_kazakh_question_names_the_kazakh_concept(
        shipped_index: Index, question: str, concept_term: str) -> None:
    parsed = shipped_index.parser.parse(question)
    assert parsed.lang == "kk" and concept_term in parsed.weights
    assert shipped_index.search(question, k=3).tier.value != "nothing"  # not a word the sources lack


def test_state_bodies_are_known_by_their_abbreviations(shipped_index: Index) -> None:
    security = shipped_index.analyzer.terms("қауіпсіздік", "kk")[0]
    for question in ("кто назначает председателя кнб", "ҰҚК төрағасын кім тағайындайды"):
        phrases = [phrase for slot in shipped_index.parser.parse(question).slots for phrase in slot.variants]
        assert any(security in phrase for phrase in phrases), question  # the committee's full name, both languages
