"""The case workflow, run inside one database transaction per request.

Every state change is conditional on the state it starts from, so a double click or a retry
finds the work done and changes nothing; every change writes an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import assert_never

from sqlalchemy import Connection

from bot import amendments, followups, lists
from bot.clock import Clock
from bot.commands import OUTCOMES, ROOT_CAUSES, CaseAction, FindCases
from bot.messages import Message
from bot.money import format_money, from_cents, to_cents
from bot.playbook import Playbook, Role
from bot.policy import Decision, EmpowermentPolicy
from bot.records import OPEN_STATUSES, CaseRecord, OfferRecord
from bot.replies import CaseCard, Notice, Overview, Reply, Reported
from bot.suggestion import Suggestion, case_disputed, case_paid
from bot.words import record_shown, words_from_record
from store import cases as store
from store import deliveries as outbox

__all__ = ["ActionOutcome", "Casework", "Moved", "Suggestion"]


class Moved(Exception):
    """The case changed under this request after it was read; the transaction is rolled back
    and the person is told to look again. With the case row locked this is a last line of
    defence, not the usual path."""


@dataclass(frozen=True, slots=True)
class ActionOutcome:
    reply: Reply
    delivered: bool = False
    """True when the action queued messages for others (the sender should wake up)."""


SAME_CUSTOMER_WINDOW = timedelta(minutes=30)
"""A report for the same customer reference as an open case this recent is likely the same
problem: the reporter is asked whether to add it to that case."""
UNSURE_WINDOW = timedelta(minutes=5)
"""How long a team alert about an unconfirmed case waits for the reporter to pick the scenario."""


class Casework:
    def __init__(self, playbook: Playbook, clock: Clock,
                 unsure_window: timedelta = UNSURE_WINDOW) -> None:
        self.playbook = playbook
        self.policy = EmpowermentPolicy(playbook)
        self.clock = clock
        self.unsure_window = unsure_window
        self.same_window = SAME_CUSTOMER_WINDOW

    def open_case(self, conn: Connection, message: Message, text: str, suggestion: Suggestion,
                  reference: str | None, paid: Decimal | None, *, spotted: bool = False) -> Reported:
        """`spotted`: found in a feedback channel, not reported by a person; nobody owns it until
        someone takes it from the team's alert."""
        if message.source_key:
            existing = store.case_by_source(conn, message.workspace, message.source_key)
            if existing is not None:
                return Reported(case=existing, suggestion=suggestion, duplicate=True)
        now = self.clock.now()
        found = suggestion.specifics.reference
        scenario = suggestion.scenario
        case = store.insert_case(conn, {
            "workspace_id": message.workspace,
            "number": store.take_case_number(conn, message.workspace, message.platform, now),
            "status": "escalated" if scenario.escalate else "open",
            "scenario": scenario.id,
            "confidence": round(suggestion.classification.confidence, 4),
            "runner_up": suggestion.classification.runner_up,
            "team": scenario.team,
            "severity": scenario.severity,
            "text": text,
            "customer_ref": reference or (found.normalised if found else None),
            "amount_paid_cents": None if paid is None else to_cents(paid),
            "currency": self.playbook.currency,
            "given_cents": 0,
            "reporter_id": message.user,
            "reporter_role": message.role,
            "owner_id": "" if spotted else message.user,
            "platform": message.platform,
            "channel_id": message.channel,
            "source_key": message.source_key,
            "created_at": now,
            "due_at": now + scenario.resolve_within,
            "language": suggestion.brief.language,
            "also": suggestion.brief.also,
            "safety": suggestion.brief.safety,
            "confirmed": suggestion.decided.confirmed,
            "amount_disputed_cents": None if suggestion.decided.disputed is None
            else to_cents(suggestion.decided.disputed),
        })
        store.record_event(conn, case, "reported", message.actor, now, scenario.id)
        record_shown(conn, case, suggestion.words, message.actor, now, version=1)
        if scenario.escalate:
            store.record_event(conn, case, "escalated", message.actor, now,
                               "always escalated: " + scenario.id)
        if not spotted:
            outbox.enqueue(conn, case, "case_card", message.user, now)
        kind = "escalation" if scenario.escalate else "feedback_alert" if spotted else "team_alert"
        text = (f"Case #{case.number} ({_label(case.scenario)}) needs a manager now."
                if scenario.escalate else f"New case #{case.number}: {_label(case.scenario)}.")
        due = now
        if not case.confirmed and kind == "team_alert":  # the team hears once the reporter picks
            due = now + self.unsure_window
            text = (f"New case #{case.number}: {_label(case.scenario)}, not confirmed (the engine "
                    "wasn't sure and the reporter hasn't picked yet).")
        outbox.enqueue(conn, case, kind, scenario.team, now, text=text, due_at=due)
        if scenario.escalate:
            outbox.enqueue(conn, case, "escalation_managers", "managers", now, text=text)
        followups.on_opened(conn, self.playbook, case, now)
        same = None if case.safety else store.recent_open_case_for(conn, case, now - self.same_window)
        if same is not None:
            store.record_event(conn, case, "linked", message.actor, now,
                               f"same customer as case #{same.number}")
        return Reported(case=case, suggestion=suggestion, same_customer=same)

    def existing(self, conn: Connection, workspace: str, source_key: str) -> CaseRecord | None:
        return store.case_by_source(conn, workspace, source_key)

    def show(self, conn: Connection, message: Message, role: Role, number: int,
             headline: str = "") -> Reply:
        case = store.case_by_number(conn, message.workspace, number)
        if case is None:
            return _not_found(number)
        return self._card(conn, case, role, headline or f"Case #{case.number}")

    def find(self, conn: Connection, message: Message, command: FindCases,
             role: Role | None = None) -> Reply:
        """`/case mine`, `/case open`, `/case waiting`, `/case room 214` (bot/lists.py)."""
        return lists.find(self, conn, message, command, role)

    def overview(self, conn: Connection, message: Message, role: Role) -> Overview:
        return lists.overview(self, conn, message, role)

    def follow_up(self, conn: Connection, message: Message, delivery_id: int,
                  snooze_until: datetime | None, zone: tzinfo) -> Reply:
        return followups.answer(conn, message, delivery_id, snooze_until, self.clock.now(), zone,
                                 playbook=self.playbook)

    def act(self, conn: Connection, message: Message, role: Role,
            command: CaseAction) -> ActionOutcome:
        case = store.case_by_number(conn, message.workspace, command.number, lock=True)
        if case is None:
            return ActionOutcome(_not_found(command.number))
        match command.verb:
            case "offer":
                return self._offer(conn, case, message, role, command)
            case "request":
                return self._request(conn, case, message, role, command)
            case "approve":
                return self._decide(conn, case, message, role, command, approve=True)
            case "decline":
                return self._decide(conn, case, message, role, command, approve=False)
            case "escalate":
                return self._escalate(conn, case, message, role, command)
            case "resolve":
                return self._resolve(conn, case, message, role, command)
            case "outcome":
                return self._outcome(conn, case, message, role, command)
            case "take":
                return self._take(conn, case, message, role, command)
            case "void":
                return amendments.void(self, conn, case, message, role, command)
            case "undo":
                return amendments.undo(self, conn, case, message, role, command)
            case "assign":
                return amendments.assign(self, conn, case, message, role, command)
            case "merge":
                return amendments.merge(self, conn, case, message, role, command)
            case _:
                assert_never(command.verb)

    def _offer(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
               command: CaseAction) -> ActionOutcome:
        decision = self._fresh_option(conn, case, role, command)
        if isinstance(decision, Notice):
            return ActionOutcome(decision)
        index = decision.index
        if not decision.on_the_spot:
            return ActionOutcome(Notice(
                f"Option {index + 1} ({decision.option.description}) {decision.reason}. "
                f"Ask for approval with `/case {case.number} request {index + 1}`.", error=True))
        now = self.clock.now()
        value = to_cents(decision.amount)
        self._insert_offer(conn, case, decision, "given", message, now, command.note)
        changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES,
                                    **_spent(case, decision.correction, value))
        if changed is None:
            raise Moved(f"Case #{case.number} changed a moment ago; nothing was recorded. "
                        f"`/case {case.number}` shows it now.")
        store.record_event(conn, changed, "offered", message.actor, now,
                           f"{decision.option.kind}: {decision.option.description}")
        headline = f"Recorded on case #{case.number}: {decision.option.description}" \
                   f" ({self._money(decision.amount)})."
        outbox.enqueue_card_update(conn, changed, now, text=headline)
        return ActionOutcome(self._card(conn, changed, role, headline), delivered=True)

    def _request(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                 command: CaseAction) -> ActionOutcome:
        decision = self._fresh_option(conn, case, role, command)
        if isinstance(decision, Notice):
            return ActionOutcome(decision)
        index = decision.index
        if decision.on_the_spot:
            return ActionOutcome(Notice(f"You can give option {index + 1} yourself: "
                                        f"`/case {case.number} offer {index + 1}`."))
        now = self.clock.now()
        offer = self._insert_offer(conn, case, decision, "pending", message, now, command.note)
        changed = store.change_case(conn, case, from_statuses=("open",),
                                    status="awaiting_approval") or case
        store.record_event(conn, changed, "approval_requested", message.actor, now,
                           f"{decision.option.kind}: {decision.option.description}")
        why = f" Their reason: {command.note}" if command.note else ""
        text = (f"{message.user} asks to give {decision.option.description} "
                f"({self._money(decision.amount)}) on case #{case.number} "
                f"({case.scenario.replace('_', ' ')}): {decision.reason}.{why}")
        headline = f"Asked a manager to approve option {index + 1} on case #{case.number}."
        outbox.enqueue(conn, changed, "approval_request", "managers", now, text=text,
                       offer_id=offer.id)
        followups.on_approval_requested(conn, self.playbook, changed, offer, now)
        outbox.enqueue_card_update(conn, changed, now, text=headline)
        return ActionOutcome(self._card(conn, changed, role, headline), delivered=True)

    def _decide(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                command: CaseAction, *, approve: bool) -> ActionOutcome:
        pending = [offer for offer in store.offers_of(conn, case) if offer.status == "pending"
                   and (command.option is None or offer.option_index == command.option - 1)]
        if not pending:
            return ActionOutcome(Notice(f"Case #{case.number} has no request waiting for a "
                                        "decision; `/case " f"{case.number}` shows what was decided."))
        offer = pending[0]
        scenario = self.playbook.scenario(case.scenario)
        option = (scenario.compensation[offer.option_index]
                  if offer.option_index < len(scenario.compensation) else None)
        if option is None:
            return ActionOutcome(Notice("That option is no longer in the playbook; decline it.",
                                        error=True))
        amount = command.amount if approve and command.amount is not None \
            else from_cents(offer.value_cents)
        if approve:
            blocker = self.policy.may_approve(option, role, from_cents(case.given_cents), amount,
                                              from_cents(case.corrected_cents))
            if blocker:
                return ActionOutcome(Notice(f"You can't approve this: {blocker}.", error=True))
        elif role.rank == 0:
            return ActionOutcome(Notice("Only a supervisor or manager can decline a request.",
                                        error=True))
        now = self.clock.now()
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
        what = f"{offer.description} ({self._money(amount)} instead of " \
               f"{self._money(from_cents(offer.value_cents))})" if changed_amount else offer.description
        text = f"{message.user} {verb} {what} on case #{case.number}."
        outbox.enqueue(conn, changed, "approval_decided", "managers", now, text=text,
                       offer_id=offer.id)
        followups.on_approval_decided(conn, changed, offer, now)
        outbox.enqueue_card_update(conn, changed, now, text=text)
        return ActionOutcome(self._card(conn, changed, role, text[0].upper() + text[1:]),
                             delivered=True)

    def _escalate(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                  command: CaseAction) -> ActionOutcome:
        if case.status == "escalated":
            return ActionOutcome(Notice(f"Case #{case.number} is already with a manager."))
        if not case.is_open:
            return ActionOutcome(_closed(case))
        now = self.clock.now()
        changed = store.change_case(conn, case, from_statuses=("open", "awaiting_approval"),
                                    status="escalated")
        if changed is None:
            return ActionOutcome(Notice(f"Case #{case.number} changed meanwhile; look again."))
        store.record_event(conn, changed, "escalated", message.actor, now, command.note)
        text = f"Case #{case.number} escalated by {message.user}" + \
               (f": {command.note}" if command.note else ".")
        outbox.enqueue(conn, changed, "escalation", case.team, now, text=text)
        outbox.enqueue(conn, changed, "escalation_managers", "managers", now, text=text)
        outbox.enqueue_card_update(conn, changed, now, text=text)
        return ActionOutcome(self._card(conn, changed, role, text), delivered=True)

    def _resolve(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                 command: CaseAction) -> ActionOutcome:
        if command.root_cause not in ROOT_CAUSES:
            return ActionOutcome(Notice(f"Say the root cause: one of {', '.join(ROOT_CAUSES)}.",
                                        error=True))
        if command.outcome is not None and command.outcome not in OUTCOMES:
            return ActionOutcome(Notice("The outcome is recovered, partly or lost.", error=True))
        if not case.is_open:
            return ActionOutcome(_closed(case))
        if any(offer.status == "pending" for offer in store.offers_of(conn, case)):
            return ActionOutcome(Notice(
                f"Case #{case.number} has a request waiting for approval; a manager approves or "
                f"declines it (`/case {case.number} decline`) before it can be resolved.",
                error=True))
        now = self.clock.now()
        changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES, status="resolved",
                                    root_cause=command.root_cause, resolved_at=now,
                                    outcome=command.outcome or case.outcome,
                                    resolution_note=command.note or None)
        if changed is None:
            return ActionOutcome(Notice(f"Case #{case.number} was resolved a moment ago."))
        store.record_event(conn, changed, "resolved", message.actor, now,
                           f"cause={command.root_cause}" + (f"; {command.note}" if command.note else ""))
        if command.outcome:
            store.record_event(conn, changed, "outcome_recorded", message.actor, now, command.outcome)
        followups.on_resolved(conn, self.playbook, changed, now)
        headline = f"Case #{case.number} resolved (root cause: {command.root_cause})."
        outbox.enqueue_card_update(conn, changed, now, text=headline)
        return ActionOutcome(self._card(conn, changed, role, headline), delivered=True)

    def _outcome(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                 command: CaseAction) -> ActionOutcome:
        if command.outcome not in OUTCOMES:
            return ActionOutcome(Notice("The outcome is recovered, partly or lost.", error=True))
        now = self.clock.now()
        changed = store.change_case(conn, case, from_statuses=(case.status,),
                                    outcome=command.outcome) or case
        store.record_event(conn, changed, "outcome_recorded", message.actor, now,
                           command.outcome or "")
        followups.on_outcome(conn, changed, now)
        headline = f"Outcome on case #{case.number}: {command.outcome}."
        outbox.enqueue_card_update(conn, changed, now, text=headline)
        return ActionOutcome(self._card(conn, changed, role, headline), delivered=True)

    def _take(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
              command: CaseAction) -> ActionOutcome:
        if case.owner_id == message.user:
            return ActionOutcome(Notice(f"Case #{case.number} is already yours."))
        if not case.is_open:
            return ActionOutcome(_closed(case))
        now = self.clock.now()
        changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES, owner_id=message.user)
        if changed is None:
            return ActionOutcome(_closed(case))
        store.record_event(conn, changed, "assigned", message.actor, now, f"from {case.owner_id or 'nobody'}")
        followups.on_taken(conn, self.playbook, changed, now)
        headline = f"Case #{case.number} is now handled by {message.user}."
        outbox.enqueue_card_update(conn, changed, now, text=headline)
        return ActionOutcome(self._card(conn, changed, role, headline), delivered=True)

    def _fresh_option(self, conn: Connection, case: CaseRecord, role: Role,
                      command: CaseAction) -> Decision | Notice:
        """The option a click or command names, decided for this role, if nothing was offered
        or asked for it yet on this (open) case."""
        index = self._option_index(case, command)
        if isinstance(index, Notice):
            return index
        if not case.is_open:
            return _closed(case)
        earlier = self._earlier_offer(conn, case, index)
        if earlier:
            return Notice(earlier)
        return self.policy.decide(self.playbook.scenario(case.scenario), index, role,
                                  from_cents(case.given_cents), case_paid(case),
                                  disputed=case_disputed(case),
                                  corrected=from_cents(case.corrected_cents))

    def _option_index(self, case: CaseRecord, command: CaseAction) -> int | Notice:
        scenario = self.playbook.scenario(case.scenario)
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

    def _earlier_offer(self, conn: Connection, case: CaseRecord, index: int) -> str:
        for offer in store.offers_of(conn, case):
            if offer.option_index == index and offer.status != "withdrawn":  # undone: offer again
                state = {"given": "was already given", "pending": "is already waiting for approval",
                         "declined": "was declined"}[offer.status]
                return f"Option {index + 1} on case #{case.number} {state}; nothing changed."
        return ""

    def _insert_offer(self, conn: Connection, case: CaseRecord, decision: Decision, status: str,
                      message: Message, now: datetime, reason: str = "") -> OfferRecord:
        option = decision.option
        values = {
            "case_id": case.id, "workspace_id": case.workspace_id, "option_index": decision.index,
            "kind": option.kind, "description": option.description,
            "value_cents": to_cents(decision.amount), "currency": self.playbook.currency,
            "status": status, "requested_by": message.user, "created_at": now,
            "requested_cents": to_cents(decision.amount), "is_correction": option.correction,
            "reason": reason or None,
        }
        undone = next((o for o in store.offers_of(conn, case)
                       if o.option_index == decision.index and o.status == "withdrawn"), None)
        if undone is not None:  # one row per option: an undone one is given again in place
            return store.revive_offer(conn, undone, values)
        return store.insert_offer(conn, values)

    def card(self, conn: Connection, case: CaseRecord, role: Role, headline: str) -> CaseCard:
        """The case as `role` sees it now (for bot/amendments.py)."""
        return self._card(conn, case, role, headline)

    def _card(self, conn: Connection, case: CaseRecord, role: Role, headline: str) -> CaseCard:
        decisions = self.policy.decide_all(self.playbook.scenario(case.scenario), role,
                                           from_cents(case.given_cents), case_paid(case),
                                           disputed=case_disputed(case),
                                           corrected=from_cents(case.corrected_cents))
        stored = store.latest_words(conn, case)
        return CaseCard(headline=headline, case=case, offers=tuple(store.offers_of(conn, case)),
                        events=tuple(store.events_of(conn, case)), options=tuple(decisions),
                        words=None if stored is None else words_from_record(stored),
                        reminders=tuple(outbox.upcoming(conn, case, followups.FOLLOW_UPS)))

    def _money(self, amount: Decimal) -> str:
        return format_money(amount, self.playbook.currency)


def _label(scenario_id: str) -> str:
    return scenario_id.replace("_", " ")


def _spent(case: CaseRecord, correction: bool, cents: int) -> dict[str, int]:
    """A correction puts an error right and is kept apart from goodwill."""
    if correction:
        return {"corrected_cents": case.corrected_cents + cents}
    return {"given_cents": case.given_cents + cents}


def _not_found(number: int) -> Notice:
    return Notice(f"No case #{number} here. Try `/case open` or `/case mine`.", error=True)


def _closed(case: CaseRecord) -> Notice:
    return Notice(f"Case #{case.number} is already resolved; record how it ended with "
                  f"`/case {case.number} outcome recovered|partly|lost`.", error=True)
