"""Tests of the fake Telegram server itself, driven by a real aiogram Bot over HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import html
import io
import json
import struct
import time
import zlib
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
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
    BufferedInputFile,
    ChatMemberAdministrator,
    ChatMemberBanned,
    ChatMemberLeft,
    ChatMemberMember,
    ChatMemberOwner,
    ChatMemberRestricted,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQuery,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InlineQueryResultUnion,
    InputTextMessageContent,
    Message,
    ReplyParameters,
    Update,
    WebAppInfo,
)

from tests.fake_bot_api import (
    BOT_ID,
    BOT_USERNAME,
    MEMBER_STATUSES,
    TOKEN,
    FakeChat,
    FakeTelegram,
    FakeUser,
)
from tests.quick_session import local_session

CHAT = 1001
GROUP = FakeChat(id=-100123, type="supergroup", title="Study group")
ADMIN = FakeUser(id=50, first_name="Әкімші")


def make_bot(fake: FakeTelegram, token: str = TOKEN) -> Bot:
    session = local_session(fake.base_url)
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


def make_png(width: int, height: int) -> bytes:
    """A real (grey) PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


async def raw_call(fake: FakeTelegram, method: str, **form: str) -> dict[str, object]:
    """A request aiogram's models would not let us build; returns Telegram's JSON answer."""
    url = f"{fake.base_url}/bot{TOKEN}/{method}"
    async with aiohttp.ClientSession() as session, session.post(url, data=form) as response:
        body: dict[str, object] = await response.json()
        return body


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


# ---------------------------------------------------------------------------------------------------- groups


async def test_users_text_gets_mention_and_command_entities_in_utf16(bot: Bot, fake_telegram: FakeTelegram) -> None:
    group = FakeChat(id=-100124, type="supergroup", title="Курс", username="kurs_kz")
    text = f"😀 @{BOT_USERNAME}, see /help@{BOT_USERNAME} or a@bc.kz, @x @ab_c; /ok! /no/ @{'a' * 33}"
    fake_telegram.send_message(text, user=FakeUser(id=7), chat=group)
    [update] = await bot.get_updates(timeout=0)
    message = update.message
    assert message is not None and message.entities is not None
    found = [(e.type, e.extract_from(text)) for e in message.entities]  # aiogram slices in UTF-16 units
    assert found == [("mention", f"@{BOT_USERNAME}"), ("bot_command", f"/help@{BOT_USERNAME}"),
                     ("mention", "@ab_c"), ("bot_command", "/ok")]  # fmt: skip
    assert message.entities[0].offset == 3  # after the astral emoji (2 units) and a space
    assert (message.chat.type, message.chat.title, message.chat.username) == ("supergroup", "Курс", "kurs_kz")
    assert message.from_user is not None and message.from_user.id == 7


