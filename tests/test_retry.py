"""The retry policy and the expired-press answer, through aiogram's real HTTP session: what is repeated, what not."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator

import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNetworkError, TelegramRetryAfter
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup

from bot.session.expired_answers import ExpiredCallbackAnswers
from bot.session.retry import RetryPolicy
from tests.fake_bot_api import TOKEN, FakeTelegram
from tests.quick_session import local_session


def policy_bot(base_url: str, policy: RetryPolicy, timeout: float = 5.0) -> Bot:
    session = local_session(base_url, timeout=timeout)
    session.middleware(policy)
    return Bot(TOKEN, session=session)


@pytest.fixture
async def bot(fake_telegram: FakeTelegram) -> AsyncIterator[Bot]:
    bot = policy_bot(fake_telegram.base_url, RetryPolicy(attempts=4, base_delay=0.01), timeout=0.5)
    yield bot
    await bot.session.close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_a_refused_connection_is_retried_up_to_the_bound_even_for_a_send() -> None:
    policy = RetryPolicy(attempts=3, base_delay=0.01)
    bot = policy_bot(f"http://127.0.0.1:{closed_port()}", policy)
    try:
        with pytest.raises(TelegramNetworkError) as error:
            await bot.send_message(1, "hello")
    finally:
        await bot.session.close()
    assert "ClientConnectorError" in error.value.message


async def test_a_wait_longer_than_the_bound_is_not_waited(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("getMe", status=429, retry_after=120)
    with pytest.raises(TelegramRetryAfter):
        await bot.get_me()
    assert len(fake_telegram.calls_since(0, "getMe")) == 1


async def test_server_errors_are_retried_until_the_bound(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.fail("getMe", status=502, times=3)
    assert (await bot.get_me()).id == int(TOKEN.split(":")[0])  # the 4th attempt
    fake_telegram.fail("getMe", status=500, times=4)
    with pytest.raises(Exception, match="Internal Server Error"):
        await bot.get_me()
    assert len(fake_telegram.calls_since(0, "getMe")) == 8


async def test_a_timeout_is_retried_for_reads_but_not_for_sends(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.delay("getMe", 1.0)
    assert (await bot.get_me()).is_bot  # the first attempt timed out, the second was answered
    fake_telegram.send_message("hi")  # so that the chat exists
    fake_telegram.delay("sendMessage", 1.0)
    with pytest.raises(TelegramNetworkError, match="timeout"):
        await bot.send_message(fake_telegram.updates[-1]["message"]["chat"]["id"], "answer")
    await fake_telegram.wait_call("sendMessage")
    await asyncio.sleep(1.0)  # a retry would have come by now
    assert len(fake_telegram.calls_since(0, "sendMessage")) == 1  # carried out late, once


async def test_a_failed_typing_action_is_dropped_at_once(bot: Bot, fake_telegram: FakeTelegram) -> None:
    fake_telegram.send_message("hi")
    chat_id = fake_telegram.updates[-1]["message"]["chat"]["id"]
    fake_telegram.fail("sendChatAction", status=500, times=3)
    assert await bot.send_chat_action(chat_id, "typing") is True  # the answer must not wait on retries
    assert len(fake_telegram.calls_since(0, "sendChatAction")) == 1


async def test_answering_an_expired_press_counts_as_done(fake_telegram: FakeTelegram) -> None:
    session = local_session(fake_telegram.base_url)
    session.middleware(ExpiredCallbackAnswers())
    bot = Bot(TOKEN, session=session)
    try:
        fake_telegram.send_message("hi")
        sent = await bot.send_message(fake_telegram.updates[-1]["message"]["chat"]["id"], "pick",
                                      reply_markup=InlineKeyboardMarkup(inline_keyboard=[[
                                          InlineKeyboardButton(text="1", callback_data="x")]]))
        press = fake_telegram.press(fake_telegram.message(sent.chat.id, sent.message_id), "x")
        query_id = FakeTelegram.query_id(press)
        assert await bot.answer_callback_query(query_id)
        assert await bot.answer_callback_query(query_id)  # Telegram refuses it; the handler goes on
        assert fake_telegram.calls[-1].error is not None and "too old" in fake_telegram.calls[-1].error[1]
        with pytest.raises(TelegramBadRequest):  # other refusals still raise
            await bot.edit_message_text("x", chat_id=sent.chat.id, message_id=999)
    finally:
        await session.close()
