"""The company's playbook: failure scenarios, roles and what each role may give."""

from bot.playbook.loader import PlaybookError, default_playbook_path, load_playbook
from bot.playbook.model import (
    CompensationOption,
    NudgeRule,
    Playbook,
    Role,
    Scenario,
    Team,
)

__all__ = [
    "CompensationOption",
    "NudgeRule",
    "Playbook",
    "PlaybookError",
    "Role",
    "Scenario",
    "Team",
    "default_playbook_path",
    "load_playbook",
]