async def test_group_messages_reach_the_bot_and_it_can_answer_there(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.send_message("just chatting, no command", user=FakeUser(id=7), chat=GROUP)
    fake_telegram.send_message("/stats", chat=GROUP, anonymous_admin=True)
    chatter, anonymous = [u.message for u in await bot.get_updates(timeout=0)]
    assert chatter is not None and chatter.text == "just chatting, no command"  # privacy off: everything
    assert anonymous is not None and anonymous.from_user is not None and anonymous.sender_chat is not None
    assert (anonymous.from_user.id, anonymous.from_user.username) == (1087968824, "GroupAnonymousBot")
    assert anonymous.from_user.is_bot and anonymous.from_user.first_name == "Group"
    assert (anonymous.sender_chat.id, anonymous.sender_chat.type) == (GROUP.id, "supergroup")

    answer = await bot.send_message(GROUP.id, "<b>ok</b>", reply_parameters=ReplyParameters(message_id=2))
    assert answer.chat.id == GROUP.id and answer.from_user is not None and answer.from_user.id == BOT_ID
    assert answer.reply_to_message is not None and answer.reply_to_message.sender_chat is not None
    assert fake_telegram.messages(GROUP.id)[-1].bold() == ["ok"]
    with pytest.raises(ValueError, match="negative"):
        fake_telegram.send_message("x", chat=FakeChat(id=5, type="group"))


async def test_privacy_mode_delivers_only_what_telegram_would(privacy_fake: FakeTelegram) -> None:
    fake = privacy_fake
    bot = make_bot(fake)
    try:
        user = FakeUser(id=7, first_name="Ә")
        assert fake.send_message("hello all", user=user, chat=GROUP) == 0
        ours = await bot.send_message(GROUP.id, "I am here")
        query_id = fake.send_inline_query("q", user=user, chat_type="supergroup")
        article = InlineQueryResultArticle(id="a", title="A", input_message_content=InputTextMessageContent(
            message_text="via inline"))  # fmt: skip
        await bot.answer_inline_query(query_id, [article])
        await bot.get_updates(offset=-1, timeout=0)  # confirm everything so far
        await bot.get_updates(offset=fake.updates[-1]["update_id"] + 1, timeout=0)

        sent = {
            "chatter": fake.send_message("just chatting", user=user, chat=GROUP),
            "/help": fake.send_message("/help", user=user, chat=GROUP),
            "own": fake.send_message(f"/help@{BOT_USERNAME} me", user=user, chat=GROUP),
            "other": fake.send_message("/help@other_bot", user=user, chat=GROUP),
            "mention": fake.send_message(f"hey @{BOT_USERNAME.upper()}!", user=user, chat=GROUP),
            "other mention": fake.send_message("hey @other_bot", user=user, chat=GROUP),
            "reply to bot": fake.send_message("thanks", user=user, chat=GROUP, reply_to=ours.message_id),
            "reply to user": fake.send_message("agreed", user=user, chat=GROUP, reply_to=1),
            "joined": fake.join_group(GROUP, FakeUser(id=8, first_name="Жаңа")),
            "private": fake.send_message("in private", user=user),
        }
        fake.choose_inline_result(query_id, "a", GROUP)
        updates = await bot.get_updates(timeout=0)
        texts = [u.message.text if u.message else None for u in updates]
        assert texts == ["/help", f"/help@{BOT_USERNAME} me", f"hey @{BOT_USERNAME.upper()}!", "thanks", None,
                         "in private", "via inline"]  # fmt: skip
        assert updates[4].message is not None and updates[4].message.new_chat_members is not None
        assert updates[-1].message is not None and updates[-1].message.via_bot is not None
        assert [k for k, update_id in sent.items() if update_id == 0] == ["chatter", "other", "other mention",
                                                                          "reply to user"]  # fmt: skip
        assert [m["text"] for m in fake.undelivered] == ["hello all", "just chatting", "/help@other_bot",
                                                         "hey @other_bot", "agreed"]  # fmt: skip
        assert "5 group messages not delivered" in fake.dump()

        # an administrator bot sees everything, privacy mode or not
        fake.set_member_status(GROUP.id, FakeUser(id=BOT_ID, is_bot=True), "administrator")
        assert fake.send_message("now chatting", user=user, chat=GROUP) > 0
        assert (await bot.get_me()).can_read_all_group_messages is False
    finally:
        await bot.session.close()


# ------------------------------------------------------------------------------------------------ membership


async def test_bot_added_and_removed_gets_my_chat_member(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake = fake_telegram
    fake.add_bot_to_group(GROUP, by=ADMIN, status="administrator")
    [added] = await bot.get_updates(timeout=0)
    change = added.my_chat_member
    assert change is not None and change.from_user.id == ADMIN.id and change.chat.id == GROUP.id
    assert isinstance(change.old_chat_member, ChatMemberLeft)
    assert isinstance(change.new_chat_member, ChatMemberAdministrator)
    assert change.new_chat_member.user.id == BOT_ID and change.new_chat_member.can_delete_messages
    await bot.send_message(GROUP.id, "Сәлем!")

    fake.remove_bot_from_group(GROUP, by=ADMIN)
    removed = (await bot.get_updates(offset=added.update_id + 1, timeout=0))[0].my_chat_member
    assert removed is not None
    assert isinstance(removed.old_chat_member, ChatMemberAdministrator)
    assert isinstance(removed.new_chat_member, ChatMemberLeft)
    with pytest.raises(TelegramForbiddenError, match="bot is not a member of the supergroup chat"):
        await bot.send_message(GROUP.id, "still here?")
    assert fake.calls[-1].error == (403, "Forbidden: bot is not a member of the supergroup chat")
    assert fake.send_message("the bot is gone", chat=GROUP) == 0  # never becomes an update

    basic = FakeChat(id=-4242, type="group", title="Basic")
    fake.add_bot_to_group(basic, by=ADMIN)
    await bot.send_message(basic.id, "hi")
    fake.remove_bot_from_group(basic, by=ADMIN, status="kicked")
    last = fake.updates[-1]["my_chat_member"]
    assert Update.model_validate(fake.updates[-1]).my_chat_member is not None
    assert (last["old_chat_member"]["status"], last["new_chat_member"]["status"]) == ("member", "kicked")
    with pytest.raises(TelegramForbiddenError, match="bot was kicked from the group chat"):
        await bot.send_message(basic.id, "hi again")
    fake.add_bot_to_group(basic, by=ADMIN)
    assert fake.updates[-1]["my_chat_member"]["old_chat_member"]["status"] == "kicked"
    await bot.send_message(basic.id, "back")


async def test_get_chat_member_gives_each_status_its_class(bot: Bot, fake: FakeTelegram) -> None:
    writer = FakeUser(id=61, first_name="Writer")
    fake.send_message("hi", user=writer, chat=GROUP)
    users = {status: FakeUser(id=70 + n, first_name=status) for n, status in enumerate(MEMBER_STATUSES)}
    for status, user in users.items():
        fake.set_member_status(GROUP.id, user, status)
    classes = {"creator": ChatMemberOwner, "administrator": ChatMemberAdministrator, "member": ChatMemberMember,
               "restricted": ChatMemberRestricted, "left": ChatMemberLeft, "kicked": ChatMemberBanned}  # fmt: skip
    for status, user in users.items():
        member = await bot.get_chat_member(GROUP.id, user.id)
        assert type(member) is classes[status] and member.status == status
        assert member.user.id == user.id and member.user.first_name == status
    assert isinstance(await bot.get_chat_member(GROUP.id, writer.id), ChatMemberMember)  # wrote there
    assert isinstance(await bot.get_chat_member(GROUP.id, 999), ChatMemberLeft)  # never seen
    me = await bot.get_chat_member(GROUP.id, BOT_ID)
    assert isinstance(me, ChatMemberAdministrator) and me.user.username == BOT_USERNAME and not me.can_be_edited
    fake.set_member_status(GROUP.id, writer, "restricted")
    restricted = await bot.get_chat_member(GROUP.id, writer.id)
    assert isinstance(restricted, ChatMemberRestricted) and restricted.is_member and not restricted.can_send_messages
    assert isinstance(await bot.get_chat_member(CHAT, CHAT), ChatMemberMember)  # a private chat

    with pytest.raises(TelegramBadRequest, match="chat not found"):
        await bot.get_chat_member(-100999, writer.id)
    for invalid in (0, -5):
        with pytest.raises(TelegramBadRequest, match="PARTICIPANT_ID_INVALID"):
            await bot.get_chat_member(GROUP.id, invalid)
    admins = await bot.get_chat_administrators(GROUP.id)
    assert [(a.user.id, a.status) for a in admins] == [(70, "creator"), (71, "administrator"),
                                                       (BOT_ID, "administrator")]  # fmt: skip
    with pytest.raises(TelegramBadRequest, match="no administrators in the private chat"):
        await bot.get_chat_administrators(CHAT)
    assert len(fake.calls_since(0, "getChatMember")) == 14
    assert fake.calls[-1].error == (400, "Bad Request: there are no administrators in the private chat")

    fake.set_member_status(GROUP.id, FakeUser(id=BOT_ID, is_bot=True), "member")
    assert isinstance(await bot.get_chat_member(GROUP.id, BOT_ID), ChatMemberMember)
    assert [a.user.id for a in await bot.get_chat_administrators(GROUP.id)] == [70, 71]


# ----------------------------------------------------------------------------------------------- inline mode


def article(
    result_id: str = "r1", text: str = "<b>Мәслихат</b> — өкілді орган", title: str = "Мәслихат", **extra: object
) -> InlineQueryResultArticle:
    content = InputTextMessageContent(message_text=text)  # parse_mode comes from the bot's default (HTML)
    return InlineQueryResultArticle(id=result_id, title=title, input_message_content=content, **extra)  # type: ignore[arg-type]


async def test_inline_query_answer_and_choice(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake = fake_telegram
    student = FakeUser(id=42, first_name="Ә", username="student")
    query_id = fake.send_inline_query("мәслихат", user=student, offset="10", chat_type="supergroup")
    [update] = await bot.get_updates(timeout=0)
    assert isinstance(update.inline_query, InlineQuery) and update.inline_query.id == query_id
    assert (update.inline_query.query, update.inline_query.offset, update.inline_query.chat_type) == (
        "мәслихат", "10", "supergroup")  # fmt: skip
    assert update.inline_query.from_user.id == student.id

    button = InlineQueryResultsButton(text="Ашу", start_parameter="inline-help_1")
    long_text = "😀" * 2048  # 4096 UTF-16 units: just fits
    results: list[InlineQueryResultUnion] = [article(reply_markup=keyboard("more")), article("r2", long_text)]
    assert await bot.answer_inline_query(query_id, results, cache_time=5, next_offset="20", button=button)
    call = await fake.wait_inline_answer(query_id, timeout=1)
    assert call.error is None and call.params["results"][0]["input_message_content"]["parse_mode"] == "HTML"
    assert fake.inline_answers[query_id]["next_offset"] == "20"
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_inline_query(query_id, results)
    with pytest.raises(TelegramBadRequest, match="query ID is invalid"):
        await bot.answer_inline_query("iq-unknown", results)

    friend = FakeChat(id=555, type="private", title="Досым")
    chosen = fake.choose_inline_result(query_id, "r1", friend)
    assert (chosen.text, chosen.bold(), chosen.buttons()) == ("Мәслихат — өкілді орган", ["Мәслихат"], [("b0", "more")])
    assert chosen.via_bot and chosen.sender == student and fake.messages(friend.id) == [chosen]
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == []  # not the bot's chat

    in_own_chat = fake.choose_inline_result(query_id, "r1", FakeChat(id=student.id))
    [delivered] = await bot.get_updates(offset=update.update_id + 1, timeout=0)
    message = delivered.message
    assert message is not None and message.via_bot is not None and message.via_bot.id == BOT_ID
    assert message.from_user is not None and message.from_user.id == student.id
    assert message.text == "Мәслихат — өкілді орган" and message.reply_markup is not None
    with pytest.raises(TelegramBadRequest, match="message can't be edited"):
        await bot.edit_message_text("x", chat_id=student.id, message_id=in_own_chat.message_id)
    with pytest.raises(AssertionError, match="no result 'r9'"):
        fake.choose_inline_result(query_id, "r9", friend)


def _many(n: int) -> dict[str, object]:
    return {"results": [article(f"r{i}") for i in range(n)]}


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (_many(51), "RESULTS_TOO_MUCH"),
        ({"results": [article("")]}, "RESULT_ID_INVALID"),
        ({"results": [article("я" * 33)]}, "RESULT_ID_INVALID"),  # 66 bytes
        ({"results": [article("same"), article("same")]}, "RESULT_ID_DUPLICATE"),
        ({"results": [article(title=" ")]}, "RESULT_TITLE_EMPTY"),
        ({"results": [article(text="<b> </b>")]}, "MESSAGE_EMPTY"),
        ({"results": [article(text="<b>x</i>")]}, "can't parse entities: Unmatched end tag"),
        ({"results": [article(text="x" * 4097)]}, "MESSAGE_TOO_LONG"),
        ({"results": [article(reply_markup=keyboard("x" * 65))]}, "BUTTON_DATA_INVALID"),
        ({"results": [article()], "cache_time": -1}, "cache_time"),
        ({"results": [article()], "next_offset": "x" * 65}, "NEXT_OFFSET_INVALID"),
        ({"results": [], "button": InlineQueryResultsButton(text="Go", start_parameter="no spaces")},
         "START_PARAM_INVALID"),
        ({"results": [], "button": InlineQueryResultsButton(text="Go", start_parameter="x" * 65)},
         "START_PARAM_INVALID"),
        ({"results": [], "button": InlineQueryResultsButton(
            text="Go", start_parameter="ok", web_app=WebAppInfo(url="https://example.com"))}, "exactly one of"),
        ({"results": [], "button": InlineQueryResultsButton(text="Go")}, "exactly one of"),
    ],
)  # fmt: skip
async def test_answer_inline_query_is_validated_like_telegram(
    bot: Bot, fake_telegram: FakeTelegram, answer: dict[str, object], error: str
) -> None:
    query_id = fake_telegram.send_inline_query("x")
    with pytest.raises(TelegramBadRequest, match=error):
        await bot.answer_inline_query(query_id, **answer)  # type: ignore[arg-type]
    assert query_id not in fake_telegram.inline_answers
    assert await bot.answer_inline_query(query_id, [article()])  # a refused answer does not use the query up


async def test_inline_results_aiogram_cannot_build_are_refused(fake_telegram: FakeTelegram) -> None:
    no_content = {"type": "article", "id": "1", "title": "T"}
    unknown_type = {"type": "poll", "id": "1", "title": "T"}
    for result, error in (
        (no_content, "Bad Request: MESSAGE_EMPTY"),
        (unknown_type, "Bad Request: RESULT_TYPE_INVALID"),
    ):
        query_id = fake_telegram.send_inline_query("x")
        body = await raw_call(fake_telegram, "answerInlineQuery", inline_query_id=query_id,
                              results=json.dumps([result]))  # fmt: skip
        assert body == {"ok": False, "error_code": 400, "description": error}


async def test_dispatcher_answers_inline_queries_end_to_end(fake_telegram: FakeTelegram) -> None:
    bot = make_bot(fake_telegram)
    dp = Dispatcher()

    @dp.inline_query()
    async def answer(query: InlineQuery) -> None:
        await query.answer([article("hit", f"<i>{html.escape(query.query)}</i>")], cache_time=1)

    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=5))
    try:
        query_id = fake_telegram.send_inline_query("<жергілікті>")
        call = await fake_telegram.wait_inline_answer(query_id)
        assert call.error is None
        chosen = fake_telegram.choose_inline_result(query_id, "hit", FakeChat(id=777, title="Friend"))
        assert chosen.entity_texts("italic") == ["<жергілікті>"]
        await fake_telegram.wait_idle(quiet=0.2)
    finally:
        await dp.stop_polling()
        await asyncio.wait_for(polling, 5)


