"""The shape Bolt takes for granted in a Slack body, checked before Bolt reads it.

Bolt finds the workspace, user and channel of a request, and the listener it goes to, by reading
fields such as `body["event"]["type"]`, `body["actions"][0]`, `"id" in body["user"]`. Sent by
Slack, they are always there and of the right kind; in a signed body that is not (a replay
edited by someone holding the secret, a broken proxy) an `"event": "x"` or `"user": 5` raises
inside Bolt. This module names the first field that is not what Bolt expects, so the edge can
answer 400 instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

REFERENCES = ("user", "team", "enterprise", "channel")
"""Text (an id), an object whose `id` is text, or null."""
OBJECTS = ("event", "view", "container", "message", "previous_message", "item", "assistant_thread",
           "function_data", "state", "workflow_step")
LISTS_OF_OBJECTS = ("authorizations", "actions")
TEXTS = ("type", "command", "callback_id", "trigger_id", "response_url", "team_id", "user_id",
         "channel_id", "enterprise_id", "api_app_id", "event_id", "subtype", "channel_type", "thread_ts",
         "bot_id", "tab", "action_id", "block_id", "user_team", "function_execution_id",
         "private_metadata", "app_installed_team_id")
KINDS = frozenset({"event_callback", "url_verification", "app_rate_limited", "block_actions",
                   "view_submission", "view_closed", "shortcut", "message_action", "block_suggestion"})
"""Body types Slack sends an app like ours; slash commands (forms) have none. Legacy kinds
(interactive_message, dialogs, workflow steps) name nothing we serve, and Bolt reads fields of
them we would have to vouch for too."""
NESTED = ("event", "message", "previous_message", "item", "assistant_thread", "view")
"""Objects Bolt reads the same fields in (recursively, as for the body)."""
MAX_DEPTH = 4


def problem(body: Mapping[str, Any]) -> str | None:
    """The first field that is not of the kind Bolt reads it as; None when the body is sound."""
    found = _fields(body, "", 0)
    if found:
        return found
    kind = body.get("type")
    if kind is not None and kind not in KINDS:
        return f"type {str(kind)[:40]!r} is nothing Amends serves"
    if kind == "event_callback" and not isinstance((body.get("event") or {}).get("type"), str):
        return "event.type is missing"
    if kind == "url_verification" and not isinstance(body.get("challenge"), str):
        return "challenge is missing"
    if kind == "block_actions" and not body.get("actions"):
        return "actions is empty"
    view = body.get("view") or {}
    if kind in ("view_submission", "view_closed") and not (
            isinstance(view.get("callback_id"), str) and isinstance(view.get("type"), str)):
        return "view.callback_id or view.type is missing"
    if view.get("type") == "workflow_step":
        return "workflow steps are nothing Amends serves"
    if kind in ("shortcut", "message_action") and not isinstance(body.get("callback_id"), str):
        return "callback_id is missing"
    return None


def _fields(item: Mapping[str, Any], where: str, depth: int) -> str | None:
    for key in REFERENCES:
        value = item.get(key)
        if not (value is None or isinstance(value, str)
                or (isinstance(value, Mapping) and isinstance(value.get("id", ""), str | None))):
            return f"{where}{key} is neither an id nor an object with one"
    for key in OBJECTS:
        if not isinstance(item.get(key), Mapping | None):
            return f"{where}{key} is not an object"
    for key in LISTS_OF_OBJECTS:
        value = item.get(key)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, Mapping) for v in value)):
            return f"{where}{key} is not a list of objects"
    for key in TEXTS:
        if not isinstance(item.get(key), str | None):
            return f"{where}{key} is not text"
    if depth >= MAX_DEPTH:
        return None
    nested: list[tuple[str, Any]] = [(key, item.get(key)) for key in NESTED]
    nested += [(f"{key}[{index}]", value) for key in LISTS_OF_OBJECTS
               for index, value in enumerate(item.get(key) or [])]
    for key, value in nested:
        if isinstance(value, Mapping):
            found = _fields(value, f"{where}{key}.", depth + 1)
            if found:
                return found
    return None
