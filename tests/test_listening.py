"""The listening rule lives in the core: a feedback-channel message becomes a case only when it
reads as a failure, classified once, unowned until someone takes it. Platforms only convert."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.classifier import Classification
from bot.clock import ManualClock
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.messages import Message
from bot.playbook import Playbook
from bot.replies import Reported
from store.cases import CASES
from store.db import Database
from store.deliveries import DELIVERIES
from tests.conftest import say


class CountingEngine(OfflineEngine):
    """The offline engine, counting how often it is asked to classify."""

    def __init__(self, engine: OfflineEngine) -> None:
        super().__init__(engine.playbook, engine.classifier)
        self.classified = 0

    def classify(self, text: str) -> Classification:
        self.classified += 1
        return super().classify(text)


def feedback(text: str, key: str) -> Message:
    return say(text, user="B_SURVEY", role="manager", channel="C_FEEDBACK", platform="slack",
               source_key=key)


async def cases(database: Database) -> int:
    return int(await database.run(lambda conn: conn.execute(select(func.count()).select_from(CASES)).scalar_one()))


async def test_a_failure_in_a_feedback_channel_becomes_an_unowned_case_classified_once(
        playbook: Playbook, engine: OfflineEngine, database: Database, clock: ManualClock) -> None:
    counting = CountingEngine(engine)
    amends = Amends(playbook=playbook, database=database, writer=counting, clock=clock)
    spotted = await amends.listen(feedback("Waited 50 minutes for a cold pizza, never again", "Ev1"))
    assert isinstance(spotted, Reported)
    assert counting.classified == 1
    case = spotted.case
    assert case.owner_id == "" and case.reporter_id == "B_SURVEY" and case.channel_id == "C_FEEDBACK"
    assert case.reporter_role == playbook.lowest_role.name, "listening never acts with the poster's role"
    kinds = await database.run(lambda conn: [row[0] for row in conn.execute(
        select(DELIVERIES.c.kind).where(DELIVERIES.c.case_id == case.id))])
    assert "feedback_alert" in kinds and "case_card" not in kinds


async def test_praise_chat_and_questions_open_no_case(amends: Amends, database: Database) -> None:
    for n, text in enumerate(["Lovely evening, the staff were wonderful, thank you!",
                              "what time does the bar open tomorrow?",
                              "   ", "🙂🙂🙂"]):
        assert await amends.listen(feedback(text, f"Ev{n}")) is None
    assert await cases(database) == 0


async def test_the_same_feedback_delivered_twice_is_one_case(amends: Amends, database: Database) -> None:
    first = await amends.listen(feedback("room 508 was filthy and the shower was broken", "Ev9"))
    again = await amends.listen(feedback("room 508 was filthy and the shower was broken", "Ev9"))
    assert isinstance(first, Reported) and isinstance(again, Reported)
    assert again.duplicate and again.case.number == first.case.number
    assert await cases(database) == 1
