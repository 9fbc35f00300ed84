"""Admin tools through the fake Bot API: refusals, /stats, /unanswered, uploads, /docs, /remove, /reload."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services.library import Library
from knowledge import ingest, reading
from knowledge.corpus import seed
from knowledge.models import DocumentMeta
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, callback_data, excerpt_of, running_bot
from tests.documents import (
    BROKEN_DOCX,
    BROKEN_PDF,
    DISTINCTIVE_PHRASE,
    SAMPLE_PARAGRAPHS_KK,
    SAMPLE_TITLE,
    make_docx,
    make_pdf,
    make_txt,
)
from tests.fake_bot_api import FakeTelegram, FakeUser, SentMessage

ADMIN = FakeUser(id=9001, first_name="Admin", language_code="ru")
QUESTION = "Бюджеттік кеңес құрамына кімдер кіреді?"
FORMATS = {
    ".txt": lambda: make_txt(SAMPLE_PARAGRAPHS_KK),
    ".docx": lambda: make_docx(SAMPLE_PARAGRAPHS_KK),
    ".pdf": lambda: make_pdf(SAMPLE_PARAGRAPHS_KK),
}


@pytest.fixture
async def admin(fake_telegram: FakeTelegram, tmp_path: Path) -> AsyncIterator[RunningBot]:
    """The bot over its own copy of the shipped collection, with one admin."""
    folder = tmp_path / "knowledge"
    seed(folder)
    library = await asyncio.to_thread(Library.open, folder, tmp_path / "cache")
    async with running_bot(fake_telegram, library, tmp_path, admin_ids=frozenset({ADMIN.id})) as running:
        yield running


def listing(running: RunningBot) -> list[str]:
    return sorted(p.name for p in (running.library.knowledge_dir / "documents").iterdir())


async def upload(running: RunningBot, filename: str, content: bytes, caption: str | None = None,
                 user: FakeUser = ADMIN) -> SentMessage:
    """Send a file; returns the bot's reply to it."""
    since = running.fake.mark()
    running.fake.send_document(filename, content, caption=caption, user=user)
    call = await running.fake.wait_call("sendMessage", since=since, chat_id=user.id)
    assert call.error is None, call.describe()
    return running.fake.message(user.id, call.result["message_id"])


# --- who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["/stats", "/unanswered", "/docs", "/reload", "/remove 1"])
async def test_non_admins_get_the_unknown_command_reply_and_are_logged(
        admin: RunningBot, command: str, caplog: pytest.LogCaptureFixture) -> None:
    unknown = await admin.say("/nosuchcommand", STUDENT_RU)
    with caplog.at_level(logging.WARNING):
        reply = await admin.say(command, STUDENT_RU)
    assert reply.text == unknown.text
    assert any(str(STUDENT_RU.id) in record.getMessage() and "admin" in record.getMessage()
               for record in caplog.records)
    assert not admin.fake.calls_since(0, "sendPhoto")


async def test_a_non_admins_document_is_refused_and_changes_nothing(admin: RunningBot,
                                                                     caplog: pytest.LogCaptureFixture) -> None:
    before = listing(admin)
    with caplog.at_level(logging.WARNING):
        reply = await upload(admin, "aksu.txt", make_txt(SAMPLE_PARAGRAPHS_KK), SAMPLE_TITLE, user=STUDENT_KK)
    assert not reply.buttons() and listing(admin) == before
    assert not admin.fake.calls_since(0, "getFile")
    assert any("document" in record.getMessage() for record in caplog.records)


# --- statistics ---------------------------------------------------------------------------------


async def test_stats_as_text_and_chart(admin: RunningBot) -> None:
    await admin.say("Мәслихат деген не?", STUDENT_KK)
    answer = await admin.say("Что такое местное самоуправление?", STUDENT_RU)
    await admin.press(answer, "👍")
    await admin.say("квантовая хромодинамика глюоны", STUDENT_RU)
    since = admin.fake.mark()
    report = await admin.say("/stats", ADMIN)
    assert "3" in report.text and "квантовая хромодинамика" in report.text
    photo = await admin.fake.wait_call("sendPhoto", since=since, chat_id=ADMIN.id)
    assert photo.error is None, photo.describe()
    sent = admin.fake.message(ADMIN.id, photo.result["message_id"])
    assert sent.photo is not None and sent.photo.startswith(b"\x89PNG\r\n\x1a\n")


