"""Slack's markup is the Slack adapter's business: the core stores and classifies what a person
reads, never `<@U123>` or `&amp;`."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.slack.markup import plain_text
from tests.slack import requests as slack
from tests.slack.app import running_app
from tests.slack.fake_api import FakeSlackApi


@pytest.mark.parametrize(("sent", "read"), [
    ("<@U024BE7LH> soup cold", "soup cold"),
    ("<@U024BE7LH|ann> soup cold", "soup cold"),
    ("<!here> <!channel> <!everyone|everyone> soup cold", "soup cold"),
    ("ask <!subteam^S012|@kitchen> about tbl 4", "ask @kitchen about tbl 4"),
    ("moved to <#C123|front-desk>", "moved to #front-desk"),
    ("moved to <#C123> now", "moved to now"),
    ("see <https://photos.example/1|the photo>", "see the photo (https://photos.example/1)"),
    ("see <https://photos.example/1>", "see https://photos.example/1"),
    ("mail <mailto:ann@example.com|ann@example.com>", "mail ann@example.com"),
    ("since <!date^1392734382^{date}|Feb 18, 2014>", "since Feb 18, 2014"),
    ("fish &amp; chips &lt;cold&gt;", "fish & chips <cold>"),
    ("&lt;@U1&gt; typed by hand", "<@U1> typed by hand"),
    ("a < b > c", "a < b > c"),
    ("line one\n<@U1>  line   two", "line one\nline two"),
])
def test_slack_markup_becomes_what_a_person_reads(sent: str, read: str) -> None:
    assert plain_text(sent) == read


async def test_a_mention_reaches_the_core_as_plain_text(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        text = ("<@UBOT> <!here> <@U0SUE|sue> says the burger at <#C777|table-7> came out cold &amp; raw, "
                "see <https://photos.example/1|photo>")
        mention = slack.app_mention_event(text, user_id="UANN", channel_id="CFLOOR")
        assert (await app.post(slack.event_callback(mention))).status == 200
        await app.settle()
        stored, scenario = (await app.rows("select text, scenario from cases"))[0]
        assert stored == "says the burger at #table-7 came out cold & raw, see photo (https://photos.example/1)"
        assert scenario == "food_quality"


async def test_listened_feedback_with_markup_in_attachments_is_stored_as_plain_text(tmp_path: Path) -> None:
    async with FakeSlackApi() as api, running_app(tmp_path, api) as app:
        event = slack.message_event("New review from <https://reviews.example/9|Tripadvisor>", user_id="UFEED",
                                    channel_id="CFEEDBACK", channel_type="channel")
        event["attachments"] = [{"text": "Room 214 &amp; the aircon was broken all night, nobody came <!channel>"}]
        assert (await app.post(slack.event_callback(event))).status == 200
        await app.settle()
        stored = await app.scalar("select text from cases")
        assert "<" not in stored and "&amp;" not in stored and "Room 214 & the aircon" in stored
