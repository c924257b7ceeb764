"""Follow-ups: the nudges, reminders and alerts that make recovery finish.

Each is an outbox row with a due time, written in the transaction of the event that makes it
necessary and cancelled by the event that makes it moot. The sender checks again, when one
falls due, that it still applies, so a late cancellation can never produce a wrong nudge.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from sqlalchemy import Connection

from bot.messages import Message
from bot.money import from_cents
from bot.playbook import Playbook
from bot.policy import EmpowermentPolicy
from bot.records import CaseRecord, OfferRecord
from bot.replies import Notice
from store import cases as case_store
from store import deliveries as outbox
from store.deliveries import DeliveryRecord

OPEN_NUDGE = "nudge_open"
OUTCOME_NUDGE = "nudge_outcome"
SLA_ALERT = "sla_alert"
APPROVAL_REMINDER = "approval_reminder"
FOLLOW_UPS = (OPEN_NUDGE, OUTCOME_NUDGE, SLA_ALERT, APPROVAL_REMINDER)


def owner_of(case: CaseRecord) -> str:
    return case.owner_id or case.reporter_id


def on_opened(conn: Connection, playbook: Playbook, case: CaseRecord, now: datetime) -> None:
    """A case nobody owns yet (spotted in a feedback channel) gets its nudges when taken."""
    scenario = playbook.scenario(case.scenario)
    if case.owner_id:
        _schedule_open_nudges(conn, playbook, case, now)
    outbox.enqueue(conn, case, SLA_ALERT, case.team, now, due_at=case.due_at,
                   text=f"Case #{case.number} ({case.scenario.replace('_', ' ')}) is past its "
                        f"{_hours(scenario.resolve_within.total_seconds())} to resolve.")


def on_taken(conn: Connection, playbook: Playbook, case: CaseRecord, now: datetime) -> None:
    """The new owner gets the open-case nudges; a previous owner's stop."""
    outbox.cancel_pending(conn, case, (OPEN_NUDGE,), now)
    _schedule_open_nudges(conn, playbook, case, now)


def _schedule_open_nudges(conn: Connection, playbook: Playbook, case: CaseRecord,
                          now: datetime) -> None:
    for rule in playbook.nudges_for(playbook.scenario(case.scenario)):
        if rule.when == "open":
            outbox.enqueue(conn, case, OPEN_NUDGE, owner_of(case), now,
                           text=rule.message.replace("{number}", f"#{case.number}"),
                           due_at=max(case.created_at + rule.after, now))


def on_resolved(conn: Connection, playbook: Playbook, case: CaseRecord, now: datetime) -> None:
    outbox.cancel_pending(conn, case, (OPEN_NUDGE, SLA_ALERT), now)
    if case.outcome is not None:
        return
    for rule in playbook.nudges_for(playbook.scenario(case.scenario)):
        if rule.when == "resolved_without_outcome":
            outbox.enqueue(conn, case, OUTCOME_NUDGE, owner_of(case), now,
                           text=rule.message.replace("{number}", f"#{case.number}"),
                           due_at=now + rule.after)


def on_outcome(conn: Connection, case: CaseRecord, now: datetime) -> None:
    outbox.cancel_pending(conn, case, (OUTCOME_NUDGE,), now)


def on_approval_requested(conn: Connection, playbook: Playbook, case: CaseRecord,
                          offer: OfferRecord, now: datetime) -> None:
    window = playbook.approval_window_for(playbook.scenario(case.scenario))
    outbox.enqueue(conn, case, APPROVAL_REMINDER, "managers", now, offer_id=offer.id,
                   due_at=now + window,
                   text=f"Still waiting: approval for {offer.description} on case #{case.number}.")


def on_approval_decided(conn: Connection, case: CaseRecord, offer: OfferRecord,
                        now: datetime) -> None:
    outbox.cancel_pending(conn, case, (APPROVAL_REMINDER,), now, offer_id=offer.id)


def still_applies(delivery: DeliveryRecord, case: CaseRecord, offers: list[OfferRecord]) -> bool:
    if delivery.kind in (OPEN_NUDGE, SLA_ALERT):
        return case.is_open
    if delivery.kind == OUTCOME_NUDGE:
        return case.status == "resolved" and case.outcome is None
    if delivery.kind == APPROVAL_REMINDER:
        return any(o.id == delivery.offer_id and o.status == "pending" for o in offers)
    return True


def next_role_up(playbook: Playbook, offer_lowest_role: str) -> str | None:
    """Who an unanswered approval goes to next: the role above the one the option needs."""
    rank = playbook.role(offer_lowest_role).rank
    higher = [role.name for role in playbook.roles if role.rank > rank]
    return higher[0] if higher else None


