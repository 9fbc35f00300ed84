"""The bot's routers, one per feature, in the order they must see updates (catch-all last)."""

from __future__ import annotations

from aiogram import Router

from handlers import (
    admin,
    answers,
    cards,
    cite,
    errors,
    fallback,
    forget,
    groups,
    help,
    inline,
    language,
    questions,
    quiz,
    share,
    start,
    topics,
    uploads,
)


def get_routers() -> list[Router]:
    return [
        errors.get_router(),
        start.get_router(),
        help.get_router(),
        admin.get_router(),
        uploads.get_router(),  # before questions: an admin's text may be a document's title
        language.get_router(),
        forget.get_router(),
        topics.get_router(),
        answers.get_router(),
        share.get_router(),
        quiz.get_router(),  # before groups: /quiz@bot is not an unknown command there
        cards.get_router(),
        cite.get_router(),
        groups.get_router(),
        inline.get_router(),
        questions.get_router(),
        fallback.get_router(),
    ]
