"""The signed request builders, checked with slack_sdk's verifier and served to a real Bolt app over HTTP."""

from __future__ import annotations

import json
import time

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp
from slack_sdk.signature import SignatureVerifier

from handlers.slack.edge import signed_by_slack
from tests.slack import requests as slack_requests
from tests.slack.fake_api import FakeSlackApi, LocalServer
from tests.slack.harness_support import BLOCKS, bolt_app


def test_signed_requests_verify_and_tampered_ones_do_not() -> None:
    verifier = SignatureVerifier(slack_requests.SIGNING_SECRET)
    r = slack_requests.slash_command(text="cold soup at table 4", user_id="U0042")
    ts, sig = r.headers["X-Slack-Request-Timestamp"], r.headers["X-Slack-Signature"]

    assert r.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert r.form()["command"] == "/recover" and r.form()["text"] == "cold soup at table 4"
    assert verifier.is_valid(body=r.body, timestamp=ts, signature=sig)
    assert verifier.is_valid_request(r.body, r.headers)

    tampered = r.tampered(r.body.replace(b"U0042", b"U0666"))
    assert not verifier.is_valid(body=tampered.body, timestamp=ts, signature=sig)
    wrong_secret = slack_requests.slash_command(signing_secret="not-our-secret")
    assert not verifier.is_valid_request(wrong_secret.body, wrong_secret.headers)
    stale = slack_requests.slash_command(timestamp=int(time.time()) - 6 * 60)
    assert not verifier.is_valid_request(stale.body, stale.headers)

    payload = slack_requests.block_actions("offer_refund", "42")
    interaction = slack_requests.interactivity(payload)
    assert json.loads(interaction.form()["payload"]) == payload
    assert verifier.is_valid_request(interaction.body, interaction.headers)

    retried = slack_requests.event_callback(slack_requests.message_event("hi"), retry_num=1)
    assert retried.headers["X-Slack-Retry-Num"] == "1"
    assert retried.headers["X-Slack-Retry-Reason"] == "http_timeout"
    assert json.loads(retried.body)["type"] == "event_callback"
    assert verifier.is_valid_request(retried.body, retried.headers)
    assert "X-Slack-Retry-Num" not in slack_requests.event_callback({"type": "app_mention"}).headers


class _BoltHttp(LocalServer):
    """Serves a Bolt AsyncApp at /slack/events via Bolt's own aiohttp adapter."""

    def __init__(self, app: AsyncApp) -> None:
        super().__init__()
        self.bolt = app

    def build_app(self) -> web.Application:
        async def events(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await self.bolt.async_dispatch(await to_bolt_request(request)))

        app = web.Application()
        app.router.add_post("/slack/events", events)
        return app


async def test_bolt_accepts_the_built_requests_over_http(api: FakeSlackApi) -> None:
    async with _BoltHttp(bolt_app(api)) as server, aiohttp.ClientSession() as session:
        url = f"{server.origin}/slack/events"

        async def post(r: slack_requests.SlackRequest) -> tuple[int, str]:
            async with session.post(url, data=r.body, headers=r.headers) as resp:
                return resp.status, await resp.text()

        assert await post(slack_requests.url_verification("chal-123")) == (200, '{"challenge": "chal-123"}')
        assert (await post(slack_requests.slash_command(signing_secret="wrong")))[0] == 401

        status, _ = await post(slack_requests.slash_command(text="cold soup", response_url=api.response_url("cmd")))
        assert status == 200
        said = await api.wait_for_call("chat.postMessage")
        assert said.params["channel"] == "C0001" and said.params["blocks"] == BLOCKS
        assert (await api.wait_for_call("response_url:cmd")).params["text"] == "heard: cold soup"

        click = slack_requests.block_actions("offer_refund", "42", response_url=api.response_url("click"))
        assert (await post(slack_requests.interactivity(click)))[0] == 200
        assert (await api.wait_for_call("response_url:click")).params["text"] == "refund 42"

        values = {"note": {"note_input": slack_requests.text_input("meh")}}
        status, body = await post(slack_requests.interactivity(slack_requests.view_submission("recover_modal", values)))
        assert (status, json.loads(body)) == (200, {"response_action": "errors", "errors": {"note": "too short: meh"}})

        shortcut = slack_requests.message_shortcut("recover_message", "the soup was cold")
        assert (await post(slack_requests.interactivity(shortcut)))[0] == 200
        opened = await api.wait_for_call("views.open")
        assert opened.params["trigger_id"] == shortcut["trigger_id"]

        mention = slack_requests.app_mention_event("help")
        assert (await post(slack_requests.event_callback(mention)))[0] == 200
        reply = await api.wait_for_call("chat.postMessage", count=2)
        assert reply.params["text"] == "hi <@U0001>" and reply.params["thread_ts"] == mention["ts"]
        assert api.calls_to("auth.test"), "Bolt authorised the requests against the fake"


def test_the_edge_verifier_agrees_with_slack_sdks_and_also_reads_bytes_that_are_not_utf8() -> None:
    """handlers/slack/edge.py checks signatures on the raw bytes; on UTF-8 bodies it must say
    exactly what slack_sdk's verifier says, and it must not raise on anything else."""
    verifier = SignatureVerifier(slack_requests.SIGNING_SECRET)
    now = time.time()
    good = slack_requests.slash_command(text="cold soup at table 4")
    cases = [good, good.tampered(good.body + b"&x=1"), slack_requests.slash_command(signing_secret="guess"),
             slack_requests.slash_command(timestamp=int(now) - 6 * 60),
             slack_requests.slash_command(timestamp=int(now) + 6 * 60)]
    for request in cases:
        ts, sig = request.headers["X-Slack-Request-Timestamp"], request.headers["X-Slack-Signature"]
        assert signed_by_slack(slack_requests.SIGNING_SECRET, request.body, ts, sig, now) == \
            verifier.is_valid(request.body, ts, sig)
    raw = slack_requests.sign(b"\xff\xfe not utf-8", content_type=slack_requests.JSON)
    ts, sig = raw.headers["X-Slack-Request-Timestamp"], raw.headers["X-Slack-Signature"]
    assert signed_by_slack(slack_requests.SIGNING_SECRET, raw.body, ts, sig, now)
    assert not signed_by_slack(slack_requests.SIGNING_SECRET, raw.body + b"!", ts, sig, now)
    assert not signed_by_slack(slack_requests.SIGNING_SECRET, raw.body, ts, "v0=\u00e9", now)
