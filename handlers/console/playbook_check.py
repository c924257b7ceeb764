"""`amends playbook check FILE`: validate a playbook before it is deployed.

Exit 2 with the loader's one line (file, field, problem) when it cannot load; otherwise exit 0
with what it holds, and warnings (exit 1 with --strict) for words staff should not read to a
guest: a language missing, an explanation that states a cause, a promise only an option may
make, a safety apology that admits fault.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.phrasing import LANGUAGES
from bot.playbook import Playbook, PlaybookError, load_playbook
from bot.playbook.loader import shipped_playbooks
from bot.playbook.words_loader import SAFETY_KINDS
from bot.wording_rules import admits_fault, asserts_unknown, promises


def add_playbook_parser(commands: Any) -> None:
    playbook = commands.add_parser("playbook", help="check a playbook before you deploy it")
    sub = playbook.add_subparsers(dest="playbook_command", required=True)
    check = sub.add_parser("check", help="validate FILE (or a shipped name) and review its words")
    check.add_argument("file", metavar="FILE", help="a playbook file, or one of: "
                       + ", ".join(shipped_playbooks()))
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    check.set_defaults(run=run_check, needs_playbook=False)


def run_check(args: argparse.Namespace, *_: object) -> int:
    try:
        playbook = load_playbook(args.file)
    except PlaybookError as error:
        print(f"amends playbook check: {error}", file=sys.stderr)
        return 2
    warnings = review(playbook)
    languages = sorted({lang for s in playbook.scenarios.values() for lang in s.words} or {"en"})
    print(f"{playbook.source}: loads. {len(playbook.scenarios)} scenarios, roles "
          f"{', '.join(playbook.role_names)}, words in {', '.join(languages)}.")
    for warning in warnings:
        print(f"  warning: {warning}")
    if not warnings:
        print("  no warnings.")
    return 1 if warnings and args.strict else 0


def review(playbook: Playbook) -> list[str]:
    """What an admin should look at before staff read these words to guests."""
    found: list[str] = []
    for scenario in playbook.scenarios.values():
        where = f"scenarios.{scenario.id}"
        missing = [lang for lang in LANGUAGES if lang not in scenario.words]
        if missing:
            found.append(f"{where}: no words in {', '.join(missing)} (answered in English)")
        for language, words in scenario.words.items():
            at = f"{where}.words.{language}"
            claim = asserts_unknown(words.explanation, language)
            if claim:
                found.append(f"{at}.explanation states what staff can't know ({claim!r})")
            for field, line in (("apology", words.apology), ("explanation", words.explanation),
                                ("closing", words.closing)):
                promise = promises(line, language)
                if promise:
                    found.append(f"{at}.{field} promises what only an option may give ({promise!r})")
            fault = admits_fault(words.apology, language) if scenario.escalate else None
            if fault:
                found.append(f"{at}.apology admits fault in an escalated scenario ({fault!r})")
    missing_kinds = [kind for kind in SAFETY_KINDS if kind not in playbook.safety_steps]
    if missing_kinds:
        found.append(f"safety.steps: none for {', '.join(missing_kinds)}")
    return found
