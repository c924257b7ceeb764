"""The managers' digest: exact figures on a seeded database (SQLite and PostgreSQL), periods
cut in the team's time zone across clock changes, the chart and the renderings."""

from __future__ import annotations

import io
import json
import struct
import zlib
from datetime import UTC, datetime, timedelta

import pytest
from PIL import Image
from slack_sdk.models.blocks import Block
from sqlalchemy import Connection, select

from bot.chart import CHUNK_KEY, digest_chart
from bot.clock import ManualClock
from bot.core import Amends
from bot.digest import Digest, build_digest, digest_figures, period_bounds
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.records import Actor
from bot.replies import CaseCard, Reported
from handlers.console.digest import render_digest
from handlers.slack.digest_blocks import digest_blocks
from store import cases as case_store
from store.db import Database
from store.deliveries import DELIVERIES, mark_failed
from tests.conftest import say

PARIS = "Europe/Paris"
NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
"""Tuesday: last week in Paris is Mon 16 Nov 00:00 (15 Nov 23:00 UTC) to Mon 23 Nov 00:00."""
WEEK_START = datetime(2026, 11, 15, 23, 0, tzinfo=UTC)
WEEK_END = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc, arg-type]


class Seeder:
    def __init__(self, playbook: Playbook, engine: OfflineEngine, database: Database) -> None:
        self.clock = ManualClock(utc(2026, 11, 1))
        self.amends = Amends(playbook=playbook, database=database, writer=engine, clock=self.clock)

    async def at(self, when: datetime, text: str, *, scenario: str | None = None,
                 user: str = "U_ANN", role: str = "frontline", workspace: str = "T_HOTEL") -> object:
        self.clock.advance(when - self.clock.now())
        reply = await self.amends.handle(say(text, user=user, role=role, workspace=workspace))
        if scenario is not None:
            assert isinstance(reply, Reported), reply
            assert reply.case.scenario == scenario, reply.case.scenario
        elif text.startswith("/case"):
            assert isinstance(reply, CaseCard), reply
        return reply


@pytest.fixture
async def seeded(playbook: Playbook, engine: OfflineEngine, database: Database) -> Database:
    """Eight cases in T_HOTEL around the week of Mon 16 Nov 2026 (Paris) and one elsewhere."""
    s = Seeder(playbook, engine, database)
    # before the week
    await s.at(utc(2026, 11, 12, 10, 0), "/recover table 7 burger came out cold", scenario="food_quality")  # 1
    await s.at(utc(2026, 11, 12, 10, 1), "/case 1 offer 1")
    await s.at(utc(2026, 11, 12, 10, 5), "/recover guest in 214 says the room was not cleaned",
               scenario="room_not_ready")  # 2, stays open
    # the week
    await s.at(utc(2026, 11, 17, 10, 0), "/recover table 7 steak was overcooked", scenario="food_quality")  # 3
    await s.at(utc(2026, 11, 17, 10, 1), "/case 3 offer 1")
    await s.at(utc(2026, 11, 17, 10, 2), "/case 3 request 2")
    await s.at(utc(2026, 11, 17, 12, 0), "/case 3 approve", user="U_MGR", role="manager")
    await s.at(utc(2026, 11, 17, 13, 0), "/case 1 resolve process recovered remade it")
    await s.at(utc(2026, 11, 18, 9, 0), "/recover guest in room 508 says the room was not ready at check-in",
               scenario="room_not_ready")  # 4
    await s.at(utc(2026, 11, 18, 9, 1), "/case 4 request 3")
    await s.at(utc(2026, 11, 19, 15, 0), "/recover guest slipped on the wet floor in the lobby and hurt their ankle",
               scenario="safety_incident")  # 5
    await s.at(utc(2026, 11, 20, 18, 0),
               '/recover table 9 the soup was cold <!channel> & nobody came, said "never again"',
               scenario="food_quality")  # 6
    await s.at(utc(2026, 11, 20, 18, 1), "/case 6 offer 1")
    await s.at(utc(2026, 11, 20, 18, 30), "/case 6 resolve people partly")
    await s.at(utc(2026, 11, 21, 10, 0), "/case 6 outcome lost")
    await s.at(utc(2026, 11, 22, 22, 50), "/recover table 3 steak was overcooked", scenario="food_quality")  # 7
    await s.at(utc(2026, 11, 18, 9, 0), "/recover table 7 soup was cold",
               scenario="food_quality", workspace="T_OTHER")
    await s.at(utc(2026, 11, 18, 9, 5), "/case 1 offer 1", workspace="T_OTHER")
    # after the week (Mon 23 Nov local)
    await s.at(utc(2026, 11, 23, 10, 0), "/recover table 7 pasta was cold", scenario="food_quality")  # 8
    await s.at(utc(2026, 11, 23, 10, 5), "/case 1 outcome partly", user="U_SUP", role="supervisor")

    def fail_some(conn: Connection) -> None:
        ids = {ws: list(conn.execute(select(DELIVERIES.c.id).where(DELIVERIES.c.workspace_id == ws)
                                     .order_by(DELIVERIES.c.id)).scalars())
               for ws in ("T_HOTEL", "T_OTHER")}
        mark_failed(conn, ids["T_HOTEL"][0], utc(2026, 11, 21, 8, 0), "channel_not_found")
        mark_failed(conn, ids["T_HOTEL"][1], utc(2026, 11, 23, 8, 0), "channel_not_found")
        mark_failed(conn, ids["T_OTHER"][0], utc(2026, 11, 21, 8, 0), "channel_not_found")

    await database.run(fail_some)
    return database


