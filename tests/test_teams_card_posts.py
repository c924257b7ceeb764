"""Teams cards at their limits (size, unknown people, times, escaping, the button builder) and
the outbox's posts (nudges, alerts, the digest and its chart)."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PIL import Image

from bot.chart import digest_chart
from bot.clock import ManualClock
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.replies import CaseCard, DigestReply
from bot.transport import Kind, OutboundPost
from handlers.teams.cards import ACTIONS, escape, execute, when
from handlers.teams.case_cards import case_card, case_detail_card, suggestion_card
from handlers.teams.post_cards import (
    alert_card,
    approval_request_card,
    digest_card,
    nudge_card,
)
from store.db import Database
from tests.blockkit import make_case, make_event, make_offer, reported, walk
from tests.teams.cards_support import (
    ANN,
    BOB,
    FIELDS,
    HOSTILE,
    NAMES,
    Teams,
    buttons,
    database_url,  # noqa: F401  (a fixture: SQLite only here)
    datas,
    dumped,
    no_raw_ids,
    valid,
)

# --- limits, people, times ------------------------------------------------------------------

def test_a_5000_character_report_with_30_offers_still_fits_in_a_teams_message(engine: OfflineEngine,
                                                                             playbook: Playbook) -> None:
    report = ("table 7 burger came out cold & **late** [x](http://y)\n" * 100)[:5000]
    answer = reported(engine, playbook, report, customer_ref="room " + "9" * 400, reporter_id=ANN, owner_id=BOB)
    case = dataclasses.replace(answer.case, resolution_note="n" * 4000)
    offers = tuple(make_offer(case, n % 3, "given", id=n + 1, description="Free dessert " + "d" * 300)
                   for n in range(30))
    events = tuple(make_event(case, "note", ANN, report, minutes=n) for n in range(30))
    options = answer.suggestion.on_the_spot + answer.suggestion.needs_approval
    many = tuple(dataclasses.replace(options[0], index=n) for n in range(60))
    cards = [suggestion_card(answer, NAMES),
             case_detail_card(CaseCard("Case #42", case, offers, events, many, words=answer.words), NAMES),
             case_card(case, offers, words=answer.words, options=many, names=NAMES),
             approval_request_card(case, offers[0], ANN, report, NAMES),
             alert_card(case, report, NAMES)]
    for card in cards:
        content = valid(card)
        assert len(json.dumps(content).encode()) < 28_000
        no_raw_ids(card)
    assert "…and 10 more" in dumped(cards[1]), "the offers beyond twenty are counted, not shown"


def test_people_are_named_and_someone_when_unknown() -> None:
    case = make_case(reporter_id=ANN, owner_id="aad-unknown-person-1")
    events = (make_event(case, "escalated", "aad-unknown-person-1", f"by {ANN}"),)
    card = case_detail_card(CaseCard(f"Case #42 escalated by {ANN}", case, (), events, ()), NAMES)
    valid(card)
    assert card[0] == "Case #42 escalated by Ann Front"
    assert "someone" in dumped(card) and "aad-unknown-person-1" not in dumped(card)
    no_raw_ids(card)


def test_times_are_teams_date_functions_in_utc() -> None:
    paris = timezone(timedelta(hours=1))
    assert when(datetime(2026, 12, 2, 15, 0, 30, 123, tzinfo=paris)) == \
        "{{DATE(2026-12-02T14:00:30Z, SHORT)}} {{TIME(2026-12-02T14:00:30Z)}}"
    card = case_card(make_case(), [])
    assert "{{DATE(2026-11-20T09:30:00Z, SHORT)}}" in dumped(card), "due 30 minutes after 09:00 UTC"


def test_escape_leaves_no_markdown_and_no_date_function() -> None:
    assert escape("**free** [click](http://x)") == "\\*\\*free\\*\\* \\[click\\](http://x)"
    assert escape("a wrong charge (84.50)") == "a wrong charge (84.50)", "no backslashes where none are needed"
    assert escape("- one\n\n2. two\n# three\n> four\nCase #3 ~x~ `c` > <at>y</at>\n  -5 degrees") == \
        "\\- one\n\n2\\. two\n\n\\# three\n\n\\> four\n\nCase #3 \\~x\\~ `c` > <at>y</at>\n\n-5 degrees"
    assert escape("{{TIME(2026-01-01T00:00:00Z)}}") == "\\{\\{TIME(2026-01-01T00:00:00Z)\\}\\}"
    assert escape("a\\b") == "a\\\\b"


def test_execute_builds_a_universal_action_with_its_fallback() -> None:
    button = execute("I gave this", "offer", "positive", case=42, option=2)
    assert button == {"type": "Action.Execute", "title": "I gave this", "verb": "offer", "style": "positive",
                      "associatedInputs": "none", "data": {"amends": "offer", "case": 42, "option": 2},
                      "fallback": {"type": "Action.Submit", "title": "I gave this", "style": "positive",
                                   "associatedInputs": "none",
                                   "data": {"amends": "offer", "case": 42, "option": 2}}}
    with pytest.raises(ValueError):
        execute("Nope", "delete_everything", case=1)
    assert set(FIELDS) | {"scenario"} == ACTIONS


# --- posts ----------------------------------------------------------------------------------

def test_the_outcome_nudge_asks_how_it_ended() -> None:
    case = make_case(status="resolved", reporter_id=ANN, resolved_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC))
    post = OutboundPost(id=77, kind=Kind.NUDGE_OUTCOME, workspace="TENANT-1", platform="teams", recipient=ANN,
                        text=f"How did case #42 end, {ANN}?", case=case)
    card = nudge_card(case, post, NAMES)
    valid(card)
    assert [d["outcome"] for d in datas(card, "outcome")] == ["recovered", "partly", "lost"]
    assert all(d["case"] == 42 for d in datas(card, "outcome"))
    assert "Ann Front" in card[0] and not datas(card, "resolve")
    no_raw_ids(card)


def test_a_feedback_alert_lets_the_team_take_the_case() -> None:
    case = make_case(owner_id="", reporter_id="aad-bot", text=HOSTILE)
    card = alert_card(case, case.text, NAMES)
    valid(card)
    assert datas(card, "take") == [{"amends": "take", "case": 42}] and "[click](" not in dumped(card)
    taken = alert_card(dataclasses.replace(case, status="resolved", owner_id=BOB), case.text, NAMES)
    assert not buttons(taken) and "Bob Floor" in dumped(taken)


async def test_the_digest_shows_its_figures_and_its_chart_within_the_limit(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    teams = Teams(playbook, engine, database, clock)
    for text in ("/recover table 7 burger came out cold", f"/recover table 9 {HOSTILE}",
                 "/recover guest slipped on the wet floor in the lobby and hurt their ankle"):
        await teams.type(text)
    reply = await teams.type("case digest week")
    assert isinstance(reply, DigestReply)
    digest = reply.digest
    big = digest_chart(digest)
    card = digest_card(digest, big, NAMES)
    content = valid(card)
    image = next(node for node in walk(content) if node.get("type") == "Image")
    assert image["url"].startswith("data:image/png;base64,") and image["altText"].startswith("New cases")
    png = Image.open(io.BytesIO(base64.b64decode(image["url"].split(",", 1)[1])))
    assert png.format == "PNG" and len(json.dumps(content).encode()) < 28_000
    assert f"{digest.new_total} new" in card[0] and "[click](" not in dumped(card)
    small = digest_chart(digest, width=400, height=200)
    assert base64.b64encode(small).decode() in dumped(digest_card(digest, small)), "a chart that fits is kept"
    assert not any(node.get("type") == "Image" for node in walk(digest_card(digest)[1]))
