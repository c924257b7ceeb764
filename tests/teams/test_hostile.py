"""Activities nobody should send, sent anyway (in local development mode, where no token keeps
them out): each gets a 4xx or a harmless 200, never a 500, and changes nothing it shouldn't."""

from __future__ import annotations

import copy
import logging
from typing import Any

import pytest

from tests.teams import activities as act
from tests.teams.activities import ANN
from tests.teams.app import teams_app


def variants(url: str) -> list[tuple[str, Any]]:
    report = act.message(ANN, "recover table 7 the soup came out cold", url)
    click = act.execute(ANN, {"amends": "offer", "case": 1, "option": 1}, url)
    query = act.compose(ANN, "composeExtension/query", {"commandId": "findCases", "parameters": []}, url)

    def changed(base: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
        result = copy.deepcopy(base)
        *parents, last = path.split(".")
        node = result
        for key in parents:
            node = node[key]
        if value is KeyError:
            node.pop(last, None)
        else:
            node[last] = value
        return result

    cases: list[tuple[str, Any]] = []
    for path, value in [("from", KeyError), ("from", None), ("from", "ann"), ("from.id", 7), ("from.aadObjectId", []),
                        ("conversation", KeyError), ("conversation", "a:dm"), ("conversation.id", None),
                        ("conversation.conversationType", "nonsense"), ("channelData", KeyError),
                        ("channelData", "tenant"), ("channelData.tenant", "x"), ("channelData.tenant.id", 5),
                        ("channelData.tenant.id", ""), ("text", 12), ("text", None), ("text", ["recover"]),
                        ("text", "<at>Amends</at>"), ("text", "x" * 200_000), ("entities", "mention"),
                        ("entities", [{"type": "mention"}]), ("value", "submit"), ("value", {"amends": 5}),
                        ("recipient", KeyError), ("type", "typing"), ("type", "messageReaction"), ("id", None),
                        ("serviceUrl", "not a url"), ("serviceUrl", KeyError), ("localTimezone", "Mars/Base"),
                        ("timestamp", "garbage"), ("membersAdded", "x"), ("attachments", [1]),
                        ("conversation.isGroup", "maybe"), ("entities", [{"type": "mention", "mentioned": 5}])]:
        cases.append((f"message {path}={str(value)[:20]}", changed(report, path, value)))
    for path, value in [("value", KeyError), ("value", []), ("value.action", "x"), ("value.action.data", None),
                        ("value.action.data", {"amends": "snooze", "delivery": 1, "for": "forever"}),
                        ("value.action.data", {"amends": "resolve", "case": 1, "note": 5}),
                        ("value.action.data", {"amends": "merge", "case": 1, "into": -1}),
                        ("value.action.data", {"amends": "log_anyway", "text": "x" * 5000}),
                        ("name", "adaptiveCard/unknown"), ("name", None), ("name", 3)]:
        cases.append((f"invoke {path}={str(value)[:20]}", changed(click, path, value)))
    for path, value in [("value.parameters", "x"), ("value.parameters", [{"name": "query", "value": 5}]),
                        ("value.commandId", None), ("value", KeyError), ("name", "composeExtension/fetchTask"),
                        ("name", "composeExtension/submitAction")]:
        cases.append((f"compose {path}={str(value)[:20]}", changed(query, path, value)))
    return cases


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
async def test_hostile_activities_get_a_clear_answer_and_change_nothing(
        database_url: str, caplog: pytest.LogCaptureFixture) -> None:
    async with teams_app(database_url) as app:
        outcomes = {}
        with caplog.at_level(logging.ERROR):
            for name, activity in variants(app.connector.url):
                response = await app.post(activity)
                outcomes[name] = response.status
        assert {name: status for name, status in outcomes.items() if status >= 500} == {}
        assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
        assert await app.scalar("select coalesce(sum(given_cents), 0) from cases") == 0
