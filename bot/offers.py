"""Compensation on a case: give an option on the spot, ask a manager for one, and decide a
request. Money is decided by the policy (bot/policy.py) for the person's role, the case row is
locked by `Casework.act`, and totals are written only from what was read in this transaction,
so two requests at the same moment never both pass a limit.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from bot import followups
from bot.commands import CaseAction
from bot.messages import Message
from bot.money import from_cents, to_cents
from bot.outcomes import ActionOutcome, Moved, closed
from bot.playbook import Role
from bot.policy import Decision
from bot.records import OPEN_STATUSES, CaseRecord, OfferRecord
from bot.replies import Notice
from bot.suggestion import case_disputed, case_paid
from store import cases as store
from store import deliveries as outbox

if TYPE_CHECKING:
    from bot.casework import Casework


def offer(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
          command: CaseAction) -> ActionOutcome:
    decision = fresh_option(work, conn, case, role, command)
    if isinstance(decision, Notice):
        return ActionOutcome(decision)
    index = decision.index
    if not decision.on_the_spot:
        return ActionOutcome(Notice(
            f"Option {index + 1} ({decision.option.description}) {decision.reason}. "
            f"Ask for approval with `/case {case.number} request {index + 1}`.", error=True))
    now = work.clock.now()
    value = to_cents(decision.amount)
    _insert_offer(work, conn, case, decision, "given", message, now, command.note)
    changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES,
                                **_spent(case, decision.correction, value))
    if changed is None:
        raise Moved(f"Case #{case.number} changed a moment ago; nothing was recorded. "
                    f"`/case {case.number}` shows it now.")
    store.record_event(conn, changed, "offered", message.actor, now,
                       f"{decision.option.kind}: {decision.option.description}")
    headline = f"Recorded on case #{case.number}: {decision.option.description}" \
               f" ({work.money(decision.amount)})."
    outbox.enqueue_card_update(conn, changed, now, text=headline)
    return ActionOutcome(work.card(conn, changed, role, headline), delivered=True)


def request(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
            command: CaseAction) -> ActionOutcome:
    decision = fresh_option(work, conn, case, role, command)
    if isinstance(decision, Notice):
        return ActionOutcome(decision)
    index = decision.index
    if decision.on_the_spot:
        return ActionOutcome(Notice(f"You can give option {index + 1} yourself: "
                                    f"`/case {case.number} offer {index + 1}`."))
    now = work.clock.now()
    offer = _insert_offer(work, conn, case, decision, "pending", message, now, command.note)
    changed = store.change_case(conn, case, from_statuses=("open",),
                                status="awaiting_approval") or case
    store.record_event(conn, changed, "approval_requested", message.actor, now,
                       f"{decision.option.kind}: {decision.option.description}")
    why = f" Their reason: {command.note}" if command.note else ""
    text = (f"{message.user} asks to give {decision.option.description} "
            f"({work.money(decision.amount)}) on case #{case.number} "
            f"({case.scenario.replace('_', ' ')}): {decision.reason}.{why}")
    headline = f"Asked a manager to approve option {index + 1} on case #{case.number}."
    outbox.enqueue(conn, changed, "approval_request", "managers", now, text=text,
                   offer_id=offer.id)
    followups.on_approval_requested(conn, work.playbook, changed, offer, now)
    outbox.enqueue_card_update(conn, changed, now, text=headline)
    return ActionOutcome(work.card(conn, changed, role, headline), delivered=True)


def decide(work: Casework, conn: Connection, case: CaseRecord, message: Message, role: Role,
           command: CaseAction, *, approve: bool) -> ActionOutcome:
    pending = [offer for offer in store.offers_of(conn, case) if offer.status == "pending"
               and (command.option is None or offer.option_index == command.option - 1)]
    if not pending:
        return ActionOutcome(Notice(f"Case #{case.number} has no request waiting for a "
                                    "decision; `/case " f"{case.number}` shows what was decided."))
    offer = pending[0]
    scenario = work.playbook.scenario(case.scenario)
    option = (scenario.compensation[offer.option_index]
              if offer.option_index < len(scenario.compensation) else None)
    if option is None:
        return ActionOutcome(Notice("That option is no longer in the playbook; decline it.",
                                    error=True))
    amount = command.amount if approve and command.amount is not None \
        else from_cents(offer.value_cents)
    if approve:
        blocker = work.policy.may_approve(option, role, from_cents(case.given_cents), amount,
                                          from_cents(case.corrected_cents))
        if blocker:
            return ActionOutcome(Notice(f"You can't approve this: {blocker}.", error=True))
    elif role.rank == 0:
        return ActionOutcome(Notice("Only a supervisor or manager can decline a request.",
                                    error=True))
    now = work.clock.now()
    decided = store.decide_offer(conn, offer, "given" if approve else "declined",
                                 message.user, now, value_cents=to_cents(amount))
    if decided is None:
        return ActionOutcome(Notice("Someone decided that request a moment ago."))
    values: dict[str, object] = {}
    if approve:
        values.update(_spent(case, offer.is_correction, to_cents(amount)))
    still_pending = any(o.status == "pending" for o in store.offers_of(conn, case))
    if case.status == "awaiting_approval" and not still_pending:
        values["status"] = "open"
    changed = case
    if values:
        updated = store.change_case(conn, case, from_statuses=(case.status,), **values)
        if updated is None:
            raise Moved(f"Case #{case.number} changed a moment ago; nothing was recorded. "
                        f"`/case {case.number}` shows it now.")
        changed = updated
    verb = "approved" if approve else "declined"
    store.record_event(conn, changed, verb, message.actor, now,
                       f"{offer.description}" + (f": {command.note}" if command.note else ""))
    changed_amount = approve and to_cents(amount) != offer.value_cents
    what = f"{offer.description} ({work.money(amount)} instead of " \
           f"{work.money(from_cents(offer.value_cents))})" if changed_amount else offer.description
    text = f"{message.user} {verb} {what} on case #{case.number}."
    outbox.enqueue(conn, changed, "approval_decided", "managers", now, text=text,
                   offer_id=offer.id)
    followups.on_approval_decided(conn, changed, offer, now)
    outbox.enqueue_card_update(conn, changed, now, text=text)
    return ActionOutcome(work.card(conn, changed, role, text[0].upper() + text[1:]),
                         delivered=True)


def fresh_option(work: Casework, conn: Connection, case: CaseRecord, role: Role,
                 command: CaseAction) -> Decision | Notice:
    """The option a click or command names, decided for this role, if nothing was offered
    or asked for it yet on this (open) case."""
    index = _option_index(work, case, command)
    if isinstance(index, Notice):
        return index
    if not case.is_open:
        return closed(case)
    earlier = _earlier_offer(conn, case, index)
    if earlier:
        return Notice(earlier)
    return work.policy.decide(work.playbook.scenario(case.scenario), index, role,
                              from_cents(case.given_cents), case_paid(case),
                              disputed=case_disputed(case),
                              corrected=from_cents(case.corrected_cents))


def _option_index(work: Casework, case: CaseRecord, command: CaseAction) -> int | Notice:
    scenario = work.playbook.scenario(case.scenario)
    options = scenario.compensation
    number = command.option or 0
    if not options:
        why = ("this scenario always goes to a manager, and nothing is given on the spot"
               if scenario.escalate else "the playbook has no options for this scenario")
        return Notice(f"Case #{case.number} has no options: {why}.", error=True)
    if not 1 <= number <= len(options):
        return Notice(f"Case #{case.number} has options 1 to {len(options)}; `/case "
                      f"{case.number}` lists them.", error=True)
    return number - 1


def _earlier_offer(conn: Connection, case: CaseRecord, index: int) -> str:
    for offer in store.offers_of(conn, case):
        if offer.option_index == index and offer.status != "withdrawn":  # undone: offer again
            state = {"given": "was already given", "pending": "is already waiting for approval",
                     "declined": "was declined"}[offer.status]
            return f"Option {index + 1} on case #{case.number} {state}; nothing changed."
    return ""


def _insert_offer(work: Casework, conn: Connection, case: CaseRecord, decision: Decision, status: str,
                  message: Message, now: datetime, reason: str = "") -> OfferRecord:
    option = decision.option
    values = {
        "case_id": case.id, "workspace_id": case.workspace_id, "option_index": decision.index,
        "kind": option.kind, "description": option.description,
        "value_cents": to_cents(decision.amount), "currency": work.playbook.currency,
        "status": status, "requested_by": message.user, "created_at": now,
        "requested_cents": to_cents(decision.amount), "is_correction": option.correction,
        "reason": reason or None,
    }
    undone = next((o for o in store.offers_of(conn, case)
                   if o.option_index == decision.index and o.status == "withdrawn"), None)
    if undone is not None:  # one row per option: an undone one is given again in place
        return store.revive_offer(conn, undone, values)
    return store.insert_offer(conn, values)


def _spent(case: CaseRecord, correction: bool, cents: int) -> dict[str, int]:
    """A correction puts an error right and is kept apart from goodwill."""
    if correction:
        return {"corrected_cents": case.corrected_cents + cents}
    return {"given_cents": case.given_cents + cents}
