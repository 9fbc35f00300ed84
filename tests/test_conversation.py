"""Whole private-chat conversations: the real bot, polling the fake Bot API over HTTP."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.services import answers
from knowledge.base import KnowledgeBase
from knowledge.models import SearchResult, Tier
from knowledge.normalize import squash
from tests.bot_harness import (
    STUDENT_KK,
    STUDENT_RU,
    RunningBot,
    after_excerpt,
    callback_data,
    excerpt_of,
    running_bot,
)
from tests.fake_bot_api import FakeTelegram, FakeUser

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = next(p for p in (ROOT.parent / "shared/eval/dev_qa.jsonl", ROOT / "tests/eval/dev_qa.jsonl") if p.exists())
DEV = [json.loads(line) for line in DEV_SET.read_text(encoding="utf-8").splitlines() if line.strip()]
NO_ANSWER = {"ru": "📭 В моих источниках нет ответа на этот вопрос.",
             "kk": "📭 Менің дереккөздерімде бұл сұраққа жауап жоқ."}
KAZAKH_LETTERS = "әғқңөұүһі"


@pytest.fixture
async def chat(fake_telegram: FakeTelegram, shipped_kb: KnowledgeBase, tmp_path: Path) -> AsyncIterator[RunningBot]:
    async with running_bot(fake_telegram, shipped_kb, tmp_path) as running:
        yield running


async def db_value(chat: RunningBot, sql: str, *args: object) -> object:
    async with chat.db.db.execute(sql, args) as cursor:
        row = await cursor.fetchone()
    return None if row is None else row[0]


# --- start, language, menus --------------------------------------------------------------------


@pytest.mark.parametrize(("code", "hello", "language"), [
    ("kk", "Сәлеметсіз бе, Student!", "kk"),
    ("ru", "Здравствуйте, Student!", "ru"),
    ("en", "Сәлеметсіз бе, Student!", "kk"),  # anything else: DEFAULT_LANGUAGE
    (None, "Сәлеметсіз бе, Student!", "kk"),
])
async def test_start_greets_in_the_users_language(chat: RunningBot, code: str | None, hello: str,
                                                  language: str) -> None:
    user = FakeUser(id=3000, language_code=code)
    reply = await chat.say("/start", user)
    assert reply.text.startswith(hello)
    assert "?" in reply.entity_texts("italic")[-1]  # the example question
    assert len(callback_data(reply, "tp")) >= 8  # the topic menu
    assert await db_value(chat, "SELECT language FROM users WHERE id = ?", user.id) == language


async def test_command_menu_is_set_per_language(chat: RunningBot) -> None:
    menus = chat.fake.commands
    kk, ru, default = menus[("default", "kk")], menus[("default", "ru")], menus[("default", "")]
    private = ["start", "topics", "share", "quiz", "cards", "progress", "lang", "forget", "help"]
    assert [c["command"] for c in kk] == [c["command"] for c in ru] == private
    assert kk == default and kk != ru
    assert "тем" in ru[1]["description"].lower()
    groups = menus[("all_group_chats", "ru")]
    assert [c["command"] for c in groups] == ["ask", "topics", "share", "quiz", "top", "lang", "help"]
    assert groups != menus[("all_group_chats", "kk")] == menus[("all_group_chats", "")]


async def test_lang_switch_is_stored_and_followed(chat: RunningBot) -> None:
    menu = await chat.say("/lang", STUDENT_KK)
    assert [text for text, _ in menu.buttons()] == ["🇰🇿 Қазақша ✓", "🇷🇺 Русский"]
    since = chat.fake.mark()
    await chat.press(menu, "Русский")
    assert chat.fake.message(menu.chat_id, menu.message_id).text.startswith("Готово.")
    assert await db_value(chat, "SELECT language FROM users WHERE id = ?", STUDENT_KK.id) == "ru"
    scoped = await chat.fake.wait_call("setMyCommands", since=since)
    assert scoped.params["scope"] == {"type": "chat", "chat_id": STUDENT_KK.id}
    help_reply = await chat.say("/help", STUDENT_KK)
    assert help_reply.text.startswith("Как пользоваться ботом")
    await chat.press(help_reply, "Ответы, кнопки, группы ▶")  # the second page, edited in place
    second = chat.fake.message(help_reply.chat_id, help_reply.message_id)
    assert second.text.startswith("Ответы, кнопки, группы") and "📭" in second.text
    await chat.press(second, "◀ К справке")
    assert chat.fake.message(help_reply.chat_id, help_reply.message_id).text.startswith("Как пользоваться ботом")


async def test_unknown_command_and_non_text_get_a_hint(chat: RunningBot) -> None:
    assert "/help" in (await chat.say("/frobnicate", STUDENT_RU)).text
    for kind in ("sticker", "photo", "voice", "document", "location"):
        since = chat.fake.mark()
        chat.fake.send_other(kind, user=STUDENT_RU)
        call = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
        assert call.result["text"].startswith("Я понимаю только текст"), kind


async def test_text_without_words_is_asked_for_words(chat: RunningBot) -> None:
    assert "словами" in (await chat.say("??? 🙂", STUDENT_RU)).text
    assert await db_value(chat, "SELECT COUNT(*) FROM queries") == 0


# --- questions and answers ---------------------------------------------------------------------


@pytest.mark.parametrize("item", [q for q in DEV if q["lang"] in ("kk", "ru")], ids=lambda q: q["id"])
async def test_dev_question_gets_the_gold_span_in_the_first_excerpt(chat: RunningBot, item: dict) -> None:
    user = STUDENT_KK if item["lang"] == "kk" else STUDENT_RU
    reply = await chat.say(item["q"], user)
    assert any(squash(gold) in squash(excerpt_of(reply)) for gold in item["gold"]), reply.text
    assert reply.bold() and "📖" in reply.text  # query words in bold, then the citation
    row = await db_value(chat, "SELECT tier || '|' || passage_ids FROM queries WHERE user_id = ?", user.id)
    tier, ids = str(row).split("|")
    assert tier in ("confident", "unsure") and ids.split()
    if item["lang"] == "ru" and not any(ch in excerpt_of(reply) for ch in "әғқңөұүһі"):
        return
    if item["lang"] == "ru":
        assert "Фрагмент на казахском языке" in reply.text


async def test_typing_action_while_searching(chat: RunningBot) -> None:
    since = chat.fake.mark()
    await chat.say("Мәслихат деген не?", STUDENT_KK)
    action = await chat.fake.wait_call("sendChatAction", since=since, chat_id=STUDENT_KK.id)
    assert action.params["action"] == "typing"


@pytest.mark.parametrize(("user", "lang", "try_kazakh"), [(STUDENT_RU, "ru", "спросите по-казахски"),
                                                          (STUDENT_KK, "kk", "не қазақша сұраңыз")])
async def test_off_topic_question_gets_no_answer_and_the_topics(chat: RunningBot, user: FakeUser, lang: str,
                                                                try_kazakh: str) -> None:
    reply = await chat.say("как приготовить плов", user)
    assert reply.text.splitlines()[0] == NO_ANSWER[lang]
    assert try_kazakh in reply.text  # asked in Russian: the other language is suggested
    assert reply.buttons()[-1][1] == "tl:0"  # the way to the topics, last
    assert await db_value(chat, "SELECT tier FROM queries WHERE user_id = ?", user.id) == "nothing"
    await chat.press(reply, "🗂")
    assert len(callback_data(chat.fake.message(reply.chat_id, reply.message_id), "tp")) >= 8


async def test_an_unanswered_question_is_not_echoed_as_markup(chat: RunningBot) -> None:
    reply = await chat.say("<b>Погода</b> в Париже & <script>", STUDENT_RU)  # say() fails on any Telegram error
    assert reply.text.startswith(NO_ANSWER["ru"]) and "Погода" not in reply.text
    assert not reply.bold()
    assert await db_value(chat, "SELECT tier FROM queries WHERE user_id = ?", STUDENT_RU.id) == "nothing"


async def test_no_answer_buttons_open_the_closest_passages(chat: RunningBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Which questions have related passages but no answer is the engine's call: here one is made so."""
    real = answers.search

    def nothing_but_related(kb: KnowledgeBase, question: str) -> SearchResult:
        return replace(real(kb, question), tier=Tier.NOTHING)

    monkeypatch.setattr(answers, "search", nothing_but_related)
    reply = await chat.say("Мәслихат депутаттарын кім сайлайды?", STUDENT_RU)
    assert reply.text.startswith(NO_ANSWER["ru"]) and reply.text.endswith("Ближе всего по теме:")
    stored = await db_value(chat, "SELECT passage_ids FROM queries WHERE user_id = ? AND tier = 'nothing'",
                            STUDENT_RU.id)
    ids = str(stored).split()
    assert [data.split(":")[3] for data in callback_data(reply, "ps")] == ids[:3]
    assert reply.buttons()[-1][1] == "tl:0"

    await chat.press(reply, reply.buttons()[0][0])  # the closest passage, whole, in place
    passage = chat.fake.message(reply.chat_id, reply.message_id)
    assert passage.text.startswith("📄 Фрагмент целиком") and "📖" in passage.text  # with its citation
    assert squash(chat.kb.index.by_id[ids[0]].text) in squash(passage.text)
    await chat.press(passage, "К теме")  # back to its first topic, as from a deep link
    assert passage.text.startswith(chat.kb.topics.topics_of(ids[0])[0].title_ru)


