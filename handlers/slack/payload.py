"""Reading Slack payloads without trusting their shape.

A signed request can still lack what its type promises (a button value that is not a case
number, a view without state, an event without an id). That is the caller's error: the listener
raises MalformedPayload before it changes anything, and the error handler answers 400 instead of
"something went wrong on our side".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

MAX_NUMBER = 2**31 - 1
"""Case numbers and delivery ids are INTEGER columns; anything larger names nothing we store."""


class MalformedPayload(ValueError):
    """A payload missing a field, or holding one of the wrong kind; the message names which."""


def mapping_at(payload: Mapping[str, Any], *path: str) -> Mapping[str, Any]:
    value = _at(payload, path)
    if not isinstance(value, Mapping):
        raise MalformedPayload(f"{'.'.join(path)} is not an object")
    return value


def text_at(payload: Mapping[str, Any], *path: str) -> str:
    value = _at(payload, path)
    if not isinstance(value, str):
        raise MalformedPayload(f"{'.'.join(path)} is not text")
    return value


def optional_text(payload: Mapping[str, Any], key: str) -> str:
    """A text field that may be missing or null (then empty), but not of another kind."""
    value = payload.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedPayload(f"{key} is not text")
    return value


def number_in(text: str, what: str) -> int:
    """A positive whole number written in a payload (a button value, a modal's metadata)."""
    if not (text.isascii() and text.isdigit()) or not 0 < int(text) <= MAX_NUMBER:
        raise MalformedPayload(f"{what} is not a number we could have sent")
    return int(text)


def object_in(text: str, what: str) -> Mapping[str, Any]:
    """A JSON object we put in a payload ourselves (a modal's private_metadata)."""
    try:
        value = json.loads(text or "{}")
    except (ValueError, RecursionError):
        raise MalformedPayload(f"{what} is not JSON") from None
    if not isinstance(value, Mapping):
        raise MalformedPayload(f"{what} is not a JSON object")
    return value


def _at(payload: Mapping[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = payload
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            raise MalformedPayload(f"{'.'.join(path)} is missing")
        value = value[key]
    return value
