"""The bot's routers, one per feature, in the order they must see updates (catch-all last)."""

from __future__ import annotations

from aiogram import Router

from handlers import answers, fallback, help, language, questions, start, topics


def get_routers() -> list[Router]:
    return [
        start.get_router(),
        help.get_router(),
        language.get_router(),
        topics.get_router(),
        answers.get_router(),
        questions.get_router(),
        fallback.get_router(),
    ]
