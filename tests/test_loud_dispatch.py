"""Unknown commands and reply kinds fail loudly (match + assert_never), never fall through to a
default that answers something plausible; and the console shows the words like Slack does."""

from __future__ import annotations

from typing import cast

import pytest

from bot.commands import Command
from bot.core import Amends
from bot.engine import OfflineEngine
from bot.playbook import Playbook
from bot.replies import CaseCard, Reply, Reported
from handlers.console.render import render
from tests.blockkit import reported
from tests.conftest import say


async def test_an_unknown_command_kind_fails_loudly_in_the_core(amends: Amends) -> None:
    with pytest.raises(AssertionError):
        await amends.run(say("/case 1"), cast(Command, ("case", 1)))


def test_an_unknown_reply_kind_fails_loudly_in_the_console() -> None:
    with pytest.raises(AssertionError):
        render(cast(Reply, "not a reply"))


def test_the_console_marks_the_recommended_option_and_shows_stored_words_on_the_card(
        engine: OfflineEngine, playbook: Playbook) -> None:
    answer: Reported = reported(engine, playbook, "table 7 burger came out cold")
    text = render(answer)
    assert text.index("Say:") < text.index("You can give now:")
    assert "1. Remake the dish, prioritised [about $15; add paid= for the exact amount]  <- recommended" in text
    card = CaseCard("Case #42", answer.case, (), (), (), words=answer.suggestion.words)
    shown = render(card)
    assert f"  Say:      {answer.suggestion.apology}" in shown
    assert "Ask: " in shown, "the card carries the conversation guide too"