async def test_unanswered_list_and_dismiss(admin: RunningBot) -> None:
    for text in ("квантовая хромодинамика глюоны", "Квантовая хромодинамика  глюоны!", "zzzz qqqq xxxx"):
        await admin.say(text, STUDENT_RU)
    listed = await admin.say("/unanswered", ADMIN)
    assert "квантовая хромодинамика" in listed.text.lower() and "zzzz" in listed.text
    dismiss = callback_data(listed, "ud")
    assert len(dismiss) == 2  # the two wordings of one question are one line
    await admin.press(listed, "1", user=ADMIN)  # the latest: zzzz
    assert "zzzz" not in listed.text and "хромодинамика" in listed.text
    await admin.press(listed, "1", user=ADMIN)
    assert not callback_data(listed, "ud")


# --- adding a document -----------------------------------------------------------------------


@pytest.mark.parametrize("suffix", list(FORMATS))
async def test_an_uploaded_document_is_searchable_at_once(admin: RunningBot, suffix: str) -> None:
    before = await admin.say(QUESTION, STUDENT_KK)
    assert SAMPLE_TITLE[:20] not in before.text
    content = FORMATS[suffix]()
    preview = await upload(admin, "aksu" + suffix, content, f"{SAMPLE_TITLE} | journal_article")
    meta = DocumentMeta(title=SAMPLE_TITLE, short_title=SAMPLE_TITLE, kind="journal_article")
    expected = ingest.preview("x", reading.extract_text("aksu" + suffix, content), meta)
    assert f"фрагментов: {len(expected.passages)}" in preview.text and f"слов: {expected.words}" in preview.text
    assert len(callback_data(preview, "du")) == 2
    await admin.press(preview, "✅", user=ADMIN)
    assert "✅" in preview.text and len(admin.kb.documents) == 3
    after = await admin.say(QUESTION, STUDENT_KK)
    assert DISTINCTIVE_PHRASE in excerpt_of(after).lower()
    assert SAMPLE_TITLE[:20] in after.text  # cited as the new document
    docs = await admin.say("/docs", ADMIN)
    assert SAMPLE_TITLE[:20] in docs.text


async def test_title_and_kind_are_asked_when_the_caption_lacks_them(admin: RunningBot) -> None:
    asked = await upload(admin, "aksu.docx", make_docx(SAMPLE_PARAGRAPHS_KK))
    assert "aksu.docx" in asked.text and not asked.buttons()
    kinds = await admin.say(SAMPLE_TITLE, ADMIN)  # the title, not a question
    assert len(callback_data(kinds, "dk")) >= 4
    since = admin.fake.mark()
    admin.fake.press_button(kinds, "учебник", user=ADMIN)
    call = await admin.fake.wait_call("sendMessage", since=since, chat_id=ADMIN.id)
    preview = admin.fake.message(ADMIN.id, call.result["message_id"])
    assert SAMPLE_TITLE in preview.text and callback_data(preview, "du")
    await admin.press(preview, "✖", user=ADMIN)
    assert len(admin.kb.documents) == 2 and not callback_data(preview, "du")


@pytest.mark.parametrize(("filename", "content"), [
    ("broken.docx", BROKEN_DOCX),
    ("broken.pdf", BROKEN_PDF),
    ("empty.txt", b"   \n\n  "),
    ("tiny.txt", "Қысқа.".encode()),
    ("notes.odt", b"PK\x03\x04whatever"),
    ("seed.txt", None),  # a document already in the collection
])
async def test_a_bad_file_gets_a_clear_error_and_changes_nothing(admin: RunningBot, filename: str,
                                                                 content: bytes | None) -> None:
    if content is None:
        content = next((admin.library.knowledge_dir / "documents").glob("*.txt")).read_bytes()
    before, kb = listing(admin), admin.kb
    reply = await upload(admin, filename, content, SAMPLE_TITLE + " | law")
    assert not callback_data(reply, "du") and reply.text
    assert listing(admin) == before and admin.kb is kb


# --- removing, reloading ------------------------------------------------------------------------


