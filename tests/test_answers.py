"""Answers a frontline employee can say and give: the customer's language, amounts that fit the
case, corrections kept apart from goodwill, an approver's own amount, a language switch."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.core import Amends
from bot.engine import OfflineEngine
from bot.money import amount_in, parse_amount
from bot.playbook import Playbook
from bot.replies import CaseCard, Notice, Reported
from store.cases import CASES, OFFERS
from store.db import Database
from tests.conftest import say


@pytest.mark.parametrize(("typed", "amount"), [
    ("84,50 €", "84.50"), ("€84.50", "84.50"), ("$1,234.50", "1234.50"), ("1.234,50 €", "1234.50"),
    ("R$ 45,90", "45.90"), ("CHF 34.50", "34.50"), ("12,50", "12.50"), ("1,250", "1250.00"),
    ("45", "45.00"), ("1 234,50 EUR", "1234.50"),
])
def test_amounts_are_read_the_way_the_locale_writes_them(typed: str, amount: str) -> None:
    assert parse_amount(typed) == Decimal(amount)


@pytest.mark.parametrize(("report", "amount"), [
    ("charged twice, $84.50 each, room 305", "84.50"),
    ("cobro doble de 84,50 € en la mesa 7", "84.50"),
    ("Zimmer 214 doppelt abgebucht: 84,50 EUR", "84.50"),
    ("pagou R$ 45,90 duas vezes", "45.90"),
    ("table 7 waited 40 min, room 214", None),
])
def test_an_amount_written_in_a_report_is_found_and_room_numbers_are_not(report: str,
                                                                          amount: str | None) -> None:
    found = amount_in(report)
    assert found == (Decimal(amount) if amount else None)


@pytest.mark.parametrize(("report", "language", "words"), [
    ("mesa 7 la sopa llegó fría y el cliente está molesto", "es", "mesa 7"),
    ("la cliente de la chambre 12 dit que la clim ne marche pas", "fr", "chambre 12"),
    ("Zimmer 214: Gast sagt, die Heizung geht nicht", "de", "Zimmer 214"),
    ("o hóspede do quarto 1107 diz que o quarto não estava limpo", "pt", "quarto 1107"),
])
def test_a_report_in_another_language_gets_its_apology_in_that_language(
        engine: OfflineEngine, playbook: Playbook, report: str, language: str, words: str) -> None:
    suggestion = engine.suggest(report, playbook.lowest_role)
    assert suggestion.words.language == language
    assert words in suggestion.apology
    assert not suggestion.words.note
    assert suggestion.words.guide.questions and suggestion.words.guide.alternatives


def test_a_latte_remake_costs_what_was_paid_and_is_within_frontline_power(
        engine: OfflineEngine, playbook: Playbook) -> None:
    suggestion = engine.suggest("latte $4.50 was lukewarm, customer wants a new one",
                                playbook.lowest_role)
    remake = next(d for d in suggestion.on_the_spot if d.option.kind == "redo")
    assert remake.amount == Decimal("4.50")


def test_a_duplicate_charge_is_refunded_in_full_as_a_correction(engine: OfflineEngine,
                                                                 playbook: Playbook) -> None:
    suggestion = engine.suggest("customer charged twice for dinner, 84.50 each, room 305",
                                playbook.lowest_role)
    refund = next(d for d in suggestion.on_the_spot if d.option.correction)
    assert refund.amount == Decimal("84.50")
    assert "refund" in refund.option.description.lower()


async def test_a_correction_is_kept_apart_from_goodwill(amends: Amends, database: Database) -> None:
    reply = await amends.handle(say("/recover charged twice for dinner amount=84.50 room 305"))
    assert isinstance(reply, Reported)
    number = reply.case.number
    refund = next(d for d in reply.suggestion.on_the_spot if d.option.correction)
    await amends.handle(say(f"/case {number} offer {refund.index + 1}"))
    goodwill = next(d for d in reply.suggestion.on_the_spot if not d.option.correction)
    await amends.handle(say(f"/case {number} offer {goodwill.index + 1}"))
    rows = await database.run(lambda conn: conn.execute(
        CASES.select().where(CASES.c.number == number)).mappings().one())
    assert (rows["corrected_cents"], rows["given_cents"]) == (8450, 1000)
    assert rows["amount_disputed_cents"] == 8450
    offers = await database.run(lambda conn: conn.execute(
        OFFERS.select().order_by(OFFERS.c.id)).mappings().all())
    assert [(o["is_correction"], o["value_cents"]) for o in offers] == [(True, 8450), (False, 1000)]


async def test_a_correction_above_the_frontline_limit_needs_a_supervisor(amends: Amends) -> None:
    reply = await amends.handle(say("/recover charged twice for the stay, $480 each, room 305"))
    assert isinstance(reply, Reported)
    refund = next(d for d in reply.suggestion.needs_approval if d.option.correction)
    assert refund.amount == Decimal("480.00")
    assert "correction limit" in refund.reason


async def test_an_approver_may_approve_another_amount_within_their_limit(amends: Amends,
                                                                         database: Database) -> None:
    reply = await amends.handle(say("/recover guest in 214 says the room was not cleaned"))
    assert isinstance(reply, Reported)
    upgrade = next(d for d in reply.suggestion.needs_approval if d.amount == Decimal(60))
    await amends.handle(say(f"/case 1 request {upgrade.index + 1}"))
    too_much = await amends.handle(say(f"/case 1 approve {upgrade.index + 1} $600",
                                       user="U_MGR", role="manager"))
    assert isinstance(too_much, Notice) and "above your $500 limit" in too_much.text
    done = await amends.handle(say(f"/case 1 approve {upgrade.index + 1} $45 regular guest",
                                   user="U_MGR", role="manager"))
    assert isinstance(done, CaseCard)
    assert "$45 instead of $60" in done.headline
    offer = await database.run(lambda conn: conn.execute(OFFERS.select()).mappings().one())
    assert (offer["status"], offer["value_cents"], offer["requested_cents"]) == ("given", 4500, 6000)
    assert await database.run(lambda conn: conn.execute(
        CASES.select()).mappings().one()["given_cents"]) == 4500


async def test_the_reporter_switches_the_words_to_the_guests_language(amends: Amends) -> None:
    reply = await amends.handle(say("/recover table 7 soup came out cold"))
    assert isinstance(reply, Reported) and reply.suggestion.words.language == "en"
    switched = await amends.handle(say("/case 1 language es"))
    assert isinstance(switched, CaseCard) and switched.words is not None
    assert switched.words.language == "es"
    assert "mesa 7" in switched.words.apology
    stranger = await amends.handle(say("/case 1 language fr", user="U_BOB"))
    assert isinstance(stranger, Notice) and stranger.error
    unknown = await amends.handle(say("/case 1 language klingon"))
    assert isinstance(unknown, Notice) and "en, es, fr, de or pt" in unknown.text


async def test_a_safety_incident_carries_emergency_and_first_aid_steps(amends: Amends) -> None:
    reply = await amends.handle(say("/recover table 4 her lips are swelling and she is using her "
                                    "EpiPen after the satay"))
    assert isinstance(reply, Reported)
    steps = reply.suggestion.words.safety_steps
    assert any("911" in step for step in steps)
    assert any("EpiPen" in step for step in steps)
    assert not reply.suggestion.on_the_spot
