"""Uploads: a .txt, .docx or .pdf becomes a searchable document, or is refused leaving nothing behind."""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import textwrap
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from bot.services.captions import parse_caption
from knowledge.base import KnowledgeBase
from knowledge.corpus import DEFAULT_KNOWLEDGE_DIR, load_corpus, read_meta
from knowledge.ingest import KINDS, MIN_WORDS_TO_ADD, IngestError, IngestProblem, preview
from knowledge.models import Document, DocumentMeta
from knowledge.passages import build_passages
from knowledge.reading import SUPPORTED, decode_text, extract_text, join_lines
from knowledge.repair import repair
from knowledge.store import DOC_ID_PATTERN, add_document, find_duplicate, new_doc_id, remove_document
from knowledge.structure import is_toc_line
from tests.conftest import ARTICLE, SEEDS, THESIS
from tests.documents import (
    BROKEN_DOCX,
    BROKEN_PDF,
    DISTINCTIVE_PHRASE,
    SAMPLE_PARAGRAPHS_KK,
    SAMPLE_PARAGRAPHS_RU,
    SAMPLE_TITLE,
    make_docx,
    make_pdf,
    make_txt,
)

META = DocumentMeta(title=SAMPLE_TITLE, short_title="Бюджеттік кеңестер", kind="other", languages=("kk",),
                    note="Uploaded in a test.")
SAMPLE_TEXT = "\n\n".join(SAMPLE_PARAGRAPHS_KK)
QUESTION = "Бюджеттік кеңесті кім сайлайды?"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge directory."""
    folder = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, folder)
    return folder


def listing(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def upload(knowledge_dir: Path, filename: str, content: bytes, meta: DocumentMeta = META) -> str:
    """What the bot does with an admin's file: read it, show the preview, add it."""
    text = extract_text(filename, content)
    preview("upload", text, meta)
    return add_document(knowledge_dir, text, meta)


def docx_bytes(document: object) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


# --- each format, end to end ------------------------------------------------------------------

FILES = {
    "budget.txt": make_txt(SAMPLE_PARAGRAPHS_KK),
    "budget.docx": make_docx(SAMPLE_PARAGRAPHS_KK, headings={0: "Бюджеттік кеңестің құрылуы",
                                                             2: "Шешімдер қалай қабылданады"}),
    "budget.pdf": make_pdf(SAMPLE_PARAGRAPHS_KK, lines_per_page=8),
}


@pytest.mark.parametrize("filename", list(FILES))
def test_an_upload_is_what_answers_its_own_topic(filename: str, knowledge: Path, tmp_path: Path,
                                                 shipped_kb: KnowledgeBase) -> None:
    assert not any(DISTINCTIVE_PHRASE in p.text.lower() for p in shipped_kb.index.passages)
    text = extract_text(filename, FILES[filename])
    found = preview("upload", text, META)
    doc_id = add_document(knowledge, text, META)

    kb = KnowledgeBase.open(knowledge, tmp_path / "cache")
    result = kb.index.search(QUESTION)
    assert result.hits[0].passage.doc_id == doc_id
    assert kb.documents[doc_id] == META
    assert len(kb.documents) == len(shipped_kb.documents) + 1
    # the preview is exactly what the index made of the document
    indexed = [(p.section, p.text) for p in kb.index.passages if p.doc_id == doc_id]
    assert indexed == [(p.section, p.text) for p in found.passages]
    assert found.languages == ["kk"]
    assert found.words == len(" ".join(line for line in text.split("\n\n") if not is_toc_line(line)).split())


@pytest.mark.parametrize("filename", ["budget.txt", "budget.pdf"])
def test_paragraphs_come_back_as_they_were_written(filename: str) -> None:
    assert extract_text(filename, FILES[filename]) == SAMPLE_TEXT


