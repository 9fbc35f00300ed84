"""Button labels for passages: cut on a word boundary, markers stripped, every width respected."""

from __future__ import annotations

from bot.views.labels import passage_label
from knowledge.index import Index
from knowledge.models import Passage


def make_passage(text: str, ordinal: int = 12, section: str = "Кіріспе") -> Passage:
    return Passage(passage_id="0" * 12, doc_id="doc", title="T", section=section, ordinal=ordinal,
                   lang="kk", start=0, end=len(text), text=text)


def test_label_cuts_on_a_word_boundary_with_an_ellipsis() -> None:
    passage = make_passage("Алғашында неміс ғалымдары жергілікті, қоғамдық жергілікті өзін-өзі басқару")
    label = passage_label(passage)
    assert label == "12 · Алғашында неміс ғалымдары жергілікті…"
    assert len(label) == 42
    # at width 43 "жергілікті," just fits: its comma is not left before the ellipsis
    assert passage_label(passage, width=43) == label
    assert passage_label(passage, width=42) == "12 · Алғашында неміс ғалымдары…"


def test_label_without_cut_has_no_ellipsis() -> None:
    assert passage_label(make_passage("Қысқа мәтін.", ordinal=3)) == "3 · Қысқа мәтін."


def test_label_strips_bullets_list_numbers_and_footnote_markers() -> None:
    assert passage_label(make_passage("• жергілікті органдар • қауым")) == "12 · жергілікті органдар қауым"
    assert passage_label(make_passage("3. Жергілікті бюджет")) == "12 · Жергілікті бюджет"
    assert passage_label(make_passage("[2] Қазақстан¹ тәуелсіздік [1, 34 б.] алды")) == \
        "12 · Қазақстан тәуелсіздік алды"
    assert passage_label(make_passage("1991 жылы заң")) == "12 · 1991 жылы заң"


def test_label_falls_back_to_the_section() -> None:
    assert passage_label(make_passage("  \n", section="Мақсаты және міндеттері")) == \
        "12 · Мақсаты және міндеттері"
    assert passage_label(make_passage("", section="")) == "12"


def test_label_cuts_inside_a_word_only_when_no_word_fits() -> None:
    label = passage_label(make_passage("Орталықсыздандырылмағандықтарыңыздан"), width=16)
    assert label == "12 · Орталықсыз…"
    assert len(label) == 16


def test_labels_of_the_shipped_corpus_respect_every_width(shipped_index: Index) -> None:
    for passage in shipped_index.passages:
        for width in (6, 12, 20, 30, 44, 64):
            label = passage_label(passage, width)
            assert len(label) <= width, (label, width)
            assert label.startswith(f"{passage.ordinal}") or width < len(str(passage.ordinal)) + 1
        label = passage_label(passage)
        assert label.startswith(f"{passage.ordinal} · ")
        words = label.removeprefix(f"{passage.ordinal} · ").removesuffix("…").split()
        assert words and not words[-1].endswith((",", ";", ":", "–"))
        flat = " ".join(passage.text.replace("•", " ").split())
        assert " ".join(words) in flat, label  # whole words of the text, in order
