"""Property-based tests: repair, analysis and search on arbitrary Unicode never break."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.analysis import Analyzer, tokenize
from knowledge.index import Index
from knowledge.models import Document, DocumentMeta, Tier
from knowledge.normalize import clean_characters, tidy_whitespace, unglue_sentences
from knowledge.passages import build_passages
from knowledge.repair import repair

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІабвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВЕКМНОРСТ"
texty = st.text(alphabet=st.sampled_from(KAZAKH + " .,!?-–«»\n\t\u2006\u00a0[]:;0123456789"), max_size=400)
anything = st.text(max_size=300)
meta = DocumentMeta(title="t", short_title="t", kind="test")
settings.register_profile("ci", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])
settings.load_profile("ci")


@given(st.one_of(texty, anything))
def test_cleaning_is_idempotent_and_removes_stray_spaces(text: str) -> None:
    once = tidy_whitespace(clean_characters(text))
    assert "\u2006" not in once and "\r" not in once
    assert tidy_whitespace(clean_characters(once)) == once
    assert unglue_sentences(unglue_sentences(once)) == unglue_sentences(once)


@given(st.one_of(texty, anything))
def test_repair_and_passages_never_break(text: str) -> None:
    fixed = repair(Document(doc_id="x", raw=text, meta=meta))
    for section in fixed.sections:
        assert 0 <= section.start <= section.end <= len(fixed.text)
    for passage in build_passages(fixed):
        assert passage.text.startswith(fixed.text[passage.start:passage.end])
        assert passage.lang in {"kk", "ru", "en"}


@given(anything)
def test_tokens_point_into_the_nfc_text(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(nfc)
        assert token.text


@given(anything, st.sampled_from(["kk", "ru", "en"]))
def test_analysis_gives_non_empty_terms(text: str, lang: str) -> None:
    for term in Analyzer().terms(text, lang):
        assert term and isinstance(term, str) and not term.isspace()


@given(st.one_of(texty, anything), st.integers(min_value=0, max_value=12))
def test_search_never_raises(shipped_index: Index, query: str, k: int) -> None:
    result = shipped_index.search(query, k=k)
    assert result.tier in Tier
    assert len(result.hits) <= k
    assert all(hit.score >= hit.bm25 > 0 for hit in result.hits)
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)
    for hit in result.hits:
        assert hit.excerpt.text in hit.passage.text
        assert all(0 <= s < e <= len(hit.excerpt.text) for s, e in hit.excerpt.marks)
