"""`python -m bot.classifier.train`: refit the confidence calibration on the shipped data.

The models themselves are trained at load (it is only counting); what needs the slower
cross-validation is the temperature that turns scores into probabilities. This writes it to
calibration.json; `--check` exits 1 if the committed file is not what retraining gives.
"""

from __future__ import annotations

import argparse
import sys

from . import calibration, cv, data
from .calibration import Calibration


def labels_of(pairs: tuple[tuple[str, str], ...]) -> list[str]:
    """The scenario ids present in the shipped data, sorted like load() sorts them."""
    return sorted({label for _, label in pairs})


def compute() -> tuple[Calibration, float, float]:
    """Fitted calibration plus the cross-validated accuracy of each head."""
    reports, feedback = data.shipped_reports(), data.shipped_feedback()
    scenario_held = cv.scenarios(reports, labels_of(reports))
    failure_held = cv.failure(feedback, reports)
    fitted = Calibration(
        calibration.fit([(h.scores, h.gold) for h in scenario_held]),
        calibration.fit([(h.scores, h.gold) for h in failure_held]),
    )
    return fitted, cv.accuracy(scenario_held), cv.accuracy(failure_held)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    args = parser.parse_args(argv)
    fitted, scenario_acc, failure_acc = compute()
    text = calibration.dumps(fitted)
    print(f"cv scenario accuracy {scenario_acc:.4f}, cv failure accuracy {failure_acc:.4f}")
    print(text, end="")
    if args.check:
        current = calibration.CALIBRATION_FILE.read_text(encoding="utf-8")
        if current != text:
            print("calibration.json is stale: run python -m bot.classifier.train", file=sys.stderr)
            return 1
        return 0
    calibration.CALIBRATION_FILE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