async def test_a_named_part_of_a_document_is_opened_whole(chat: RunningBot) -> None:
    """"ключевые слова статьи": the article's keyword list (in English only), not a BM25 guess, with a ✅."""
    reply = await chat.say("ключевые слова статьи", STUDENT_RU)
    assert reply.text.startswith("✅")
    assert excerpt_of(reply).startswith("Local self-government, the Constitution of the Republic of Kazakhstan")
    assert await db_value(chat, "SELECT tier FROM queries WHERE user_id = ?", STUDENT_RU.id) == "confident"


async def test_who_wrote_a_document_its_record_does_not_name_is_not_answered(chat: RunningBot) -> None:
    reply = await chat.say("мақаланы кім жазды", STUDENT_KK)
    assert reply.text.splitlines()[0] == NO_ANSWER["kk"]
    assert await db_value(chat, "SELECT tier FROM queries WHERE user_id = ?", STUDENT_KK.id) == "nothing"


async def test_a_russian_question_answered_from_kazakh_text_glosses_its_terms(chat: RunningBot) -> None:
    reply = await chat.say("что такое местное самоуправление", STUDENT_RU)
    assert any(ch in excerpt_of(reply) for ch in KAZAKH_LETTERS), "expected a Kazakh passage"
    gloss, citation, note = [line for line in after_excerpt(reply).splitlines() if line][:3]
    assert gloss.startswith("🔤 ") and "местное самоуправление" in gloss
    assert citation.startswith("📖 ") and note == "ℹ️ Фрагмент на казахском языке, как в источнике."
    assert reply.text.count("на казахском") == 1


