"""10,000 due nudges across 1,000 channels, sent by the core's outbox loop over Slack's transport
(`SlackSender`, each row recorded in its own transaction) through a local Slack Web API that
allows about one message per second per channel (429 + Retry-After beyond). The floor that limit imposes is
(nudges per channel - 1) seconds; the figure is the time to send them all, as a ratio of it.
None may be sent twice, none lost.

    .venv/bin/python bench/bench_nudges.py [--channels 1000] [--per-channel 10]
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from bot.followups import OPEN_NUDGE  # noqa: E402
from bot.playbook import load_playbook  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.slack.clients import WorkspaceClients  # noqa: E402
from handlers.slack.sender import SlackSender  # noqa: E402
from store import cases as store  # noqa: E402
from store import deliveries as outbox  # noqa: E402
from store.db import Database  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def seed(conn, channels: int, per_channel: int, now: datetime) -> None:  # type: ignore[no-untyped-def]
    store.ensure_workspace(conn, "T1", "slack", now)
    for user in range(channels):
        for index in range(per_channel):
            number = store.take_case_number(conn, "T1", "slack", now)
            case = store.insert_case(conn, {
                "workspace_id": "T1", "number": number, "status": "open", "scenario": "room_comfort",
                "confidence": 0.9, "runner_up": None, "team": "maintenance", "severity": "medium",
                "text": f"room {user} ac broken ({index})", "customer_ref": f"room {user}",
                "amount_paid_cents": None, "currency": "USD", "given_cents": 0,
                "reporter_id": f"U{user:04d}", "reporter_role": "frontline", "owner_id": f"U{user:04d}",
                "platform": "slack", "channel_id": "C1", "source_key": None,
                "created_at": now - timedelta(hours=3), "due_at": now + timedelta(days=1)})
            outbox.enqueue(conn, case, OPEN_NUDGE, case.owner_id, now, due_at=now,
                           text=f"Case #{number} is still open after 2 h.")


async def run(api_url: str, channels: int, per_channel: int) -> tuple[float, int, int]:
    folder = Path(tempfile.mkdtemp(prefix="amends-nudges-"))
    database = Database(f"sqlite:///{folder / 'nudges.db'}")
    await database.upgrade()
    now = datetime.now(UTC)
    await database.run(lambda conn: seed(conn, channels, per_channel, now))
    playbook = load_playbook()
    settings = Settings(slack_api_url=api_url, slack_bot_token="xoxb-bench")
    sender = SlackSender(database=database, settings=settings, playbook=playbook,
                         clients=WorkspaceClients(api_url, bot_token="xoxb-bench"),
                         clock=SystemClock())
    total = channels * per_channel
    started = time.monotonic()
    while True:
        tick = time.monotonic()
        await sender.drain_once()
        left = await database.run(lambda conn: conn.execute(text(
            "select count(*) from deliveries where sent_at is null and failed_at is null")).scalar())
        if left == 0:
            break
        await asyncio.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    elapsed = time.monotonic() - started
    sent = await database.run(lambda conn: conn.execute(text(
        "select count(*) from deliveries where sent_at is not null")).scalar())
    await sender.stop()
    await database.dispose()
    return elapsed, int(sent or 0), total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=1000)
    parser.add_argument("--per-channel", type=int, default=10)
    args = parser.parse_args()
    fake = subprocess.Popen([sys.executable, str(REPO / "bench" / "_fake_slack.py"), "--limit"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        api_url = fake.stdout.readline().strip()  # type: ignore[union-attr]
        elapsed, sent, total = asyncio.run(run(api_url, args.channels, args.per_channel))
        counts = count_posts(api_url)
        limited = counts_429(api_url)
    finally:
        fake.stdin.close()  # type: ignore[union-attr]
        fake.wait(timeout=10)
    floor = (args.per_channel - 1) / 1.0
    twice = sum(1 for n in counts.values() if n > 1)
    print(f"nudges due: {total} across {args.channels} channels ({args.per_channel} each)")
    print(f"sent in {elapsed:.1f} s; floor set by 1 msg/s/channel: {floor:.1f} s; "
          f"ratio {elapsed / floor:.2f} (target <= 1.2)")
    print(f"marked sent: {sent}/{total}; accepted posts: {sum(counts.values())}, "
          f"posted twice: {twice}, lost: {total - len(counts)}; "
          f"429s answered by the fake Slack: {limited}")


def count_posts(api_url: str) -> Counter[str]:
    import json
    import urllib.request

    with urllib.request.urlopen(api_url.replace("/api/", "/_bench/posts")) as response:
        return Counter(json.loads(response.read()))


def counts_429(api_url: str) -> int:
    import json
    import urllib.request

    with urllib.request.urlopen(api_url.replace("/api/", "/_bench/ratelimited")) as response:
        return int(json.loads(response.read()))


if __name__ == "__main__":
    main()
