"""The lists people ask for: their cases, the open ones most urgent first, what waits for their
approval, a customer's cases; each says how many there are and shows a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bot.commands import FindCases
from bot.messages import Message
from bot.money import from_cents
from bot.playbook import Role
from bot.records import CaseRecord
from bot.replies import CaseList, Overview, Reply
from store import cases as store

if TYPE_CHECKING:
    from bot.casework import Casework

PAGE = 10
"""Cases a list shows at once: what fits a phone screen."""


def _page_of(title: str, found: list[CaseRecord], total: int, command: FindCases,
             empty: str) -> CaseList:
    first = (command.page - 1) * PAGE + 1
    if not found and total:
        return CaseList(title, (), f"There are {total}; page {command.page} is past the end. "
                                   f"Try `/case {command.which}`.", total, first)
    more = (f"/case {command.which} {command.page + 1}" if first - 1 + len(found) < total
            else "")
    return CaseList(title, tuple(found), empty, total, first, more)


def waiting(work: Casework, conn: Connection, message: Message, role: Role,
            command: FindCases) -> CaseList:
    """What waits for an approval this reader may give, oldest request first."""
    mine: list[CaseRecord] = []
    waiting_cases = store.awaiting_approval(conn, message.workspace)
    offers = store.offers_of_cases(conn, {case.id for case in waiting_cases})
    for case in waiting_cases:
        scenario = work.playbook.scenario(case.scenario)
        pending = [o for o in offers.get(case.id, []) if o.status == "pending"
                   and o.option_index < len(scenario.compensation)]
        if any(not work.policy.may_approve(scenario.compensation[o.option_index], role,
                                           from_cents(case.given_cents),
                                           from_cents(o.value_cents),
                                           from_cents(case.corrected_cents))
               for o in pending):
            mine.append(case)
    offset = (command.page - 1) * PAGE
    return _page_of("Waiting for your approval", mine[offset:offset + PAGE], len(mine),
                    command, "Nothing waits for your approval.")

def find(work: Casework, conn: Connection, message: Message, command: FindCases,
         role: Role | None = None) -> Reply:
    offset = (command.page - 1) * PAGE
    if command.which == "mine":
        total = store.count_cases_of_user(conn, message.workspace, message.user)
        found = store.cases_of_user(conn, message.workspace, message.user, PAGE, offset=offset)
        return _page_of("Your cases", found, total, command,
                        "You have no cases yet. Report one with `/recover what happened`.")
    if command.which == "open":
        total = store.count_open_cases(conn, message.workspace)
        found = store.open_cases(conn, message.workspace, PAGE, offset=offset,
                                 now=work.clock.now())
        return _page_of("Open cases, most urgent first", found, total, command,
                        "No open cases. Nice.")
    if command.which == "waiting":
        return waiting(work, conn, message, role or work.playbook.lowest_role, command)
    reference = command.reference or ""
    found = store.cases_by_reference(conn, message.workspace, reference, PAGE + 1)
    total = store.count_cases_by_reference(conn, message.workspace, reference)
    return CaseList(f"Cases for {reference}, newest first", tuple(found[:PAGE]),
                    f"No cases for {reference}.", total)

def overview(work: Casework, conn: Connection, message: Message, role: Role) -> Overview:
    now = work.clock.now()
    mine = tuple(c for c in store.cases_of_user(conn, message.workspace, message.user, limit=50)
                 if c.is_open)
    team = tuple(store.open_cases(conn, message.workspace, limit=100)) if role.rank > 0 else ()
    awaiting = waiting(work, conn, message, role, FindCases(which="waiting")).cases \
        if role.rank > 0 else ()  # what this reader may approve, as `/case waiting` lists
    overdue = frozenset(c.id for c in (*mine, *team) if c.due_at < now)
    return Overview(mine=mine, team=team, overdue=overdue, awaiting=awaiting,
                    is_approver=role.rank > 0)
