"""Putting a case right after the fact: void a case that isn't one, undo an offer recorded by
mistake, hand a case over at the end of a shift. Each is audited and told to the people on it.

Called by `Casework.act` with the case row already locked, inside its transaction.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bot import followups
from bot.commands import CaseAction
from bot.messages import Message
from bot.outcomes import ActionOutcome, Moved
from bot.playbook import Role
from bot.records import OPEN_STATUSES, CaseRecord
from bot.replies import Notice
from store import cases as store
from store import deliveries as outbox

if TYPE_CHECKING:
    from bot.casework import Casework

UNDO_WITHIN = timedelta(minutes=10)
"""How long after an offer or approval it can be undone as a mistake."""
VOID = "void"


def void(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
         command: CaseAction) -> ActionOutcome:
    """A case that isn't one (a test, small talk logged by mistake): kept and audited, but out
    of lists, digests and recovery figures. Supervisors and above, with a reason."""
    if role.rank == 0:
        return ActionOutcome(Notice("Only a supervisor or manager can void a case.", error=True))
    if not command.note:
        return ActionOutcome(Notice(f"Say why: `/case {case.number} void logged by mistake`.",
                                    error=True))
    if case.status == VOID:
        return ActionOutcome(Notice(f"Case #{case.number} is already void."))
    now = work.clock.now()
    changed = store.change_case(conn, case, from_statuses=(*OPEN_STATUSES, "resolved"),
                                status=VOID, voided_at=now, void_reason=command.note)
    if changed is None:
        return ActionOutcome(Notice(f"Case #{case.number} changed meanwhile; look again."))
    outbox.cancel_pending(conn, case, (*followups.FOLLOW_UPS, "team_alert"), now)
    return _told(work, conn, changed, message, role, ("voided", command.note),
                 f"Case #{case.number} voided by {message.user}: {command.note}")


def undo(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
         command: CaseAction) -> ActionOutcome:
    """The last offer given (on the spot or approved) in the past ten minutes, taken back: the
    case's totals are restored. By whoever recorded or approved it, or a supervisor."""
    now = work.clock.now()
    given = [offer for offer in store.offers_of(conn, case) if offer.status == "given"
             and (command.option is None or offer.option_index == command.option - 1)]
    if not given:
        return ActionOutcome(Notice(f"Case #{case.number} has no offer to undo.", error=True))
    offer = given[-1]
    when = offer.decided_at or offer.created_at
    if now - when > UNDO_WITHIN:
        return ActionOutcome(Notice(f"That offer was recorded more than 10 minutes ago; it can't "
                                    f"be undone now. Note it with `/case {case.number} resolve`.",
                                    error=True))
    if message.user not in (offer.requested_by, offer.decided_by) and role.rank == 0:
        return ActionOutcome(Notice("Only whoever recorded or approved it, or a supervisor, can "
                                    "undo it.", error=True))
    if not store.withdraw_offer(conn, offer):
        return ActionOutcome(Notice("Someone changed that offer a moment ago."))
    totals = ({"corrected_cents": case.corrected_cents - offer.value_cents} if offer.is_correction
              else {"given_cents": case.given_cents - offer.value_cents})
    changed = store.change_case(conn, case, from_statuses=(case.status,), **totals)
    if changed is None:
        raise Moved(f"Case #{case.number} changed a moment ago; nothing was recorded.")
    return _told(work, conn, changed, message, role, ("offer_undone", offer.description),
                 f"Undone on case #{case.number}: {offer.description}.")


def assign(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
           command: CaseAction) -> ActionOutcome:
    """`/case 42 assign @maria`: hand the case over (its owner, its reporter, or a supervisor)."""
    person = command.note.strip().lstrip("@")
    if not person or " " in person:
        return ActionOutcome(Notice(f"Say who: `/case {case.number} assign @maria`.", error=True))
    if not case.is_on_it(message.user) and role.rank == 0:
        return ActionOutcome(Notice("Only its owner, its reporter or a supervisor can hand a case "
                                    "over.", error=True))
    if not case.is_open:
        return ActionOutcome(Notice(f"Case #{case.number} is closed.", error=True))
    now = work.clock.now()
    changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES, owner_id=person)
    if changed is None:
        return ActionOutcome(Notice(f"Case #{case.number} changed meanwhile; look again."))
    followups.on_taken(conn, work.playbook, changed, now)
    moved = f"from {case.owner_id or 'nobody'} to {person}"
    return _told(work, conn, changed, message, role, ("assigned", moved),
                 f"Case #{case.number} is now handled by {person}.")


MERGED = "merged"


def merge(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
          command: CaseAction) -> ActionOutcome:
    """`/case 2 merge 1`: the same problem reported twice; case 2 is added to case 1 and closed
    into it, so one case (and one limit) carries it. Never a safety case, never one with
    compensation already given."""
    target = store.case_by_number(conn, case.workspace_id, command.option or 0, lock=True)
    if target is None or target.id == case.id or not target.is_open:
        return ActionOutcome(Notice(f"Case #{command.option} isn't an open case to add this to.",
                                    error=True))
    if case.safety or target.safety:
        return ActionOutcome(Notice("A safety case is never merged: each one is followed up on "
                                    "its own.", error=True))
    if not case.is_open or case.given_cents or case.corrected_cents:
        return ActionOutcome(Notice(f"Case #{case.number} can't be merged: it is closed or "
                                    "something was already given on it.", error=True))
    if not case.is_on_it(message.user) and role.rank == 0:
        return ActionOutcome(Notice("Only its reporter, its owner or a supervisor can merge it.",
                                    error=True))
    now = work.clock.now()
    changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES, status=MERGED,
                                merged_into=target.number, resolved_at=now)
    if changed is None:
        return ActionOutcome(Notice(f"Case #{case.number} changed meanwhile; look again."))
    outbox.cancel_pending(conn, case, (*followups.FOLLOW_UPS, "team_alert"), now)
    store.record_event(conn, changed, "merged", message.actor, now, f"into case #{target.number}")
    store.record_event(conn, target, "merged", message.actor, now,
                       f"case #{case.number} added: {case.text[:200]}")
    headline = f"Case #{case.number} added to case #{target.number}."
    outbox.enqueue_card_update(conn, changed, now, text=headline)
    outbox.enqueue_card_update(conn, target, now, text=headline)
    return ActionOutcome(work.card(conn, target, role, headline), delivered=True)


def _told(work: Casework, conn: Connection, changed: CaseRecord, message: Message, role: Role,
          event: tuple[str, str], headline: str) -> ActionOutcome:
    """The change audited, the people on the case told (their cards updated), and the case as
    the actor now sees it."""
    now = work.clock.now()
    store.record_event(conn, changed, event[0], message.actor, now, event[1])
    outbox.enqueue_card_update(conn, changed, now, text=headline)
    return ActionOutcome(work.card(conn, changed, role, headline), delivered=True)
