"""Logging set-up that can never print a secret, whatever a library puts in a message or traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterable

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
HIDDEN = "<hidden>"


class RedactingFormatter(logging.Formatter):
    """Formats a record, traceback included, then blanks out every secret it contains."""

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        self.secrets = list(secrets)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


def redact(text: str, secrets: Iterable[str]) -> str:
    """The text with each secret (longest first, so a whole token goes before its half) hidden."""
    for secret in sorted({s for s in secrets if s}, key=len, reverse=True):
        text = text.replace(secret, HIDDEN)
    return text


def setup_logging(level: str, secrets: Iterable[str]) -> None:
    """Log to stderr at `level` through the redacting formatter."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # the Russian dictionary announces every load at INFO: noise in `ask` and in the bot's log
    logging.getLogger("pymorphy3").setLevel(max(logging.WARNING, logging.getLevelName(level)))
