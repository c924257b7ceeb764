"""The LLM prompts in `prompts/`, loaded by name: `suggest` is the newest `suggest.vN.md`.

Versioned like code: a changed prompt is a new file, and every case records the version that
wrote what its reporter was shown (`case_words.prompt_version`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_VERSIONED = re.compile(r"^(?P<name>[a-z_]+)\.v(?P<version>\d+)\.md$")


@dataclass(frozen=True, slots=True)
class Prompt:
    name: str
    version: str
    """"suggest.v1": what the case records."""
    text: str


@cache
def load_prompt(name: str, folder: Path = PROMPTS_DIR) -> Prompt:
    """The newest version of prompt `name`; FileNotFoundError names what is there."""
    found = [(int(m.group("version")), path) for path in folder.glob(f"{name}.v*.md")
             if (m := _VERSIONED.match(path.name)) and m.group("name") == name]
    if not found:
        there = ", ".join(sorted(p.name for p in folder.glob("*.md") if p.name != "README.md"))
        raise FileNotFoundError(f"no prompt '{name}' in {folder} (there: {there or 'none'})")
    version, path = max(found)
    return Prompt(name=name, version=f"{name}.v{version}", text=path.read_text(encoding="utf-8"))
