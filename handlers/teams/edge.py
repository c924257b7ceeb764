"""What a Bot Framework activity must look like before anything acts on it.

botbuilder deserialises whatever arrives and fails deep inside a turn (a missing conversation
id surfaces as a connector validation error, a 500); a caller's malformed activity is its
error, so it gets a 400 naming the field, and nothing runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

_TEXT_FIELDS = ("id", "name", "text", "replyToId", "localTimezone", "locale", "action", "textFormat")


def malformed(body: object) -> str | None:
    """Why the activity can't be handled, or None when its shape is fine."""
    if not isinstance(body, Mapping):
        return "the body is not a JSON object"
    for key in ("type", "channelId", "serviceUrl"):
        if not _text(body.get(key)):
            return f"{key} is missing or not text"
    service = urlsplit(str(body["serviceUrl"]))
    if service.scheme not in ("http", "https") or not service.hostname:
        return "serviceUrl is not an http(s) URL"
    for key in ("conversation", "from", "recipient"):
        account = body.get(key)
        if not isinstance(account, Mapping) or not _text(account.get("id")):
            return f"{key}.id is missing or not text"
        for name, value in account.items():
            if name in ("name", "aadObjectId", "conversationType", "tenantId") and value is not None \
                    and not isinstance(value, str):
                return f"{key}.{name} is not text"
    for key in _TEXT_FIELDS:
        if body.get(key) is not None and not isinstance(body[key], str):
            return f"{key} is not text"
    return _channel_data(body.get("channelData")) or _entities(body.get("entities"))


def _channel_data(data: Any) -> str | None:
    if data is None:
        return None
    if not isinstance(data, Mapping):
        return "channelData is not an object"
    tenant = data.get("tenant")
    if tenant is not None and (not isinstance(tenant, Mapping) or not isinstance(tenant.get("id", ""), str)):
        return "channelData.tenant.id is not text"
    return None


def _entities(entities: Any) -> str | None:
    if entities is None:
        return None
    if not isinstance(entities, list) or not all(isinstance(entity, Mapping) for entity in entities):
        return "entities is not a list of objects"
    return None


def _text(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
