"""The `amends` command run as a real process, the way an admin or a script runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def run_amends(*args: str, env: dict[str, str] | None = None, stdin: str = "",
               ) -> subprocess.CompletedProcess[str]:
    """`amends ARGS` with only the AMENDS_* / SLACK_* variables given in `env`."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "handlers.cli", *args], input=stdin,
                          capture_output=True, text=True, env=full_env, timeout=60, cwd=REPO)