async def test_a_kazakh_reader_asking_in_kazakh_gets_no_gloss(chat: RunningBot) -> None:
    reply = await chat.say("Жергілікті өзін-өзі басқару деген не?", STUDENT_KK)
    assert any(ch in excerpt_of(reply) for ch in KAZAKH_LETTERS)
    assert after_excerpt(reply).startswith("\n\n📖 ") and reply.text.count("📖") == 1  # straight to the citation
    assert "местное самоуправление" not in reply.text and " — " not in after_excerpt(reply)


async def test_a_very_long_question_still_gets_one_short_reply(chat: RunningBot) -> None:
    reply = await chat.say("Париж " * 700, STUDENT_RU)
    note, answer = reply.text.split("\n\n", 1)
    assert note == "✂️ Сообщение длинное: я искал по первым 500 символам."
    assert answer.startswith(NO_ANSWER["ru"]) and len(reply.text) < 1000


async def test_buttons_under_an_answer(chat: RunningBot) -> None:
    reply = await chat.say("1991 жылы қандай заң қабылданды?", STUDENT_KK)
    query_id = await db_value(chat, "SELECT id FROM queries WHERE user_id = ?", STUDENT_KK.id)
    ids = str(await db_value(chat, "SELECT passage_ids FROM queries WHERE id = ?", query_id)).split()
    top = chat.kb.index.by_id[ids[0]]
    assert reply.text.startswith("✅")

    await chat.press(reply, "Толық үзінді")  # full passage, edited in place
    whole = chat.fake.message(reply.chat_id, reply.message_id)
    assert squash(top.text) in squash(whole.text) and whole.bold()
    await chat.press(whole, "Қысқаша")  # back to the excerpt
    assert chat.fake.message(reply.chat_id, reply.message_id).text.startswith("✅")

    await chat.press(reply, "Дереккөз")
    source = chat.fake.message(reply.chat_id, reply.message_id)
    meta = chat.kb.documents[top.doc_id]
    assert meta.title in source.text and f"{top.ordinal}-үзінді" in source.text
    await chat.press(source, "Қысқаша")

    await chat.press(reply, "Басқа нәтижелер")  # more results: next hit in place
    second = chat.fake.message(reply.chat_id, reply.message_id)
    assert second.text.startswith(f"🔎 Нәтиже: 2 / {len(ids)}")
    assert squash(excerpt_of(second)) in squash(chat.kb.index.by_id[ids[1]].text)
    await chat.press(second, "Алдыңғы")
    assert chat.fake.message(reply.chat_id, reply.message_id).text.startswith("✅")

    thanks = await chat.press(reply, "👍")
    assert thanks.params["text"] == "Бағаңызға рақмет!"
    assert "👍 ✓" in [text for text, _ in chat.fake.message(reply.chat_id, reply.message_id).buttons()]
    changed = await chat.press(reply, "👎")
    assert changed.params["text"] == "Бағаңыз өзгертілді, рақмет!"
    votes = await db_value(chat, "SELECT group_concat(passage_id || ':' || vote) FROM feedback WHERE query_id = ?",
                           query_id)
    assert votes == f"{ids[0]}:-1"


