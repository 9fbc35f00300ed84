"""A teacher adds the law in both state languages; students look up articles, switch languages, browse chapters.

End to end through the fake Bot API, with the real law of ../shared/legal read by path: the
Russian text uploaded as .docx, the Kazakh one as .txt, by an admin, as a teacher would.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.services.library import Library
from knowledge.adding import add_file
from knowledge.corpus import seed
from tests.bot_harness import STUDENT_KK, STUDENT_RU, RunningBot, excerpt_of, running_bot
from tests.documents import ORDER_KK, ORDER_RU, make_docx, make_txt
from tests.fake_bot_api import FakeChat, FakeTelegram, FakeUser

LEGAL = Path(__file__).resolve().parents[2] / "shared" / "legal"
ADMIN = FakeUser(id=9001, first_name="Admin", language_code="ru")
GROUP = FakeChat(id=-1009876543210, type="supergroup", title="Құқық семинары")

pytestmark = pytest.mark.skipif(not LEGAL.is_dir(), reason="../shared/legal is not beside the repository")


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (LEGAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


async def _upload(running: RunningBot, filename: str, content: bytes, caption: str) -> str:
    """Send a file as the admin, confirm it; returns the preview the admin was shown."""
    since = running.fake.mark()
    running.fake.send_document(filename, content, caption=caption, user=ADMIN)
    call = await running.fake.wait_call("sendMessage", since=since, chat_id=ADMIN.id)
    assert call.error is None, call.describe()
    preview = running.fake.message(ADMIN.id, call.result["message_id"])
    shown = preview.text
    since = running.fake.mark()
    running.fake.press_button(preview, "✅", user=ADMIN)
    # adding re-indexes the whole collection with the act in it: seconds, more on a busy machine
    edit = await running.fake.wait_call("editMessageText", since=since, message_id=preview.message_id, timeout=60)
    assert edit.error is None, edit.describe()
    return shown


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A knowledge directory with both texts of the law added by `add_file` (the upload's own steps)
    and its index built once: copied for each test that does not test the upload itself."""
    root = tmp_path_factory.mktemp("legal-bot")
    folder, cache = root / "knowledge", root / "cache"
    seed(folder)
    (root / "law-148-II-ru.docx").write_bytes(make_docx(_lines("law-148-II-ru-2014.txt")))
    (root / "law-148-II-kk.txt").write_bytes(make_txt(_lines("law-148-II-kk-2014.txt")))
    add_file(folder, root / "law-148-II-ru.docx", kind="law", reindex=False)
    add_file(folder, root / "law-148-II-kk.txt", kind="law", cache_dir=cache)
    return folder, cache


@pytest.fixture
async def teacher(fake_telegram: FakeTelegram, tmp_path: Path, prepared: tuple[Path, Path]
                  ) -> AsyncIterator[RunningBot]:
    """The bot over a collection holding the law in both state languages."""
    folder, cache = tmp_path / "knowledge", tmp_path / "cache"
    shutil.copytree(prepared[0], folder)
    shutil.copytree(prepared[1], cache)
    library = await asyncio.to_thread(Library.open, folder, cache)
    async with running_bot(fake_telegram, library, tmp_path, admin_ids=frozenset({ADMIN.id})) as running:
        yield running


