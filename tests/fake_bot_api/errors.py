"""How the fake refuses a request: ``ApiError`` becomes ``{"ok": false, ...}`` with Telegram's HTTP status,
and the helpers that read a required parameter and refuse it the way Telegram does.

Shared by every method module, so it sits below all of them.
"""

from __future__ import annotations

from typing import Any

QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


class ApiError(Exception):
    """A refusal, rendered as ``{"ok": false, ...}`` with the same HTTP status as Telegram uses."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def bad_request(what: str) -> ApiError:
    return ApiError(400, f"Bad Request: {what}")


def param_int(params: dict[str, Any], name: str, missing: str) -> int:
    value = params.get(name)
    if value is None or value == "":
        raise bad_request(missing)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise bad_request(f"invalid {name} specified") from None


def param_bool(params: dict[str, Any], name: str) -> bool:
    return str(params.get(name, "")).lower() in {"true", "1"}
