"""Score the words Amends would give, the offline writer's beside the model's when an endpoint
is set (AMENDS_LLM_BASE_URL, AMENDS_LLM_MODEL, AMENDS_LLM_API_KEY).

    python scripts/answers.py [--reports FILE.jsonl] [--limit N] [--json]

For each writer: how many answers came back and were used (for the model: neither late nor
refused by the guard, with the reasons it refused), how many are in the report's language, how
many name the room, table or order the report typed, and the time per answer. The words
themselves are for people to judge (a trainer's blind read); these figures say whether the
model's path is worth it and safe on this kind of report.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.engine import OfflineEngine  # noqa: E402
from bot.guard import Rejected  # noqa: E402
from bot.playbook import load_playbook  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.suggestion import Suggestion  # noqa: E402
from bot.words import Words  # noqa: E402

DEFAULT_REPORTS = ROOT / "tests" / "data" / "reports-dev.jsonl"


def reports(path: Path, limit: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return texts[:limit] if limit else texts


def _names_reference(suggestion: Suggestion, words: Words) -> bool | None:
    reference = suggestion.specifics.reference
    return None if reference is None else reference.value in words.apology


async def score(texts: list[str], settings: Settings) -> dict[str, Any]:
    engine = OfflineEngine(load_playbook(settings.playbook))
    role = engine.playbook.lowest_role
    rows: dict[str, list[dict[str, Any]]] = {"offline": []}
    writer = None
    if settings.llm_base_url:
        from handlers.llm import llm_writer

        writer = llm_writer(settings)
        rows["llm"] = []
    refusals: Counter[str] = Counter()
    for text in texts:
        started = time.perf_counter()
        suggestion = engine.suggest(text, role)
        rows["offline"].append(_row(suggestion, suggestion.words, time.perf_counter() - started))
        if writer is None:
            continue
        started = time.perf_counter()
        try:
            words = await writer.write(copy.deepcopy(suggestion.brief))
        except Rejected as refused:
            refusals[str(refused).split("(")[0].strip()[:60]] += 1
            words = None
        except Exception as error:  # late or failing: counted as not used
            refusals[type(error).__name__] += 1
            words = None
        elapsed = time.perf_counter() - started
        rows["llm"].append(_row(suggestion, words, elapsed) if words is not None
                           else {"used": False, "seconds": elapsed})
    if writer is not None:
        await writer.client.close()
    return {name: _summary(found) for name, found in rows.items()} | {
        "refused": dict(refusals.most_common())}


def _row(suggestion: Suggestion, words: Words, seconds: float) -> dict[str, Any]:
    return {"used": True, "seconds": seconds,
            "in_language": words.language == suggestion.brief.language,
            "names_reference": _names_reference(suggestion, words)}


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    used = [row for row in rows if row["used"]]
    named = [row["names_reference"] for row in used if row["names_reference"] is not None]
    return {"answers": len(rows), "used": len(used),
            "in_language": sum(row["in_language"] for row in used),
            "names_reference": f"{sum(named)}/{len(named)}",
            "median_seconds": round(statistics.median(row["seconds"] for row in rows), 4)
            if rows else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    parser.add_argument("--limit", type=int, default=0, help="only the first N reports")
    parser.add_argument("--json", action="store_true", help="the figures as one JSON object")
    args = parser.parse_args(argv)
    figures = asyncio.run(score(reports(args.reports, args.limit), Settings.load()))
    if args.json:
        print(json.dumps(figures))
        return 0
    print("writer    answers  used  in the report's language  names the reference  median s")
    for name in ("offline", "llm"):
        if name in figures:
            row = figures[name]
            print(f"{name:9} {row['answers']:7}  {row['used']:4}  {row['in_language']:24}  "
                  f"{row['names_reference']:>19}  {row['median_seconds']}")
    if figures["refused"]:
        print("model's words not used: " + ", ".join(f"{why} ({n})" for why, n in figures["refused"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