async def test_unsure_answer_offers_other_passages(chat: RunningBot) -> None:
    reply = await chat.say("что сказано о партиях", STUDENT_RU)  # several passages say something of them
    assert reply.text.startswith("🤔")
    candidates = [text for text, _ in reply.buttons() if text.startswith("🔎")]
    assert 1 <= len(candidates) <= 3
    await chat.press(reply, candidates[0])
    assert chat.fake.message(reply.chat_id, reply.message_id).text.startswith("🔎 Результат 2 из")


async def test_stale_and_forged_buttons_are_answered_politely(chat: RunningBot) -> None:
    reply = await chat.say("Мәслихат деген не?", STUDENT_KK)
    for data, expected in [
        ("a:99999:0:e", "Бұл сұрақ енді сақталмаған"),
        ("v:99999:0:1:e", "Бұл сұрақ енді сақталмаған"),
        ("ps:history:0:000000000000:f", "Бұл үзінді енді жинақта жоқ"),
        ("tp:no-such-topic:0", "Бұл тақырып енді жоқ"),
        ("zz:garbage", "Бұл батырма ескірген"),
        ("a:not-a-number:0:e", "Бұл батырма ескірген"),
        ("lg:xx", "Бұл батырма ескірген"),
    ]:
        answer = await chat.press_data(reply, data, STUDENT_KK)
        assert answer.params["text"].startswith(expected), data
        assert answer.params.get("show_alert") == "true", data


async def test_a_reply_too_long_for_telegram_is_split(chat: RunningBot) -> None:
    from bot.views.replies import Reply, send

    paragraphs = ["<b>§</b> " + "сөз " * 500 for _ in range(6)]
    chat.fake.send_message("/help", user=STUDENT_KK)  # so the fake knows the chat
    await chat.fake.wait_call("sendMessage", chat_id=STUDENT_KK.id)
    since = chat.fake.mark()
    await send(chat.bot, STUDENT_KK.id, Reply("\n\n".join(paragraphs)))
    sent = chat.fake.calls_since(since, "sendMessage")
    assert len(sent) > 1 and all(call.error is None for call in sent)


async def test_flood_control_is_waited_out(chat: RunningBot) -> None:
    chat.fake.fail("sendMessage", status=429, retry_after=1)
    reply = await chat.say("Мәслихат деген не?", STUDENT_KK)
    refused = [c for c in chat.fake.calls if c.method == "sendMessage" and c.error]
    assert len(refused) == 1 and refused[0].error[0] == 429
    assert reply.text.startswith(("✅", "🤔"))


# --- topics --------------------------------------------------------------------------------------


async def test_topic_menu_walk(chat: RunningBot) -> None:
    menu = await chat.say("/topics", STUDENT_RU)
    first_topic = menu.buttons()[0][0]
    await chat.press(menu, first_topic)
    page = chat.fake.message(menu.chat_id, menu.message_id)
    assert page.text.startswith(first_topic)
    passage_button = page.buttons()[0][0]
    await chat.press(page, passage_button)
    passage = chat.fake.message(menu.chat_id, menu.message_id)
    assert passage.text.startswith("📄 Фрагмент целиком") and "📖" in passage.text
    await chat.press(passage, "Источник")
    assert chat.fake.message(menu.chat_id, menu.message_id).text.startswith("📚 Источник")
    await chat.press(passage, "Фрагмент целиком")
    await chat.press(passage, "К теме")
    assert chat.fake.message(menu.chat_id, menu.message_id).text.startswith(first_topic)
    await chat.press(page, "Все темы")
    assert chat.fake.message(menu.chat_id, menu.message_id).buttons()[0][0] == first_topic


