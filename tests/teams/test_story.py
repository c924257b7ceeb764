"""The same story as Slack's, in Teams, through POST /api/messages: report, card, offer,
approval, resolve, lookup, a nudge and a digest, with what Teams would receive asserted at a
local Bot Connector and what was stored asserted in the database."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from tests.blockkit import walk
from tests.teams import activities as act
from tests.teams.activities import ANN, BOB, KITCHEN, MANAGERS, MIA, SAM
from tests.teams.app import TeamsApp, teams_app

ADAPTIVE = "application/vnd.microsoft.card.adaptive"


def actions_of(card: dict[str, Any]) -> list[dict[str, Any]]:
    """Every Action.Execute in a card, wherever it sits (ActionSets, ShowCards)."""
    return [node for node in walk(card) if node.get("type") == "Action.Execute"]


def button(card: dict[str, Any], action: str, **fields: Any) -> dict[str, Any]:
    """The data of the card's button for `action` (with these fields), as Teams would send it back."""
    for execute in actions_of(card):
        data = execute["data"]
        if data.get("amends") == action and all(data.get(k) == v for k, v in fields.items()):
            assert execute["fallback"]["type"] == "Action.Submit" and execute["fallback"]["data"] == data
            return dict(data)
    raise AssertionError(f"no {action} button with {fields} in {[a['data'] for a in actions_of(card)]}")


async def start(app: TeamsApp) -> None:
    url = app.connector.url
    for person in (ANN, BOB, MIA):
        assert (await app.post(act.installed(person, url))).status == 200
    assert (await app.post(act.added_to_team(MIA, KITCHEN, url))).status == 200
    app.connector.forget()


async def test_frontline_story_runs_end_to_end_in_teams(tmp_path: Any, database_url: str) -> None:
    async with teams_app(database_url) as app:
        await start(app)
        url = app.connector.url

        response = await app.post(act.message(ANN, "recover table 7 the soup came out cold", url))
        assert response.status == 200
        [answer] = app.connector.sent(ANN.dm)
        assert answer.method == "reply" and "Case #1" in answer.text and "soup" in answer.text.lower()
        card = answer.card
        assert card["type"] == "AdaptiveCard"
        assert await app.scalar("select platform || ':' || workspace_id || ':' || reporter_id from cases") == \
            "teams:tenant-grand-hotel:aad-ann"

        await app.deliver()
        assert app.connector.sent(ANN.dm) == [answer], "the answer in the 1:1 chat is the case's card"
        [kitchen] = app.connector.sent(KITCHEN)
        assert "Case #1" in kitchen.text or "#1" in kitchen.text
        app.connector.forget()

        offered = await app.invoke(act.execute(ANN, button(card, "offer", case=1, option=1), url,
                                               reply_to=answer.activity_id))
        assert offered["statusCode"] == 200 and offered["type"] == ADAPTIVE
        given = await app.scalar("select given_cents from cases where number = 1")
        assert given > 0

        asked = await app.invoke(act.execute(ANN, button(offered["value"], "request", case=1), url))
        assert asked["type"] == ADAPTIVE
        assert await app.scalar("select status from cases where number = 1") == "awaiting_approval"
        await app.deliver()
        [request] = app.connector.sent(MANAGERS)
        assert "Ann Ortiz" in request.text
        approve = button(request.card, "approve", case=1)

        refused = await app.invoke(act.execute(BOB, approve, url, channel=MANAGERS))
        assert refused["type"] == "application/vnd.microsoft.activity.message"
        assert await app.scalar("select status from cases where number = 1") == "awaiting_approval"

        approved = await app.invoke(act.execute(MIA, approve, url, channel=MANAGERS))
        assert approved["type"] == ADAPTIVE, approved
        assert await app.scalar("select status from offers where status = 'given' and requested_by = 'aad-ann' "
                                "order by id desc limit 1") == "given"
        app.connector.forget()
        await app.deliver()
        assert app.connector.updates(MANAGERS), "the approval card shows the decision"
        assert app.connector.updates(ANN.dm), "the reporter's card shows it too"

        app.clock.advance(timedelta(hours=2))
        app.connector.forget()
        await app.deliver()
        nudges = [c for c in app.connector.sent(ANN.dm) if "#1" in c.text]
        assert nudges, [c.body for c in app.connector.calls]

        app.connector.forget()
        await app.post(act.message(ANN, "case 1", url))
        [shown] = app.connector.sent(ANN.dm)
        assert "#1" in shown.text
        await app.post(act.message(ANN, "case mine", url))
        assert "#1" in app.connector.sent(ANN.dm)[-1].text

        app.connector.forget()
        resolve = button(shown.card, "resolve", case=1) | {"outcome": "recovered", "root_cause": "process"}
        assert (await app.post(act.submit(ANN, resolve, url, reply_to=shown.activity_id or "x"))).status == 200
        assert await app.scalar("select status from cases where number = 1") == "resolved"

        assert await app.server.sender.plan_digests() >= 1
        app.clock.advance(timedelta(days=1))
        app.connector.forget()
        await app.deliver()
        figures, chart = app.connector.sent(MANAGERS)
        assert "Recovery rate" in figures.text and "data:image/png;base64," not in str(figures.card)
        assert "Ann Ortiz" in figures.text or "Worth a look" not in figures.text
        assert "data:image/png;base64," in str(chart.card) and "Recovery rate" not in chart.text
        assert await app.rows("select kind, last_error from deliveries where last_error is not null "
                              "or failed_at is not null") == []
        assert SAM  # Sam's role by UPN has its own test
