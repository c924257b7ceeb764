"""A local HTTP server that answers like the Bot Connector (the Bot Framework REST API that
Teams bots send through), on 127.0.0.1, recording every request.

Activities a test POSTs to Amends carry `serviceUrl` = this server's URL, so the real
botbuilder connector client sends replies, proactive posts, updates and member lookups here:

- POST /v3/conversations                                  create a conversation (1:1)
- POST /v3/conversations/{conversation}/activities        send to a conversation
- POST /v3/conversations/{conversation}/activities/{id}   reply to an activity
- PUT  /v3/conversations/{conversation}/activities/{id}   update an activity in place
- GET  /v3/conversations/{conversation}/members/{member}  a member's profile (UPN)

`fail_next(status, times, headers)` answers the next requests with an error (429 with a
Retry-After, 502, 403...) before it answers normally again.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.slack.fake.server import LocalServer


@dataclass
class Call:
    method: str
    conversation: str
    activity_id: str
    body: dict[str, Any]
    authorization: str

    @property
    def card(self) -> dict[str, Any]:
        """The Adaptive Card this activity carries (the first attachment)."""
        attachments = self.body.get("attachments") or []
        assert attachments, f"no attachment in {self.body}"
        assert attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive"
        return dict(attachments[0]["content"])

    @property
    def text(self) -> str:
        """Everything a person reads in the activity: its text and every string in its card."""
        parts = [str(self.body.get("text") or ""), str(self.body.get("summary") or "")]
        for attachment in self.body.get("attachments") or []:
            parts += list(_strings(attachment.get("content")))
        return "\n".join(part for part in parts if part)


def _strings(node: Any) -> Any:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            if key not in ("type", "id", "$schema", "version", "verb", "style", "size", "weight", "color"):
                yield from _strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from _strings(item)


@dataclass
class Fault:
    status: int
    times: int
    headers: dict[str, str] = field(default_factory=dict)


class LocalConnector(LocalServer):
    def __init__(self, members: dict[str, dict[str, str]] | None = None) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self.members = members or {}
        """Teams id -> profile (name, aadObjectId, userPrincipalName)."""
        self.faults: list[Fault] = []
        self._ids = itertools.count(1)

    @property
    def url(self) -> str:
        """The serviceUrl activities carry (the Bot Framework's have a trailing slash)."""
        return f"{self.origin}/"

    def build_app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._send)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        return app

    def fail_next(self, status: int, times: int = 1, headers: dict[str, str] | None = None) -> None:
        self.faults.append(Fault(status, times, headers or {}))

    def sent(self, conversation: str | None = None) -> list[Call]:
        """New messages (sends and replies), optionally to one conversation (its threads included)."""
        return [call for call in self.calls if call.method in ("send", "reply", "create")
                and (conversation is None or call.conversation.split(";")[0] == conversation)]

    def updates(self, conversation: str | None = None) -> list[Call]:
        return [call for call in self.calls if call.method == "update"
                and (conversation is None or call.conversation == conversation)]

    def forget(self) -> None:
        self.calls.clear()

    async def _fault(self) -> web.Response | None:
        if not self.faults:
            return None
        fault = self.faults[0]
        fault.times -= 1
        if fault.times <= 0:
            self.faults.pop(0)
        return web.json_response({"error": {"code": "Throttled" if fault.status == 429 else "Error",
                                            "message": f"HTTP {fault.status}"}},
                                 status=fault.status, headers=fault.headers)

    async def _record(self, request: web.Request, method: str) -> Call:
        raw = await request.read()
        body = json.loads(raw) if raw else {}
        call = Call(method, request.match_info.get("conversation", ""),
                    request.match_info.get("activity") or request.match_info.get("member", ""),
                    body, request.headers.get("Authorization", ""))
        self.calls.append(call)
        return call

    async def _send(self, request: web.Request) -> web.Response:
        failed = await self._fault()
        if failed is not None:
            return failed
        call = await self._record(request, "reply" if "activity" in request.match_info else "send")
        return web.json_response({"id": f"{call.conversation.split(';')[0]}#{next(self._ids)}"}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        failed = await self._fault()
        if failed is not None:
            return failed
        call = await self._record(request, "update")
        return web.json_response({"id": call.activity_id})

    async def _create(self, request: web.Request) -> web.Response:
        failed = await self._fault()
        if failed is not None:
            return failed
        call = await self._record(request, "create")
        member = (call.body.get("members") or [{}])[0].get("id", "someone")
        return web.json_response({"id": f"a:dm-{member}", "activityId": "", "serviceUrl": self.url}, status=201)

    async def _member(self, request: web.Request) -> web.Response:
        await self._record(request, "member")
        profile = self.members.get(request.match_info["member"])
        if profile is None:
            return web.json_response({"error": {"code": "NotFound", "message": "no such member"}}, status=404)
        return web.json_response({"id": request.match_info["member"], **profile})
