"""Proactive sends when the Bot Connector pushes back: 429 waits for its Retry-After without
using an attempt, 412/502/504 back off and try again, a refusal of the message itself is kept
in the outbox marked failed, and nothing is ever dropped."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.teams import activities as act
from tests.teams.activities import ANN, KITCHEN
from tests.teams.app import TeamsApp, teams_app


async def reported(app: TeamsApp) -> None:
    await app.post(act.added_to_team(ANN, KITCHEN, app.connector.url))
    await app.post(act.message(ANN, "recover table 7 the soup came out cold", app.connector.url))
    app.connector.forget()


async def alert_row(app: TeamsApp) -> tuple[int, str | None, str | None, str | None]:
    rows = await app.rows("select attempts, sent_at, failed_at, last_error from deliveries where kind = 'team_alert'")
    attempts, sent, failed, error = rows[0]
    return int(attempts), sent, failed, error


async def test_a_429_waits_for_retry_after_without_using_an_attempt(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await reported(app)
        app.connector.fail_next(429, headers={"Retry-After": "7"})
        await app.deliver()
        attempts, sent, failed, error = await alert_row(app)
        assert (attempts, sent, failed) == (0, None, None) and "429" in (error or "")
        assert len([c for c in app.connector.calls if c.conversation == KITCHEN]) == 0
        app.clock.advance(timedelta(seconds=6))
        await app.deliver()
        assert app.connector.sent(KITCHEN) == [], "not before the connector said"
        app.clock.advance(timedelta(seconds=2))
        await app.deliver()
        assert len(app.connector.sent(KITCHEN)) == 1
        assert (await alert_row(app))[1] is not None


@pytest.mark.parametrize("status", [412, 502, 504])
async def test_the_connector_failing_for_a_while_delays_the_message(database_url: str, status: int) -> None:
    async with teams_app(database_url) as app:
        await reported(app)
        app.connector.fail_next(status, times=2)
        await app.deliver()
        attempts, sent, failed, error = await alert_row(app)
        assert attempts == 1 and sent is None and failed is None and str(status) in (error or "")
        for _ in range(3):
            app.clock.advance(timedelta(minutes=10))
            await app.deliver()
        posts = [call for call in app.connector.sent(KITCHEN) if call.conversation == KITCHEN]
        assert len(posts) == 1, "sent once, after the connector recovered"
        later = [call for call in app.connector.sent(KITCHEN) if call.conversation != KITCHEN]
        assert all(call.conversation.startswith(f"{KITCHEN};messageid=") for call in later), \
            "what happens to the case later goes in the alert's thread"
        assert (await alert_row(app))[1] is not None


async def test_a_message_teams_refuses_is_kept_marked_failed(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await reported(app)
        app.connector.fail_next(403)
        await app.deliver()
        attempts, sent, failed, error = await alert_row(app)
        assert sent is None and failed is not None and "403" in (error or "")
        assert await app.scalar("select count(*) from deliveries where kind = 'team_alert'") == 1


async def test_an_unreachable_connector_keeps_everything_for_later(database_url: str) -> None:
    async with teams_app(database_url) as app:
        await reported(app)
        await app.connector.stop()
        await app.deliver()
        attempts, sent, failed, _ = await alert_row(app)
        assert sent is None and failed is None and attempts == 1
        assert await app.scalar("select count(*) from deliveries where sent_at is null and failed_at is null "
                                "and cancelled_at is null") >= 2