# ---------------------------------------------------------------------------------------------------- files


async def test_user_documents_can_be_fetched_and_downloaded(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake = fake_telegram
    content = b"%PDF-1.4\n" + "Мәслихат туралы".encode() + bytes(range(256))
    fake.send_document("Ереже.pdf", content, caption=f"/summary@{BOT_USERNAME} for @someone")
    fake.send_document("notes.docx", b"PK\x03\x04")
    fake.send_document("README", b"text", mime_type="text/markdown")
    first, docx, readme = [u.message for u in await bot.get_updates(timeout=0)]
    assert first is not None and first.document is not None and first.caption_entities is not None
    document = first.document
    assert (document.file_name, document.mime_type, document.file_size) == ("Ереже.pdf", "application/pdf",
                                                                            len(content))  # fmt: skip
    assert [(e.type, e.extract_from(first.caption or "")) for e in first.caption_entities] == [
        ("bot_command", f"/summary@{BOT_USERNAME}"), ("mention", "@someone")]  # fmt: skip
    assert docx is not None and docx.document is not None and docx.document.mime_type is not None
    assert docx.document.mime_type.endswith("wordprocessingml.document")
    assert readme is not None and readme.document is not None and readme.document.mime_type == "text/markdown"

    file = await bot.get_file(document.file_id)
    assert file.file_path is not None and file.file_path.startswith("documents/") and file.file_size == len(content)
    downloaded = await bot.download(document.file_id)
    assert downloaded is not None and downloaded.read() == content
    assert fake.calls[-1].method == "downloadFile" and fake.calls[-1].params == {"file_path": file.file_path}

    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("no-such-file")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{fake.base_url}/file/bot{TOKEN}/documents/missing.pdf") as response:
            assert response.status == 404
        async with session.get(f"{fake.base_url}/file/bot654321:WRONG/{file.file_path}") as response:
            assert (response.status, (await response.json())["description"]) == (401, "Unauthorized")
    assert [c.error for c in fake.calls[-2:]] == [(404, "Not Found"), (401, "Unauthorized")]

    fake.send_other("document")
    other = fake.updates[-1]["message"]["document"]
    assert (await bot.get_file(other["file_id"])).file_size == other["file_size"]
    fake.send_document("big.bin", bytes(20 * 1024 * 1024 + 1))
    with pytest.raises(TelegramBadRequest, match="file is too big"):
        await bot.get_file(fake.updates[-1]["message"]["document"]["file_id"])


async def test_send_photo_uploads_and_resends(bot: Bot, fake: FakeTelegram) -> None:
    png = make_png(640, 480)
    first = await bot.send_message(CHAT, "question")
    message = await bot.send_photo(
        CHAT, BufferedInputFile(png, "chart.png"), caption="<b>Диаграмма</b> 😀", reply_markup=keyboard("a"),
        reply_parameters=ReplyParameters(message_id=first.message_id),
    )  # fmt: skip
    assert message.photo is not None
    assert [(p.width, p.height) for p in message.photo] == [(90, 68), (320, 240), (640, 480)]
    assert message.photo[-1].file_size == len(png)
    assert message.caption == "Диаграмма 😀" and message.text is None
    assert message.caption_entities is not None and message.caption_entities[0].type == "bold"
    assert message.reply_to_message is not None and message.reply_to_message.message_id == first.message_id
    sent = fake.messages(CHAT)[-1]
    assert (sent.photo, sent.caption, sent.bold(), sent.buttons()) == (png, "Диаграмма 😀", ["Диаграмма"],
                                                                       [("b0", "a")])  # fmt: skip
    assert sent.html == "<b>Диаграмма</b> 😀"
    assert "photo='attach://" in fake.dump() and "<upload 'chart.png', " in fake.dump()

    again = await bot.send_photo(CHAT, message.photo[-1].file_id)
    assert again.photo == message.photo and again.caption is None
    assert fake.messages(CHAT)[-1].photo == png
    downloaded = await bot.download(message.photo[0].file_id)
    assert downloaded is not None and downloaded.read() == png
    await bot.edit_message_reply_markup(chat_id=CHAT, message_id=message.message_id, reply_markup=keyboard("b"))
    with pytest.raises(TelegramBadRequest, match="there is no text in the message to edit"):
        await bot.edit_message_text("text", chat_id=CHAT, message_id=message.message_id)

    await bot.send_photo(CHAT, BufferedInputFile(png, "c.png"), caption="😀" * 512)  # 1024 UTF-16 units
    for caption in ("x" * 1025, "😀" * 512 + "x"):
        with pytest.raises(TelegramBadRequest, match="message caption is too long"):
            await bot.send_photo(CHAT, BufferedInputFile(png, "c.png"), caption=caption)
    with pytest.raises(TelegramBadRequest, match="can't parse entities: Can't find end tag"):
        await bot.send_photo(CHAT, BufferedInputFile(png, "c.png"), caption="<b>open")
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(CHAT, BufferedInputFile(b"not an image", "x.png"))
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_photo(CHAT, "AgACAgIAAxk-unknown")
    fake.send_document("a.pdf", b"%PDF")
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_photo(CHAT, fake.updates[-1]["message"]["document"]["file_id"])
    body = await raw_call(fake, "sendPhoto", chat_id=str(CHAT), caption="no photo")
    assert body["description"] == "Bad Request: there is no photo in the request"
    assert len(fake.messages(CHAT)) == 4  # question, two photos with and one without caption


@pytest.mark.parametrize(("image_format", "options"), [("JPEG", {}), ("JPEG", {"progressive": True}), ("GIF", {}),
                                                       ("WEBP", {}), ("WEBP", {"lossless": True})])  # fmt: skip
async def test_send_photo_reads_the_size_of_common_formats(
    bot: Bot, fake: FakeTelegram, image_format: str, options: dict[str, object]
) -> None:
    image = pytest.importorskip("PIL.Image")
    buffer = io.BytesIO()
    image.new("RGB", (1600, 900), "red").save(buffer, image_format, **options)
    message = await bot.send_photo(CHAT, BufferedInputFile(buffer.getvalue(), f"x.{image_format.lower()}"))
    assert message.photo is not None
    assert [(p.width, p.height) for p in message.photo] == [(90, 51), (320, 180), (800, 450), (1280, 720)]


async def test_send_document_uploads_and_forwards_a_users_file(bot: Bot, fake: FakeTelegram) -> None:
    data = "Есеп: 100%".encode()
    message = await bot.send_document(CHAT, BufferedInputFile(data, "Есеп.txt"), caption="Есеп <i>дайын</i>")
    assert message.document is not None
    assert (message.document.file_name, message.document.mime_type, message.document.file_size) == (
        "Есеп.txt", "text/plain", len(data))  # fmt: skip
    assert message.caption == "Есеп дайын" and message.caption_entities is not None
    sent = fake.messages(CHAT)[-1]
    assert sent.document == ("Есеп.txt", data) and sent.entity_texts("italic") == ["дайын"] and sent.photo is None

    fake.send_document("user.pdf", b"%PDF-1.7")
    users_file = fake.updates[-1]["message"]["document"]["file_id"]
    forwarded = await bot.send_document(CHAT, users_file)
    assert forwarded.document is not None and forwarded.document.file_name == "user.pdf"
    assert fake.messages(CHAT)[-1].document == ("user.pdf", b"%PDF-1.7")

    photo = await bot.send_photo(CHAT, BufferedInputFile(make_png(10, 10), "p.png"))
    assert photo.photo is not None and [(p.width, p.height) for p in photo.photo] == [(10, 10)]
    with pytest.raises(TelegramBadRequest, match="type of file mismatch"):
        await bot.send_document(CHAT, photo.photo[-1].file_id)
    body = await raw_call(fake, "sendDocument", chat_id=str(CHAT))
    assert body["description"] == "Bad Request: there is no document in the request"


# ---------------------------------------------------------------------------------------------- flood control


async def test_group_limit_refuses_sends_beyond_the_window(bot: Bot, fake: FakeTelegram) -> None:
    fake.send_message("hi", chat=GROUP)
    fake.group_limit(2, 0.5)
    await bot.send_message(GROUP.id, "1")
    await bot.send_photo(GROUP.id, BufferedInputFile(make_png(20, 20), "p.png"))  # every send* counts
    with pytest.raises(TelegramRetryAfter) as refused:
        await bot.send_message(GROUP.id, "3")
    assert refused.value.retry_after == 1
    assert fake.calls[-1].error == (429, "Too Many Requests: retry after 1")
    await bot.send_chat_action(GROUP.id, "typing")  # not a message: neither counted nor refused
    for n in range(3):
        await bot.send_message(CHAT, f"private {n}")  # private chats are not limited
    assert len(fake.messages(GROUP.id)) == 2

    await asyncio.sleep(0.55)
    await bot.send_message(GROUP.id, "3")
    fake.group_limit(1, 2.5)
    with pytest.raises(TelegramRetryAfter) as refused:
        await bot.send_message(GROUP.id, "4")
    assert refused.value.retry_after == 3  # whole seconds, rounded up
    assert [c.params["text"] for c in fake.calls if c.error and c.error[0] == 429] == ["3", "4"]
    assert [m.text for m in fake.messages(GROUP.id)] == ["1", "", "3"]

    fake.group_limit(1, 0.3)
    await asyncio.sleep(0.3)
    await bot.send_message(GROUP.id, "5")
    await asyncio.sleep(0.27)  # a pacer's "0.3 s later" may arrive a little early: forgiven (FLOOD_JITTER)
    await bot.send_message(GROUP.id, "6")
