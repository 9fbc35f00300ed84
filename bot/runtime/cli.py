"""Command line: run the bot (long polling, or a webhook when WEBHOOK_URL is set), or answer one question."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.runtime.logs import redact, setup_logging
from bot.settings import LANGUAGES, Settings, SettingsError, load_settings
from knowledge.corpus import CorpusError
from knowledge.glossary import GlossaryError
from knowledge.topics import TopicsError

if TYPE_CHECKING:
    from knowledge.base import KnowledgeBase
    from knowledge.models import SearchResult

# aiogram and the bot's stack are imported once the settings are known to be usable: a missing or
# malformed setting is reported at once, without two seconds of aiogram's import.

EXAMPLE_QUESTION = "Жергілікті өзін-өзі басқару дегеніміз не?"
log = logging.getLogger(__name__)


def _secrets_of_environment() -> list[str]:
    """The token and webhook secret as the environment gives them, for errors before the settings load."""
    token = os.environ.get("BOT_TOKEN", "").strip()
    return [s for s in (token, token.partition(":")[2], os.environ.get("WEBHOOK_SECRET", "").strip()) if s]


def render_plain(kb: KnowledgeBase, result: SearchResult, bold: tuple[str, str] = ("", "")) -> str:
    """The answer a user would get in the chat, as plain text, with the buttons to passages as a list."""
    from bot.services.answers import closest, first_shown
    from bot.views.answers import hit_view, nothing_view
    from bot.views.callbacks import View
    from bot.views.labels import passage_label
    from bot.views.markup import to_plain

    shown = first_shown(result, query_id=None)
    if shown is None:
        text = to_plain(nothing_view(kb, result).text, bold)
        lines = [f"  📄 {passage_label(passage)}" for passage in closest(result)]
    else:
        text = to_plain(hit_view(shown, View.EXCERPT, kb).text, bold)
        lines = [f"  🔎 {passage_label(passage)}" for _, passage in shown.candidates]
    return "\n".join([text, *lines])


def _ask(settings: Settings, args: argparse.Namespace) -> int:
    from bot.i18n import create_i18n
    from bot.runtime.app import open_library
    from bot.services.answers import search

    kb = open_library(settings).current
    i18n = create_i18n(settings.default_language)
    bold = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("", "")
    question = " ".join(args.question).strip()
    result = search(kb, question)
    lang = args.lang or (result.lang if result.lang in LANGUAGES else settings.default_language)
    with i18n.context(), i18n.use_locale(lang):
        print(render_plain(kb, result, bold))
    return 0


def _serve(settings: Settings) -> int:
    """Run the bot until it is stopped; a refused token or an unreachable Bot API is one clear line."""
    from aiogram.exceptions import ClientDecodeError, TelegramNetworkError, TelegramUnauthorizedError

    from bot.runtime.app import run_polling
    from bot.runtime.webhook import run_webhook

    try:
        asyncio.run(run_webhook(settings) if settings.webhook_url else run_polling(settings))
    except TelegramUnauthorizedError:
        print("error: BOT_TOKEN was refused by the Bot API (Unauthorized): check the token @BotFather gave",
              file=sys.stderr)
        return 2
    except ClientDecodeError:
        print(f"error: the Bot API at {settings.bot_api_url} (BOT_API_URL) answered something that is not "
              "the Bot API (not JSON): check the address", file=sys.stderr)
        return 2
    except TelegramNetworkError as error:
        reason = redact(error.message, settings.secrets())
        print(f"error: cannot reach the Bot API at {settings.bot_api_url} (BOT_API_URL): {reason}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    ask = commands.add_parser("ask", help="print the answer a user would get, without Telegram")
    ask.add_argument("question", nargs="+")
    ask.add_argument("--lang", choices=LANGUAGES, help="interface language (default: the question's)")
    args = parser.parse_args(argv)
    secrets = _secrets_of_environment()
    try:
        settings = load_settings()
        secrets += settings.secrets()
        setup_logging(settings.log_level, settings.secrets())
        if args.command == "ask":
            return _ask(settings, args)
        settings.token()
        return _serve(settings)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        if args.command != "ask":
            launcher = os.environ.get("BOT_LAUNCHER", "python -m bot")  # run.sh names itself
            print(f'To try the bot without Telegram: {launcher} ask "{EXAMPLE_QUESTION}"', file=sys.stderr)
        return 2
    except (CorpusError, GlossaryError, TopicsError) as error:
        print(f"error: the knowledge directory cannot be read: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `python -m bot ask … | head`
        return 0
    except Exception as error:  # anything else: logged (redacted, with its traceback), then one line
        if not logging.getLogger().handlers:
            setup_logging("ERROR", secrets)
        log.critical("stopped by an unexpected error", exc_info=error)
        reason = redact(f"{type(error).__name__}: {error}", secrets).splitlines()[0][:300]
        print(f"error: stopped by an unexpected error: {reason}", file=sys.stderr)
        return 1
    return 0
