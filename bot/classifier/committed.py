"""The linear head's weights, trained offline and committed under data/.

Training the linear head takes seconds (ten passes over every example), far over the load
budget, so `python -m bot.classifier.train` writes it here and load() only reads it. The file
is gzip'd compact JSON with sorted keys, written with mtime 0, so a retrain on the same data
gives the same bytes and a test can prove the committed file is current.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path

LINEAR_FILE = Path(__file__).resolve().parent / "data" / "linear-weights.json.gz"
# The linear failure head (labels fine, failure), trained on the shipped feedback the same way.
FAILURE_FILE = Path(__file__).resolve().parent / "data" / "failure-weights.json.gz"

# (labels, feature -> one weight per label)
Linear = tuple[tuple[str, ...], dict[str, list[float]]]


def dumps(labels: list[str], weights: dict[str, list[float]]) -> str:
    """The exact JSON text stored (before gzip)."""
    return json.dumps({"labels": labels, "weights": weights}, separators=(",", ":"),
                      sort_keys=True)


def write(text: str, path: Path = LINEAR_FILE) -> None:
    """gzip with a fixed timestamp so equal text gives equal bytes."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def read_text(path: Path = LINEAR_FILE) -> str | None:
    """The stored JSON text, or None if the file is missing or unreadable."""
    try:
        return gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError):
        return None


@cache
def load(path: Path = LINEAR_FILE) -> Linear | None:
    """The committed linear head; None (NB alone answers) if it is missing or malformed."""
    text = read_text(path)
    if text is None:
        return None
    try:
        raw = json.loads(text)
        labels = tuple(str(label) for label in raw["labels"])
        weights = raw["weights"]
    except (ValueError, KeyError, TypeError):
        return None
    # Rows are trusted as json.loads made them (floats): converting half a million numbers
    # again would double the load time. A row of the wrong length disqualifies the file.
    if not isinstance(weights, dict) or any(len(row) != len(labels) for row in weights.values()):
        return None
    return labels, weights
