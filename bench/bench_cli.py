"""Wall time of the whole `amends suggest` command, start to answer, as a script runs it: a new
process each time (interpreter start, imports, settings, playbook, classifier load, answer).

    .venv/bin/python bench/bench_cli.py [--runs 15] [--lines 200] [--against REV]

Prints median and p90 beside a baseline measured in the same run: a bare `python -c "import
json"` process start, the least any Python command costs. `--against REV` also runs the same
commands on another commit (exported with `git archive` to a temporary folder; nothing in the
working tree changes), e.g. `--against eed0045`, the last commit that counted the Naive Bayes
heads at load and imported the database layer for every command. The issue's budget: the
`--json` command under 1 s on this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEXTS = REPO / "bot" / "classifier" / "data" / "reports-a.jsonl"
BUDGET_S = 1.0
REPORTS = [
    "guest in 214 says the room was not cleaned",
    "tbl 7 burger came out cold, second time tonight",
    "cx charged twice for the same coffee order #4471",
    "la habitación 305 no tiene agua caliente desde ayer",
    "le client de la table 12 attend son plat depuis 50 minutes",
]


def timed(command: Sequence[str], cwd: Path, stdin: str = "", env: dict[str, str] | None = None,
          ) -> tuple[float, str]:
    """Seconds from start to exit of one process, and what it printed."""
    started = time.perf_counter()
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=cwd, env=env,
                          check=False, timeout=300)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command[:4])} ... failed ({done.returncode}): "
                         f"{done.stderr.strip()[-400:]}")
    return elapsed, done.stdout


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def jsonl_input(lines: int) -> str:
    """`lines` report lines from the shipped data (a blank one every 50th, as real files have)."""
    texts = [json.loads(line)["text"] for line in TEXTS.read_text(encoding="utf-8").splitlines()]
    out = ["" if i % 50 == 49 else json.dumps({"text": texts[i % len(texts)]}) for i in range(lines)]
    return "\n".join(out) + "\n"


def environment(tree: Path) -> dict[str, str]:
    """Settings as a fresh shell has them (no AMENDS_*), the code of `tree` first on the path."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AMENDS_", "SLACK_"))}
    env["PYTHONPATH"] = str(tree)
    return env


def measure(tree: Path, runs: int, lines: int) -> dict[str, list[float]]:
    """Samples (seconds) of each command run from `tree`."""
    env = environment(tree)
    python = sys.executable
    command = [python, "-m", "handlers.cli", "suggest", "--json"]
    timed([*command, REPORTS[0]], tree, env=env)  # warm: bytecode caches, file cache
    single = [timed([*command, REPORTS[i % len(REPORTS)]], tree, env=env)[0] for i in range(runs)]
    feed = jsonl_input(lines)
    many: list[float] = []
    for _ in range(max(3, runs // 3)):
        elapsed, printed = timed([python, "-m", "handlers.cli", "suggest", "--jsonl"], tree,
                                 stdin=feed, env=env)
        many.append(elapsed)
        answered = len(printed.splitlines())
        if answered != lines:  # an older commit may skip blank lines; say so, do not hide it
            print(f"  note: {tree.name} answered {answered} lines for {lines}")
    return {"suggest --json": single, f"suggest --jsonl ({lines} lines)": many}


def baseline(runs: int) -> list[float]:
    return [timed([sys.executable, "-c", "import json"], REPO)[0] for _ in range(runs)]


def exported(revision: str, into: Path) -> Path:
    """The tree of `revision`, written under `into` with `git archive` (the repo is untouched)."""
    archive = subprocess.run(["git", "archive", revision], cwd=REPO, capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"--against {revision}: git cannot export it from {REPO} "
                         f"({archive.stderr.decode(errors='replace').strip()}); name a commit of this repo")
    tree = into / revision.replace("/", "_")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    return tree


def report(name: str, samples: list[float], base: float) -> None:
    median, p90 = statistics.median(samples), percentile(samples, 0.9)
    print(f"{name:<40} median {median * 1000:7.0f} ms  p90 {p90 * 1000:7.0f} ms  "
          f"{median / base:5.1f}x process start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15, help="processes per --json figure")
    parser.add_argument("--lines", type=int, default=200, help="input lines for --jsonl")
    parser.add_argument("--against", metavar="REV", help="also time this commit's command")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, {args.runs} runs each, Python {sys.version.split()[0]}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("PYTHONDONTWRITEBYTECODE is set: every run compiles Amends' modules from source "
              "(unset it to measure with cached bytecode, as an installed Amends runs)")
    base = baseline(args.runs)
    start = statistics.median(base)
    report('python -c "import json" (baseline)', base, start)
    ours = measure(REPO, args.runs, args.lines)
    for name, samples in ours.items():
        report(f"amends {name}", samples, start)
    single = statistics.median(ours["suggest --json"])
    print(f"budget: suggest --json under {BUDGET_S:.0f} s: {'met' if single <= BUDGET_S else 'MISSED'} "
          f"({single:.2f} s)")
    if args.against:
        with tempfile.TemporaryDirectory(prefix="amends-bench-") as folder:
            theirs = measure(exported(args.against, Path(folder)), args.runs, args.lines)
        for name, samples in theirs.items():
            report(f"{args.against} {name}", samples, start)
        previous = statistics.median(theirs["suggest --json"])
        print(f"suggest --json now takes {single / previous:.2f}x the time it took at {args.against}")


if __name__ == "__main__":
    main()