async def digest_of(database: Database, playbook: Playbook, *, team: str | None = None,
                    period: str = "week", now: datetime = NOW, tz: str = PARIS,
                    workspace: str = "T_HOTEL") -> Digest:
    return await database.run(lambda conn: build_digest(
        conn, playbook, workspace=workspace, team=team, period=period, now=now, tz=tz))


async def test_weekly_digest_has_the_exact_figures(seeded: Database, playbook: Playbook) -> None:
    digest = await digest_of(seeded, playbook)
    assert (digest.start, digest.end, digest.timezone) == (WEEK_START, WEEK_END, PARIS)
    assert digest.new_by_scenario == (("food_quality", 3), ("room_not_ready", 1), ("safety_incident", 1))
    assert digest.new_total == 5
    assert (digest.open_count, digest.overdue_count, digest.awaiting_approval) == (5, 4, 1)
    assert digest.given_cents == 5000          # #3: 15 on the spot + 20 approved; #6: 15
    assert digest.currency == "USD"
    assert (digest.budget_cents, digest.budget_period, digest.budget_used_cents) == (330000, "week", 5000)
    assert digest.outcomes == (("recovered", 1), ("partly", 0), ("lost", 1))
    assert digest.recovery_rate == 0.5
    assert digest.top_root_causes == (("people", 1), ("process", 1))
    assert digest.repeat_customers == (), "table 7 twice is two guests, not a repeat customer"
    assert [c.number for c in digest.worth_a_look] == [5, 6, 2, 3, 4]
    assert digest.look_reasons == ("safety", "lost", "overdue", "overdue", "overdue")
    assert digest.failed_deliveries == 1


async def test_team_digest_counts_only_that_team_against_its_budget(seeded: Database,
                                                                    playbook: Playbook) -> None:
    digest = await digest_of(seeded, playbook, team="kitchen")
    assert digest.new_by_scenario == (("food_quality", 3),)
    assert (digest.open_count, digest.overdue_count, digest.awaiting_approval) == (2, 1, 0)
    assert (digest.given_cents, digest.budget_cents, digest.budget_used_cents) == (5000, 80000, 5000)
    assert digest.outcomes == (("recovered", 1), ("partly", 0), ("lost", 1))
    assert digest.repeat_customers == ()
    assert [c.number for c in digest.worth_a_look] == [6, 3]
    assert digest.look_reasons == ("lost", "overdue")

    housekeeping = await digest_of(seeded, playbook, team="housekeeping")
    assert housekeeping.new_by_scenario == (("room_not_ready", 1),)
    assert (housekeeping.open_count, housekeeping.awaiting_approval) == (2, 1)
    assert housekeeping.budget_cents is None and housekeeping.budget_used_cents is None
    assert housekeeping.recovery_rate is None


