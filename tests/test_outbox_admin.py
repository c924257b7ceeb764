"""`amends outbox`: an admin sees the messages that failed for good and retries or discards
them, audited, without a line of customer text."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.clock import ManualClock
from bot.core import Amends
from bot.playbook import load_playbook
from store.db import Database
from store.deliveries import DELIVERIES, mark_failed
from store.retention import AUDIT
from tests.amends_cli import run_amends
from tests.conftest import say


async def test_an_admin_lists_retries_and_discards_failed_messages(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'amends.db'}"
    database = Database(url)
    await database.ensure_current(auto_upgrade=True)
    clock = ManualClock(datetime(2026, 12, 2, 9, 0, tzinfo=UTC))
    amends = Amends(playbook=load_playbook(), database=database, clock=clock)
    await amends.handle(say("/recover table 7 soup came out cold, the guest said sorry twice"))
    ids = await database.run(lambda conn: list(conn.execute(
        select(DELIVERIES.c.id).order_by(DELIVERIES.c.id)).scalars()))

    def fail(conn):  # type: ignore[no-untyped-def]
        for delivery_id in ids[:2]:
            mark_failed(conn, delivery_id, clock.now(), "channel_not_found")

    await database.run(fail)
    await database.dispose()
    env = {"AMENDS_DATABASE_URL": url}
    listed = run_amends("outbox", env=env)
    assert listed.returncode == 0, listed.stderr
    assert "2 message(s) failed for good" in listed.stdout and "channel_not_found" in listed.stdout
    assert "soup" not in listed.stdout
    assert run_amends("outbox", "retry", str(ids[0]), env=env).returncode == 0
    assert run_amends("outbox", "discard", str(ids[1]), env=env).returncode == 0
    again = run_amends("outbox", "retry", str(ids[1]), env=env)
    assert again.returncode == 2 and "no failed message" in again.stderr
    assert "No message failed for good" in run_amends("outbox", env=env).stdout
    database = Database(url)
    rows = await database.run(lambda conn: conn.execute(
        select(DELIVERIES.c.id, DELIVERIES.c.failed_at, DELIVERIES.c.cancelled_at, DELIVERIES.c.attempts)
        .where(DELIVERIES.c.id.in_(ids[:2])).order_by(DELIVERIES.c.id)).all())
    audit = await database.run(lambda conn: list(conn.execute(select(AUDIT.c.action)).scalars()))
    await database.dispose()
    assert rows[0].failed_at is None and rows[0].cancelled_at is None and rows[0].attempts == 0
    assert rows[1].cancelled_at is not None
    assert audit == ["outbox_retry", "outbox_discard"]
