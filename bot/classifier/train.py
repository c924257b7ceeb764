"""`python -m bot.classifier.train`: refit and commit everything load() must not compute.

The linear scenario head (ten passes over the data) and the temperatures (fitted on
cross-validated scores) are too slow for load, and so is counting the Naive Bayes heads (every
example goes through the language detector). This writes them under data/:
linear-weights.txt.gz, failure-weights.txt.gz (the linear failure head), scenario-counts.txt.gz
and failure-counts.txt.gz (the Naive Bayes counts, see counts.py) and calibration.json.
`--check` writes nothing and exits 1 if a committed file is not what retraining gives.

It also writes trained-from.txt: a fingerprint of every input the files were made from (the
classifier's code, the training data, the lexicons). The test suite checks the fingerprint on
every run (a retrain of the calibration takes minutes) and retrains the heads themselves.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from . import calibration, committed, counts, cv, data
from .calibration import Calibration
from .heads import FAILURE_LABELS, failure_examples, fit_failure_linear, fit_linear

FINGERPRINT_FILE = data.DATA_DIR / "trained-from.txt"
_PACKAGE = Path(__file__).resolve().parent


def fingerprint() -> str:
    """sha256 over the classifier's source and its training inputs, in a fixed order."""
    inputs = sorted([*_PACKAGE.glob("*.py"), *_PACKAGE.glob("harm_words/*.py"),
                     *data.DATA_DIR.glob("*.jsonl"), *data.DATA_DIR.glob("lexicon-*.tsv")])
    digest = hashlib.sha256()
    for path in inputs:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes().replace(b"\r\n", b"\n") + b"\0")
    return digest.hexdigest()


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
        cv.confidence_map(reports, labels_of(reports), scenario_held, failure_held,
                          feedback=feedback),
    )
    return fitted, cv.accuracy(scenario_held), cv.accuracy(failure_held)


def linear_text() -> str:
    """The linear head trained on all shipped reports, as committed.dumps writes it."""
    reports = data.shipped_reports()
    labels = labels_of(reports)
    return committed.dumps(labels, fit_linear(reports, labels))


def failure_text() -> str:
    """The linear failure head trained on all shipped feedback, as committed.dumps writes it."""
    examples = failure_examples(data.shipped_feedback(), data.shipped_reports())
    return committed.dumps(list(FAILURE_LABELS), fit_failure_linear(examples))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="verify, do not write")
    args = parser.parse_args(argv)
    fitted, scenario_acc, failure_acc = compute()
    text = calibration.dumps(fitted)
    tables = {
        committed.LINEAR_FILE: linear_text(),
        committed.FAILURE_FILE: failure_text(),
        counts.SCENARIO_COUNTS: counts.scenario_counts_text(),
        counts.FAILURE_COUNTS: counts.failure_counts_text(),
    }
    print(f"cv scenario accuracy {scenario_acc:.4f}, cv failure accuracy {failure_acc:.4f}")
    print(text, end="")
    if args.check:
        stale = [path.name for path, table in tables.items() if committed.read_text(path) != table]
        if calibration.CALIBRATION_FILE.read_text(encoding="utf-8") != text:
            stale.append(calibration.CALIBRATION_FILE.name)
        if FINGERPRINT_FILE.read_text(encoding="utf-8").strip() != fingerprint():
            stale.append(FINGERPRINT_FILE.name)
        if stale:
            print(f"stale: {', '.join(stale)}: run python -m bot.classifier.train",
                  file=sys.stderr)
            return 1
        return 0
    for path, table in tables.items():
        committed.write(table, path)
    committed.load.cache_clear()
    counts.committed_counts.cache_clear()
    calibration.CALIBRATION_FILE.write_text(text, encoding="utf-8")
    FINGERPRINT_FILE.write_text(fingerprint() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
