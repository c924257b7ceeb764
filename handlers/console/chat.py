"""`amends console`: the text backend. It goes through the same core as Slack and Teams, so
what works here works there; only `/role`, `/whoami` and `/quit` are its own."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from bot import followups
from bot.core import Amends
from bot.messages import Message
from bot.outbox import Kind, MemoryTransport, OutboundPost, OutboxLoop
from handlers.console.render import render

BANNER = ("Amends console. Tell me what went wrong (e.g. `/recover table 7 soup was cold`), "
          "or /help. Ctrl-D to leave.")

ReadLine = Callable[[str], Awaitable[str | None]]
MAX_ROUNDS = 20
"""The outbox gives each recipient one message a round; the console runs rounds until nothing
is due (bounded, so a row that keeps coming back can't hold the prompt)."""
QUIET = frozenset({Kind.CARD_UPDATE_DM, Kind.CARD_UPDATE_TEAM, Kind.THREAD_NOTE,
                   Kind.ESCALATION_MANAGERS})
"""Already in the answer the person sees (the card, the change), or said once already."""


@dataclass
class ConsoleSession:
    amends: Amends
    workspace: str
    user: str
    role: str
    channel: str = "terminal"
    zone: tzinfo | None = None
    """Where times are shown (the workspace's configured zone, else this machine's)."""
    transport: MemoryTransport = field(init=False)
    outbox: OutboxLoop = field(init=False)

    def __post_init__(self) -> None:
        self.transport = MemoryTransport("console")
        self.outbox = OutboxLoop(database=self.amends.database, transport=self.transport,
                                 playbook=self.amends.playbook, clock=self.amends.clock)

    async def answer(self, line: str) -> str | None:
        """The text to print for one line; None means the user wants to leave."""
        text = line.strip()
        if not text:
            return ""
        command, _, rest = text.partition(" ")
        if command in ("/quit", "/exit"):
            return None
        if command == "/whoami":
            return f"You are {self.user}, role {self.role}, in workspace {self.workspace}."
        if command == "/role":
            return self._set_role(rest.strip())
        message = Message(workspace=self.workspace, channel=self.channel, user=self.user,
                          role=self.role, text=text, platform="console")
        answer = render(await self.amends.handle(message), self.zone or local_zone())
        return "\n".join([answer, *await self._deliveries()])

    async def _deliveries(self) -> list[str]:
        """The console has no other people to message: what would go to a team or the managers
        is shown inline, delivered like any platform's outbox rows."""
        before = len(self.transport.delivered)
        for _ in range(MAX_ROUNDS):
            if not await self.outbox.drain_once():
                break
        return [_delivery_line(post) for post in self.transport.take_new(before)
                if post.text and post.kind not in QUIET]

    def _set_role(self, name: str) -> str:
        roles = self.amends.playbook.role_names
        if name not in roles:
            return f"! `{name}` isn't a role here; pick one of: {', '.join(roles)}."
        self.role = name
        return f"You are now acting as {name}."


def _delivery_line(post: OutboundPost) -> str:
    if post.kind in (followups.OPEN_NUDGE, followups.OUTCOME_NUDGE):
        return (f"  → reminder {post.id} to {post.recipient}: {post.text}"
                f"  (/nudge {post.id} snooze 1h · /nudge {post.id} done)")
    return f"  → to {post.recipient}: {post.text}"


async def run_chat(session: ConsoleSession, read: ReadLine, write: Callable[[str], None]) -> None:
    write(BANNER)
    while True:
        line = await read(f"[{session.role}] > ")
        if line is None:
            break
        answer = await session.answer(line)
        if answer is None:
            break
        if answer:
            write(answer)
    write("Bye.")


def enable_line_editing() -> None:
    """Arrow keys, history and Ctrl-R in the console (the standard library's readline, where
    the platform has it); without it, input() still works, only plainer."""
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401  (importing it is what switches it on for input())


async def read_stdin(prompt: str) -> str | None:
    try:
        return await asyncio.to_thread(input, prompt)
    except EOFError:
        return None


def local_zone() -> tzinfo:
    """This machine's time zone, as the person at the terminal reads times."""
    return datetime.now().astimezone().tzinfo or UTC


def console_user() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "you"