async def test_a_whole_passage_reads_on_to_the_next_and_back(chat: RunningBot) -> None:
    """The answer often stands in the passage after the one that repeats the question: a reader reads on."""
    passages = chat.kb.index.passages
    middle = next(p for i, p in enumerate(passages[1:-1], 1)
                  if passages[i - 1].doc_id == p.doc_id == passages[i + 1].doc_id)
    after = passages[passages.index(middle) + 1]
    reply = await chat.say(f"/start p_{middle.passage_id}", STUDENT_RU)
    assert squash(middle.text) in squash(reply.text)
    await chat.press(reply, "Следующий фрагмент ▶")
    shown = chat.fake.message(reply.chat_id, reply.message_id)
    assert shown.text.startswith("📄 Фрагмент целиком") and squash(after.text) in squash(shown.text)
    await chat.press(shown, "◀ Предыдущий фрагмент")
    assert squash(middle.text) in squash(chat.fake.message(reply.chat_id, reply.message_id).text)
    last = next(p for i, p in enumerate(passages) if i + 1 == len(passages) or passages[i + 1].doc_id != p.doc_id)
    end = await chat.say(f"/start p_{last.passage_id}", STUDENT_KK)
    assert not any(text.startswith("Келесі үзінді") for text, _ in end.buttons())  # the document ends here
    assert any(text == "◀ Алдыңғы үзінді" for text, _ in end.buttons())


async def test_an_answers_whole_passage_reads_on_in_a_message_of_its_own(chat: RunningBot) -> None:
    reply = await chat.say("что такое местное самоуправление", STUDENT_RU)
    await chat.press(reply, "Фрагмент целиком")
    whole = chat.fake.message(reply.chat_id, reply.message_id)
    shared = callback_data(whole, "sh")  # the 🔗 button names the passage shown
    assert len(shared) == 1
    following = chat.kb.index.neighbours(shared[0].split(":")[1])[1]
    assert following is not None
    after = chat.kb.index.by_id[following]
    since = chat.fake.mark()
    await chat.press(whole, "Следующий фрагмент ▶", edits=False)
    sent = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
    assert sent.error is None and sent.result["text"].startswith("📄 Фрагмент целиком")
    assert squash(after.text) in squash(sent.result["text"])
    assert chat.fake.message(reply.chat_id, reply.message_id).text == whole.text  # the answer stays as it was
    preceding = chat.kb.index.neighbours(shared[0].split(":")[1])[0]
    assert preceding is not None  # the definition is not the thesis's first passage
    since = chat.fake.mark()
    await chat.press(whole, "◀ Предыдущий фрагмент", edits=False)
    sent = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_RU.id)
    assert sent.error is None and squash(chat.kb.index.by_id[preceding].text) in squash(sent.result["text"])


async def test_every_passage_is_reachable_from_the_topic_menu(chat: RunningBot) -> None:
    menu = await chat.say("/topics", STUDENT_KK)
    topic_buttons: list[str] = []
    while True:  # every page of the topic list
        current = chat.fake.message(menu.chat_id, menu.message_id)
        topic_buttons += callback_data(current, "tp")
        forward = [text for text, data in current.buttons() if text.startswith("▶")]
        if not forward:
            break
        await chat.press(current, forward[0])
    reached: set[str] = set()
    for data in topic_buttons:
        await chat.press_data(menu, data, STUDENT_KK, edits=True)
        while True:  # every page of the topic
            current = chat.fake.message(menu.chat_id, menu.message_id)
            reached |= {d.split(":")[3] for d in callback_data(current, "ps")}
            forward = [text for text, _ in current.buttons() if text.startswith("▶")]
            if not forward:
                break
            await chat.press(current, forward[0])
    assert reached == set(chat.kb.index.by_id)


async def test_deep_link_opens_a_topic(chat: RunningBot) -> None:
    topic = chat.kb.topics.topics[2]
    reply = await chat.say(f"/start topic_{topic.slug}", STUDENT_RU)
    assert reply.text.startswith(topic.title_ru)
    assert callback_data(reply, "ps")
    unknown = await chat.say("/start topic_no-such-topic", STUDENT_RU)
    assert unknown.text.startswith("Такой темы больше нет") and callback_data(unknown, "tp")


async def test_a_button_under_a_deleted_message_answers_below(chat: RunningBot) -> None:
    reply = await chat.say("Мәслихат деген не?", STUDENT_KK)
    reply.deleted = True  # the user deleted it; Telegram then sends an inaccessible message
    since = chat.fake.mark()
    await chat.press(reply, "Толық үзінді", edits=False)
    sent = await chat.fake.wait_call("sendMessage", since=since, chat_id=STUDENT_KK.id)
    assert sent.error is None and sent.result["text"].startswith("📄 Толық үзінді")