def test_word_headings_become_sections_through_a_contents_line() -> None:
    text = extract_text("budget.docx", FILES["budget.docx"])
    first, *rest = text.split("\n\n")
    assert is_toc_line(first) and first.startswith("Мазмұны ")
    assert rest == ["Бюджеттік кеңестің құрылуы", *SAMPLE_PARAGRAPHS_KK[:2],
                    "Шешімдер қалай қабылданады", *SAMPLE_PARAGRAPHS_KK[2:]]
    found = preview("upload", text, META)
    assert found.sections == ["Бюджеттік кеңестің құрылуы", "Шешімдер қалай қабылданады"]
    assert found.passages[0].text.startswith("Ақсу ауданында 2019 жылдан")
    assert found.words == len(SAMPLE_TEXT.split()) + 6  # the headings are text, the contents line is not


def test_a_russian_word_file_gets_a_russian_contents_line() -> None:
    text = extract_text("ru.docx", make_docx(SAMPLE_PARAGRAPHS_RU, headings={0: "Бюджетный совет"}))
    assert text.startswith("Содержание Бюджетный совет ....")
    assert preview("upload", text, META).sections == ["Бюджетный совет"]


def test_a_heading_whose_words_come_earlier_stays_a_plain_line() -> None:
    # repair would mark the first "Бюджеттік кеңес" it finds: in the first paragraph
    paragraphs = ["Бюджеттік кеңес ауылда жұмыс істейді, оның мүшелерін ауыл жиыны сайлайды.",
                  "Кеңес жыл сайын көктемде жиналып, тұрғындардың ұсыныстарын қарайды.",
                  "Ол ең көп дауыс жинаған жобаларды таңдап, ауыл әкіміне жібереді."]
    content = make_docx(paragraphs, headings={1: "Бюджеттік кеңес", 2: "Жобаларды таңдау"})
    text = extract_text("a.docx", content)
    assert text.split("\n\n")[1:] == [paragraphs[0], "Бюджеттік кеңес", paragraphs[1], "Жобаларды таңдау",
                                      paragraphs[2]]
    assert preview("upload", text, META).sections == ["Жобаларды таңдау"]


