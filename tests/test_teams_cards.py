"""Teams Adaptive Cards for the core's replies and the outbox's posts: valid by the official
Adaptive Card 1.5 schema, every button speaking the protocol handlers/teams/actions.py reads,
people by name, typed text inert, and every card within Teams' 28 KB."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

import jsonschema
import pytest
from PIL import Image

from bot.chart import digest_chart
from bot.clock import ManualClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.help import HELP
from bot.messages import Message
from bot.outbox import OutboxLoop
from bot.playbook import Playbook
from bot.replies import CaseCard, CaseList, DigestReply, Notice, Reply, Reported
from bot.schedules import DigestPlan
from bot.transport import Kind, MemoryTransport, OutboundPost
from handlers.teams.cards import ACTIONS, TEAMS_LIMIT, Card, escape, execute, help_card, notice_card, reply_card, when
from handlers.teams.case_cards import case_card, case_detail_card, suggestion_card
from handlers.teams.post_cards import (
    alert_card,
    approval_decided_card,
    approval_request_card,
    digest_card,
    nudge_card,
)
from store.db import Database
from tests.blockkit import make_case, make_event, make_offer, reported, walk

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "handlers/teams/schema/adaptive-card.json").read_text())
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


async def test_a_case_told_in_teams_shows_names_buttons_and_safe_text_at_every_step(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    teams = Teams(playbook, engine, database, clock)
    answer = await teams.type(f"/recover {HOSTILE}")
    assert isinstance(answer, Reported)
    number = answer.case.number
    card = suggestion_card(answer, NAMES)
    valid(card)
    assert datas(card, "offer") == [{"amends": "offer", "case": number, "option": d.index + 1}
                                    for d in answer.suggestion.on_the_spot]
    assert datas(card, "resolve") == [{"amends": "resolve", "case": number}]
    assert datas(card, "escalate") == [{"amends": "escalate", "case": number}]

    for reply in (await teams.type(f"case {number} offer 1"), await teams.type(f"case {number} request 2")):
        assert isinstance(reply, CaseCard)
        shown = case_detail_card(reply, NAMES)
        valid(shown)
        no_raw_ids(shown)
        text = "\n".join(texts(shown))
        assert "Ann Front" in text and "[click](" not in text
        assert "\\*\\*free\\*\\* \\[click\\](http://x) <at>everyone</at> \\{\\{DATE(2020" in text
    await teams.type(f"case {number} approve", user=MIA, role="manager")
    clock.advance(timedelta(hours=2))
    assert await teams.outbox.plan_digests() == 1
    posts = await teams.deliver()
    clock.advance(timedelta(hours=21))
    posts += await teams.deliver()

    kinds = {post.kind for post in posts}
    assert {Kind.CASE_CARD, Kind.TEAM_ALERT, Kind.APPROVAL_REQUEST, Kind.APPROVAL_DECIDED, Kind.NUDGE_OPEN,
            Kind.DIGEST} <= kinds, kinds
    for post in posts:
        card = post_card(post)
        valid(card)
        no_raw_ids(card)
        assert "[click](" not in dumped(card)
    request = next(post for post in posts if post.kind is Kind.APPROVAL_REQUEST)
    asked = post_card(request)
    assert "Ann Front" in texts(asked)[0]
    assert request.offer is not None
    option = request.offer.option_index + 1
    assert datas(asked, "approve") == [{"amends": "approve", "case": number, "option": option}]
    assert datas(asked, "decline") == [{"amends": "decline", "case": number, "option": option}]
    decided = post_card(next(post for post in posts if post.kind is Kind.APPROVAL_DECIDED))
    assert "Approved" in texts(decided)[0] and "Mia Manager" in texts(decided)[0] and not buttons(decided)
    nudge = next(post for post in posts if post.kind is Kind.NUDGE_OPEN)
    nudged = post_card(nudge)
    assert datas(nudged, "snooze") == [{"amends": "snooze", "delivery": nudge.id, "for": "1h"},
                                      {"amends": "snooze", "delivery": nudge.id, "for": "tomorrow"}]
    assert datas(nudged, "done") == [{"amends": "done", "delivery": nudge.id}]
    assert datas(nudged, "resolve") == [{"amends": "resolve", "case": number}]


async def test_every_kind_of_reply_has_a_card(playbook: Playbook, engine: OfflineEngine, database: Database,
                                              clock: ManualClock) -> None:
    teams = Teams(playbook, engine, database, clock)
    replies = [await teams.type("/recover table 7 burger came out cold"),
               await teams.type("case open"), await teams.type("case help"),
               await teams.type("case 999"), await teams.type("the lift is slow today"),
               await teams.type("case digest week"), HELP]
    assert {type(reply) for reply in replies} >= {Reported, CaseList, Notice, DigestReply}, replies
    for reply in replies:
        valid(reply_card(reply, NAMES))
        no_raw_ids(reply_card(reply, NAMES))
    with pytest.raises(AssertionError):
        reply_card(cast(Reply, "not a reply"))


# --- what the reporter reads ----------------------------------------------------------------

def test_safety_steps_come_first_set_apart_and_numbered(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest slipped on the wet floor by the bar and cut her head",
                      status="escalated")
    steps = answer.suggestion.words.safety_steps
    assert len(steps) >= 4
    content = valid(suggestion_card(answer))
    safety = next(node for node in content["body"] if node.get("style") == "attention"
                  and "Safety first" in json.dumps(node))
    assert [item["text"] for item in safety["items"][1:3]] == [f"**1.** {escape(steps[0])}",
                                                                f"**2.** {escape(steps[1])}"]
    order = [json.dumps(node, ensure_ascii=False) for node in content["body"]]
    first_safety = next(n for n, part in enumerate(order) if "Safety first" in part)
    say = next(n for n, part in enumerate(order) if "**Say:**" in part)
    assert first_safety < say and "**Explain:**" in order[say + 1]
    assert "goes to a manager now" in json.dumps(content["body"][:3])
    assert not datas(suggestion_card(answer), "offer") and not datas(suggestion_card(answer), "escalate")


def test_options_to_give_and_to_ask_for_follow_the_slack_rules(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "guest in room 214 says the room was not cleaned")
    suggestion = answer.suggestion
    assert suggestion.on_the_spot and suggestion.needs_approval
    card = suggestion_card(answer)
    valid(card)
    assert [d["option"] for d in datas(card, "offer")] == [d.index + 1 for d in suggestion.on_the_spot]
    assert [d["option"] for d in datas(card, "request")] == [d.index + 1 for d in suggestion.needs_approval]
    titles = {button["verb"]: button["title"] for button in buttons(card)}
    assert titles["offer"] == "I gave this" and titles["request"] == "Ask a manager"
    marked = [t for t in texts(card) if "try this first" in t]
    assert len(marked) == 1 and marked[0].startswith(f"**{suggestion.on_the_spot[0].index + 1}.**")
    assert any(escape(suggestion.needs_approval[0].reason) in t for t in texts(card))
    words = json.dumps(texts(card), ensure_ascii=False)
    assert words.index("You can give now") < words.index("Needs a manager")

    case = dataclasses.replace(answer.case, status="awaiting_approval")
    asked = make_offer(case, suggestion.needs_approval[0].index)
    detail = case_detail_card(CaseCard("Case #42", case, (asked,), (), suggestion.on_the_spot
                                       + suggestion.needs_approval), {})
    left = [d["option"] for d in datas(detail, "offer") + datas(detail, "request")]
    assert asked.option_index + 1 not in left and len(left) == len(suggestion.on_the_spot
                                                                   + suggestion.needs_approval) - 1


def test_the_reporters_card_has_words_and_options_and_the_teams_has_neither(engine: OfflineEngine,
                                                                            playbook: Playbook) -> None:
    answer = reported(engine, playbook, "tbl 12 waited 50 min for mains")
    suggestion = answer.suggestion
    mine = case_card(answer.case, [], words=suggestion.words,
                     options=suggestion.on_the_spot + suggestion.needs_approval, names=NAMES)
    valid(mine)
    assert "**Say:**" in dumped(mine) and datas(mine, "offer")
    assert datas(mine, "language") == [{"amends": "language", "case": 42, "language": code}
                                       for code in ("es", "fr", "de", "pt")], "one tap per other language"
    assert "Español" in dumped(mine)
    team = case_card(answer.case, [], headline="Case #42 logged by aad-4f1c2e9a-ann", names=NAMES)
    valid(team)
    assert "Say:" not in dumped(team) and not datas(team, "offer") and not datas(team, "language")
    assert datas(team, "take") == [{"amends": "take", "case": 42}], "someone in the team can make it theirs"
    assert team[0] == "Case #42 logged by Ann Front" and texts(team)[0] == "Case #42 logged by Ann Front"
    shown = suggestion_card(answer)
    assert "Only if true, you may add" in dumped(shown)
    assert "**Ask:**" in dumped(shown) and "**Offer instead:**" in dumped(shown)


def test_resolve_opens_a_form_with_outcome_cause_and_note() -> None:
    card = case_card(make_case(), [], names=NAMES)
    valid(card)
    form = next(action for action in card[1]["actions"] if action["type"] == "Action.ShowCard")
    assert form["title"] == "Resolve…"
    inputs = {node["id"]: node for node in form["card"]["body"]}
    assert [c["value"] for c in inputs["outcome"]["choices"]] == ["recovered", "partly", "lost"]
    assert inputs["outcome"]["style"] == "compact"
    assert inputs["root_cause"]["type"] == "Input.ChoiceSet" and inputs["root_cause"]["isRequired"] is True
    assert "process" in [c["value"] for c in inputs["root_cause"]["choices"]]
    assert inputs["note"] == {"type": "Input.Text", "id": "note", "label": "Note", "isMultiline": True,
                              "maxLength": 500, "placeholder": "What happened, what was done (optional)"}
    resolve = form["card"]["actions"][0]
    assert resolve["data"] == {"amends": "resolve", "case": 42} and "associatedInputs" not in resolve
    closed = case_card(make_case(status="resolved", resolved_at=datetime(2026, 11, 20, 10, 0, tzinfo=UTC)), [])
    assert not buttons(closed) and "actions" not in closed[1]


def test_an_unsure_guess_offers_the_likely_scenarios_and_the_rest(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold", confirmed=False)
    classification = dataclasses.replace(answer.suggestion.classification, runner_up="slow_service")
    decided = dataclasses.replace(answer.suggestion.decided, classification=classification)
    answer = dataclasses.replace(answer, suggestion=dataclasses.replace(answer.suggestion, decided=decided))
    card = suggestion_card(answer)
    valid(card)
    likely = datas(card, "scenario")
    assert likely[:2] == [{"amends": "scenario", "case": 42, "scenario": "food_quality"},
                          {"amends": "scenario", "case": 42, "scenario": "slow_service"}]
    assert likely[2] == {"amends": "scenario", "case": 42}
    picker = next(node for node in walk(card[1]) if node.get("id") == "scenario")
    assert "food_quality" not in [c["value"] for c in picker["choices"]]
    pick = [b for b in buttons(card) if b["title"] == "Pick"][0]
    assert "associatedInputs" not in pick, "Pick sends the drop-down's choice"
    assert all(b.get("associatedInputs") == "none" for b in buttons(card) if b["data"].get("scenario")), \
        "a likely scenario's own field is never overwritten by the drop-down"


def test_the_same_customers_case_can_take_this_report(engine: OfflineEngine, playbook: Playbook) -> None:
    answer = reported(engine, playbook, "table 7 burger came out cold", number=43)
    earlier = make_case(12, created_at=answer.case.created_at - timedelta(minutes=3))
    card = suggestion_card(dataclasses.replace(answer, same_customer=earlier))
    valid(card)
    assert datas(card, "merge") == [{"amends": "merge", "case": 43, "into": 12}]
    assert "table 7 already has case #12 from 3 minutes ago" in dumped(card)


# --- notices, help, lists -------------------------------------------------------------------

def test_a_notice_offers_to_log_plain_text_anyway_when_it_fits() -> None:
    card = notice_card(Notice("That doesn't read like a problem.", log_anyway="the lift is slow"))
    valid(card)
    assert datas(card, "log_anyway") == [{"amends": "log_anyway", "text": "the lift is slow"}]
    assert not buttons(notice_card(Notice("x", log_anyway="y" * 2001)))
    error = notice_card(Notice(f"Case #9 was voided by {BOB}: '{HOSTILE}'", error=True), NAMES)
    valid(error)
    assert error[0].startswith("Warning:") and texts(error)[0].startswith("⚠️ ")
    assert "Bob Floor" in texts(error)[0] and "[click](" not in dumped(error)
    no_raw_ids(error)


def test_help_lists_every_command() -> None:
    card = help_card(HELP)
    valid(card)
    shown = [fact["title"] for fact in card[1]["body"][1]["facts"]]
    assert shown == [escape(command) for command, _ in HELP.topics]


def test_a_long_list_shows_twenty_and_says_how_many_more() -> None:
    cases = tuple(make_case(number, customer_ref=f"room {number}", reporter_id=ANN) for number in range(1, 201))
    card = reply_card(CaseList("Open cases, most urgent first", cases, "none"), NAMES)
    valid(card)
    assert "(200)" in card[0] and "and 180 more" in dumped(card) and "Ann Front" in dumped(card)
    assert "#20 · " in dumped(card) and "#21 · " not in dumped(card)
    empty = reply_card(CaseList("Your cases", (), "You have no cases."))
    assert texts(empty) == ["You have no cases."]


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
