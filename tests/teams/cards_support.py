"""What the Teams card tests share: the official Adaptive Card schema and the button protocol
every card is checked against, people as Teams sees them, and the core with an outbox to a
memory, so cards are rendered from real replies and posts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bot.chart import digest_chart
from bot.clock import ManualClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.messages import Message
from bot.outbox import OutboxLoop
from bot.playbook import Playbook
from bot.replies import Reply
from bot.schedules import DigestPlan
from bot.transport import Kind, MemoryTransport, OutboundPost
from handlers.teams.cards import ACTIONS, TEAMS_LIMIT, Card
from handlers.teams.case_cards import case_card
from handlers.teams.post_cards import (
    alert_card,
    approval_decided_card,
    approval_request_card,
    digest_card,
    nudge_card,
)
from store.db import Database
from tests.blockkit import walk

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "handlers/teams/schema/adaptive-card.json").read_text())
VALIDATOR = jsonschema.Draft6Validator(SCHEMA)

ANN, BOB, MIA = "aad-4f1c2e9a-ann", "aad-77b0d3c1-bob", "aad-0c9e5a12-mia"
NAMES = {ANN: "Ann Front", BOB: "Bob Floor", MIA: "Mia Manager"}
HOSTILE = "**free** [click](http://x) <at>everyone</at> {{DATE(2020-01-01T00:00:00Z)}} table 7 soup came out cold"
FIELDS = {"offer": {"case", "option"}, "request": {"case", "option"}, "approve": {"case", "option"},
          "decline": {"case", "option"}, "escalate": {"case"}, "take": {"case"}, "resolve": {"case"},
          "outcome": {"case", "outcome"}, "snooze": {"delivery", "for"}, "done": {"delivery"},
          "merge": {"case", "into"}, "log_anyway": {"text"}, "language": {"case", "language"}}




@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """Rendering needs real records, not both databases: SQLite only here."""
    return f"sqlite:///{tmp_path / 'amends.db'}"



# --- checks ---------------------------------------------------------------------------------

def dumped(card: Card) -> str:
    return json.dumps(card[1], ensure_ascii=False)


def buttons(card: Card) -> list[dict[str, Any]]:
    """Every Action.Execute, outside the fallbacks."""
    return [node for node in walk(card[1]) if node.get("type") == "Action.Execute"]


def datas(card: Card, action: str) -> list[dict[str, Any]]:
    return [button["data"] for button in buttons(card) if button["verb"] == action]


def valid(card: Card) -> dict[str, Any]:
    """The official schema (less Teams' own `msteams`), the size, and the button protocol."""
    summary, content = card
    assert summary and "\n" not in summary and len(summary) <= 250
    assert content["type"] == "AdaptiveCard" and content["version"] == "1.5"
    assert content["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    assert content.pop("msteams") == {"width": "Full"}
    try:
        errors = sorted(VALIDATOR.iter_errors(content), key=str)
        assert not errors, [f"{list(e.absolute_path)}: {e.message[:300]}" for e in errors[:3]]
    finally:
        content["msteams"] = {"width": "Full"}
    assert len(json.dumps(content).encode()) < TEAMS_LIMIT
    for button in buttons(card):
        data, fallback = button["data"], button["fallback"]
        assert button["verb"] == data["amends"] and data["amends"] in ACTIONS
        assert fallback["type"] == "Action.Submit" and fallback["data"] == data
        assert fallback["title"] == button["title"] and fallback.get("style") == button.get("style")
        assert fallback.get("associatedInputs") == button.get("associatedInputs")
        fields = set(data) - {"amends"}
        if data["amends"] == "scenario":
            assert fields in ({"case", "scenario"}, {"case"})
        else:
            assert fields == FIELDS[data["amends"]], data
        for key in ("case", "option", "delivery", "into"):
            assert key not in data or (type(data[key]) is int and data[key] > 0), data
    return content


def texts(card: Card) -> list[str]:
    return [node["text"] for node in walk(card[1]) if node.get("type") == "TextBlock"]


def no_raw_ids(card: Card) -> None:
    for user_id in NAMES:
        assert user_id not in card[0] and user_id not in dumped(card), user_id


# --- the story, in Teams --------------------------------------------------------------------

class Teams:
    """The core with people as Teams sees them (opaque AAD ids) and an outbox to a memory."""

    def __init__(self, playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
        self.amends = Amends(playbook=playbook, database=database, writer=engine, clock=clock)
        self.transport = MemoryTransport("teams")
        self.outbox = OutboxLoop(database=database, transport=self.transport, playbook=playbook, clock=clock,
                                 digest_plan=DigestPlan({"day": "0 8 * * *"}, ("*",)))

    async def type(self, text: str, *, user: str = ANN, role: str = "frontline") -> Reply:
        return await self.amends.handle(Message(workspace="TENANT-1", channel=f"dm:{user}", user=user,
                                                role=role, text=text, platform="teams"))

    async def deliver(self) -> list[OutboundPost]:
        since = len(self.transport.delivered)
        while await self.outbox.drain_once():
            pass
        return self.transport.take_new(since)


def post_card(post: OutboundPost) -> Card:
    """What the Teams sender shows for each kind of post (as handlers/teams/transport.py)."""
    case = post.case
    assert case is not None or post.digest is not None
    if post.kind in (Kind.APPROVAL_REQUEST, Kind.APPROVAL_REMINDER):
        assert case is not None and post.offer is not None
        return approval_request_card(case, post.offer, post.offer.requested_by, post.text, NAMES)
    if post.kind is Kind.APPROVAL_DECIDED:
        assert case is not None and post.offer is not None
        return approval_decided_card(case, post.offer, post.offer.decided_by or "", post.offer.status == "given",
                                     NAMES)
    if post.kind in (Kind.NUDGE_OPEN, Kind.NUDGE_OUTCOME):
        assert case is not None
        return nudge_card(case, post, NAMES)
    if post.kind in (Kind.DIGEST, Kind.DIGEST_CHART):
        assert post.digest is not None
        return digest_card(post.digest, digest_chart(post.digest), NAMES)
    if post.kind is Kind.FEEDBACK_ALERT:
        assert case is not None
        return alert_card(case, case.text, NAMES)
    assert case is not None
    if post.kind in (Kind.CASE_CARD, Kind.CARD_UPDATE_DM):
        return case_card(case, post.offers, words=post.words, options=post.options, names=NAMES)
    return case_card(case, post.offers, headline=post.text, names=NAMES)
