"""Sending and editing replies within Telegram's limits, the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message, ReplyParameters

from bot.views.markup import split_message


@dataclass(frozen=True, slots=True)
class Reply:
    """A message to send or to edit into: HTML text and its buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None

_UNEDITABLE = ("message can't be edited", "message to edit not found")


async def send(bot: Bot, chat_id: int, reply: Reply, reply_to: int | None = None) -> Message:
    """Send a reply, split on paragraphs when too long; the buttons go under the last part."""
    parts = split_message(reply.text.split("\n\n"))
    sent: Message | None = None
    for number, part in enumerate(parts, start=1):
        last = number == len(parts)
        sent = await bot.send_message(chat_id, part, reply_markup=reply.markup if last else None,
                                      reply_parameters=ReplyParameters(message_id=reply_to)
                                      if reply_to and number == 1 else None)
    assert sent is not None
    return sent


async def edit(callback: CallbackQuery, bot: Bot, reply: Reply) -> None:
    """Show a reply in place of the pressed message (or below it when it cannot be edited)."""
    message = callback.message
    if message is None or isinstance(message, InaccessibleMessage):
        if callback.from_user:
            await send(bot, callback.from_user.id, reply)
        return
    parts = split_message(reply.text.split("\n\n"))
    if len(parts) > 1:
        await send(bot, message.chat.id, reply)
        return
    try:
        await message.edit_text(parts[0], reply_markup=reply.markup)
    except TelegramBadRequest as error:
        if "message is not modified" in error.message:
            return  # the button of what is already shown: Telegram refuses a no-op edit
        if not any(reason in error.message for reason in _UNEDITABLE):
            raise
        await send(bot, message.chat.id, reply)  # too old or gone: answer below instead
