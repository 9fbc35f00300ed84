"""How updates reach the bot: getUpdates with Telegram's offset, limit, long-poll and 409 Conflict rules,
``allowed_updates``, and webhooks (setWebhook, deleteWebhook, getWebhookInfo, and ``post_to_webhook``
to deliver an update as Telegram posts it).
"""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientSession

from tests.fake_bot_api.errors import ApiError, bad_request, param_bool
from tests.fake_bot_api.state import BotApiState, Method

CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
WEBHOOK_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")


class UpdatesMixin(BotApiState):
    """getUpdates and the webhook."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the webhook setWebhook registered (url, secret_token, allowed_updates, drop_pending_updates), if any
        self.webhook: dict[str, Any] | None = None
        self._poll_generation = 0

    def api_methods(self) -> dict[str, Method]:
        return {
            **super().api_methods(),
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setwebhook": self._set_webhook,
        }

    @property
    def polls_received(self) -> int:
        """How many getUpdates requests reached the fake, counted as they arrive (those refused with a fault
        or while a webhook is set aside): ``polls`` records a request only when it returns."""
        return self._poll_generation

    async def post_to_webhook(self, update: dict[str, Any], *, secret: str | None) -> int:
        """Deliver a raw update (update_id assigned here) as Telegram does to a webhook: a JSON POST to the
        registered URL with ``secret`` in X-Telegram-Bot-Api-Secret-Token (no header when None).

        Returns the HTTP status of the bot's answer.
        """
        if self.webhook is None:
            raise AssertionError("no webhook is set (setWebhook was not called, or deleteWebhook was)")
        update = self._numbered(update)
        if not self._is_allowed(update):
            raise AssertionError(f"Telegram would not deliver {update!r}: allowed_updates={self._allowed}")
        headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
        async with ClientSession() as session, session.post(self.webhook["url"], json=update,
                                                            headers=headers) as answer:
            await answer.read()
        self._last_activity = time.monotonic()  # wait_idle gives the bot time to start handling it
        return answer.status

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if param_bool(params, "drop_pending_updates"):
            self._pending.clear()
        self.webhook = None
        return True

    def _set_webhook(self, params: dict[str, Any]) -> bool:
        """Register the webhook; like a local Bot API server, plain http is accepted for 127.0.0.1."""
        url = str(params.get("url") or "")
        if not url:  # an empty url removes the webhook
            return self._delete_webhook(params)
        parts = urlsplit(url)
        if not (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname == "127.0.0.1")):
            raise bad_request("bad webhook: HTTPS url must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not WEBHOOK_SECRET_RE.fullmatch(str(secret)):
            raise bad_request("secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = set(allowed) or None
        drop = param_bool(params, "drop_pending_updates")
        if drop:
            self._pending.clear()
        self.webhook = {"url": url, "secret_token": secret, "allowed_updates": allowed, "drop_pending_updates": drop}
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        info: dict[str, Any] = {"url": self.webhook["url"] if self.webhook else "", "has_custom_certificate": False,
                                "pending_update_count": len(self._pending)}
        if self.webhook and isinstance(self.webhook["allowed_updates"], list):
            info["allowed_updates"] = self.webhook["allowed_updates"]
        return info

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Confirm updates below ``offset``, then return pending ones, long-polling up to ``timeout`` s.

        A newer getUpdates request terminates a waiting older one with 409 Conflict, as Telegram does, and
        none is served while a webhook is set.
        """
        if self.webhook is not None:
            raise ApiError(409, WEBHOOK_ACTIVE)
        try:
            offset = int(params.get("offset") or 0)
            limit = min(max(int(params.get("limit") or 100), 1), 100)
            timeout = max(float(params.get("timeout") or 0), 0.0)
        except ValueError:
            raise bad_request("wrong offset, limit or timeout specified") from None
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed = set(allowed) or None
        if offset < 0:
            self._pending = self._pending[offset:]
        elif offset > 0:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self._update_signal.fire()  # wakes an older waiting poll so it can fail with 409
        deadline = time.monotonic() + timeout
        while True:
            if generation != self._poll_generation:
                raise ApiError(409, CONFLICT)
            self._pending = [u for u in self._pending if self._is_allowed(u)]
            batch = [u for u in self._pending if u["update_id"] >= offset][:limit]
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0 or self._closing.is_set():
                return batch
            await self._update_signal.wait(remaining)
