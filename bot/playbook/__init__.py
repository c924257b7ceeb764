"""The company's playbook: failure scenarios, roles and what each role may give."""

from bot.playbook.loader import PlaybookError, default_playbook_path, load_playbook
from bot.playbook.model import (
    CompensationOption,
    FillIn,
    NudgeRule,
    Playbook,
    Role,
    Scenario,
    ScenarioWords,
    Team,
)

__all__ = [
    "CompensationOption",
    "FillIn",
    "NudgeRule",
    "Playbook",
    "PlaybookError",
    "Role",
    "Scenario",
    "ScenarioWords",
    "Team",
    "default_playbook_path",
    "load_playbook",
]