async def test_daily_digest_and_the_budget_of_the_week_so_far(seeded: Database,
                                                              playbook: Playbook) -> None:
    digest = await digest_of(seeded, playbook, team="kitchen", period="day",
                             now=utc(2026, 11, 21, 9, 0))
    assert (digest.start, digest.end) == (utc(2026, 11, 19, 23, 0), utc(2026, 11, 20, 23, 0))
    assert digest.new_by_scenario == (("food_quality", 1),)
    assert digest.given_cents == 1500
    assert digest.budget_used_cents == 5000   # Monday to the end of Friday, Paris
    assert digest.outcomes == (("recovered", 0), ("partly", 1), ("lost", 0))  # lost came on Saturday
    assert digest.top_root_causes == (("people", 1),)


async def test_another_workspace_sees_only_its_own(seeded: Database, playbook: Playbook) -> None:
    digest = await digest_of(seeded, playbook, workspace="T_OTHER")
    assert digest.new_by_scenario == (("food_quality", 1),)
    assert digest.given_cents == 1500 and digest.repeat_customers == ()
    assert digest.failed_deliveries == 1
    empty = await digest_of(seeded, playbook, workspace="T_NOBODY")
    assert (empty.new_total, empty.open_count, empty.given_cents, empty.worth_a_look) == (0, 0, 0, ())


def test_period_bounds_follow_paris_clock_changes() -> None:
    start, end = period_bounds("week", utc(2026, 10, 27, 12, 0), PARIS)
    assert (start, end) == (utc(2026, 10, 18, 22, 0), utc(2026, 10, 25, 23, 0))
    assert end - start == timedelta(days=7, hours=1)
    start, end = period_bounds("day", utc(2026, 10, 26, 10, 0), PARIS)
    assert (start, end) == (utc(2026, 10, 24, 22, 0), utc(2026, 10, 25, 23, 0))
    assert end - start == timedelta(hours=25)
    start, end = period_bounds("day", utc(2026, 3, 30, 10, 0), PARIS)
    assert (start, end) == (utc(2026, 3, 28, 23, 0), utc(2026, 3, 29, 22, 0))
    assert end - start == timedelta(hours=23)
    start, end = period_bounds("week", utc(2026, 4, 1, 10, 0), PARIS)
    assert end - start == timedelta(days=7, hours=-1)
    # at local midnight on Monday the week just ended is complete
    assert period_bounds("week", WEEK_END, PARIS) == (WEEK_START, WEEK_END)
    assert period_bounds("week", WEEK_END - timedelta(seconds=1), PARIS)[1] == WEEK_START
    assert period_bounds("day", utc(2026, 11, 24, 8, 0), "UTC") == (utc(2026, 11, 23), utc(2026, 11, 24))
    with pytest.raises(ValueError, match="day or week"):
        period_bounds("month", NOW, PARIS)
    with pytest.raises(ValueError, match="time zone"):
        period_bounds("week", NOW, "Mars/Olympus")


async def test_weekly_digest_across_the_october_change(playbook: Playbook, engine: OfflineEngine,
                                                       database: Database) -> None:
    s = Seeder(playbook, engine, database)
    for when in (utc(2026, 10, 18, 21, 30),   # Sun 18 Oct 23:30 CEST: the week before
                 utc(2026, 10, 18, 22, 30),   # Mon 19 Oct 00:30 CEST: in
                 utc(2026, 10, 25, 22, 30),   # Sun 25 Oct 23:30 CET: in (after the change)
                 utc(2026, 10, 25, 23, 30)):  # Mon 26 Oct 00:30 CET: the week after
        await s.at(when, "/recover table 4 soup was cold", scenario="food_quality")
    digest = await digest_of(database, playbook, now=utc(2026, 10, 27, 12, 0))
    assert digest.new_by_scenario == (("food_quality", 2),)
    in_utc = await digest_of(database, playbook, now=utc(2026, 10, 27, 12, 0), tz="UTC")
    assert (in_utc.start, in_utc.end) == (utc(2026, 10, 19), utc(2026, 10, 26))
    assert in_utc.new_total == 2  # 25 Oct 22:30 and 23:30 UTC; not 18 Oct 22:30


