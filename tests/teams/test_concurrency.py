"""Clicks sent at the same moment through /api/messages, on SQLite and PostgreSQL: two managers
approving one request, and a double tap on "I gave this". Money is recorded once."""

from __future__ import annotations

import asyncio

from tests.teams import activities as act
from tests.teams.activities import ANN, MANAGERS, MIA, Person
from tests.teams.app import ROLES, teams_app
from tests.teams.test_story import ADAPTIVE, button

LEO = Person("29:leo", "Leo Park", "aad-leo", "leo@grandhotel.example")
TRIALS = 5


async def test_two_managers_approving_at_once_give_it_once(database_url: str) -> None:
    async with teams_app(database_url, people=(ANN, MIA, LEO)) as app:
        app.server.turns.runtime.roles.by_object_id[LEO.aad] = "manager"
        url = app.connector.url
        for trial in range(1, TRIALS + 1):
            app.connector.forget()
            await app.post(act.message(ANN, f"recover table {trial} the soup came out cold", url))
            [answer] = app.connector.sent(ANN.dm)
            offered = await app.invoke(act.execute(ANN, button(answer.card, "offer", case=trial, option=1), url))
            request = button(offered["value"], "request", case=trial)
            await app.invoke(act.execute(ANN, request, url))
            approve = {"amends": "approve", "case": trial, "option": request["option"]}
            answers = await asyncio.gather(*(app.invoke(act.execute(who, approve, url, channel=MANAGERS))
                                             for who in (MIA, LEO)))
            assert ADAPTIVE in {a["type"] for a in answers}, "one of them decided; the other sees it or is told"
            given = await app.rows("select decided_by from offers o join cases c on c.id = o.case_id "
                                   "where c.number = :n and o.status = 'given' and o.option_index = :i",
                                   n=trial, i=request["option"] - 1)
            assert len(given) == 1, given
            total = await app.scalar("select given_cents from cases where number = :n", n=trial)
            assert total == await app.scalar("select sum(value_cents) from offers o join cases c on c.id = o.case_id"
                                             " where c.number = :n and o.status = 'given'", n=trial)


async def test_a_double_tap_on_i_gave_this_records_one_offer(database_url: str) -> None:
    async with teams_app(database_url) as app:
        url = app.connector.url
        for trial in range(1, TRIALS + 1):
            app.connector.forget()
            await app.post(act.message(ANN, f"recover table {trial} the soup came out cold", url))
            [answer] = app.connector.sent(ANN.dm)
            click = act.execute(ANN, button(answer.card, "offer", case=trial, option=1), url)
            await asyncio.gather(app.invoke(click), app.invoke(click))
            assert await app.scalar("select count(*) from offers o join cases c on c.id = o.case_id "
                                    "where c.number = :n", n=trial) == 1
        assert ROLES
