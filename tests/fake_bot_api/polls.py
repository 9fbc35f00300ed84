"""Polls for the fake Bot API: sendPoll and stopPoll with Telegram's checks, and votes as updates.

A mixin of `FakeTelegram`, built on the checks of messages.py. Tests call `answer_poll` to vote as a
member would; the bot then gets a `poll_answer` update (for a poll that is not anonymous) and a `poll`
update with the new counts, each only if its `allowed_updates` let it through, as Telegram does.
"""

from __future__ import annotations

import json
import time
from typing import Any

from tests.fake_bot_api.errors import bad_request, param_bool, param_int
from tests.fake_bot_api.messages import MessagesMixin
from tests.fake_bot_api.models import FakeUser, SentMessage
from tests.fake_bot_api.state import Method

MAX_QUESTION = 300
MAX_OPTION = 100
MIN_OPTIONS, MAX_OPTIONS = 2, 10
MAX_EXPLANATION = 200
POLL_TYPES = ("regular", "quiz")


class PollsMixin(MessagesMixin):
    """sendPoll / stopPoll and the test-side `answer_poll`, `polls_in`, `poll_of`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # poll id → {"chat_id", "message_id", "poll", "voters": {user id: options}}
        self._polls: dict[str, dict[str, Any]] = {}

    def api_methods(self) -> dict[str, Method]:
        return {**super().api_methods(), "sendpoll": self._send_poll, "stoppoll": self._stop_poll}

    # --- test side -----------------------------------------------------------------------------

    def polls_in(self, chat_id: int) -> list[dict[str, Any]]:
        """The Poll objects the bot sent to a chat, oldest first (current state)."""
        found = [entry for entry in self._polls.values() if entry["chat_id"] == chat_id]
        return [entry["poll"] for entry in sorted(found, key=lambda e: e["message_id"])]

    def poll_of(self, message: SentMessage) -> dict[str, Any]:
        poll = (message.media or {}).get("poll")
        if poll is None:
            raise AssertionError(f"message {message.message_id} is not a poll")
        return poll

    def answer_poll(self, poll_id: str, user: FakeUser, option_ids: list[int]) -> int:
        """A member votes (or, with [], retracts a vote of a regular poll); returns the poll_answer update id.

        A quiz takes one answer, once; a closed poll takes none, as in Telegram's apps.
        """
        entry = self._polls.get(poll_id)
        if entry is None:
            raise AssertionError(f"the bot sent no poll {poll_id}")
        poll = entry["poll"]
        if poll["is_closed"]:
            raise AssertionError("the poll is closed: Telegram's apps do not let anyone vote")
        if any(not 0 <= n < len(poll["options"]) for n in option_ids):
            raise AssertionError(f"no option {option_ids} in a poll of {len(poll['options'])}")
        before = entry["voters"].get(user.id, [])
        if poll["type"] == "quiz" and (before or len(option_ids) != 1):
            raise AssertionError("a quiz is answered once, with exactly one option")
        for n in before:
            poll["options"][n]["voter_count"] -= 1
        for n in option_ids:
            poll["options"][n]["voter_count"] += 1
        entry["voters"][user.id] = list(option_ids)
        poll["total_voter_count"] = sum(1 for chosen in entry["voters"].values() if chosen)
        self._known_users[user.id] = user
        update_id = 0
        if not poll["is_anonymous"]:
            update_id = self._deliver({"poll_answer": {"poll_id": poll_id, "user": user.to_dict(),
                                                       "option_ids": list(option_ids),
                                                       "option_persistent_ids": [f"o{n}" for n in option_ids]}})
        self._deliver({"poll": dict(poll)})
        return update_id

    def _deliver(self, update: dict[str, Any]) -> int:
        """Enqueue an update unless the bot's allowed_updates leave it out (then 0)."""
        kind = next(iter(update))
        if not self._is_allowed({"update_id": 0, kind: update[kind]}):
            return 0
        return self.add_update(update)

    # --- methods ----------------------------------------------------------------------------------

    def _send_poll(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        chat = self._chats[chat_id]
        question = self._poll_text(params.get("question"), params.get("question_parse_mode"), "poll question")
        if len(question) > MAX_QUESTION:
            raise bad_request(f"poll question length must not exceed {MAX_QUESTION}")
        raw_options = params.get("options")
        if not isinstance(raw_options, list):
            raise bad_request("can't parse options JSON object")
        if len(raw_options) < MIN_OPTIONS:
            raise bad_request("poll must have at least 2 option")
        if len(raw_options) > MAX_OPTIONS:
            raise bad_request(f"poll can't have more than {MAX_OPTIONS} options")
        options: list[dict[str, Any]] = []
        for option in raw_options:
            given = option if isinstance(option, dict) else {"text": option}
            text, mode = given.get("text"), given.get("text_parse_mode")
            plain = self._poll_text(text, mode, "poll options")
            if len(plain) > MAX_OPTION:
                raise bad_request(f"poll options length must not exceed {MAX_OPTION}")
            options.append({"persistent_id": f"o{len(options)}", "text": plain, "voter_count": 0})
        if len({o["text"] for o in options}) != len(options):
            raise bad_request("poll options must be different")
        kind = str(params.get("type") or "regular")
        if kind not in POLL_TYPES:
            raise bad_request("wrong poll type specified")
        anonymous = param_bool(params, "is_anonymous") if "is_anonymous" in params else True
        if not anonymous and chat["type"] == "channel":
            raise bad_request("non-anonymous polls can't be sent to channel chats")
        poll_id = f"{5000000000000000000 + len(self._polls) + 1}"
        poll: dict[str, Any] = {"id": poll_id, "question": question, "options": options, "total_voter_count": 0,
                                "is_closed": param_bool(params, "is_closed"), "is_anonymous": anonymous,
                                "type": kind, "allows_multiple_answers": False, "allows_revoting": kind != "quiz",
                                "members_only": False}
        if kind == "quiz":
            correct = self._correct_options(params, len(options))
            poll["correct_option_ids"] = correct
            poll["correct_option_id"] = correct[0]  # deprecated, still sent by Telegram
            if params.get("explanation"):
                explanation = self._poll_text(params["explanation"], params.get("explanation_parse_mode"),
                                              "explanation")
                if len(explanation) > MAX_EXPLANATION:
                    raise bad_request(f"explanation length must not exceed {MAX_EXPLANATION}")
                poll["explanation"] = explanation
        elif params.get("explanation"):
            raise bad_request("explanation can be specified only for quizzes")
        markup = self._markup(params.get("reply_markup"))
        sent = SentMessage(chat_id=chat_id, message_id=self._new_message_id(chat_id),
                           html=None, text="", entities=[], reply_markup=markup, parse_mode=None,
                           reply_to_message_id=self._reply_target(chat_id, params),
                           date=int(time.time()), media={"poll": poll})
        self._sent[(chat_id, sent.message_id)] = sent
        self._polls[poll_id] = {"chat_id": chat_id, "message_id": sent.message_id, "poll": poll, "voters": {}}
        return self._message_result(sent)

    @staticmethod
    def _correct_options(params: dict[str, Any], count: int) -> list[int]:
        """A quiz's correct options: `correct_option_ids` (a JSON array), or the deprecated `correct_option_id`."""
        raw = params.get("correct_option_ids")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except ValueError:
                raise bad_request("can't parse correct option IDs JSON object") from None
        if raw is None and params.get("correct_option_id") is not None:
            raw = [params["correct_option_id"]]
        if not isinstance(raw, list) or not raw:
            raise bad_request("correct option ID must be specified for quizzes")
        try:
            correct = [int(n) for n in raw]
        except (TypeError, ValueError):
            raise bad_request("wrong correct option ID specified") from None
        if any(not 0 <= n < count for n in correct) or len(set(correct)) != len(correct):
            raise bad_request("wrong correct option ID specified")
        return correct

    def _stop_poll(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        message_id = param_int(params, "message_id", "message identifier is not specified")
        entry = next((e for e in self._polls.values() if (e["chat_id"], e["message_id"]) == (chat_id, message_id)),
                     None)
        if entry is None:
            raise bad_request("message with poll to stop not found")
        if entry["poll"]["is_closed"]:
            raise bad_request("poll has already been closed")
        entry["poll"]["is_closed"] = True
        if "reply_markup" in params:
            sent = self._sent[(chat_id, message_id)]
            sent.reply_markup = self._markup(params.get("reply_markup"), inline_only=True)
        self._deliver({"poll": dict(entry["poll"])})
        return dict(entry["poll"])

    def _poll_text(self, raw: Any, mode: Any, what: str) -> str:
        """A poll text after parse mode and Telegram's cleaning, as it counts against the limits."""
        found = self._parse_formatted(raw, mode, None, limit=4096, empty=f"{what} must be non-empty",
                                      too_long=f"{what} is too long")
        assert found is not None
        return found.text
