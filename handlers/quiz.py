"""/quiz, the quiz button of a topic, poll answers as scores, /top in groups and /progress in private."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

from aiogram import Bot, F, Router
from aiogram.enums import ChatType, PollType
from aiogram.filters import Command, CommandObject
from aiogram.types import CallbackQuery, InputPollOption, Message, PollAnswer, ReplyParameters

from bot.filters import GROUP_CHATS, FromPerson
from bot.services.library import Library
from bot.services.quizzes import find_topic, next_item, quiz_pool
from bot.storage.database import QuizPollRecord, Storage
from bot.views.callbacks import QuizCb, QuizSourceCb, View
from bot.views.keyboards import quiz_poll_keyboard
from bot.views.quizzes import html, render
from bot.views.replies import Reply, send
from bot.views.study_texts import leaders, no_quiz, progress, progress_in_group, top_in_private, unknown_quiz_topic
from bot.views.texts import stale_passage, stale_topic, topic_title
from bot.views.topics import home_topic, topic_passage
from knowledge.base import KnowledgeBase
from knowledge.topics import Topic

log = logging.getLogger(__name__)
UNKNOWN_POLL_TRIES = 20  # …times UNKNOWN_POLL_WAIT: how long a vote waits for its poll to be written
UNKNOWN_POLL_WAIT = 0.1
WEEK = timedelta(days=7)


async def send_quiz(bot: Bot, chat_id: int, kb: KnowledgeBase, library: Library, db: Storage,
                    topic: Topic | None, reply_to: int | None = None) -> bool:
    """Send the chat its next quiz poll (not anonymous, so answers count); False when there is none."""
    pool = await asyncio.to_thread(quiz_pool, kb, library.knowledge_dir, topic)
    item = await next_item(pool, db, chat_id)
    poll = render(item, kb) if item is not None else None
    if item is None or poll is None:
        await send(bot, chat_id, Reply(no_quiz()), reply_to=reply_to)
        return False
    sent = await bot.send_poll(
        chat_id, html(poll.question), [InputPollOption(text=html(option)) for option in poll.options],
        type=PollType.QUIZ, is_anonymous=False, correct_option_ids=[poll.correct], explanation=html(poll.explanation),
        reply_markup=quiz_poll_keyboard(item.passage_id, topic.slug if topic else ""),
        reply_parameters=ReplyParameters(message_id=reply_to) if reply_to else None)
    if sent.poll is not None:
        await db.record_quiz_poll(QuizPollRecord(sent.poll.id, chat_id, sent.message_id, item.item_id,
                                                 item.passage_id, poll.correct))
    return True


def get_router() -> Router:
    router = Router(name=__name__)

    @router.message(Command("quiz"), FromPerson())
    async def quiz(message: Message, command: CommandObject, bot: Bot, kb: KnowledgeBase, library: Library,
                   db: Storage) -> None:
        group = message.chat.type in GROUP_CHATS
        topic = None
        if command.args and command.args.strip():
            topic = find_topic(kb, command.args)
            if topic is None:
                listed = [(t.slug, topic_title(t)) for t in kb.topics.topics]
                await send(bot, message.chat.id, Reply(unknown_quiz_topic(command.args.strip(), listed)),
                           reply_to=message.message_id if group else None)
                return
        await send_quiz(bot, message.chat.id, kb, library, db, topic,
                        reply_to=message.message_id if group else None)

    @router.callback_query(QuizCb.filter())
    async def quiz_button(callback: CallbackQuery, callback_data: QuizCb, bot: Bot, kb: KnowledgeBase,
                          library: Library, db: Storage) -> None:
        topic = kb.topics.get(callback_data.slug) if callback_data.slug else None
        if callback_data.slug and topic is None:
            await callback.answer(stale_topic(), show_alert=True)
            return
        await callback.answer()
        chat_id = callback.message.chat.id if callback.message is not None else callback.from_user.id
        await send_quiz(bot, chat_id, kb, library, db, topic)

    @router.callback_query(QuizSourceCb.filter())
    async def source(callback: CallbackQuery, callback_data: QuizSourceCb, bot: Bot, kb: KnowledgeBase) -> None:
        passage_id = callback_data.passage_id
        reply = topic_passage(kb, home_topic(kb, passage_id), 0, passage_id, View.FULL)
        if reply is None:
            await callback.answer(stale_passage(), show_alert=True)
            return
        await callback.answer()
        message = callback.message
        chat_id = message.chat.id if message is not None else callback.from_user.id
        await send(bot, chat_id, reply, reply_to=message.message_id if message is not None else None)

    @router.poll_answer()
    async def answered(poll_answer: PollAnswer, db: Storage) -> None:
        if poll_answer.user is None:
            return  # a vote on behalf of a chat: nobody to score
        poll = await db.quiz_poll(poll_answer.poll_id)
        for _ in range(UNKNOWN_POLL_TRIES):
            if poll is not None:
                break
            # a vote can arrive before the poll it answers is written: sendPoll has returned, the
            # bot's write is a step behind; wait a little rather than lose a quick member's answer
            await asyncio.sleep(UNKNOWN_POLL_WAIT)
            poll = await db.quiz_poll(poll_answer.poll_id)
        if poll is None:
            return  # a poll the bot no longer knows (or never sent)
        option = poll_answer.option_ids[0] if poll_answer.option_ids else None
        await db.record_quiz_answer(poll, poll_answer.user.id, poll_answer.user.first_name, option)

    @router.message(Command("top"), F.chat.type.in_(GROUP_CHATS), FromPerson())
    async def top(message: Message, bot: Bot, db: Storage) -> None:
        since = (datetime.now(UTC) - WEEK).isoformat(timespec="seconds")
        week = await db.quiz_leaders(message.chat.id, since)
        ever = await db.quiz_leaders(message.chat.id)
        await send(bot, message.chat.id, Reply(leaders(week, ever)), reply_to=message.message_id)

    @router.message(Command("top"), F.chat.type == ChatType.PRIVATE)
    async def top_alone(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(top_in_private()))

    @router.message(Command("progress"), F.chat.type == ChatType.PRIVATE)
    async def show_progress(message: Message, bot: Bot, kb: KnowledgeBase, db: Storage) -> None:
        user_id = message.from_user.id if message.from_user else message.chat.id
        tally: dict[str, list[int]] = {}
        for passage_id, right in await db.quiz_results(user_id):
            for topic in kb.topics.topics_of(passage_id):
                counts = tally.setdefault(topic.slug, [0, 0])
                counts[0] += int(right)
                counts[1] += 1
        rows = [(topic_title(topic), tally[topic.slug][0], tally[topic.slug][1]) for topic in kb.topics.topics
                if topic.slug in tally]
        await send(bot, message.chat.id, Reply(progress(rows)))

    @router.message(Command("progress", "cards"), F.chat.type.in_(GROUP_CHATS), FromPerson())
    async def private_only(message: Message, bot: Bot) -> None:
        await send(bot, message.chat.id, Reply(progress_in_group()), reply_to=message.message_id)

    return router
