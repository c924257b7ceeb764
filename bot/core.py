"""The platform-free core: every platform hands a Message to `Amends.handle` and renders the
Reply it gets back. The case is stored before anyone is told its number."""

from __future__ import annotations

import asyncio
import copy
import dataclasses
import logging
from collections.abc import Callable, Coroutine, Mapping
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any, assert_never

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from bot import casework, rewording
from bot.classifier import Classification
from bot.classifier.engine import OTHER
from bot.clock import Clock, SystemClock
from bot.commands import (
    CaseAction,
    ChangeScenario,
    Command,
    CommandError,
    DigestRequest,
    FindCases,
    FollowUp,
    Help,
    Recover,
    ShowCase,
    SwitchLanguage,
    parse_command,
)
from bot.digest import Digest, build_digest, period_to_date
from bot.engine import OfflineEngine
from bot.help import HELP
from bot.messages import Message
from bot.playbook import Playbook, Role
from bot.playbook.durations import parse_duration
from bot.replies import DigestReply, Notice, Overview, Reply, Reported
from bot.reports import ReportError, clean_report
from bot.suggestion import Decided, Suggestion
from bot.sureness import PLAIN_REPORT_SURE
from bot.words import SuggestionWriter, Words, record_shown
from bot.zones import workspace_timezone
from store import cases as store_cases
from store import deliveries as outbox
from store.db import Database, DatabaseUnavailable

log = logging.getLogger(__name__)

UNAVAILABLE = ("Couldn't save that: the case database isn't reachable right now. Nothing was "
               "recorded; please try again in a minute.")


def reads_as_a_report(classification: Classification) -> bool:
    """A failure, a risk to someone, or a scenario the engine is very sure of."""
    return (classification.failure or classification.safety
            or (classification.scenario != OTHER and classification.confidence >= PLAIN_REPORT_SURE))


STANDARD_ANSWER = "Standard answer: the writer's own words didn't arrive in time or were refused."

NOT_A_PROBLEM = ("Thanks! That doesn't read like a problem for a customer, so I haven't logged "
                 "a case. If it is one, log it anyway with `/recover` and what happened.")


