"""A case's words written again: in another language the reporter asked for, or for a scenario
picked or corrected. The writer runs outside any transaction (it may be slow); the words are then
stored as the case's next version with its row locked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bot import corrections
from bot.messages import Message
from bot.money import from_cents
from bot.outcomes import Moved
from bot.playbook import Role
from bot.records import CaseRecord
from bot.replies import Notice, Reply
from bot.suggestion import Suggestion, case_disputed, case_paid, in_language
from bot.words import Words, record_shown
from store import cases as store_cases

if TYPE_CHECKING:
    from bot.core import Amends


async def change_scenario(amends: Amends, message: Message, role: Role, number: int,
                          scenario_id: str) -> Reply:
    """Confirm the engine's guess or correct it (bot/corrections.py); the words for the new
    scenario are written first, outside the transaction, in the words' language so far."""
    case = await amends.database.run(
        lambda conn: store_cases.case_by_number(conn, message.workspace, number))
    refused = corrections.check(amends.work, case, number, scenario_id, message, role)
    if refused is not None or case is None:
        return refused or Notice(f"No case #{number} here.", error=True)
    stored = await amends.database.run(lambda conn: store_cases.latest_words(conn, case))
    words = await words_for_case(amends, case, message.workspace, scenario_id,
                                 stored.language if stored else case.language)
    try:
        return await amends.database.run(lambda conn: corrections.change_scenario(
            conn, amends.work, message, role, number, scenario_id, words))
    except Moved as moved:
        return Notice(str(moved))


async def words_for_case(amends: Amends, case: CaseRecord, workspace: str, scenario_id: str,
                         language: str) -> Words:
    """The words for a case as it stands, decided for its reporter's role."""
    reporter = amends.playbook.role(case.reporter_role) if amends.playbook.has_role(
        case.reporter_role) else amends.playbook.lowest_role
    decided = in_language(amends.offline.decide(
        case.text, reporter, given=from_cents(case.given_cents), paid=case_paid(case),
        scenario_id=scenario_id, disputed=case_disputed(case),
        emergency_number=amends.emergency_number(workspace)), language)
    return Suggestion(decided, await amends.words_by_writer(decided)).words


async def switch_language(amends: Amends, message: Message, role: Role, number: int,
                          language: str) -> Reply:
    """The case's words again, in the language the reporter asked for (the guest answered
    in Spanish): written outside the transaction (a writer may be slow), stored as the
    next version with the case row locked. The decisions don't change: same scenario, same
    options for the reporter's role."""
    case = await amends.database.run(
        lambda conn: store_cases.case_by_number(conn, message.workspace, number))
    if case is None:
        return Notice(f"No case #{number} here. Try `/case open` or `/case mine`.", error=True)
    if not case.is_on_it(message.user) and role.rank == 0:
        return Notice(f"Only whoever reported or owns case #{number}, or a supervisor, can "
                      "change the language of its words.", error=True)
    words = await words_for_case(amends, case, message.workspace, case.scenario, language)

    def store(conn: Connection) -> Reply:
        locked = store_cases.case_by_number(conn, message.workspace, number, lock=True)
        if locked is None:
            return Notice(f"No case #{number} here.", error=True)
        record_shown(conn, locked, words, message.actor, amends.clock.now())
        shown_in = "the customer's language" if words.language == language else "English"
        return amends.work.show(conn, message, role, number,
                              f"Case #{number}: what to say, in {shown_in} ({words.language})")

    return await amends.database.run(store)
