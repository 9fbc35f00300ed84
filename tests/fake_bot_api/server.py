"""``FakeTelegram``: the mixins composed into one Bot API server on 127.0.0.1, with its aiohttp app,
lifecycle (start, stop, an outage), request parsing and dispatch to the Bot API methods.

The real aiogram bot (a real ``AiohttpSession`` pointed at ``TelegramAPIServer.from_base(base_url)``) talks
to it over 127.0.0.1, so the whole HTTP path is exercised.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from typing import Any

from aiohttp import web

from tests.fake_bot_api.errors import ApiError, bad_request
from tests.fake_bot_api.faults import FaultsMixin
from tests.fake_bot_api.inline import InlineMixin
from tests.fake_bot_api.models import BOT_USERNAME, TOKEN, Call
from tests.fake_bot_api.polls import PollsMixin
from tests.fake_bot_api.profile import ProfileMixin
from tests.fake_bot_api.state import Method
from tests.fake_bot_api.updates import UpdatesMixin
from tests.fake_bot_api.users import UsersMixin

# Form fields that Telegram (and aiogram) transport as JSON strings.
JSON_FIELDS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "scope", "commands", "reply_parameters",
        "link_preview_options", "results", "allowed_updates", "media", "menu_button", "reaction", "options",
        "button",
    }
)  # fmt: skip


class FakeTelegram(UsersMixin, InlineMixin, PollsMixin, ProfileMixin, UpdatesMixin, FaultsMixin):
    """In-process Bot API server plus the test-side API to drive the bot and inspect what it did."""

    def __init__(self, token: str = TOKEN, *, username: str = BOT_USERNAME, privacy: bool = False,
                 first_update_id: int = 1) -> None:
        """``privacy``: group messages reach the bot only as with Telegram's privacy mode (unless the bot is an
        admin there).  Off, the bot gets everything, like a bot that is an admin of every group it is in.
        ``first_update_id``: where update ids start; Telegram's keep growing across a bot's restarts, and the
        bot's inbox never handles an id twice, so a fake started again for the same database starts past the last."""
        super().__init__(token, username=username, privacy=privacy, first_update_id=first_update_id)
        self.base_url = ""
        self.port = 0
        self._runner: web.AppRunner | None = None
        self._methods = self.api_methods()

    def api_methods(self) -> dict[str, Method]:
        return {**super().api_methods(), "close": self._ok, "logout": self._ok}

    # ------------------------------------------------------------------------------------------ lifecycle

    async def start(self, port: int = 0) -> str:
        """Listen on 127.0.0.1 (``port``, or a free one) and return the base URL for
        ``TelegramAPIServer.from_base``."""
        if self._runner is not None:
            raise RuntimeError("FakeTelegram already started")
        self._closing = asyncio.Event()
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        return self.base_url

    async def stop(self) -> None:
        """Wake pending long polls (they answer []) and delays, then shut the server down."""
        self._closing.set()
        self._update_signal.fire()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    async def outage(self, seconds: float) -> None:
        """The network is gone for ``seconds``: the server stops listening (connections are refused, open long
        polls end), then listens again on the same port with every update and message kept."""
        await self.stop()
        await asyncio.sleep(seconds)
        await self.start(self.port)

    # ----------------------------------------------------------------------------- hooks for subclasses

    def request_arrived(self, method: str, received: float) -> None:
        """Called as a request for ``method`` (lower case) arrives, at ``received`` (``time.monotonic()``),
        before any check; for subclasses that time the traffic (bench/e2e.py)."""

    def request_done(self, method: str, params: dict[str, Any], result: Any, received: float) -> None:
        """Called when ``method`` (lower case) was carried out with ``result`` (for getUpdates: the batch
        handed over), just before the response is sent; for subclasses that time the traffic."""

    # --------------------------------------------------------------------------------------------- HTTP layer

    async def _handle(self, request: web.Request) -> web.Response:
        received = time.monotonic()
        method = request.match_info["method"]
        is_poll = method.lower() == "getupdates"
        call = Call(method, {})
        if not is_poll:
            self._inflight += 1
        try:
            call.params = await self._read_params(request)
            call.result = await self._dispatch(request.match_info["token"], method.lower(), call.params, received)
            status, payload = 200, {"ok": True, "result": call.result}
        except ApiError as error:
            call.error = (error.status, error.description)
            status = error.status
            payload = {"ok": False, "error_code": error.status, "description": error.description}
            if error.parameters:
                payload["parameters"] = error.parameters
        except Exception as error:  # a bug in the fake itself: make it loud in dumps and in the fixture
            self.internal_errors.append(error)
            call.error = (500, f"Internal Server Error: the fake Bot API crashed: {error!r}")
            status, payload = 500, {"ok": False, "error_code": 500, "description": call.error[1]}
        finally:
            if not is_poll:
                self._inflight -= 1
        self._record(call, poll=is_poll)
        return web.json_response(payload, status=status)

    async def _read_params(self, request: web.Request) -> dict[str, Any]:
        """Query string + urlencoded/multipart form or JSON body; JSON fields decoded."""
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json() if request.can_read_body else {}
            for key, value in (body or {}).items():
                scalar = isinstance(value, bool | int | float)
                params[key] = str(value).lower() if isinstance(value, bool) else str(value) if scalar else value
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                if isinstance(value, web.FileField):
                    content = value.file.read()
                    value.file.close()
                    value = {"filename": value.filename, "content_type": value.content_type, "size": len(content),
                             "content": content}  # fmt: skip
                params[key] = value
        for key in JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    what = "reply keyboard markup" if key == "reply_markup" else key
                    raise bad_request(f"can't parse {what} JSON object") from None
        return params

    async def _dispatch(self, token: str, method: str, params: dict[str, Any], received: float) -> Any:
        self.request_arrived(method, received)
        if token != self.token:
            raise ApiError(401, "Unauthorized")
        if method != "getupdates" and method not in self._methods:
            raise ApiError(404, "Not Found: method not found")
        delay = self._take(self._delays, method)
        if delay is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), delay.seconds)
        fault = self._take(self._faults, method) or self._random_fault()
        if fault is not None:
            raise self._fault_error(fault)
        if method == "getupdates":
            result = await self._get_updates(params)
        else:
            flood_chat = self._flood_chat(method, params)
            if flood_chat is not None:
                self._check_flood(flood_chat, received)
            result = self._methods[method](params)
            if flood_chat is not None:  # counted from when the request arrived
                self._group_sends.setdefault(flood_chat, []).append(received)
        self.request_done(method, params, result, received)
        return result

    def _ok(self, params: dict[str, Any]) -> bool:
        return True
