"""Money and state under requests sent at the same moment, each on its own connection.

The double-click tests elsewhere click one after the other; these send together, so on
PostgreSQL (READ COMMITTED) two transactions really overlap. A lost race answers with a notice,
never an error, and a case's total always equals the sum of its given offers.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.core import Amends
from bot.replies import CaseCard, Notice, Reply, Reported
from store.cases import CASES, EVENTS, OFFERS
from store.db import Database
from tests.conftest import say

TRIALS = 5


async def report(amends: Amends, text: str, **kw: str) -> int:
    reply = await amends.handle(say(text, **kw))
    assert isinstance(reply, Reported), reply
    return reply.case.number


async def totals(database: Database, number: int) -> tuple[int, int, int]:
    """(the case's given_cents, the sum of its given offers, how many offers were given)"""
    def read(conn):  # type: ignore[no-untyped-def]
        case_id, given = conn.execute(select(CASES.c.id, CASES.c.given_cents)
                                      .where(CASES.c.workspace_id == "T_HOTEL",
                                             CASES.c.number == number)).one()
        offered, count = conn.execute(
            select(func.coalesce(func.sum(OFFERS.c.value_cents), 0), func.count())
            .where(OFFERS.c.case_id == case_id, OFFERS.c.status == "given")).one()
        return int(given), int(offered), int(count)
    return await database.run(read)


async def events(database: Database, number: int, kind: str) -> int:
    def read(conn):  # type: ignore[no-untyped-def]
        case_id = conn.execute(select(CASES.c.id).where(CASES.c.workspace_id == "T_HOTEL",
                                                        CASES.c.number == number)).scalar_one()
        return conn.execute(select(func.count()).where(EVENTS.c.case_id == case_id,
                                                       EVENTS.c.kind == kind)).scalar_one()
    return int(await database.run(read))


def assert_one_won(replies: list[Reply]) -> None:
    won = [r for r in replies if isinstance(r, CaseCard)]
    lost = [r for r in replies if isinstance(r, Notice)]
    assert len(won) == 1 and len(lost) == 1, replies
    assert "went wrong" not in lost[0].text


async def test_two_offers_sent_at_once_never_both_pass_the_frontline_limit(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"table {trial + 1} the soup came out cold")
        replies = await asyncio.gather(amends.handle(say(f"/case {number} offer 1")),
                                       amends.handle(say(f"/case {number} offer 2")))
        assert_one_won(list(replies))
        given, offered, count = await totals(database, number)
        assert count == 1 and given == offered <= 2500


async def test_two_managers_approving_at_once_record_one_approval(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"table {trial + 1} the soup came out cold")
        await amends.handle(say(f"/case {number} offer 1"))
        asked = await amends.handle(say(f"/case {number} request 2"))
        assert isinstance(asked, CaseCard)
        replies = await asyncio.gather(
            amends.handle(say(f"/case {number} approve", user="U_MGR1", role="manager")),
            amends.handle(say(f"/case {number} approve", user="U_MGR2", role="manager")))
        assert_one_won(list(replies))
        given, offered, count = await totals(database, number)
        assert count == 2 and given == offered == 3500
        assert await events(database, number, "approved") == 1


async def test_approve_and_decline_at_once_decide_the_request_once(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"table {trial + 1} the soup came out cold")
        await amends.handle(say(f"/case {number} offer 1"))
        await amends.handle(say(f"/case {number} request 2"))
        replies = await asyncio.gather(
            amends.handle(say(f"/case {number} approve", user="U_MGR1", role="manager")),
            amends.handle(say(f"/case {number} decline not tonight", user="U_MGR2", role="manager")))
        assert_one_won(list(replies))
        given, offered, _ = await totals(database, number)
        assert given == offered
        decided = await events(database, number, "approved") + await events(database, number, "declined")
        assert decided == 1


async def test_two_resolves_at_once_resolve_once_and_answer_both(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"table {trial + 1} the soup came out cold")
        replies = await asyncio.gather(
            amends.handle(say(f"/case {number} resolve process recovered remade it")),
            amends.handle(say(f"/case {number} resolve people recovered remade it", user="U_BOB")))
        assert_one_won(list(replies))
        assert await events(database, number, "resolved") == 1


async def test_offer_and_resolve_at_once_keep_totals_true(amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"table {trial + 1} the soup came out cold")
        await asyncio.gather(amends.handle(say(f"/case {number} offer 1")),
                             amends.handle(say(f"/case {number} resolve process recovered")))
        given, offered, _ = await totals(database, number)
        assert given == offered


async def test_an_undo_and_another_offer_at_once_keep_the_total_equal_to_what_was_given(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"table {trial + 1} the soup came out cold")
        await amends.handle(say(f"/case {number} offer 3"))
        replies = await asyncio.gather(amends.handle(say(f"/case {number} undo")),
                                       amends.handle(say(f"/case {number} offer 1")))
        assert not any(isinstance(r, Notice) and "went wrong" in r.text for r in replies)
        given, offered, _ = await totals(database, number)
        assert given == offered


async def test_an_approval_for_another_amount_and_a_decline_at_once_decide_once(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        number = await report(amends, f"guest in {300 + trial} says the room was not cleaned")
        await amends.handle(say(f"/case {number} request 3 regular guest"))
        replies = await asyncio.gather(
            amends.handle(say(f"/case {number} approve 3 $45", user="U_MGR1", role="manager")),
            amends.handle(say(f"/case {number} decline 3 not tonight", user="U_MGR2",
                              role="manager")))
        assert_one_won(list(replies))
        given, offered, count = await totals(database, number)
        assert given == offered and given in (0, 4500) and count in (0, 1)


async def test_a_merge_and_an_offer_on_the_same_case_at_once_never_both_pass(
        amends: Amends, database: Database) -> None:
    for trial in range(TRIALS):
        first = await report(amends, f"/recover table {trial + 20} the soup came out cold")
        second = await report(amends, f"/recover table {trial + 20} the soup is cold again")
        replies = await asyncio.gather(amends.handle(say(f"/case {second} merge {first}")),
                                       amends.handle(say(f"/case {second} offer 3")))
        assert not any(isinstance(r, Notice) and "went wrong" in r.text for r in replies)
        status = await database.run(lambda conn, n=second: conn.execute(select(CASES.c.status).where(
            CASES.c.workspace_id == "T_HOTEL", CASES.c.number == n)).scalar_one())
        given, offered, _ = await totals(database, second)
        assert given == offered
        assert not (status == "merged" and given), "a merged case carries no money of its own"
