"""A second platform, built here from the public protocols only, runs the whole story.

"Pager" is what a new platform adapter is: it turns what people type into `Message`s, shows
the `Reply` it gets back, and gives the outbox a transport that renders each `OutboundPost`.
Nothing in bot/ knows it exists. If this story runs (report, offer, approval, nudge, digest),
Teams needs no change in the core either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from bot.clock import ManualClock
from bot.core import Amends
from bot.digest_words import budget_line, rate_line, title
from bot.engine import OfflineEngine
from bot.messages import Message
from bot.outbox import Failed, OutboundPost, OutboxLoop, Posted, Retry, Sent
from bot.playbook import Playbook
from bot.replies import CaseCard, Notice, Reply, Reported
from bot.schedules import DigestPlan
from store.db import Database


@dataclass
class PagerTransport:
    """Renders each delivery as one line of text on a pager screen; numbers its messages."""

    platform: str = "pager"
    screens: dict[str, list[str]] = field(default_factory=dict)
    posts: list[OutboundPost] = field(default_factory=list)

    async def send(self, post: OutboundPost) -> Sent | Retry | Failed:
        self.posts.append(post)
        line = f"{post.kind}: {post.text}"
        if post.case is not None:
            line += f" [case #{post.case.number} {post.case.status}]"
        if post.words is not None:
            line += f" say: {post.words.apology}"
        if post.digest is not None:
            line += " | " + " / ".join((title(post.digest), budget_line(post.digest), rate_line(post.digest)))
        screen = self.screens.setdefault(post.recipient, [])
        screen.append(line)
        return Sent(Posted(post.recipient, f"pg-{len(self.posts)}"))

    def kinds_for(self, recipient: str) -> list[str]:
        return [line.split(":", 1)[0] for line in self.screens.get(recipient, [])]


class Pager:
    """The adapter: people type, the core answers, the outbox delivers."""

    def __init__(self, amends: Amends, clock: ManualClock) -> None:
        self.amends = amends
        self.transport = PagerTransport()
        self.outbox = OutboxLoop(database=amends.database, transport=self.transport,
                                 playbook=amends.playbook, clock=clock,
                                 digest_plan=DigestPlan({"day": "0 8 * * *"}, ("*",)))

    async def type(self, text: str, *, user: str = "pg:ann", role: str = "frontline") -> Reply:
        return await self.amends.handle(Message(workspace="PAGER-CO", channel=f"dm:{user}", user=user,
                                                role=role, text=text, platform="pager"))

    async def deliver(self) -> int:
        settled = 0
        while count := await self.outbox.drain_once():
            settled += count
        return settled


async def test_a_platform_built_only_on_the_protocols_runs_the_whole_story(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    amends = Amends(playbook=playbook, database=database, writer=engine, clock=clock)
    pager = Pager(amends, clock)

    reported = await pager.type("table 7 the soup came out cold")
    assert isinstance(reported, Reported) and reported.case.platform == "pager"
    number = reported.case.number
    await pager.deliver()
    assert pager.transport.kinds_for("pg:ann") == ["case_card"]
    assert pager.transport.kinds_for("kitchen") == ["team_alert"]
    card = pager.transport.posts[0]
    assert card.words is not None and card.words.apology == reported.words.apology
    assert [d.option.description for d in card.options] == \
        [d.option.description for d in reported.suggestion.on_the_spot + reported.suggestion.needs_approval]

    offered = await pager.type(f"case {number} offer 1")
    assert isinstance(offered, CaseCard) and offered.case.given_cents == 1500
    asked = await pager.type(f"case {number} request 2")
    assert isinstance(asked, CaseCard) and asked.case.status == "awaiting_approval"
    await pager.deliver()
    assert pager.transport.kinds_for("managers") == ["approval_request"]

    refused = await pager.type(f"case {number} approve", user="pg:bob", role="frontline")
    assert isinstance(refused, Notice) and refused.error
    approved = await pager.type(f"case {number} approve", user="pg:mia", role="manager")
    assert isinstance(approved, CaseCard) and approved.case.given_cents == 3500
    await pager.deliver()
    assert pager.transport.kinds_for("managers") == ["approval_request", "approval_decided"]
    assert "card_update_dm" in pager.transport.kinds_for("pg:ann")

    assert await pager.outbox.plan_digests() == 1
    clock.advance(timedelta(hours=2))
    await pager.deliver()
    nudges = [line for line in pager.transport.screens["pg:ann"] if line.startswith("nudge_open")]
    assert len(nudges) == 1 and f"#{number}" in nudges[0]
    nudge_id = pager.transport.posts[[p.kind for p in pager.transport.posts].index("nudge_open")].id
    stopped = await pager.type(f"nudge {nudge_id} done")
    assert isinstance(stopped, Notice) and not stopped.error

    clock.advance(timedelta(hours=21))
    await pager.deliver()
    digests = [line for line in pager.transport.screens.get("digest:*:day", [])]
    assert digests and digests[0].startswith("digest:"), pager.transport.screens.keys()
    figures = pager.transport.posts[[p.kind for p in pager.transport.posts].index("digest")].digest
    assert figures is not None and figures.workspace == "PAGER-CO" and figures.new_total == 1
    assert figures.given_cents == 3500 and figures.awaiting_approval == 0
