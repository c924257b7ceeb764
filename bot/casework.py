"""The case workflow, run inside one database transaction per request.

Every state change is conditional on the state it starts from, so a double click or a retry
finds the work done and changes nothing; every change writes an audit event.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from typing import assert_never

from sqlalchemy import Connection

from bot import amendments, followups, lists, offers
from bot.clock import Clock
from bot.commands import OUTCOMES, ROOT_CAUSES, CaseAction, FindCases
from bot.messages import Message
from bot.money import format_money, from_cents, to_cents
from bot.outcomes import ActionOutcome, Moved, closed, not_found
from bot.playbook import Playbook, Role
from bot.policy import EmpowermentPolicy
from bot.records import OPEN_STATUSES, CaseRecord
from bot.replies import CaseCard, Notice, Overview, Reply, Reported
from bot.suggestion import Suggestion, case_disputed, case_paid
from bot.words import record_shown, words_from_record
from store import cases as store
from store import deliveries as outbox

__all__ = ["ActionOutcome", "Casework", "Moved", "Suggestion"]


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
            return not_found(number)
        return self.card(conn, case, role, headline or f"Case #{case.number}")

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
            return ActionOutcome(not_found(command.number))
        match command.verb:
            case "offer":
                return offers.offer(self, conn, case, message, role, command)
            case "request":
                return offers.request(self, conn, case, message, role, command)
            case "approve":
                return offers.decide(self, conn, case, message, role, command, approve=True)
            case "decline":
                return offers.decide(self, conn, case, message, role, command, approve=False)
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

    def _escalate(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                  command: CaseAction) -> ActionOutcome:
        if case.status == "escalated":
            return ActionOutcome(Notice(f"Case #{case.number} is already with a manager."))
        if not case.is_open:
            return ActionOutcome(closed(case))
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
        return ActionOutcome(self.card(conn, changed, role, text), delivered=True)

    def _resolve(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
                 command: CaseAction) -> ActionOutcome:
        if command.root_cause not in ROOT_CAUSES:
            return ActionOutcome(Notice(f"Say the root cause: one of {', '.join(ROOT_CAUSES)}.",
                                        error=True))
        if command.outcome is not None and command.outcome not in OUTCOMES:
            return ActionOutcome(Notice("The outcome is recovered, partly or lost.", error=True))
        if not case.is_open:
            return ActionOutcome(closed(case))
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
        return ActionOutcome(self.card(conn, changed, role, headline), delivered=True)

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
        return ActionOutcome(self.card(conn, changed, role, headline), delivered=True)

    def _take(self, conn: Connection, case: CaseRecord, message: Message, role: Role,
              command: CaseAction) -> ActionOutcome:
        if case.owner_id == message.user:
            return ActionOutcome(Notice(f"Case #{case.number} is already yours."))
        if not case.is_open:
            return ActionOutcome(closed(case))
        now = self.clock.now()
        changed = store.change_case(conn, case, from_statuses=OPEN_STATUSES, owner_id=message.user)
        if changed is None:
            return ActionOutcome(closed(case))
        store.record_event(conn, changed, "assigned", message.actor, now, f"from {case.owner_id or 'nobody'}")
        followups.on_taken(conn, self.playbook, changed, now)
        headline = f"Case #{case.number} is now handled by {message.user}."
        outbox.enqueue_card_update(conn, changed, now, text=headline)
        return ActionOutcome(self.card(conn, changed, role, headline), delivered=True)

    def card(self, conn: Connection, case: CaseRecord, role: Role, headline: str) -> CaseCard:
        """The case as `role` sees it now, with the options the policy leaves that role."""
        decisions = self.policy.decide_all(self.playbook.scenario(case.scenario), role,
                                           from_cents(case.given_cents), case_paid(case),
                                           disputed=case_disputed(case),
                                           corrected=from_cents(case.corrected_cents))
        stored = store.latest_words(conn, case)
        return CaseCard(headline=headline, case=case, offers=tuple(store.offers_of(conn, case)),
                        events=tuple(store.events_of(conn, case)), options=tuple(decisions),
                        words=None if stored is None else words_from_record(stored),
                        reminders=tuple(outbox.upcoming(conn, case, followups.FOLLOW_UPS)))

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.playbook.currency)


def _label(scenario_id: str) -> str:
    return scenario_id.replace("_", " ")
