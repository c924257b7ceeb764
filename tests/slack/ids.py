"""Identifiers shared by the payload builders and the fake Web API, and fresh Slack-shaped ids."""

from __future__ import annotations

import itertools
import time
import uuid

# Identifiers shared with FakeSlackApi defaults, so payloads and API answers agree.
SIGNING_SECRET = "amends-test-signing-secret"
VERIFICATION_TOKEN = "amends-deprecated-verification-token"
TEAM_ID = "T0001"
TEAM_NAME = "Amends Test"
TEAM_DOMAIN = "amends-test"
APP_ID = "A0001"
BOT_ID = "B0001"
BOT_USER_ID = "UBOT"
USER_ID = "U0001"
USER_NAME = "frontline"
CHANNEL_ID = "C0001"
CHANNEL_NAME = "general"

_counter = itertools.count(1)


def new_trigger_id() -> str:
    """A trigger_id shaped like Slack's (``<digits>.<digits>.<hex>``)."""
    n = next(_counter)
    return f"{1_000_000_000_000 + n}.{1_000_000_000 + n}.{uuid.uuid4().hex[:24]}"


def new_event_id() -> str:
    return f"Ev{next(_counter):09d}"


def new_ts(at: float | None = None) -> str:
    """A unique message timestamp like ``1700000000.000123``."""
    seconds = int(time.time() if at is None else at)
    return f"{seconds}.{next(_counter) % 1_000_000:06d}"


def new_response_url(team_id: str = TEAM_ID) -> str:
    """A realistic (but unreachable from tests) hooks.slack.com response URL.

    Tests that exercise ``respond()`` should pass ``response_url=api.response_url(name)`` instead.
    """
    n = next(_counter)
    return f"https://hooks.slack.com/commands/{team_id}/{1_000_000_000 + n}/{uuid.uuid4().hex[:24]}"
