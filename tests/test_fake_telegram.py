"""Tests of the fake Telegram server itself, driven by a real aiogram Bot over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import html
import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramConflictError,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
    TelegramUnauthorizedError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)

from tests.fake_telegram import BOT_ID, BOT_USERNAME, TOKEN, FakeChat, FakeTelegram, FakeUser

CHAT = 1001


def make_bot(fake: FakeTelegram, token: str = TOKEN) -> Bot:
    session = AiohttpSession(api=TelegramAPIServer.from_base(fake.base_url))
    return Bot(token, session=session, default=DefaultBotProperties(parse_mode=ParseMode.HTML))


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    bot = make_bot(fake_telegram)
    try:
        yield bot
    finally:
        await bot.session.close()


@pytest.fixture
def fake(fake_telegram: FakeTelegram) -> FakeTelegram:
    """The fake with user 1001 having written once, so the bot may send to chat 1001."""
    fake_telegram.send_message("hello")
    return fake_telegram


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(text=f"b{n}", callback_data=d)] for n, d in
                                                 enumerate(data)])  # fmt: skip


# ----------------------------------------------------------------------------------------------- sendMessage


async def test_get_me_describes_the_bot(bot: Bot, fake_telegram: FakeTelegram) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot, me.can_read_all_group_messages) == (BOT_ID, BOT_USERNAME, True, False)
    assert fake_telegram.calls[-1].method == "getMe"


async def test_send_message_parses_html_into_utf16_entities(bot: Bot, fake: FakeTelegram) -> None:
    text = "🇰🇿 <b>Мәслихат</b> — <i>жергілікті</i> өзін-өзі басқару 😀 <b>өкілді орган</b> &lt;3"
    message = await bot.send_message(CHAT, text)

    plain = "🇰🇿 Мәслихат — жергілікті өзін-өзі басқару 😀 өкілді орган <3"
    assert isinstance(message, Message)
    assert message.text == plain
    assert message.from_user is not None and message.from_user.id == BOT_ID
    assert message.chat.id == CHAT
    spans = [(e.type, e.offset, e.length) for e in message.entities or []]
    # flags are two astral characters (4 UTF-16 units), the emoji one more surrogate pair
    assert spans == [("bold", 5, 8), ("italic", 16, 10), ("bold", 47, 12)]
    assert [e.extract_from(plain) for e in message.entities or []] == ["Мәслихат", "жергілікті", "өкілді орган"]

    sent = fake.messages(CHAT)[-1]
    assert (sent.message_id, sent.text, sent.html, sent.parse_mode) == (message.message_id, plain, text, "HTML")
    assert sent.bold() == ["Мәслихат", "өкілді орган"]


async def test_message_ids_increase_per_chat_and_replies_embed_the_original(bot: Bot, fake: FakeTelegram) -> None:
    first = await bot.send_message(CHAT, "one")
    second = await bot.send_message(CHAT, "two", reply_parameters=ReplyParameters(message_id=first.message_id))
    assert second.message_id == first.message_id + 1
    assert second.reply_to_message is not None and second.reply_to_message.text == "one"
    assert fake.messages(CHAT)[-1].reply_to_message_id == first.message_id
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(CHAT, "three", reply_parameters=ReplyParameters(message_id=999))


async def test_send_message_to_a_chat_never_seen_is_refused(bot: Bot, fake_telegram: FakeTelegram) -> None:
    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.send_message(4242, "hi")
    assert fake_telegram.calls[-1].error == (400, "Bad Request: chat not found")


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<b>bold</i>", 'Unmatched end tag at byte offset 7, expected "</b>", found "</i>"'),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("Ә <p>paragraph</p>", 'Unsupported start tag "p" at byte offset 3'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("a&nbsp;b", "Unsupported HTML entity"),
        ("<a href=https://example.com>x</a>", "Unexpected end of name token"),
    ],
)
async def test_bad_html_is_refused_like_telegram(bot: Bot, fake: FakeTelegram, text: str, detail: str) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(CHAT, text)
    assert "can't parse entities" in error.value.message
    assert detail in error.value.message
    assert fake.messages(CHAT) == []


async def test_plain_text_without_parse_mode_is_taken_as_is(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(CHAT, "<b>not bold</b> & co", parse_mode=None)
    assert message.text == "<b>not bold</b> & co"
    assert not message.entities
    assert fake.messages(CHAT)[-1].html is None


async def test_text_is_trimmed_and_blank_text_is_empty(bot: Bot, fake: FakeTelegram) -> None:
    message = await bot.send_message(CHAT, "\n  <b> Жауап</b>:\r\n  дайын \n\n")
    assert message.text == "Жауап:\n  дайын"
    assert fake.messages(CHAT)[-1].bold() == ["Жауап"]
    for blank in (" \n ", "<b></b>", "<i> </i>"):
        with pytest.raises(TelegramBadRequest, match="message text is empty"):
            await bot.send_message(CHAT, blank)


async def test_length_limit_counts_utf16_units_after_parsing(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_message(CHAT, "x" * 4096)
    await bot.send_message(CHAT, "<b>" + "x" * 4096 + "</b>")  # tags do not count
    await bot.send_message(CHAT, "😀" * 2048)  # 4096 UTF-16 units
    for too_long in ("x" * 4097, "😀" * 2048 + "x", "&amp;" * 4097):
        with pytest.raises(TelegramBadRequest, match="message is too long"):
            await bot.send_message(CHAT, too_long)
    assert len(fake.messages(CHAT)) == 3


async def test_callback_data_is_limited_to_64_utf8_bytes(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("я" * 32, "x" * 64))  # 64 bytes each
    assert fake.messages(CHAT)[-1].buttons() == [("b0", "я" * 32), ("b1", "x" * 64)]
    for bad in ("x" * 65, "я" * 32 + "x", ""):  # 33 characters but 65 bytes; empty
        with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
            await bot.send_message(CHAT, "bad", reply_markup=keyboard("fine", bad))
    assert len(fake.messages(CHAT)) == 1


async def test_inline_buttons_need_one_action(bot: Bot, fake: FakeTelegram) -> None:
    no_action = {"inline_keyboard": [[{"text": "nothing"}]]}
    two_actions = {"inline_keyboard": [[{"text": "two", "callback_data": "a", "url": "https://example.com"}]]}
    for markup in (no_action, two_actions):
        with pytest.raises(TelegramBadRequest, match="inline keyboard button"):
            await bot.send_message(CHAT, "x", reply_markup=markup)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------------- faults


async def test_fail_429_raises_retry_after_once(bot: Bot, fake: FakeTelegram) -> None:
    fake.fail("sendMessage", status=429, retry_after=3)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(CHAT, "first")
    assert error.value.retry_after == 3
    assert fake.calls[-1].error == (429, "Too Many Requests: retry after 3")
    await bot.send_message(CHAT, "second")
    assert [m.text for m in fake.messages(CHAT)] == ["second"]


async def test_fail_5xx_and_forbidden(bot: Bot, fake: FakeTelegram) -> None:
    fake.fail("sendChatAction", status=502, times=2)
    for _ in range(2):
        with pytest.raises(TelegramServerError):
            await bot.send_chat_action(CHAT, "typing")
    await bot.send_chat_action(CHAT, "typing")
    assert fake.chat_actions == [(CHAT, "typing")]
    fake.blocked.add(CHAT)
    with pytest.raises(TelegramForbiddenError, match="blocked"):
        await bot.send_message(CHAT, "anyone there?")


async def test_delay_holds_the_response(bot: Bot, fake: FakeTelegram) -> None:
    fake.delay("sendMessage", 0.4)
    started = time.monotonic()
    await bot.send_message(CHAT, "slow")
    assert time.monotonic() - started >= 0.4
    started = time.monotonic()
    await bot.send_message(CHAT, "fast")
    assert time.monotonic() - started < 0.4


async def test_wrong_token_is_unauthorized(fake_telegram: FakeTelegram) -> None:
    other = make_bot(fake_telegram, token="654321:WRONG-token_abcdefghijklmnopqrstuvwxyz")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await other.get_me()
    finally:
        await other.session.close()
    assert fake_telegram.calls[-1].error == (401, "Unauthorized")


async def test_unknown_method_and_raw_json_shape(fake: FakeTelegram) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{fake.base_url}/bot{TOKEN}/sendTelepathy", data={"chat_id": "1"}) as response:
            assert response.status == 404
            not_found = {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
            assert await response.json() == not_found
        fake.fail("getMe", status=429, retry_after=7)
        async with session.post(f"{fake.base_url}/bot{TOKEN}/getMe") as response:
            body = await response.json()
            assert (response.status, body["parameters"]) == (429, {"retry_after": 7})
        form = {"chat_id": str(CHAT), "text": "<b>raw</b>", "parse_mode": "HTML"}
        form["reply_markup"] = '{"inline_keyboard": []}'
        async with session.post(f"{fake.base_url}/bot{TOKEN}/sendMessage", data=form) as response:
            body = await response.json()
    assert body["ok"] is True
    assert body["result"]["entities"] == [{"type": "bold", "offset": 0, "length": 3}]
    assert "reply_markup" not in body["result"]  # an empty inline keyboard is no keyboard
    assert fake.calls[-1].params["reply_markup"] == {"inline_keyboard": []}  # JSON fields are decoded


# ------------------------------------------------------------------------------------------------ getUpdates


async def test_get_updates_offset_confirms_forever(bot: Bot, fake_telegram: FakeTelegram) -> None:
    first = fake_telegram.send_message("/start")
    second = fake_telegram.send_message("привет")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first, second]
    assert updates[0].message is not None and updates[0].message.entities is not None
    assert (updates[0].message.entities[0].type, updates[0].message.entities[0].length) == ("bot_command", 6)
    assert [u.update_id for u in await bot.get_updates(timeout=0)] == [first, second]  # not confirmed yet

    assert [u.update_id for u in await bot.get_updates(offset=second, timeout=0)] == [second]
    assert [u.update_id for u in await bot.get_updates(offset=0, timeout=0)] == [second]  # first is gone
    third = fake_telegram.send_message("ещё")
    assert [u.update_id for u in await bot.get_updates(offset=second + 1, limit=5, timeout=0)] == [third]
    assert await bot.get_updates(offset=third + 1, timeout=0) == []
    assert await bot.get_updates(timeout=0) == []
    assert fake_telegram.calls == [] and len(fake_telegram.polls) == 7


async def test_long_poll_returns_as_soon_as_an_update_arrives(bot: Bot, fake_telegram: FakeTelegram) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    assert not poll.done()
    update_id = fake_telegram.send_message("wake up")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.update_id for u in updates] == [update_id]
    assert time.monotonic() - started < 1.5


async def test_long_poll_times_out_empty_and_stop_wakes_it(bot: Bot, fake_telegram: FakeTelegram) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == []
    assert 0.9 <= time.monotonic() - started < 2
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await asyncio.sleep(0.1)
    await fake_telegram.stop()
    assert await asyncio.wait_for(poll, 2) == []


async def test_a_second_poller_conflicts_the_first(bot: Bot, fake_telegram: FakeTelegram) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    second = asyncio.create_task(bot.get_updates(timeout=0))
    with pytest.raises(TelegramConflictError, match="terminated by other getUpdates"):
        await asyncio.wait_for(first, 2)
    assert await second == []


async def test_allowed_updates_filter_drops_other_types(bot: Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(CHAT, "choose", reply_markup=keyboard("a"))
    fake.press(fake.message(CHAT, sent.message_id), "a")
    text_update = fake.send_message("text")
    updates = await bot.get_updates(timeout=0, allowed_updates=["message"])
    assert [u.update_id for u in updates][-1] == text_update
    assert all(u.callback_query is None for u in updates)


async def test_driving_updates_parse_in_aiogram(bot: Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(CHAT, "<b>Q</b>", reply_markup=keyboard("yes", "no"))
    fake.press_button(fake.message(CHAT, sent.message_id), "b1")
    fake.send_message("reply", reply_to=sent.message_id)
    for kind in ("sticker", "photo", "voice", "document", "location"):
        fake.send_other(kind)
    group = FakeChat(id=-100123, type="supergroup", title="Study group")
    fake.send_message(f"/help@{BOT_USERNAME} me", user=FakeUser(id=7, first_name="Ә"), chat=group)

    updates = await bot.get_updates(timeout=0)
    assert all(isinstance(u, Update) for u in updates)
    press = updates[1].callback_query
    assert press is not None and press.data == "no" and press.id == fake.query_id(updates[1].update_id)
    assert isinstance(press.message, Message) and press.message.text == "Q"
    assert press.message.reply_markup is not None
    reply = updates[2].message
    assert reply is not None and reply.reply_to_message is not None
    assert reply.reply_to_message.message_id == sent.message_id
    kinds = [u.message and u.message.content_type for u in updates[3:8]]
    assert kinds == ["sticker", "photo", "voice", "document", "location"]
    command = updates[8].message
    assert command is not None and command.chat.type == "supergroup" and command.entities is not None
    assert command.entities[0].length == len(f"/help@{BOT_USERNAME}")
    with pytest.raises(AssertionError, match="b0"):
        fake.press_button(fake.message(CHAT, sent.message_id), "missing")


# ------------------------------------------------------------------------------------ edits and callbacks


async def test_edit_message_text_and_not_modified(bot: Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(CHAT, "<b>v1</b>", reply_markup=keyboard("a"))
    edited = await bot.edit_message_text(
        text="<b>v2</b>", chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("a")
    )
    assert isinstance(edited, Message) and edited.text == "v2" and edited.edit_date is not None
    state = fake.message(CHAT, sent.message_id)
    assert (state.text, state.bold(), state.edits) == ("v2", ["v2"], 1)

    same = keyboard("a")
    with pytest.raises(TelegramBadRequest, match="message is not modified") as refused:
        await bot.edit_message_text(text="<b>v2</b>", chat_id=CHAT, message_id=sent.message_id, reply_markup=same)
    assert refused.value.message.startswith("Bad Request: message is not modified")  # said once, as Telegram does
    # same text, other formatting: a real modification
    await bot.edit_message_text(text="v2", chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("a"))
    # no reply_markup in the edit removes the keyboard, like Telegram
    await bot.edit_message_text(text="v2", chat_id=CHAT, message_id=sent.message_id)
    assert fake.message(CHAT, sent.message_id).reply_markup is None

    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text(text="x", chat_id=CHAT, message_id=999)
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        await bot.edit_message_reply_markup(chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("x" * 65))
    await bot.edit_message_reply_markup(chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("b"))
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_reply_markup(chat_id=CHAT, message_id=sent.message_id, reply_markup=keyboard("b"))


async def test_delete_message(bot: Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(CHAT, "bye")
    assert await bot.delete_message(CHAT, sent.message_id) is True
    assert fake.messages(CHAT) == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)


async def test_answer_callback_query_only_once(bot: Bot, fake: FakeTelegram) -> None:
    sent = await bot.send_message(CHAT, "pick", reply_markup=keyboard("a"))
    update_id = fake.press(fake.message(CHAT, sent.message_id), "stale-data-not-in-markup")
    query_id = fake.query_id(update_id)
    with pytest.raises(TelegramBadRequest, match="MESSAGE_TOO_LONG"):
        await bot.answer_callback_query(query_id, text="x" * 201)
    assert await bot.answer_callback_query(query_id, text="Done") is True
    assert fake.answers[query_id]["text"] == "Done"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_callback_query("no-such-query")


# ---------------------------------------------------------------------------------------------- commands


async def test_set_my_commands_validates_and_stores_per_scope(bot: Bot, fake: FakeTelegram) -> None:
    commands = [BotCommand(command="start", description="Бастау"), BotCommand(command="help", description="Көмек")]
    await bot.set_my_commands(commands, language_code="kk")
    await bot.set_my_commands(commands[:1], scope=BotCommandScopeChat(chat_id=CHAT))
    assert fake.commands[("default", "kk")][0] == {"command": "start", "description": "Бастау"}
    assert fake.commands[(f"chat:{CHAT}", "")] == [{"command": "start", "description": "Бастау"}]
    assert [c.command for c in await bot.get_my_commands(language_code="kk")] == ["start", "help"]
    assert await bot.get_my_commands() == []
    for bad in (BotCommand(command="Start", description="x"), BotCommand(command="start", description=""),
                BotCommand(command="a" * 33, description="x")):  # fmt: skip
        with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
            await bot.set_my_commands([bad])
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command=f"c{n}", description="x") for n in range(101)])
    assert await bot.delete_my_commands(language_code="kk") is True
    assert ("default", "kk") not in fake.commands


# ----------------------------------------------------------------------------------------- helpers + e2e


async def test_wait_call_times_out_with_a_readable_dump(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_message(CHAT, "something else")
    with pytest.raises(AssertionError, match=r"(?s)wait_call\('editMessageText'.*sendMessage\(chat_id='1001'"):
        await fake.wait_call("editMessageText", timeout=0.2)
    call = await fake.wait_call("sendmessage", chat_id=CHAT, text="something else", timeout=0.2)
    assert call.result["text"] == "something else"


async def test_dispatcher_echo_bot_end_to_end(fake_telegram: FakeTelegram) -> None:
    bot = make_bot(fake_telegram)
    dp = Dispatcher()

    @dp.message()
    async def echo(message: Message) -> None:
        await message.answer(f"<b>echo:</b> {html.escape(message.text or '')}")

    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        since = fake_telegram.mark()
        fake_telegram.send_message("Сәлем <3 & 😀")
        call = await fake_telegram.wait_call("sendMessage", since=since, chat_id=CHAT)
        assert call.error is None
        await fake_telegram.wait_idle(quiet=0.2)
        [answer] = fake_telegram.messages(CHAT)
        assert (answer.text, answer.bold()) == ("echo: Сәлем <3 & 😀", ["echo:"])
        assert fake_telegram.polls[-1].params.get("allowed_updates") == ["message"]
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 5)
    assert bot.session._session is None or bot.session._session.closed  # start_polling closed it