async def test_explicit_range_and_bad_arguments(seeded: Database, playbook: Playbook) -> None:
    digest = await seeded.run(lambda conn: build_digest(
        conn, playbook, workspace="T_HOTEL", team=None, period="week", now=NOW, tz=PARIS,
        start=utc(2026, 11, 17), end=utc(2026, 11, 18)))
    assert digest.new_by_scenario == (("food_quality", 1),)
    assert digest.given_cents == 3500
    with pytest.raises(ValueError):
        await seeded.run(lambda conn: build_digest(conn, playbook, workspace="T_HOTEL", team=None,
                                                   period="week", now=NOW, tz=PARIS, start=NOW))


def _chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset:offset + 4])
        kind, data = png[offset + 4:offset + 8], png[offset + 8:offset + 8 + length]
        (crc,) = struct.unpack(">I", png[offset + 8 + length:offset + 12 + length])
        assert crc == zlib.crc32(kind + data)
        chunks.append((kind, data))
        offset += 12 + length
    return chunks


BAR = (59, 110, 165)


def _bar_lengths(image: Image.Image) -> list[int]:
    """Bands of rows holding bar-coloured pixels, and the bar's length in each."""
    pixels = image.convert("RGB").load()
    assert pixels is not None
    width, height = image.size
    bands: list[int] = []
    previous = False
    for y in range(height):
        run = sum(1 for x in range(width) if pixels[x, y] == BAR)
        if run and not previous:
            bands.append(run)
        elif run:
            bands[-1] = max(bands[-1], run)
        previous = bool(run)
    return bands


async def test_chart_is_a_png_of_the_size_asked_with_the_periods_data(seeded: Database,
                                                                      playbook: Playbook) -> None:
    digest = await digest_of(seeded, playbook)
    png = digest_chart(digest, width=640, height=320)
    chunks = _chunks(png)
    assert chunks[0][0] == b"IHDR" and struct.unpack(">II", chunks[0][1][:8]) == (640, 320)
    texts = dict(data.split(b"\0", 1) for kind, data in chunks if kind == b"tEXt")
    figures = json.loads(texts[CHUNK_KEY.encode()])
    assert figures == json.loads(json.dumps(digest_figures(digest)))
    assert figures["new_by_scenario"] == [["food_quality", 3], ["room_not_ready", 1], ["safety_incident", 1]]
    assert figures["recovery_rate"] == 0.5 and figures["outcomes"][2] == ["lost", 1]
    assert b"recovery rate 50%" in texts[b"Description"]

    image = Image.open(io.BytesIO(png))
    image.load()
    assert (image.format, image.size) == ("PNG", (640, 320))
    assert json.loads(image.text[CHUNK_KEY])["new_total"] == 5  # type: ignore[attr-defined]
    lengths = _bar_lengths(image)
    assert len(lengths) == 3                       # one bar per scenario of the period
    assert abs(lengths[0] - 3 * lengths[1]) <= 3 and abs(lengths[1] - lengths[2]) <= 1

    default = Image.open(io.BytesIO(digest_chart(digest)))
    assert default.size == (800, 400)


async def test_chart_of_an_empty_period(database: Database, playbook: Playbook) -> None:
    digest = await digest_of(database, playbook, workspace="T_EMPTY")
    image = Image.open(io.BytesIO(digest_chart(digest, width=300, height=150)))
    assert image.size == (300, 150)
    assert json.loads(image.text[CHUNK_KEY])["new_total"] == 0  # type: ignore[attr-defined]
    assert _bar_lengths(image) == []
    with pytest.raises(ValueError):
        digest_chart(digest, width=10, height=10)