def test_word_tables_lists_bold_headings_and_contents_are_read_in_body_order() -> None:
    document = docx.Document()
    document.add_paragraph("Мазмұны")
    document.add_paragraph("Кіріспе.............3")
    document.add_paragraph("Қорытынды\t7")
    document.add_paragraph().add_run("Кеңестің құрамы").bold = True
    document.add_paragraph(SAMPLE_PARAGRAPHS_KK[0])
    document.add_paragraph("мұғалімдер;", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [["Ауыл", "Жоба"], ["Қарабұлақ", "Көше жарығы"]], strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    table.rows[1].cells[0].merge(table.rows[1].cells[1])  # a merged cell is read once
    document.add_paragraph("Бұл кесте 2023 жылғы жобаларды көрсетеді.")
    text = extract_text("a.docx", docx_bytes(document))
    assert text.split("\n\n")[1:] == [
        "Мазмұны", "Кеңестің құрамы", SAMPLE_PARAGRAPHS_KK[0], "• мұғалімдер;", "Ауыл", "Жоба",
        "Қарабұлақ", "Көше жарығы", "Бұл кесте 2023 жылғы жобаларды көрсетеді.",
    ]
    assert preview("upload", text, META).sections[0] == "Кеңестің құрамы"


def test_a_pdf_paragraph_continues_across_pages_and_hyphenated_words_are_rejoined() -> None:
    paragraph = ("Ақсу ауданында бюджеттік кеңес жұмыс істейді, ал өзін-өзі басқару органдары оның "
                 "шешімін ескереді.")
    broken = "Ақсу ауданында бюджет-\nтік кеңес жұмыс істейді, ал өзін-\nөзі басқару органдары оның\nшешімін ескереді."
    text = extract_text("a.pdf", make_pdf([paragraph, broken, *SAMPLE_PARAGRAPHS_RU], lines_per_page=3))
    assert text.split("\n\n") == [paragraph, paragraph, *SAMPLE_PARAGRAPHS_RU]


@pytest.mark.parametrize(("above", "heading"), [
    ("Глава 2. Образование, компетенция и организация деятельности маслихатов", "Статья 5. Порядок образования"),
    ("IX бөлім Жергілікті мемлекеттік басқару және өзін-өзі басқару", "87-бап"),
    ("7. … мәслихаттың құзырына жататын мәселелер бойынша ақпарат береді", "12-бап. Тұрақты комиссиялар"),
])
def test_a_pdf_line_that_opens_a_block_of_an_act_starts_a_paragraph(above: str, heading: str) -> None:
    """At the top of a page, «Статья 5.» or «87-бап» is no continuation of the heading or the sentence above,
    however far that one reached to the margin."""
    text = extract_text("act.pdf", make_pdf([f"{above}\n{heading}"], lines_per_page=1))
    assert text.split("\n\n") == [above, heading]


def test_a_pdf_with_a_password_is_broken_but_one_only_restricted_is_read() -> None:
    plain = make_pdf(SAMPLE_PARAGRAPHS_KK[:1])
    protected = {}
    for user in ("secret", ""):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
        writer.encrypt(user_password=user, owner_password="owner", algorithm="RC4-128")
        buffer = io.BytesIO()
        writer.write(buffer)
        protected[user] = buffer.getvalue()
    with pytest.raises(IngestError) as caught:
        extract_text("a.pdf", protected["secret"])
    assert caught.value.reason is IngestProblem.BROKEN and "password" in caught.value.detail
    assert extract_text("a.pdf", protected[""]) == SAMPLE_PARAGRAPHS_KK[0]


# --- joining laid-out lines -------------------------------------------------------------------

def test_lines_are_joined_within_a_paragraph_and_split_where_one_ends() -> None:
    page = [
        "Бюджеттік кеңес ауыл тұрғындарынан құралады және жылына екі рет",  # full width, no period
        "жиналады. Кеңестің шешімдері ауыл әкіміне жіберіледі және олар",
        "міндетті түрде қаралады.",  # short with a period: the paragraph ends
        "Аудандық мәслихат бюджетті бекіткенде кеңестің шешімін ескереді",
        "– бұл заң талабы. Мәслихат өзгеріс енгізсе, оның себебін айтады:",  # a dash mid-sentence
        "– жазбаша түрде;",  # a dash after a colon: a list item
        "Қорытынды",  # a short line before a capital: a heading
        "Тәжірибе көрсеткендей, тұрғындардың сенімі артты.",
        "    Жаңа абзац шегініспен басталады және келесі жолға жалғасады",  # indented: a new paragraph
        "әрі осында аяқталады.",
    ]
    assert join_lines([page]) == [
        "Бюджеттік кеңес ауыл тұрғындарынан құралады және жылына екі рет жиналады. Кеңестің шешімдері "
        "ауыл әкіміне жіберіледі және олар міндетті түрде қаралады.",
        "Аудандық мәслихат бюджетті бекіткенде кеңестің шешімін ескереді – бұл заң талабы. Мәслихат "
        "өзгеріс енгізсе, оның себебін айтады:",
        "– жазбаша түрде;",
        "Қорытынды",
        "Тәжірибе көрсеткендей, тұрғындардың сенімі артты.",
        "Жаңа абзац шегініспен басталады және келесі жолға жалғасады әрі осында аяқталады.",
    ]


def test_page_numbers_go_and_a_paragraph_runs_on_to_the_next_page() -> None:
    first = ["3", "Кеңес мүшелерін ауыл жиыны екі жылға сайлайды, ал олардың", "жұмысы ешқандай жалақы"]
    second = ["алмай, қоғамдық негізде атқарылады.", "", "- 4 -"]
    assert join_lines([first, second]) == [
        "Кеңес мүшелерін ауыл жиыны екі жылға сайлайды, ал олардың жұмысы ешқандай жалақы алмай, "
        "қоғамдық негізде атқарылады."
    ]


@pytest.mark.parametrize(("lines", "joined"), [
    (["бюджеттік кеңес пен бюджет-", "тік комиссия"], "бюджеттік кеңес пен бюджеттік комиссия"),
    (["өзін-өзі басқару және өзін-", "өзі қаржыландыру"], "өзін-өзі басқару және өзін-өзі қаржыландыру"),
    (["қоғамдық-саяси өмір және қоғамдық-", "саяси ұйым"], "қоғамдық-саяси өмір және қоғамдық-саяси ұйым"),
    (["сексен ауыл, сек-", "сен жоба"], "сексен ауыл, сексен жоба"),  # the document writes it whole
    (["тұрғындар бір-", "бірімен кеңеседі"], "тұрғындар бір-бірімен кеңеседі"),  # a reduplication
    (["ҚР-", "ның заңы"], "ҚР-ның заңы"),  # after an abbreviation
    (["жобалар 2019-", "2023 жылдары"], "жобалар 2019-2023 жылдары"),  # a range of years
    (["аудандық мәсли-", "хат шешімі"], "аудандық мәслихат шешімі"),  # no evidence: a typesetter's hyphen
    (["мәсли\u00ad", "хат"], "мәслихат"),  # a soft hyphen always goes
    (["кеңес -", "бұл орган"], "кеңес - бұл орган"),  # a dash, not a hyphen
])
def test_hyphens_at_a_line_end(lines: list[str], joined: str) -> None:
    assert join_lines([lines]) == [joined]


def test_a_table_of_contents_over_several_lines_becomes_the_one_line_repair_reads() -> None:
    page = ["МАЗМҰНЫ", "Кіріспе....................3", "1.1 Бюджеттік кеңес..........5",
            "Қорытынды.................9", "", "Кіріспе", "Бюджеттік кеңес ауылда жұмыс істейді."]
    contents, *_ = [line for line in join_lines([page]) if "...." in line]
    assert is_toc_line(contents)


# --- plain text and its encodings -------------------------------------------------------------

KAZAKH = "\n".join(SAMPLE_PARAGRAPHS_KK)
RUSSIAN = "\n".join(SAMPLE_PARAGRAPHS_RU)


@pytest.mark.parametrize(("content", "text"), [
    (KAZAKH.encode("utf-8"), KAZAKH),
    (KAZAKH.encode("utf-8-sig"), KAZAKH),
    (KAZAKH.encode("utf-16"), KAZAKH),  # with the BOM Windows writes
    (b"\xfe\xff" + KAZAKH.encode("utf-16-be"), KAZAKH),
    (RUSSIAN.encode("cp1251"), RUSSIAN),
    (KAZAKH.encode("kz1048"), KAZAKH),  # Windows Kazakh: cp1251 with Kazakh letters
])
def test_text_files_are_decoded(content: bytes, text: str) -> None:
    assert decode_text(content) == text
    assert extract_text("a.txt", content) == text.replace("\n", "\n\n")


def test_kazakh_in_windows_encoding_is_not_read_as_serbian_or_ukrainian() -> None:
    content = make_txt(["Қазақстан Республикасының әкімдері мен мәслихаттары"], encoding="kz1048")
    assert "Ќ" in content.decode("cp1251")  # what a plain cp1251 reading would show
    assert extract_text("a.txt", content) == "Қазақстан Республикасының әкімдері мен мәслихаттары"


def test_a_text_file_wrapped_by_hand_is_joined_into_paragraphs() -> None:
    wrapped = "\n\n".join(textwrap.fill(p, 72, break_on_hyphens=False) for p in SAMPLE_PARAGRAPHS_KK)
    assert extract_text("a.txt", wrapped.encode()) == SAMPLE_TEXT


@pytest.mark.parametrize("doc_id", [THESIS, ARTICLE])
def test_the_shipped_text_files_as_uploads_give_the_same_passages(doc_id: str) -> None:
    shipped = next(doc for doc in load_corpus() if doc.doc_id == doc_id)
    text = extract_text(f"{doc_id}.txt", (SEEDS / f"{doc_id}.txt").read_bytes())
    uploaded = Document(doc_id=doc_id, raw=text, meta=shipped.meta)
    assert [p.text for p in build_passages(repair(uploaded))] == [p.text for p in build_passages(repair(shipped))]


# --- refusals, which leave the directory as it was --------------------------------------------

def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word file")
    return buffer.getvalue()


REFUSED = [
    ("notes.doc", b"\xd0\xcf\x11\xe0 old Word", IngestProblem.UNSUPPORTED),
    ("notes.rtf", b"{\\rtf1 text}", IngestProblem.UNSUPPORTED),
    ("notes", SAMPLE_TEXT.encode(), IngestProblem.UNSUPPORTED),
    ("broken.docx", BROKEN_DOCX, IngestProblem.BROKEN),
    ("broken.pdf", BROKEN_PDF, IngestProblem.BROKEN),
    ("empty.docx", b"", IngestProblem.BROKEN),
    ("empty.pdf", b"", IngestProblem.BROKEN),
    ("zip.docx", _zip_without_word(), IngestProblem.BROKEN),
    ("half.docx", FILES["budget.docx"][:2000], IngestProblem.BROKEN),
    ("half.pdf", FILES["budget.pdf"][: len(FILES["budget.pdf"]) // 2], IngestProblem.BROKEN),
    ("pdf.txt", FILES["budget.pdf"], IngestProblem.BROKEN),  # binary data named .txt
    ("bad.txt", "Бюджет".encode("cp1251") + b"\x98", IngestProblem.BROKEN),  # undefined in cp1251
    ("blank.txt", b" \r\n\t\n", IngestProblem.EMPTY),
    ("bom.txt", b"\xef\xbb\xbf\xe2\x80\x8b\n", IngestProblem.EMPTY),  # a BOM and a zero-width space
    ("blank.docx", make_docx([]), IngestProblem.EMPTY),
    ("cells.docx", make_docx([], table=[["", ""]]), IngestProblem.EMPTY),
    ("scan.pdf", make_pdf([]), IngestProblem.EMPTY),
    ("contents.txt", "Мазмұны Кіріспе.....3 Негізгі бөлім.....5 Қорытынды.....9".encode(), IngestProblem.NO_PASSAGES),
    ("garbled.txt", "□□□ ■■■ 12345 ### ▲▲ 678 ◆◆◆. ".encode() * 20, IngestProblem.NO_PASSAGES),
    ("tiny.txt", "Қысқа.".encode(), IngestProblem.NO_PASSAGES),
]


@pytest.mark.parametrize(("filename", "content", "reason"), REFUSED, ids=[case[0] for case in REFUSED])
def test_a_refused_upload_changes_nothing(filename: str, content: bytes, reason: IngestProblem,
                                          knowledge: Path) -> None:
    before = listing(knowledge)
    with pytest.raises(IngestError) as caught:
        upload(knowledge, filename, content)
    assert caught.value.reason is reason, caught.value.detail
    assert isinstance(caught.value, ValueError) and caught.value.detail
    assert listing(knowledge) == before


def test_the_same_text_twice_is_a_duplicate_whatever_the_format(knowledge: Path) -> None:
    doc_id = upload(knowledge, "budget.pdf", FILES["budget.pdf"])
    before = listing(knowledge)
    for filename, content in [("budget.txt", FILES["budget.txt"]), ("copy.pdf", FILES["budget.pdf"]),
                              ("spaced.txt", ("  " + SAMPLE_TEXT.replace(" ", "  \t") + "\n\n").encode())]:
        assert find_duplicate(knowledge, extract_text(filename, content)) == doc_id
        with pytest.raises(IngestError) as caught:
            upload(knowledge, filename, content)
        assert caught.value.reason is IngestProblem.DUPLICATE and caught.value.existing == doc_id
    assert listing(knowledge) == before
    assert find_duplicate(knowledge, SAMPLE_TEXT + " Тағы бір сөйлем.") is None


def test_a_shipped_document_uploaded_again_is_a_duplicate(knowledge: Path) -> None:
    text = extract_text("thesis.txt", (SEEDS / f"{THESIS}.txt").read_bytes())
    assert find_duplicate(knowledge, text) == THESIS


# --- the files written ------------------------------------------------------------------------

def test_new_ids_number_on_from_the_highest_and_end_in_the_texts_hash(knowledge: Path, tmp_path: Path) -> None:
    digest = hashlib.sha1(SAMPLE_TEXT.encode()).hexdigest()[:16]
    assert new_doc_id(tmp_path / "nowhere", SAMPLE_TEXT) == f"000_{digest}"
    assert new_doc_id(knowledge, SAMPLE_TEXT) == f"005_{digest}"  # the shipped ones are 000 and 004
    assert add_document(knowledge, SAMPLE_TEXT, META) == f"005_{digest}"
    assert new_doc_id(knowledge, "Басқа мәтін.").startswith("006_")
    assert re.fullmatch(r"\d{3}_[0-9a-f]{16}", new_doc_id(knowledge, "x"))


def test_ids_without_a_number_count_as_none(tiny_dir: Path) -> None:
    assert new_doc_id(tiny_dir, SAMPLE_TEXT).startswith("000_")


def test_the_files_look_like_the_shipped_ones(knowledge: Path) -> None:
    doc_id = add_document(knowledge, SAMPLE_TEXT, META)
    folder = knowledge / "documents"
    meta_file = folder / f"{doc_id}.meta.json"
    shipped = json.loads((folder / f"{THESIS}.meta.json").read_text(encoding="utf-8"))
    written = json.loads(meta_file.read_text(encoding="utf-8"))
    assert list(written) == list(shipped)
    assert SAMPLE_TITLE in meta_file.read_text(encoding="utf-8")  # not \u escapes
    assert meta_file.read_text(encoding="utf-8").startswith('{\n  "title": ')
    assert read_meta(meta_file) == META
    assert (folder / f"{doc_id}.txt").read_bytes() == (SAMPLE_TEXT + "\n").encode()
    assert {path.name for path in folder.iterdir()} == {path.name for path in SEEDS.iterdir()} | {
        f"{doc_id}.txt", f"{doc_id}.meta.json"}  # no temporary file left


def test_a_failed_text_write_takes_its_metadata_back(knowledge: Path) -> None:
    folder = knowledge / "documents"
    doc_id = new_doc_id(knowledge, SAMPLE_TEXT)
    (folder / f"{doc_id}.txt").mkdir()  # the text cannot be put there
    before = listing(knowledge)
    with pytest.raises(OSError):
        add_document(knowledge, SAMPLE_TEXT, META)
    assert listing(knowledge) == before
    assert not (folder / f"{doc_id}.meta.json").exists()


def test_a_failed_metadata_write_writes_no_text(knowledge: Path) -> None:
    folder = knowledge / "documents"
    doc_id = new_doc_id(knowledge, SAMPLE_TEXT)
    (folder / f"{doc_id}.meta.json").mkdir()
    before = listing(knowledge)
    with pytest.raises(OSError):
        add_document(knowledge, SAMPLE_TEXT, META)
    assert listing(knowledge) == before
    assert not (folder / f"{doc_id}.txt").exists()


def test_a_removed_document_is_gone_from_the_next_knowledge_base(knowledge: Path, tmp_path: Path) -> None:
    doc_id = upload(knowledge, "budget.docx", FILES["budget.docx"])
    assert doc_id in KnowledgeBase.open(knowledge, tmp_path / "cache").documents
    remove_document(knowledge, doc_id)
    kb = KnowledgeBase.open(knowledge, tmp_path / "cache")
    assert doc_id not in kb.documents and set(kb.documents) == {THESIS, ARTICLE}
    assert all(p.doc_id != doc_id for p in kb.index.passages)
    assert kb.index.search(QUESTION).hits[0].passage.doc_id != doc_id
    assert listing(knowledge / "documents") == listing(SEEDS)
    with pytest.raises(IngestError) as caught:
        remove_document(knowledge, doc_id)
    assert caught.value.reason is IngestProblem.UNKNOWN_DOCUMENT


def test_a_removal_left_half_done_can_be_finished(knowledge: Path) -> None:
    doc_id = add_document(knowledge, SAMPLE_TEXT, META)
    (knowledge / "documents" / f"{doc_id}.txt").unlink()
    remove_document(knowledge, doc_id)
    assert listing(knowledge / "documents") == listing(SEEDS)


@pytest.mark.parametrize("doc_id", ["../glossary", "..", ".", "", "documents/../x", "/etc/passwd", "a b",
                                    THESIS + "\n", "x" * 81, "missing_doc", "..\\glossary"])
def test_ids_that_are_not_documents_remove_nothing(doc_id: str, knowledge: Path) -> None:
    (knowledge / "glossary.txt").write_text("not a document", encoding="utf-8")
    (knowledge / "glossary.meta.json").write_text("{}", encoding="utf-8")
    before = listing(knowledge)
    with pytest.raises(IngestError) as caught:
        remove_document(knowledge, doc_id)
    assert caught.value.reason is IngestProblem.UNKNOWN_DOCUMENT
    assert listing(knowledge) == before


def test_the_id_pattern_admits_the_shipped_and_new_ids(knowledge: Path) -> None:
    assert DOC_ID_PATTERN.fullmatch(THESIS) and DOC_ID_PATTERN.fullmatch(new_doc_id(knowledge, "x"))
    assert not DOC_ID_PATTERN.fullmatch("../x")


# --- preview and captions ---------------------------------------------------------------------

def test_twenty_readable_words_make_a_document() -> None:
    words = SAMPLE_TEXT.split()
    assert len(preview("upload", " ".join(words[:MIN_WORDS_TO_ADD]), META).passages) == 1
    with pytest.raises(IngestError) as caught:
        preview("upload", " ".join(words[:MIN_WORDS_TO_ADD - 1]), META)
    assert caught.value.reason is IngestProblem.NO_PASSAGES


def test_preview_counts_languages_by_passages() -> None:
    text = "\n".join([*SAMPLE_PARAGRAPHS_KK, "Аннотация. " + " ".join(SAMPLE_PARAGRAPHS_RU * 3)])
    found = preview("upload", text, META)
    assert found.languages == ["kk", "ru"]
    assert found.sections == ["Аннотация (ru)"]
    assert found.words == len(text.split())


@pytest.mark.parametrize(("caption", "expected"), [
    (None, (None, None)),
    ("   \n ", (None, None)),
    ("Ақсу ауданының бюджеті", ("Ақсу ауданының бюджеті", None)),
    ("  Ақсу   ауданының бюджеті | law ", ("Ақсу ауданының бюджеті", "law")),
    ("Бюджет туралы | Заң", ("Бюджет туралы", "law")),
    ("О бюджете | ЗАКОН", ("О бюджете", "law")),
    ("Мақала атауы\nмақала", ("Мақала атауы", "journal_article")),
    ("Статья\nстатья", ("Статья", "journal_article")),
    ("Оқу құралы\nоқулық", ("Оқу құралы", "textbook")),
    ("Учебник по праву | учебник", ("Учебник по праву", "textbook")),
    ("Жұмыс | бітіру жұмысы", ("Жұмыс", "thesis_chapter")),
    ("Работа\nдиплом", ("Работа", "thesis_chapter")),
    ("Title | journal article", ("Title", "journal_article")),
    ("Title | THESIS_CHAPTER", ("Title", "thesis_chapter")),
    ("Title | poem", ("Title", None)),  # not a kind: the title stays without it
    ("Title\nбасқа", ("Title", "other")),
    ("Title\nсоңғы нұсқа", ("Title", None)),  # a second line that names no kind is ignored
    ("| law", (None, "law")),
    ("заң", (None, "law")),  # a caption that is only a kind
])
def test_captions(caption: str | None, expected: tuple[str | None, str | None]) -> None:
    assert parse_caption(caption) == expected


def test_a_long_caption_title_is_cut_to_200_characters() -> None:
    title, kind = parse_caption("Бюджет " * 60 + "| law")
    assert title is not None and len(title) <= 200 and title.startswith("Бюджет Бюджет") and kind == "law"


def test_every_kind_is_offered_and_the_shipped_kinds_are_among_them() -> None:
    assert {"law", "journal_article", "thesis_chapter", "textbook", "other"} <= set(KINDS)
    assert {meta.kind for meta in (read_meta(p) for p in SEEDS.glob("*.meta.json"))} <= set(KINDS)
    assert all(parse_caption(f"T | {kind}") == ("T", kind) for kind in KINDS)
    assert SUPPORTED == (".txt", ".docx", ".pdf")
