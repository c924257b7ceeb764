"""An attacker, a broken proxy and a confused client at the Slack endpoint: every request they
send is the caller's error (4xx, after the signature check where there is one), none is a 5xx,
and none changes a row."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import inspect, text

from store.db import Database
from tests.slack import requests as slack
from tests.slack.app import RunningApp, running_app
from tests.slack.fake_api import FakeSlackApi

JSON, FORM = slack.JSON, slack.FORM
DEEP = "[" * 100_000 + "]" * 100_000


def payload_form(payload: Any) -> str:
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    return urlencode({"payload": raw})


def broken_bodies() -> Iterator[tuple[str, bytes | str, str | None]]:
    """(what, body, content type) that no well-behaved Slack sends, each malformed on its own."""
    for raw in ("{", '{"type":', "[]", "null", '"event_callback"', "1", "true", "{}}", DEEP,
                "{" * 50_000, '{"type": "event_callback", "event": NaN', "\x00\x01"):
        yield f"json {raw[:12]!r}", raw, JSON
    for raw in (b"\xff\xfe\xfd", b'{"type": "event_callback", "event": {"text": "caf\xe9"}}',
                b"payload=%7B%7D\xff", b"command=%2Frecover&text=caf\xe9"):
        yield f"not utf-8 {raw[:12]!r}", raw, JSON if raw.startswith(b"{") else FORM
    for raw in ("not-json", "[]", "null", "{", "", "1", DEEP[:20_000] + DEEP[-20_000:]):
        yield f"payload= {raw[:12]!r}", payload_form(raw), FORM
    yield "form sent as json", "command=%2Frecover&text=soup", JSON
    yield "plain text", "the soup was cold", "text/plain"
    multipart = "--x\r\nContent-Disposition: form-data; name=a\r\n\r\nb\r\n--x--"
    yield "multipart", multipart, "multipart/form-data; boundary=x"
    yield "no content type", "[]", None
    yield "empty body", "", JSON


def shapeless_payloads() -> Iterator[tuple[str, bytes | str, str | None]]:
    """JSON objects and forms that parse, but lack what their type promises or name nothing."""
    events = [
        {"type": "event_callback"},
        {"type": "event_callback", "event": "app_mention"},
        {"type": "event_callback", "event": {"type": "app_mention"}, "event_id": "Ev1", "team_id": "T0001"},
        {"type": "event_callback", "team_id": "T0001",
         "event": {"type": "app_mention", "text": "soup cold", "user": "UANN", "channel": "C1"}},
        {"type": "event_callback", "team_id": "T0001", "event_id": 7,
         "event": {"type": "message", "channel_type": "im", "text": "soup cold", "user": "UANN", "channel": "D1"}},
        {"type": "event_callback", "team_id": "T0001", "event_id": "Ev2",
         "event": {"type": "message", "channel_type": "im", "text": ["soup"], "user": "UANN", "channel": "D1"}},
        {"type": "event_callback", "team_id": "T0001", "event_id": "Ev3",
         "event": {"type": "app_mention", "text": "soup cold", "user": "UANN", "channel": {"id": "C1"}}},
        {"type": "event_callback", "team_id": "T0001", "event_id": "Ev4",
         "event": {"type": "app_home_opened", "tab": "home"}},
        {"type": "event_callback", "team_id": "T0001", "event_id": "Ev5",
         "event": {"type": "message", "channel": "CFEEDBACK", "text": "soup was cold and the staff rude",
                   "attachments": "x", "user": 5}},
        {"type": "event_callback", "team_id": "T0001", "event_id": "Ev6", "event": {"type": "nobody_listens"}},
        {"type": "something_else"},
        {"type": "url_verification"},
        {"type": "url_verification", "challenge": 5},
        {"type": "interactive_message", "callback_id": "x", "actions": []},
        {"type": "view_submission", "view": {"callback_id": "report_case", "type": "workflow_step"}},
        {"type": "block_actions", "actions": []},
        {"type": "block_actions", "actions": [{"action_id": "offer", "value": "1:0"}], "user": 5},
        {"type": "block_actions", "actions": [{"action_id": "offer", "value": "1:0"}], "authorizations": 1},
        {"type": "shortcut", "callback_id": ["report_new"]},
        {},
    ]
    for index, body in enumerate(events):
        yield f"event {index}", json.dumps(body), JSON
    offer = slack.block_actions("offer", "1:0", response_url=None)
    actions = {
        "unknown action": slack.block_actions("nobody_registered_this", "1"),
        "offer value not a number": slack.block_actions("offer", "abc:0"),
        "offer value negative": slack.block_actions("offer", "-1:0"),
        "offer number too big": slack.block_actions("offer", "99999999999999999999:0"),
        "offer option not a number": slack.block_actions("offer", "1:x"),
        "offer option too big": slack.block_actions("offer", "1:99999999"),
        "offer value missing": {**offer, "actions": [{"action_id": "offer", "type": "button"}]},
        "offer value is a number": {**offer, "actions": [{"action_id": "offer", "value": 5}]},
        "approve empty value": slack.block_actions("approve", ""),
        "outcome value not a number": slack.block_actions("outcome", "x:recovered"),
        "snooze value not a number": slack.block_actions("snooze", "x:1h"),
        "done value too big": slack.block_actions("nudge_done", "4294967296"),
        "resolve without trigger": {**slack.block_actions("resolve", "1"), "trigger_id": None},
        "resolve value not a number": slack.block_actions("resolve", "one"),
        "unknown view": slack.view_submission("nobody_registered_this", {}),
        "resolve without state": {**slack.view_submission("resolve_case", {}, private_metadata="1"),
                                  "view": {"callback_id": "resolve_case", "private_metadata": "1"}},
        "resolve metadata not a number": slack.view_submission("resolve_case", {}, private_metadata="x"),
        "resolve select not an object": slack.view_submission(
            "resolve_case", {"root_cause": {"root_cause": {"selected_option": "process"}}}, private_metadata="1"),
        "report metadata not json": slack.view_submission(
            "report_case", {"text": {"text": slack.text_input("soup cold")}}, private_metadata="{"),
        "report metadata a list": slack.view_submission(
            "report_case", {"text": {"text": slack.text_input("soup cold")}}, private_metadata="[]"),
        "report values not objects": slack.view_submission(
            "report_case", {"text": "soup cold"}, private_metadata="{}"),
        "report text not text": slack.view_submission(
            "report_case", {"text": {"text": {"type": "plain_text_input", "value": 42}}}, private_metadata="{}"),
        "report without user": {**slack.view_submission(
            "report_case", {"text": {"text": slack.text_input("soup cold")}}, private_metadata="{}"), "user": {}},
        "message shortcut without message": {**slack.message_shortcut("report_message", "x"), "message": None},
        "global shortcut without trigger": {**slack.global_shortcut("report_new"), "trigger_id": 12},
        "unknown shortcut": slack.global_shortcut("nobody_registered_this"),
        "no type": {"actions": [{"action_id": "offer", "value": "1:0"}]},
    }
    for what, payload in actions.items():
        yield what, payload_form(payload), FORM
    commands = {
        "unknown command": slack.slash_command_payload("/nobody", "x"),
        "command without user": {**slack.slash_command_payload("/recover", "soup cold"), "user_id": ""},
        "no command at all": {"text": "soup cold", "team_id": "T0001", "user_id": "UANN"},
    }
    for what, form in commands.items():
        yield what, urlencode(form), FORM


def mistyped_commands() -> Iterator[tuple[str, dict[str, str]]]:
    """Well-formed commands a person got wrong: answered in place (200), nothing stored."""
    for typed in ("99999999999999999999999", "1 offer 99999999999999999999", "-1", "1 approve",
                  "room", "digest century", "1 resolve nonsense"):
        yield f"/case {typed}", slack.slash_command_payload("/case", typed, user_id="UANN")
    for typed in ("", "\x00\x00\x1b[2J", "&lt;@U1&gt;", "<!channel>"):
        yield f"/recover {typed!r}", slack.slash_command_payload("/recover", typed, user_id="UANN")


def every_hostile_request() -> Iterator[tuple[str, slack.SlackRequest, set[int]]]:
    now = int(time.time())
    for what, body, content_type in [*broken_bodies(), *shapeless_payloads()]:
        kind = content_type or "application/octet-stream"
        yield f"signed {what}", slack.sign(body, content_type=kind), set(range(400, 500))
        yield f"unsigned {what}", slack.unsigned(body, content_type=content_type), {401}
        yield f"wrong secret {what}", slack.sign(body, content_type=kind, signing_secret="guessed"), {401}
    forged = slack.slash_command_payload("/recover", "table 7 soup cold", user_id="UMGR")
    for what, stamp in (("stale", now - 6 * 60), ("from the future", now + 6 * 60), ("epoch", 0)):
        yield f"{what} timestamp", slack.sign(urlencode(forged), content_type=FORM, timestamp=stamp), {401}
    good = slack.sign(urlencode(forged), content_type=FORM)
    for what, headers in (("timestamp not a number", {"X-Slack-Request-Timestamp": "soon"}),
                          ("timestamp in other digits", {"X-Slack-Request-Timestamp": "١٧٠٠٠٠٠٠٠٠"}),
                          ("no timestamp", {"X-Slack-Request-Timestamp": ""}),
                          ("signature garbage", {"X-Slack-Signature": "v0=zz"}),
                          ("signature other version", {"X-Slack-Signature": good.headers["X-Slack-Signature"]
                                                       .replace("v0=", "v1=")}),
                          ("signature not ascii", {"X-Slack-Signature": "v0=\u00e9"})):
        yield what, slack.SlackRequest(good.body, {**good.headers, **headers}, good.timestamp), {401}
    yield "tampered body", good.tampered(good.body.replace(b"UMGR", b"UANN")), {401}
    for what, form in mistyped_commands():
        yield what, slack.sign(urlencode(form), content_type=FORM), {200}
    huge = "command=%2Frecover&text=" + "a" * (2 * 1024 * 1024)
    yield "huge signed", slack.sign(huge, content_type=FORM), {413}
    yield "huge unsigned", slack.unsigned(huge, content_type=FORM), {413}


async def row_counts(app: RunningApp) -> dict[str, int]:
    def count(conn: Any) -> dict[str, int]:
        return {name: conn.execute(text(f'select count(*) from "{name}"')).scalar()
                for name in inspect(conn).get_table_names()}

    return dict(await app.server.database.run(count))


async def test_hostile_requests_get_no_5xx_and_change_nothing(
        tmp_path: Path, database_url: str, database: Database, caplog: pytest.LogCaptureFixture) -> None:
    requests = list(every_hostile_request())
    assert len(requests) >= 150
    async with FakeSlackApi() as api, running_app(tmp_path, api, database_url=database_url) as app:
        before = await row_counts(app)
        answers: dict[str, int] = {}
        with caplog.at_level(logging.WARNING):
            for what, request, expected in requests:
                response = await app.post(request)
                answers[what] = response.status
                assert response.status in expected, (what, response.status, await response.text())
            await app.settle()
        assert await row_counts(app) == before
        assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
        for method in ("GET", "PUT", "DELETE"):
            async with app.session.request(method, app.url + "/slack/events") as response:
                assert response.status == 405
        assert not api.calls_to("chat.postMessage") and not api.calls_to("chat.postEphemeral")


async def test_a_body_that_is_not_utf8_is_refused_only_after_its_signature(tmp_path: Path) -> None:
    body = b'{"type": "event_callback", "event": {"type": "app_mention", "text": "caf\xe9"}}'
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        signed = await app.post(slack.sign(body, content_type=JSON))
        assert signed.status == 400 and "UTF-8" in (await signed.json())["error"]
        assert (await app.post(slack.unsigned(body, content_type=JSON))).status == 401


@pytest.mark.parametrize("body", ["{", "[]", "null"])
async def test_signed_json_that_is_broken_or_not_an_object_is_the_callers_error(
        tmp_path: Path, body: str) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        response = await app.post(slack.sign(body, content_type=JSON))
        assert response.status == 400
        assert "JSON object" in (await response.json())["error"]


async def test_a_click_on_a_button_we_never_sent_is_refused_before_it_is_acknowledged(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN"))
        before = await row_counts(app)
        click = slack.block_actions("offer", "1:abc", user_id="UANN", response_url=api.response_url("c"))
        response = await app.post(slack.interactivity(click))
        assert response.status == 400 and "option" in (await response.json())["error"]
        assert await row_counts(app) == before
        unknown = await app.post(slack.interactivity(slack.view_submission("nobody_registered_this", {})))
        assert unknown.status == 404


async def test_a_slash_command_that_mentions_a_payload_is_still_a_report(tmp_path: Path) -> None:
    """Bolt's parser takes any form mentioning "payload" for an interactivity payload."""
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        answer = await app.post_json(slack.slash_command(
            "/recover", "the payload of the delivery van arrived crushed, order 4471", user_id="UANN",
            channel_name="payload-issues"))
        assert "#1" in json.dumps(answer["blocks"])
        assert await app.scalar("select count(*) from cases") == 1


async def test_slacks_own_handshakes_still_pass_the_edge(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        assert await app.post_json(slack.url_verification("chal-123")) == {"challenge": "chal-123"}
        assert (await app.post(slack.sign("ssl_check=1&token=x", content_type=FORM))).status == 200
        assert (await app.post(slack.url_verification("chal-123", signing_secret="guessed"))).status == 401