def _hours(seconds: float) -> str:
    hours = seconds / 3600
    if hours < 1:
        return f"{int(seconds // 60)} min"
    return f"{hours:g} h" if hours < 48 else f"{hours / 24:g} days"


def after_sent(conn: Connection, playbook: Playbook, delivery: DeliveryRecord, now: datetime) -> bool:
    """An approval reminder, once sent, waits one more window and then goes to the next role up;
    returns True when the row was put back in the queue instead of being finished."""
    if delivery.kind != APPROVAL_REMINDER or delivery.level > 0 or delivery.case_id is None:
        return False
    case = case_store.case_by_id(conn, delivery.workspace_id, delivery.case_id)
    offer = next((o for o in case_store.offers_of(conn, case) if o.id == delivery.offer_id), None) \
        if case is not None else None
    if case is None or offer is None:
        return False
    scenario = playbook.scenario(case.scenario)
    option = scenario.compensation[offer.option_index] \
        if offer.option_index < len(scenario.compensation) else None
    above = next_role_up(playbook, option.lowest_role) if option else None
    if above is None:
        return False
    outbox.reschedule(conn, delivery.id, now + playbook.approval_window_for(scenario), level=1,
                      recipient=above)
    return True


def answer(conn: Connection, message: Message, delivery_id: int, snooze_until: datetime | None,
           now: datetime, zone: tzinfo = UTC, *, playbook: Playbook) -> Notice:
    """Snooze a reminder to `snooze_until`, or (None) mark it done: it stops asking. Only the
    person a nudge is for may answer it; a channel reminder, a role that may act on it."""
    delivery = outbox.pending_delivery(conn, message.workspace, delivery_id)
    case = None
    if delivery is not None and delivery.kind in FOLLOW_UPS and delivery.case_id is not None:
        case = case_store.case_by_id(conn, message.workspace, delivery.case_id)
    if delivery is None or case is None:
        return Notice(f"There is no reminder {delivery_id} here.", error=True)
    refused = _refusal(playbook, message, delivery, case, case_store.offers_of(conn, case))
    if refused:
        return Notice(f"You can't snooze or stop reminder {delivery_id}: {refused}. Nothing "
                      f"changed; `/case {case.number}` shows the case.", error=True)
    if delivery.cancelled:
        return Notice(f"That reminder for case #{case.number} is already done.")
    if snooze_until is None:
        outbox.cancel(conn, delivery.id, now)
        case_store.record_event(conn, case, "reminder_done", message.actor, now, delivery.kind)
        return Notice(f"Done: no more reminders like this one for case #{case.number}.")
    if not delivery.sent and delivery.due_at >= snooze_until:
        local = delivery.due_at.astimezone(zone)
        return Notice(f"That reminder for case #{case.number} is already due later, at "
                      f"{local:%H:%M} on {local:%a %d %b}; a snooze never brings it forward.")
    outbox.reschedule(conn, delivery.id, snooze_until)
    case_store.record_event(conn, case, "reminder_snoozed", message.actor, now,
                            f"{delivery.kind} until {snooze_until:%Y-%m-%d %H:%M} UTC")
    local = snooze_until.astimezone(zone)
    return Notice(f"Snoozed: I'll remind you about case #{case.number} at {local:%H:%M} on "
                  f"{local:%a %d %b} ({getattr(zone, 'key', 'UTC')}).")


def _refusal(playbook: Playbook, message: Message, delivery: DeliveryRecord, case: CaseRecord,
             offers: list[OfferRecord]) -> str:
    """Empty when `message`'s author may answer this reminder; otherwise why not."""
    role = playbook.role(message.role) if playbook.has_role(message.role) else None
    if delivery.kind in (OPEN_NUDGE, OUTCOME_NUDGE):
        return "" if message.user == delivery.recipient else "it reminds someone else"
    if delivery.kind == SLA_ALERT:
        if message.user == owner_of(case) or (role is not None and role.rank > 0):
            return ""
        return "only the case's owner, a supervisor or a manager can answer its overdue alert"
    offer = next((o for o in offers if o.id == delivery.offer_id), None)
    options = playbook.scenario(case.scenario).compensation
    if role is None or offer is None or offer.option_index >= len(options):
        return "only someone who could approve the request can answer its reminder"
    blocker = EmpowermentPolicy(playbook).may_approve(options[offer.option_index], role,
                                                      from_cents(case.given_cents))
    return f"{blocker}, so its reminder is not yours to answer" if blocker else ""
