"""When something fails on our side, the person who acted hears it in plain words with a short
reference, and whoever reads the log finds that reference beside the traceback. The fault here
is real: a trigger in the SQLite file makes the database refuse the write."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.slack import requests as slack
from tests.slack.app import RunningApp, running_app
from tests.slack.fake_api import FakeSlackApi

SORRY = "Something went wrong on our side; nothing was recorded. Please try again."
REFERENCE = re.compile(r"\(ref ([0-9A-F]{6})\)")


async def break_writes(app: RunningApp, table: str, when: str = "insert") -> None:
    await app.server.database.run(lambda conn: conn.execute(text(
        f"create trigger injected_fault before {when} on {table} "
        "begin select raise(abort, 'injected fault'); end")))


def logged_with_traceback(caplog: pytest.LogCaptureFixture, told: str) -> None:
    """The reference the person was told is in the log, with the traceback."""
    found = REFERENCE.search(told)
    assert found, told
    records = [r for r in caplog.records if r.name == "amends.errors" and found.group(1) in r.getMessage()]
    assert len(records) == 1 and records[0].levelno == logging.ERROR
    assert records[0].exc_info is not None and "injected fault" in str(records[0].exc_info[1])


async def test_a_fault_on_our_side_answers_the_command_with_a_reference_that_is_in_the_log(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await break_writes(app, "cases")
        answer = await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN"))
        assert answer["response_type"] == "ephemeral" and answer["text"].startswith(SORRY)
        assert "Traceback" not in json.dumps(answer) and "injected" not in json.dumps(answer)
        logged_with_traceback(caplog, answer["text"])
        assert await app.scalar("select count(*) from cases") == 0


async def test_a_fault_after_a_mention_is_told_to_the_person_in_the_channel(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await break_writes(app, "cases")
        mention = slack.app_mention_event("<@UBOT> the soup at table 4 was cold", user_id="UANN",
                                          channel_id="CFLOOR")
        assert (await app.post(slack.event_callback(mention))).status == 200
        await app.settle()
        told = api.last_call("chat.postEphemeral").params
        assert (told["channel"], told["user"]) == ("CFLOOR", "UANN") and told["text"].startswith(SORRY)
        logged_with_traceback(caplog, told["text"])


async def test_a_fault_after_a_click_is_told_to_the_clicker_through_response_url(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await app.post_json(slack.slash_command("/recover", "tbl 3 soup cold", user_id="UANN"))
        await break_writes(app, "cases", "update")
        click = slack.block_actions("offer", "1:0", user_id="UANN", response_url=api.response_url("click"))
        assert (await app.post(slack.interactivity(click))).status == 200
        told = (await api.wait_for_call("response_url:click")).params
        assert told["text"].startswith(SORRY) and told["response_type"] == "ephemeral"
        assert told["replace_original"] is False
        logged_with_traceback(caplog, told["text"])
        assert await app.scalar("select given_cents from cases") == 0


async def test_a_fault_on_a_form_keeps_what_they_typed_and_shows_the_reference(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        await break_writes(app, "cases")
        blocks = [{"type": "input", "block_id": "text", "label": {"type": "plain_text", "text": "What happened?"},
                   "element": {"type": "plain_text_input", "action_id": "text"}}]
        form = slack.view_submission("report_case", {"text": {"text": slack.text_input("tbl 3 soup cold")}},
                                     private_metadata="{}", user_id="UANN", blocks=blocks)
        response = await app.post(slack.interactivity(form))
        answer = await response.json()
        assert response.status == 200 and answer["response_action"] == "errors"
        assert answer["errors"]["text"].startswith(SORRY)
        logged_with_traceback(caplog, answer["errors"]["text"])