class Amends:
    def __init__(self, *, playbook: Playbook, database: Database,
                 writer: SuggestionWriter | None = None, clock: Clock | None = None,
                 wake: Callable[[], None] | None = None,
                 timezones: Mapping[str, str] | None = None,
                 emergency_numbers: Mapping[str, str] | None = None,
                 unsure_window: timedelta = casework.UNSURE_WINDOW,
                 words_later: bool = False) -> None:
        self.playbook = playbook
        self.database = database
        self.writer: SuggestionWriter | None = writer
        """Writes the words; None (or an OfflineEngine) means the offline engine's words."""
        self._offline = writer if isinstance(writer, OfflineEngine) else None
        self.clock = clock or SystemClock()
        self.timezones: Mapping[str, str] = timezones or {}
        """Configured IANA zones per workspace (or "*"); else the workspace's own (bot/zones.py)."""
        self.emergency_numbers: Mapping[str, str] = emergency_numbers or {}
        """The local emergency number per workspace (or "*"); else the playbook's."""
        self.wake = wake or (lambda: None)
        """Called after a commit that queued deliveries, so a platform's sender wakes up."""
        self.work = casework.Casework(playbook, self.clock, unsure_window)
        self.words_later = words_later
        """Answer with the offline words at once; a slower writer's words replace them in place
        when they arrive (Slack must be answered within 3 seconds)."""
        self._background: set[asyncio.Task[None]] = set()

    def emergency_number(self, workspace: str) -> str:
        numbers = self.emergency_numbers
        return numbers.get(workspace) or numbers.get("*") or self.playbook.emergency_number

    @property
    def offline(self) -> OfflineEngine:
        """The classifier and the fallback writer, loaded on first use."""
        if self._offline is None:
            self._offline = OfflineEngine(self.playbook)
        return self._offline

    def classify(self, text: str) -> Classification:
        """Scenario and failure flag from the offline engine, whatever writes the suggestions
        (an LLM writer is for words; recognising a failure stays local and fast)."""
        return self.offline.classify(text)

    async def handle(self, message: Message) -> Reply:
        try:
            command = parse_command(message.text)
        except CommandError as error:
            return Notice(str(error), error=True)
        return await self.run(message, command)

    async def listen(self, message: Message) -> Reported | None:
        """A message in a feedback channel, nobody's report: classified once, and only one that
        reads as a service failure becomes a case, unowned (spotted) until someone takes it
        from the team's alert. Chit-chat, praise and questions are left alone (None)."""
        try:
            cleaned = clean_report(message.text)
        except ReportError:
            return None
        classification = self.classify(cleaned)
        if not classification.failure:
            return None
        spotter = dataclasses.replace(message, role=self.playbook.lowest_role.name)
        reply = await self._report(spotter, self.playbook.lowest_role, cleaned, classification,
                                   spotted=True)
        if isinstance(reply, Notice):
            log.warning("a failure spotted in %s/%s was not stored: %s", message.workspace,
                        message.channel, reply.text)
            return None
        return reply

    async def run(self, message: Message, command: Command) -> Reply:
        role = self._role(message)
        if isinstance(role, Notice):
            return role
        try:
            match command:
                case Recover() if not command.explicit:
                    return await self.plain_text(message, role, command)
                case Recover():
                    return await self.report(message, command.text, reference=command.reference,
                                             paid=command.paid, disputed=command.amount)
                case Help():
                    return HELP
                case ShowCase():
                    number = command.number
                    return await self.database.run(
                        lambda conn: self.work.show(conn, message, role, number))
                case FindCases():
                    found = command
                    return await self.database.run(
                        lambda conn: self.work.find(conn, message, found, role))
                case DigestRequest():
                    return await self._digest(message, command.period)
                case FollowUp():
                    return await self.follow_up(message, command.delivery_id,
                                                snooze_until(command.snooze, self.clock.now()))
                case CaseAction():
                    return await self._act(message, role, command)
                case SwitchLanguage():
                    return await rewording.switch_language(self, message, role, command.number,
                                                           command.language)
                case ChangeScenario():
                    return await rewording.change_scenario(self, message, role, command.number,
                                                           command.scenario)
                case _:
                    assert_never(command)
        except DatabaseUnavailable as error:
            log.warning("database unavailable: %s", error)
            return Notice(UNAVAILABLE, error=True)

    async def plain_text(self, message: Message, role: Role, command: Recover) -> Reply:
        """Text without a command (a DM, a mention, the console): a case only when the engine
        reads a service failure or a risk to someone; small talk gets a short answer and a way
        to log it anyway. Safety is never held back by the failure flag."""
        try:
            cleaned = clean_report(command.text)
        except ReportError as error:
            return Notice(str(error), error=True)
        classification = self.classify(cleaned)
        if not reads_as_a_report(classification):
            return Notice(NOT_A_PROBLEM, log_anyway=cleaned)
        return await self._report(message, role, cleaned, classification,
                                  reference=command.reference, paid=command.paid,
                                  disputed=command.amount)

    async def _digest(self, message: Message, period: str) -> Reply:
        now = self.clock.now()

        def build(conn: Connection) -> Digest:
            tz = workspace_timezone(conn, message.workspace, self.timezones)
            start, end = period_to_date(period, now, tz)
            return build_digest(conn, self.playbook, workspace=message.workspace, team=None,
                                period=period, now=end, tz=tz, start=start, end=end)

        return DigestReply(await self.database.run(build))

    async def follow_up(self, message: Message, delivery_id: int, snooze_until: datetime | None,
                        zone: tzinfo = UTC) -> Reply:
        try:
            return await self.database.run(
                lambda conn: self.work.follow_up(conn, message, delivery_id, snooze_until, zone))
        except DatabaseUnavailable:
            return Notice(UNAVAILABLE, error=True)

    async def overview(self, message: Message) -> Overview | Notice:
        role = self._role(message)
        if isinstance(role, Notice):
            return role
        try:
            return await self.database.run(lambda conn: self.work.overview(conn, message, role))
        except DatabaseUnavailable:
            return Notice(UNAVAILABLE, error=True)

    async def report(self, message: Message, text: str, *, reference: str | None = None,
                     paid: Decimal | None = None, scenario_id: str | None = None,
                     spotted: bool = False, disputed: Decimal | None = None) -> Reply:
        role = self._role(message)
        if isinstance(role, Notice):
            return role
        try:
            cleaned = clean_report(text)
        except ReportError as error:
            return Notice(str(error), error=True)
        if scenario_id is not None and scenario_id not in self.playbook.scenarios:
            return Notice(f"`{scenario_id}` isn't a scenario in the playbook.", error=True)
        return await self._report(message, role, cleaned, self.classify(cleaned), reference=reference,
                                  paid=paid, scenario_id=scenario_id, spotted=spotted,
                                  disputed=disputed)

    async def _report(self, message: Message, role: Role, cleaned: str, classification: Classification,
                      *, reference: str | None = None, paid: Decimal | None = None,
                      scenario_id: str | None = None, spotted: bool = False,
                      disputed: Decimal | None = None) -> Reported | Notice:
        """Code decides (scenario, options for this role), the writer words it, then the case,
        its first words and its deliveries are stored in one transaction."""
        decided = self.offline.decide(cleaned, role, paid=paid, scenario_id=scenario_id,
                                      classification=classification, disputed=disputed,
                                      emergency_number=self.emergency_number(message.workspace))
        later = self.words_later and self.writer is not None and self.writer is not self._offline
        words = self.offline.words(decided.brief) if later else await self.words_by_writer(decided)
        suggestion = Suggestion(decided, words)
        try:
            reported = await self._store(message, cleaned, suggestion, reference, decided.paid,
                                         spotted)
        except DatabaseUnavailable as error:
            log.warning("database unavailable: %s", error)
            return Notice(UNAVAILABLE, error=True)
        if not reported.duplicate:
            self.wake()
            if later:
                self._in_background(self._better_words(message, reported, decided))
        return reported

    def _in_background(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def settle(self) -> None:
        """Waits for words still being written (tests; a clean shutdown)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    async def _better_words(self, message: Message, reported: Reported, decided: Decided) -> None:
        """The writer's words, when they arrive within its deadline and pass the guard, become
        the case's next version of the words, and the reporter's card is updated in place."""
        words = await self.words_by_writer(decided)
        if words.writer == "offline":
            return
        accepted = Suggestion(decided, words).words
        case_number = reported.case.number

        def store(conn: Connection) -> None:
            case = store_cases.case_by_number(conn, message.workspace, case_number, lock=True)
            if case is None or not case.is_open:
                return
            record_shown(conn, case, accepted, message.actor, self.clock.now())
            outbox.enqueue(conn, case, "card_update_dm", case.reporter_id, self.clock.now())

        try:
            await self.database.run(store)
        except DatabaseUnavailable as error:
            log.warning("the words from the writer could not be stored: %s", error)
            return
        self.wake()

    async def words_by_writer(self, decided: Decided) -> Words:
        """The writer's words for the brief; the offline words when there is no other writer,
        or when it fails or answers with something that isn't Words. The writer gets a copy of
        the brief: the suggestion's options come from `decided`, whatever it does with it."""
        writer = self.writer
        if writer is None or writer is self._offline:
            return self.offline.words(decided.brief)
        try:
            words = await writer.write(copy.deepcopy(decided.brief))
        except Exception as error:  # a plug-in behind a network: never lose a report to it
            log.warning("words writer %s: %s; the offline words stand", type(writer).__name__,
                        f"{type(error).__name__}: {error}"[:300])
            words = None
        if not isinstance(words, Words):
            standard = self.offline.words(decided.brief)
            return dataclasses.replace(standard, note=" ".join(filter(None, (
                STANDARD_ANSWER, standard.note))))
        return words

    async def _store(self, message: Message, text: str, suggestion: Suggestion,
                     reference: str | None, paid: Decimal | None, spotted: bool) -> Reported:
        try:
            return await self.database.run(lambda conn: self.work.open_case(
                conn, message, text, suggestion, reference, paid, spotted=spotted))
        except IntegrityError:
            if message.source_key is None:
                raise
            key = message.source_key
            existing = await self.database.run(
                lambda conn: self.work.existing(conn, message.workspace, key))
            if existing is None:
                raise
            return Reported(case=existing, suggestion=suggestion, duplicate=True)

    async def _act(self, message: Message, role: Role, command: CaseAction) -> Reply:
        try:
            outcome = await self.database.run(lambda conn: self.work.act(conn, message, role, command))
        except casework.Moved as moved:
            return Notice(str(moved))
        if outcome.delivered:
            self.wake()
        return outcome.reply

    def _role(self, message: Message) -> Role | Notice:
        if self.playbook.has_role(message.role):
            return self.playbook.role(message.role)
        return Notice(f"Your role `{message.role}` isn't in the playbook (roles: "
                      f"{', '.join(self.playbook.role_names)}); ask your admin.", error=True)


def snooze_until(snooze: str | None, now: datetime, zone: tzinfo = UTC) -> datetime | None:
    """"tomorrow" is 09:00 the next day where the person is; anything else is a duration."""
    if snooze is None:
        return None
    if snooze == "tomorrow":
        local = now.astimezone(zone) + timedelta(days=1)
        return local.replace(hour=9, minute=0, second=0, microsecond=0).astimezone(UTC)
    return now + parse_duration(snooze)
