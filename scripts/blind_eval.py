"""Score the shipped engine on the blind sets: hand-written reports it has never been trained on.

    python scripts/blind_eval.py [--summary] [--json]

The same figures as scripts/eval_engine.py (per language and kind, safety recall beside the
false-alarm rate, the failure flag, calibration), on the blind sets only, with every miss
listed. The blind files live in bot/classifier/data/blind/ (the older English set) and
bot/classifier/data/blind/i18n/ (one per language), which the training glob
(data/reports-*.jsonl, data/feedback-*.jsonl) does not reach. Never copy lines from them into
training data, nor tune anything against them, or these figures stop meaning "unseen".
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_engine  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if any(arg in ("-h", "--help") for arg in args):
        print(__doc__)
        return 0
    details = [] if {"--summary", "--json"} & set(args) else ["--details"]
    return eval_engine.main(["--sets", "blind,blind-i18n", *details, *args])


if __name__ == "__main__":
    raise SystemExit(main())