async def test_an_admin_adds_the_law_as_docx_and_txt_and_the_texts_are_linked(
        fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    seed(folder)
    library = await asyncio.to_thread(Library.open, folder, tmp_path / "cache")
    async with running_bot(fake_telegram, library, tmp_path, admin_ids=frozenset({ADMIN.id})) as running:
        ru = await _upload(running, "law-148-II-ru.docx", make_docx(_lines("law-148-II-ru-2014.txt")),
                           "О местном государственном управлении и самоуправлении в РК | закон")
        assert "статей — 55" in ru and "Номер: 148-II" in ru  # the act's structure, before it is added
        kk = await _upload(running, "law-148-II-kk.txt", make_txt(_lines("law-148-II-kk-2014.txt")),
                           "Жергілікті мемлекеттік басқару және өзін-өзі басқару туралы | заң")
        assert "статей — 55" in kk
        assert len(running.kb.index.legal.links) == 2
        reply = await running.say("ст. 39-3", STUDENT_RU)
        assert "ст. 39-3" in reply.text and any("🔁 Қазақша мәтін" in label for label, _ in reply.buttons())


async def test_an_admin_adds_a_regulation_in_both_languages_and_students_get_it_by_пункт(
        fake_telegram: FakeTelegram, tmp_path: Path) -> None:
    """A maslikhat's regulation has no articles: the preview shows its пункты and the order's number, the two
    texts are linked by it, and an answer cites the regulation by пункт with its Kazakh text a button away."""
    folder = tmp_path / "knowledge"
    seed(folder)
    library = await asyncio.to_thread(Library.open, folder, tmp_path / "cache")
    async with running_bot(fake_telegram, library, tmp_path, admin_ids=frozenset({ADMIN.id})) as running:
        ru = await _upload(running, "reglament-ru.txt", make_txt(ORDER_RU.splitlines()),
                           "Типовой регламент маслихата | регламент")
        assert "Подзаконный акт: пунктов — 4, глав — 2" in ru and "Номер: 150" in ru and "2023-08-07" in ru
        await _upload(running, "reglament-kk.docx", make_docx(ORDER_KK.splitlines()),
                      "Мәслихаттың үлгі регламенті | ереже")
        assert len(running.kb.index.legal.links) == 2
        reply = await running.say("сколько раз в год созывается очередная сессия маслихата", STUDENT_RU)
        assert "не реже четырех раз в год" in excerpt_of(reply)
        assert "«Типовой регламент маслихата» (от 07.08.2023 № 150), п" in reply.text
        assert any("🔁 Қазақша мәтін" in label for label, _ in reply.buttons())


async def test_each_reader_gets_the_text_in_their_language(teacher: RunningBot) -> None:
    ru = await teacher.say("кто созывает сход местного сообщества", STUDENT_RU)
    assert "Сход местного сообщества" in excerpt_of(ru)
    assert "ст. 39-3" in ru.text and "148-II" in ru.text  # cited as a law is cited
    assert any("🔁 Қазақша мәтін" in label for label, _ in ru.buttons())
    kk = await teacher.say("39-3-бап", STUDENT_KK)
    assert "39-3-бап" in kk.text and "қоғамдастық" in excerpt_of(kk)
    assert any("🔁 Русский текст" in label for label, _ in kk.buttons())


async def test_the_switch_shows_the_same_article_in_the_other_language_and_back(teacher: RunningBot) -> None:
    kk = await teacher.say("39-2-бап", STUDENT_KK)
    article = "39-2"
    await teacher.press(kk, "🔁 Русский текст")
    switched = teacher.fake.message(STUDENT_KK.id, kk.message_id)
    # the Russian text of the same article, cited in the reader's language
    assert "Члены местного сообщества" in excerpt_of(switched) and f"{article}-бап" in switched.text
    await teacher.press(switched, "📄")  # the whole Russian passage, still in Russian
    whole = teacher.fake.message(STUDENT_KK.id, kk.message_id)
    assert "Члены местного сообщества" in whole.text and "📄" in whole.text
    await teacher.press(whole, "🔁 Қазақша мәтін")
    back = teacher.fake.message(STUDENT_KK.id, kk.message_id)
    assert f"{article}-бап" in back.text and "Жергілікті қоғамдастық мүшелері" in excerpt_of(back)


@pytest.mark.parametrize(("question", "user", "expected", "opening"), [
    ("ст. 39-3", STUDENT_RU, "ст. 39-3", "1. На территории"),
    ("ст. 39-3 п. 2", STUDENT_RU, "ст. 39-3, п. 2", "2. Сход местного сообщества"),
    ("39-3-бап", STUDENT_KK, "39-3-бап", "1. Жергілікті маңызы бар"),
])
async def test_an_article_reference_opens_the_article(teacher: RunningBot, question: str, user: FakeUser,
                                                     expected: str, opening: str) -> None:
    reply = await teacher.say(question, user)
    assert reply.text.startswith("✅")
    assert expected in reply.text
    assert excerpt_of(reply).startswith(opening)


@pytest.mark.parametrize(("question", "user", "said"), [
    ("ст. 16 закона", STUDENT_RU, "Эта статья исключена. Сноска. Статья 16 исключена Законом РК от 21.07.2011"),
    ("заңның 40-бабы", STUDENT_KK, "Бұл бап алып тасталған. Ескерту. 40-бап алынып тасталды"),
])
async def test_a_repealed_article_looked_up_says_it_is_repealed(teacher: RunningBot, question: str, user: FakeUser,
                                                               said: str) -> None:
    """The act keeps only the heading of an article it repealed: the note saying so is shown under it."""
    reply = await teacher.say(question, user)
    assert said in " ".join(reply.text.split())


async def test_an_article_is_opened_in_a_group_and_inline(teacher: RunningBot) -> None:
    since = teacher.fake.mark()
    teacher.fake.add_bot_to_group(GROUP, by=STUDENT_RU)
    await teacher.fake.wait_call("sendMessage", since=since, chat_id=GROUP.id)  # the bot introduces itself
    _, reply = await teacher.say_in(GROUP, "/ask ст. 39-3 п. 2", user=STUDENT_RU)
    assert "ст. 39-3, п. 2" in reply.text and "Сход местного сообщества" in reply.text
    query_id = teacher.fake.send_inline_query("ст. 39-3", user=STUDENT_RU)
    call = await teacher.fake.wait_inline_answer(query_id)
    assert call.error is None, call.describe()
    first = call.params["results"][0]
    assert "ст. 39-3" in first["title"]


async def test_the_topic_menu_lists_the_law_and_its_chapters(teacher: RunningBot) -> None:
    menu = await teacher.say("/topics", STUDENT_RU)
    act = next(label for label, _ in menu.buttons() if label.startswith("§"))
    assert "О местном государственном управлении" in act
    assert not any("Жергілікті мемлекеттік" in label for label, _ in menu.buttons())  # the Kazakh text is for kk
    await teacher.press(menu, act)
    chapters = teacher.fake.message(STUDENT_RU.id, menu.message_id)
    labels = [label for label, _ in chapters.buttons()]
    assert "Глава 1. Общие положения" in labels and any(label.startswith("Глава 3-1.") for label in labels)
    await teacher.press(chapters, "Глава 3-1.")
    articles = teacher.fake.message(STUDENT_RU.id, menu.message_id)
    assert any(label.startswith("Ст. 39-3 · ") for label, _ in articles.buttons())
    await teacher.press(articles, "◀")
    assert teacher.fake.message(STUDENT_RU.id, menu.message_id).text == chapters.text


async def test_the_source_gives_the_full_reference_and_the_articles_history(teacher: RunningBot) -> None:
    reply = await teacher.say("ст. 39-3 п. 2", STUDENT_RU)
    await teacher.press(reply, "📚")
    source = teacher.fake.message(STUDENT_RU.id, reply.message_id)
    assert "Указание источника: Закон РК № 148-II, ст. 39-3, п. 2 (ред. от 07.11.2014)" in source.text
    assert "Изменения этой статьи:" in source.text and "Сноска" in source.text