async def test_renderings_show_the_figures_safely(seeded: Database, playbook: Playbook) -> None:
    digest = await digest_of(seeded, playbook)
    text = render_digest(digest)
    assert "Weekly digest · All teams · Mon 16 – Sun 22 Nov 2026" in text
    assert "(2026-11-16 00:00 to 2026-11-23 00:00 Europe/Paris)" in text
    assert "food quality: 3" in text and "Open: 5 · overdue: 4 · awaiting approval: 1" in text
    assert "$50 given; $50 of $3,300 this week (2%)" in text
    assert "Recovery rate: 50% (recovered 1, partly 0, lost 1)" in text
    assert "table 7 (2 cases)" not in text and "#5 safety incident" in text
    assert "1 message(s) could not be delivered" in text
    assert "reported Fri 20 Nov 19:00" in text   # case 6, 18:00 UTC, in Paris

    fallback, blocks = digest_blocks(digest)
    assert len(blocks) <= 50 and "5 new" in fallback
    for block in blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
    dumped = json.dumps(blocks)
    assert "<!channel>" not in dumped and "&lt;!channel&gt; &amp; nobody" in dumped
    assert "table 7 (2 cases)" not in dumped and ":warning:" in dumped
    assert "Mon 16 Nov 00:00 to Mon 23 Nov 00:00 (Europe/Paris)" in dumped

    empty = await digest_of(seeded, playbook, workspace="T_NOBODY", team="kitchen", period="day")
    fallback, blocks = digest_blocks(empty)
    for block in blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]
    assert "no outcomes recorded" in render_digest(empty)


async def test_cases_written_through_the_store_count_too(seeded: Database, playbook: Playbook) -> None:
    """A case written straight through the store (as an import would) counts like any other."""
    def insert(conn: Connection) -> None:
        case = case_store.insert_case(conn, {
            "workspace_id": "T_HOTEL", "number": case_store.take_case_number(conn, "T_HOTEL", "console", NOW),
            "status": "open", "scenario": "billing_error", "confidence": 1.0, "runner_up": None,
            "team": "billing", "severity": "medium", "text": "double charge", "customer_ref": "table 7",
            "amount_paid_cents": None, "currency": "USD", "given_cents": 0, "reporter_id": "U_X",
            "reporter_role": "frontline", "owner_id": "U_X", "platform": "console", "channel_id": "C",
            "source_key": None, "created_at": utc(2026, 11, 19, 8, 0), "due_at": utc(2026, 11, 20, 8, 0)})
        case_store.record_event(conn, case, "reported", Actor("U_X", "frontline", "console", "C"),
                                case.created_at)

    await seeded.run(insert)
    digest = await digest_of(seeded, playbook)
    assert digest.new_total == 6 and ("billing_error", 1) in digest.new_by_scenario
    assert digest.repeat_customers == ()
    assert (digest.open_count, digest.overdue_count) == (6, 5)


async def test_console_and_slack_say_the_digest_in_the_same_words(seeded: Database, playbook: Playbook) -> None:
    """The words live in the core (bot/digest_words.py); each platform adds only its markup."""
    from bot.digest_words import budget_line, rate_line, title, undelivered_line

    digest = await digest_of(seeded, playbook)
    text = render_digest(digest)
    _, blocks = digest_blocks(digest)
    dumped = json.dumps(blocks, ensure_ascii=False)
    for words in (title(digest), budget_line(digest), rate_line(digest), undelivered_line(digest)):
        assert words and words in text and words in dumped, words


async def test_the_core_decides_a_workspaces_time_zone(database: Database) -> None:
    """Configured for the workspace, then for every workspace, then what a platform stored on
    the workspace row, then UTC."""
    from bot.zones import needs_learning, remember_timezone, workspace_timezone

    def zones(conn: Connection) -> list[object]:
        case_store.ensure_workspace(conn, "T_HOTEL", "slack", NOW)
        found: list[object] = [workspace_timezone(conn, "T_HOTEL", {}), needs_learning(conn, "T_HOTEL", {})]
        remember_timezone(conn, "T_HOTEL", "America/New_York")
        found += [workspace_timezone(conn, "T_HOTEL", {}), needs_learning(conn, "T_HOTEL", {}),
                  workspace_timezone(conn, "T_HOTEL", {"*": PARIS}),
                  workspace_timezone(conn, "T_HOTEL", {"*": PARIS, "T_HOTEL": "Asia/Tokyo"}),
                  needs_learning(conn, "T_NEW", {"*": PARIS}), workspace_timezone(conn, "T_NEW", {})]
        return found

    assert await database.run(zones) == ["UTC", True, "America/New_York", False, PARIS, "Asia/Tokyo",
                                         False, "UTC"]
