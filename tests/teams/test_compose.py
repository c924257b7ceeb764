"""The compose box: the message action "Report to Amends" on any message, and the search
command "Find cases", both declared in the app manifest."""

from __future__ import annotations

from typing import Any

from handlers.teams.extension import REPORT_COMMAND, SEARCH_COMMAND
from tests.teams import activities as act
from tests.teams.activities import ANN, BOB, FRONT_DESK
from tests.teams.app import TeamsApp, teams_app

ADAPTIVE = "application/vnd.microsoft.card.adaptive"


def message_payload(text: str) -> dict[str, Any]:
    return {"id": "1700000000001", "body": {"contentType": "html", "content": text},
            "from": {"user": {"id": BOB.teams_id, "displayName": BOB.name}}}


async def fetch(app: TeamsApp, html: str) -> dict[str, Any]:
    value = {"commandId": REPORT_COMMAND, "commandContext": "message", "messagePayload": message_payload(html)}
    return await app.invoke(act.compose(ANN, "composeExtension/fetchTask", value, app.connector.url,
                                        channel=FRONT_DESK))


async def submit(app: TeamsApp, data: dict[str, Any]) -> dict[str, Any]:
    value = {"commandId": REPORT_COMMAND, "commandContext": "message", "data": data,
             "messagePayload": message_payload("")}
    return await app.invoke(act.compose(ANN, "composeExtension/submitAction", value, app.connector.url,
                                        channel=FRONT_DESK))


def inputs(dialog: dict[str, Any]) -> dict[str, dict[str, Any]]:
    card = dialog["task"]["value"]["card"]
    assert card["contentType"] == ADAPTIVE
    return {item["id"]: item for item in card["content"]["body"] if item["type"].startswith("Input.")}


async def test_report_to_amends_prefills_the_form_from_the_message(database_url: str) -> None:
    async with teams_app(database_url) as app:
        dialog = await fetch(app, "<p>Guest in <b>room 214</b> says the room was not cleaned &amp; smells</p>")
        fields = inputs(dialog)
        assert fields["text"]["value"] == "Guest in room 214 says the room was not cleaned & smells"
        assert fields["reference"]["value"] == "room 214"
        assert fields["scenario"]["value"], "Amends' guess is preselected"
        assert await app.scalar("select count(*) from cases") == 0


async def test_the_form_reports_and_the_case_card_goes_to_the_reporters_chat(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await app.post(act.installed(ANN, app.connector.url))
        app.connector.forget()
        answer = await submit(app, {"amends": "report", "text": "Guest in room 214 says the room was not cleaned",
                                    "reference": "room 214", "scenario": ""})
        assert answer["task"]["type"] == "continue"
        assert answer["task"]["value"]["title"] == "Case #1"
        shown = str(answer["task"]["value"]["card"]["content"])
        assert "Action.Execute" not in shown, "buttons can't act inside the dialog"
        assert await app.scalar("select customer_ref from cases") == "room 214"
        await app.deliver()
        [card] = [c for c in app.connector.sent(ANN.dm)]
        assert "Action.Execute" in str(card.card), "the lasting card in the 1:1 chat has the buttons"


async def test_the_form_says_what_is_wrong_and_keeps_what_was_typed(database_url: str) -> None:
    async with teams_app(database_url) as app:
        empty = await submit(app, {"text": "  ", "reference": ""})
        assert "Say what happened" in str(empty)
        bad = await submit(app, {"text": "the soup was cold", "reference": "!!!"})
        assert "room 214" in str(bad) and inputs(bad)["text"]["value"] == "the soup was cold"
        assert await app.scalar("select count(*) from cases") == 0


async def test_find_cases_from_the_compose_box(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await app.post(act.message(ANN, "recover table 7 the soup came out cold", app.connector.url))
        await app.post(act.message(ANN, "recover the guest in 214 says the room was not cleaned",
                                   app.connector.url))

        async def search(query: str) -> dict[str, Any]:
            value = {"commandId": SEARCH_COMMAND, "parameters": [{"name": "query", "value": query}],
                     "queryOptions": {"skip": 0, "count": 25}}
            return dict((await app.invoke(act.compose(ANN, "composeExtension/query", value,
                                                      app.connector.url)))["composeExtension"])

        one = await search("2")
        assert one["type"] == "result" and [a["preview"]["content"]["title"] for a in one["attachments"]] == \
            ["Case #2"]
        by_room = await search("room 214")
        assert [a["preview"]["content"]["title"] for a in by_room["attachments"]] == ["Case #2"]
        mine = await search("mine")
        assert len(mine["attachments"]) == 2
        assert all("Action.Execute" not in str(a["content"]) for a in mine["attachments"])
        nothing = await search("room 999")
        assert nothing["type"] in ("result", "message")
        unknown = await app.post(act.compose(ANN, "composeExtension/query", {"commandId": "somethingElse"},
                                             app.connector.url))
        assert unknown.status == 400