async def test_remove_after_confirmation(admin: RunningBot) -> None:
    preview = await upload(admin, "aksu.txt", make_txt(SAMPLE_PARAGRAPHS_KK), SAMPLE_TITLE + " | law")
    await admin.press(preview, "✅", user=ADMIN)
    doc_id = next(d for d, meta in admin.kb.documents.items() if meta.title == SAMPLE_TITLE)
    kept = await admin.say(f"/remove {doc_id}", ADMIN)
    await admin.press(kept, "✖", user=ADMIN)
    assert doc_id in admin.kb.documents
    confirm = await admin.say("/remove 3", ADMIN)
    assert doc_id in confirm.text
    await admin.press(confirm, "🗑", user=ADMIN)
    assert doc_id not in admin.kb.documents and not any(doc_id in name for name in listing(admin))
    after = await admin.say(QUESTION, STUDENT_KK)
    assert SAMPLE_TITLE[:20] not in after.text
    unknown = await admin.say("/remove nosuchdoc", ADMIN)
    assert not callback_data(unknown, "dr")


async def test_reload_picks_up_edited_files(admin: RunningBot) -> None:
    folder = admin.library.knowledge_dir
    (folder / "documents" / "900_manual.txt").write_text("\n\n".join(SAMPLE_PARAGRAPHS_KK), encoding="utf-8")
    (folder / "documents" / "900_manual.meta.json").write_text(
        '{"title": "Қолмен қосылған құжат", "kind": "other", "languages": ["kk"]}', encoding="utf-8")
    report = await admin.say("/reload", ADMIN)
    assert "✅" in report.text and len(admin.kb.documents) == 3
    answer = await admin.say(QUESTION, STUDENT_KK)
    assert DISTINCTIVE_PHRASE in excerpt_of(answer).lower()


@pytest.mark.parametrize(("name", "broken", "line"), [
    ("glossary.tsv", "мәслихат\tмаслихат\tmaslikhat\nбұзылған жол\n", "2"),
    ("topics.toml", '[[topic]]\nslug = "a"\ntitle_kk = "А"\ntitle_ru = "А"\nterms = [\n', "5"),
])
async def test_a_malformed_file_is_rejected_with_its_line_and_the_old_index_serves(
        admin: RunningBot, name: str, broken: str, line: str) -> None:
    before = await admin.say("Мәслихат деген не?", STUDENT_KK)
    kb = admin.kb
    (admin.library.knowledge_dir / name).write_text(broken, encoding="utf-8")
    report = await admin.say("/reload", ADMIN)
    assert "❌" in report.text and f"line {line}" in report.text
    assert admin.kb is kb
    after = await admin.say("Мәслихат деген не?", STUDENT_KK)
    assert excerpt_of(after) == excerpt_of(before)


async def test_questions_are_answered_while_the_index_is_rebuilt(admin: RunningBot) -> None:
    """Ten students ask while an upload is confirmed: every one is answered, and the new document is found."""
    preview = await upload(admin, "aksu.docx", make_docx(SAMPLE_PARAGRAPHS_KK), SAMPLE_TITLE + " | textbook")
    since = admin.fake.mark()
    admin.fake.press_button(preview, "✅", user=ADMIN)
    students = [FakeUser(id=4000 + n, language_code="kk") for n in range(10)]
    for student in students:
        admin.fake.send_message("Мәслихат деген не?", user=student)
    for student in students:
        call = await admin.fake.wait_call("sendMessage", since=since, chat_id=student.id)
        assert call.error is None and "📖" in call.params["text"]
    await admin.fake.wait_call("editMessageText", since=since, message_id=preview.message_id)
    assert "✅" in preview.text
    answer = await admin.say(QUESTION, STUDENT_KK)
    assert DISTINCTIVE_PHRASE in excerpt_of(answer).lower()


async def test_admins_menu_lists_the_admin_tools_and_others_do_not(admin: RunningBot) -> None:
    menus = admin.fake.commands
    assert {"stats", "unanswered", "docs", "reload"} <= {c["command"] for c in menus[(f"chat:{ADMIN.id}", "")]}
    assert "stats" not in {c["command"] for c in menus[("default", "")]}
    for user, language in ((ADMIN, "Қазақша"), (STUDENT_RU, "Русский")):
        choose = await admin.say("/lang", user)  # choosing a language sets the chat's menu again
        since = admin.fake.mark()
        await admin.press(choose, language, user=user)
        await admin.fake.wait_call("setMyCommands", since=since)
        assert ("stats" in {c["command"] for c in menus[(f"chat:{user.id}", "")]}) is (user is ADMIN)
