"""A fake Telegram Bot API server for end-to-end tests, split by concern.

The real aiogram bot talks to ``FakeTelegram`` over HTTP on 127.0.0.1.  Where it matters the fake behaves
like Telegram: HTML is parsed the way tdlib parses it (same errors, UTF-16 offsets), text is cleaned and
trimmed like ``fix_formatted_text``, limits and keyboards are validated, and getUpdates has real
offset/long-poll semantics.  Groups have members, the bot's own membership and privacy mode; inline
queries, files both ways, per-group flood control and polls with votes are emulated too.  Tests drive
the bot with ``send_message``/``press``/``send_inline_query``/``send_document``/``answer_poll``… and
inspect ``calls`` and ``messages``; they use only what this module exports and the public methods and
attributes of ``FakeTelegram``.

Modules: ``server`` (the aiohttp app, lifecycle, dispatch; ``FakeTelegram`` itself), ``state`` (what
every concern shares: chats seen, messages both ways, the update queue), ``calls`` (the call log and the
waits on it), ``updates`` (getUpdates, webhooks), ``users`` (what users do), ``messages`` (the bot's
messages and Telegram's checks of them), ``chats`` (members, groups, privacy mode), ``profile`` (getMe,
commands, menu button), ``inline``, ``files``, ``polls``, ``faults`` (scripted errors, delays, flood
control); ``models``, ``errors``, ``text`` and ``html_parser`` hold no server state.
"""

from tests.fake_bot_api.chats import MEMBER_STATUSES
from tests.fake_bot_api.models import (
    BOT_ID,
    BOT_NAME,
    BOT_USERNAME,
    DEFAULT_USER_ID,
    TOKEN,
    Call,
    FakeChat,
    FakeUser,
    SentMessage,
)
from tests.fake_bot_api.server import FakeTelegram

__all__ = [
    "BOT_ID",
    "BOT_NAME",
    "BOT_USERNAME",
    "DEFAULT_USER_ID",
    "MEMBER_STATUSES",
    "TOKEN",
    "Call",
    "FakeChat",
    "FakeTelegram",
    "FakeUser",
    "SentMessage",
]
