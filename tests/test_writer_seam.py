"""The writer seam: a writer gets what code decided and returns words; it cannot touch the money.

Every version of the words shown to the reporter is stored with who wrote it, and cards,
`/case N` and the audit trail show the latest. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from decimal import Decimal

from bot.clock import ManualClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.replies import CaseCard, Reported
from bot.suggestion import Suggestion
from bot.words import Brief, BriefOption, Guide, Words, accept, words_columns
from store import cases as case_store
from store.db import Database
from tests.conftest import say


class ModelWriter:
    """A stand-in for an LLM writer: it words the brief its own way and records what it got."""

    def __init__(self, recommend: str | None = None, language: str = "es") -> None:
        self.briefs: list[Brief] = []
        self.recommend = recommend
        self.language = language

    async def write(self, brief: Brief) -> Words:
        self.briefs.append(brief)
        first = brief.options[0].id if brief.options else None
        return Words(apology=f"Lo siento mucho por {brief.specifics.item or 'esto'}.",
                     explanation="Lo arreglo ahora mismo.",
                     guide=Guide(empathy="Entiendo su molestia.", questions=("¿Quiere otro plato?",)),
                     recommended=self.recommend if self.recommend is not None else first,
                     language=self.language, writer="llm", prompt_version="recovery-v3",
                     model="local-8b")


class TamperingWriter:
    """Tries everything a writer must not be able to do: change, add and price options."""

    async def write(self, brief: Brief) -> Words:
        fake = BriefOption(id="food_quality.9", kind="refund", description="Refund $500",
                           value=Decimal(500), currency="USD")
        object.__setattr__(brief, "options", (fake,))
        object.__setattr__(brief, "needs_approval", ())
        object.__setattr__(brief.scenario, "escalate", False)
        if brief.specifics.reference is not None:
            object.__setattr__(brief.specifics.reference, "value", "999")
        return Words(apology="Sorry.", explanation="Here is $500.", recommended="food_quality.9",
                     writer="hostile")


class BrokenWriter:
    async def write(self, brief: Brief) -> Words:
        raise TimeoutError("the model did not answer")


def amends_with(writer: object, playbook: Playbook, engine: OfflineEngine, database: Database,
                clock: ManualClock) -> Amends:
    amends = Amends(playbook=playbook, database=database, writer=writer, clock=clock)  # type: ignore[arg-type]
    amends._offline = engine  # share the session's classifier instead of loading another
    return amends


async def test_a_writer_gets_only_what_code_decided_and_its_words_reach_the_reporter(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    writer = ModelWriter()
    amends = amends_with(writer, playbook, engine, database, clock)
    reply = await amends.handle(say("guest in room 214 was charged twice for dinner"))
    assert isinstance(reply, Reported)
    [brief] = writer.briefs
    offline = engine.suggest("guest in room 214 was charged twice for dinner", playbook.role("frontline"))
    assert brief.scenario.id == "billing_error" and brief.role == "frontline" and brief.language == "en"
    assert [o.id for o in brief.options] == [f"billing_error.{d.index + 1}" for d in offline.on_the_spot]
    assert [o.id for o in brief.needs_approval] == [f"billing_error.{d.index + 1}" for d in offline.needs_approval]
    assert all(o.reason for o in brief.needs_approval) and not any(o.reason for o in brief.options)
    assert reply.words.apology.startswith("Lo siento") and reply.words.writer == "llm"
    assert reply.suggestion.on_the_spot == offline.on_the_spot
    assert reply.suggestion.needs_approval == offline.needs_approval

    stored = await database.run(lambda conn: case_store.latest_words(conn, reply.case))
    assert stored is not None and stored.version == 1
    assert (stored.writer, stored.prompt_version, stored.model, stored.language) == \
        ("llm", "recovery-v3", "local-8b", "es")
    assert stored.apology == reply.words.apology and stored.recommended_option == brief.options[0].id
    assert stored.guide["questions"] == ["¿Quiere otro plato?"] and stored.safety_steps == ()


async def test_an_option_id_the_writer_was_not_given_is_dropped(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    amends = amends_with(ModelWriter(recommend="refund_everything"), playbook, engine, database, clock)
    reply = await amends.handle(say("table 7 burger came out cold"))
    assert isinstance(reply, Reported)
    assert reply.words.recommended is None
    stored = await database.run(lambda conn: case_store.latest_words(conn, reply.case))
    assert stored is not None and stored.recommended_option is None


async def test_a_writer_that_tampers_with_the_brief_changes_no_option_and_no_amount(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    amends = amends_with(TamperingWriter(), playbook, engine, database, clock)
    reply = await amends.handle(say("table 7 burger came out cold"))
    assert isinstance(reply, Reported)
    honest = engine.suggest("table 7 burger came out cold", playbook.role("frontline"))
    assert reply.suggestion.on_the_spot == honest.on_the_spot
    assert [d.option.value for d in reply.suggestion.on_the_spot] == [Decimal(15), Decimal(20), Decimal(8)]
    assert reply.words.recommended is None, "food_quality.9 was never offered"
    assert reply.case.customer_ref == "table 7"
    offered = await amends.handle(say(f"/case {reply.case.number} offer 1"))
    assert isinstance(offered, CaseCard) and offered.case.given_cents == 1500
    card = await amends.handle(say(f"/case {reply.case.number}"))
    assert isinstance(card, CaseCard)
    assert [d.option.description for d in card.options] == \
        [d.option.description for d in honest.on_the_spot + honest.needs_approval]


async def test_a_failing_writer_leaves_the_offline_words(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    amends = amends_with(BrokenWriter(), playbook, engine, database, clock)
    reply = await amends.handle(say("table 7 burger came out cold"))
    assert isinstance(reply, Reported)
    assert "burger" in reply.words.apology and reply.words.writer == "offline"
    stored = await database.run(lambda conn: case_store.latest_words(conn, reply.case))
    assert stored is not None and stored.writer == "offline"


def test_accept_keeps_only_ids_code_allowed() -> None:
    words = Words(apology="Sorry.", explanation="On it.", recommended="food_quality.2")
    assert accept(words, frozenset({"food_quality.1", "food_quality.2"})).recommended == "food_quality.2"
    assert accept(words, frozenset({"food_quality.1"})).recommended is None


def test_a_suggestion_made_by_hand_still_drops_an_unknown_recommendation(
        engine: OfflineEngine, playbook: Playbook) -> None:
    suggestion = engine.suggest("table 7 burger came out cold", playbook.role("frontline"))
    assert suggestion.recommended == "food_quality.1"
    forged = Suggestion(suggestion.decided, dataclasses.replace(suggestion.words, recommended="x.1"))
    assert forged.recommended is None


async def test_every_version_of_the_words_is_kept_and_the_card_shows_the_latest(
        amends: Amends, database: Database, clock: ManualClock) -> None:
    reply = await amends.handle(say("table 7 burger came out cold"))
    assert isinstance(reply, Reported)
    assert reply.words.writer == "offline" and reply.words.prompt_version.startswith("playbook:")
    update = Words(apology="Lo siento mucho por su hamburguesa en la mesa 7.", explanation="La rehacemos ya.",
                   language="es", writer="llm", prompt_version="recovery-v3", model="local-8b")
    clock.advance(timedelta(seconds=30))
    second = await database.run(lambda conn: case_store.record_words(
        conn, reply.case, words_columns(update), clock.now()))
    assert second.version == 2

    card = await amends.handle(say(f"/case {reply.case.number}"))
    assert isinstance(card, CaseCard) and card.words is not None
    assert card.words.apology == update.apology and card.words.language == "es"
    history = await database.run(lambda conn: case_store.words_of(conn, reply.case))
    assert [(w.version, w.writer) for w in history] == [(1, "offline"), (2, "llm")]
    latest = await database.run(lambda conn: case_store.latest_words_of_cases(conn, [reply.case]))
    assert latest[reply.case.id].version == 2
    [shown] = [e for e in card.events if e.kind == "words"]
    assert "version 1" in shown.detail and "offline" in shown.detail and shown.actor_id == "U_ANN"


async def test_words_of_a_case_are_not_readable_from_another_workspace(
        amends: Amends, database: Database) -> None:
    reply = await amends.handle(say("table 7 burger came out cold", workspace="T_A"))
    assert isinstance(reply, Reported)
    elsewhere = dataclasses.replace(reply.case, workspace_id="T_B")
    assert await database.run(lambda conn: case_store.latest_words(conn, elsewhere)) is None
    assert await database.run(lambda conn: case_store.latest_words_of_cases(conn, [elsewhere])) == {}
