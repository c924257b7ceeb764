"""Confirming or correcting a case's scenario: the engine's unsure guess picked by the reporter,
or a wrong scenario put right later. Options and routing follow the new scenario, the change is
audited, and the teams are told: the new one gets the case, the old one hears it moved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from bot.casework import Casework
from bot.messages import Message
from bot.outcomes import Moved
from bot.playbook import Role
from bot.records import OPEN_STATUSES, CaseRecord
from bot.replies import Notice, Reply
from bot.words import Words, record_shown
from store import cases as store
from store import deliveries as outbox

ALERT_KINDS = ("team_alert",)


def may_change(case: CaseRecord, message: Message, role: Role) -> Notice | None:
    """Its reporter, its owner, or a supervisor and above."""
    if case.is_on_it(message.user) or role.rank > 0:
        return None
    return Notice(f"Only whoever reported or owns case #{case.number}, or a supervisor, can "
                  "change its scenario.", error=True)


def check(work: Casework, case: CaseRecord | None, number: int, scenario_id: str,
          message: Message, role: Role) -> Notice | None:
    """Why the change can't be made, or None."""
    if case is None:
        return Notice(f"No case #{number} here. Try `/case open` or `/case mine`.", error=True)
    if scenario_id not in work.playbook.scenarios:
        ids = ", ".join(work.playbook.scenarios)
        return Notice(f"`{scenario_id}` isn't a scenario in the playbook; use one of: {ids}.",
                      error=True)
    if not case.is_open:
        return Notice(f"Case #{number} is closed; its scenario stays as it was resolved.",
                      error=True)
    if case.safety and scenario_id != case.scenario and role.rank == 0:
        return Notice(f"Case #{number} is a safety incident: only a supervisor or manager can "
                      "change its scenario.", error=True)
    return may_change(case, message, role)


def change_scenario(conn: Connection, work: Casework, message: Message, role: Role, number: int,
                    scenario_id: str, words: Words) -> Reply:
    """In one transaction with the case row locked: the new scenario (or the guess confirmed),
    the words for it, the audit event, and the alerts."""
    case = store.case_by_number(conn, message.workspace, number, lock=True)
    refused = check(work, case, number, scenario_id, message, role)
    if refused is not None or case is None:
        return refused or Notice(f"No case #{number} here.", error=True)
    now = work.clock.now()
    before = case.scenario
    scenario = work.playbook.scenarios[scenario_id]
    if before == scenario_id and case.confirmed:
        return work.show(conn, message, role, number, f"Case #{number} is already {_label(before)}.")
    values: dict[str, object] = {"scenario": scenario_id, "team": scenario.team,
                                 "severity": scenario.severity, "confirmed": True}
    if scenario.escalate:
        values["status"] = "escalated"
    changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES, **values)
    if changed is None:
        raise Moved(f"Case #{number} changed a moment ago; nothing was recorded. "
                    f"`/case {number}` shows it now.")
    what = (f"confirmed as {_label(scenario_id)}" if before == scenario_id
            else f"{_label(before)} -> {_label(scenario_id)}")
    store.record_event(conn, changed, "scenario_changed", message.actor, now, what)
    record_shown(conn, changed, words, message.actor, now)
    _tell_teams(conn, case, changed, message, now)
    headline = f"Case #{number} is {_label(scenario_id)}" + (
        f" (was {_label(before)})." if before != scenario_id else ", confirmed.")
    return work.show(conn, message, role, number, headline)


def _tell_teams(conn: Connection, case: CaseRecord, changed: CaseRecord, message: Message,
                now: datetime) -> None:
    """An alert still waiting for the pick goes out now, to the right team; a team that already
    had the case hears where it went."""
    held = outbox.cancel_pending(conn, case, ALERT_KINDS, now)
    text = f"New case #{changed.number}: {_label(changed.scenario)}."
    if changed.status == "escalated":
        text = f"Case #{changed.number} ({_label(changed.scenario)}) needs a manager now."
        outbox.enqueue(conn, changed, "escalation", changed.team, now, text=text)
        outbox.enqueue(conn, changed, "escalation_managers", "managers", now, text=text)
    elif held or changed.team != case.team:
        outbox.enqueue(conn, changed, "team_alert", changed.team, now, text=text)
    if not held and changed.team != case.team:
        outbox.enqueue(conn, changed, "thread_note", case.team, now,
                       text=f"Moved to {_label(changed.scenario)} by {message.user}.")
    outbox.enqueue(conn, changed, "card_update_dm", changed.reporter_id, now)


def _label(scenario_id: str) -> str:
    return scenario_id.replace("_", " ")
