"""What is trained offline and committed under data/, in a form that loads in milliseconds.

Training the linear heads takes seconds and counting the Naive Bayes heads reads every example
through the language detector, so `python -m bot.classifier.train` writes them here and load()
only reads them. Each file is one table: a JSON header line, then the features one a line
(sorted), then each feature's row one a line in the same order, gzip'd with mtime 0 so a
retrain on the same data gives the same bytes and a test can prove a committed file is current.

Loading reads no row: it decompresses the file, splits the feature block (one C call) and keeps
the rows as bytes. A row is parsed the first time a text has that feature (the scorer memoises
per word), so `amends suggest` pays for the few hundred features of its report, not for the
hundreds of thousands of numbers in the file.
"""

from __future__ import annotations

import gzip
import json
import zlib
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
LINEAR_FILE = DATA_DIR / "linear-weights.txt.gz"
# The linear failure head (labels fine, failure), trained on the shipped feedback the same way.
FAILURE_FILE = DATA_DIR / "failure-weights.txt.gz"

WEIGHTS_FORMAT = "amends-weights 1"

# (labels, feature -> one weight per label)
Linear = tuple[tuple[str, ...], Mapping[str, Sequence[float]]]


@dataclass(frozen=True, slots=True)
class Table:
    """A committed table as loaded: its header, its sorted features, their unparsed rows."""

    header: dict[str, Any]
    features: list[str]
    rows: list[bytes]

    def row(self, feature: str) -> bytes | None:
        """The raw row of `feature`, None if the table does not have it (a binary search)."""
        at = bisect_left(self.features, feature)
        if at < len(self.features) and self.features[at] == feature:
            return self.rows[at]
        return None


def table_text(header: dict[str, Any], rows: Mapping[str, str]) -> str:
    """The exact text stored (before gzip) for `rows` (feature -> row text) under `header`.

    The header also records how many features there are and how many bytes they take, so the
    loader finds the row block without scanning for it.
    """
    features = sorted(rows)
    if any("\n" in feature for feature in features) or any("\n" in row for row in rows.values()):
        raise ValueError("a feature or row holds a line break; the table would not read back")
    block = "\n".join(features)
    head = dict(header, rows=len(features), feature_bytes=len(block.encode("utf-8")))
    lines = [json.dumps(head, separators=(",", ":"), sort_keys=True), block,
             "\n".join(rows[feature] for feature in features)]
    return "\n".join(lines) + "\n"


def write(text: str, path: Path = LINEAR_FILE) -> None:
    """gzip with a fixed timestamp so equal text gives equal bytes."""
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def read_text(path: Path = LINEAR_FILE) -> str | None:
    """The stored text, or None if the file is missing or unreadable."""
    raw = _read_bytes(path)
    try:
        return None if raw is None else raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _read_bytes(path: Path) -> bytes | None:
    try:
        return gzip.decompress(path.read_bytes())  # gzip checks its CRC: a damaged file is refused
    except (OSError, EOFError, zlib.error):
        return None


def read_table(path: Path, kind: str) -> Table | None:
    """The table stored at `path` if it is a well-formed table of format `kind`, else None."""
    raw = _read_bytes(path)
    if raw is None:
        return None
    try:
        first = raw.index(b"\n")
        header = json.loads(raw[:first])
        count, size = int(header["rows"]), int(header["feature_bytes"])
        if header.get("format") != kind:
            return None
        start = first + 1
        features = raw[start:start + size].decode("utf-8").split("\n") if count else []
        rows = raw[start + size + 1:].rstrip(b"\n").split(b"\n") if count else []
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    if len(features) != count or len(rows) != count:
        return None
    return Table(header, features, rows)


def weights_text(labels: Sequence[str], weights: Mapping[str, Sequence[float]]) -> str:
    """The stored text of a linear head: one row of comma-separated weights per feature.

    Each weight is written as repr() writes it, minus a trailing ".0" (so 0.0 is "0"):
    float() reads back exactly the same double.
    """
    rows = {feature: ",".join(_number(w) for w in row) for feature, row in weights.items()}
    return table_text({"format": WEIGHTS_FORMAT, "labels": list(labels)}, rows)


def dumps(labels: list[str], weights: Mapping[str, Sequence[float]]) -> str:
    """The exact text stored (before gzip) for a linear head."""
    return weights_text(labels, weights)


def _number(value: float) -> str:
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


class WeightRows(Mapping[str, Sequence[float]]):
    """feature -> weights per label, each row parsed when first asked for."""

    def __init__(self, table: Table, width: int) -> None:
        self._table = table
        self._width = width

    def get(self, feature: str, default: Any = None) -> Any:
        """The weights of `feature`; `default` if the head lacks it (or its row is malformed)."""
        raw = self._table.row(feature)
        if raw is None:
            return default
        try:
            row = [float(value) for value in raw.split(b",")]
        except ValueError:
            return default
        return row if len(row) == self._width else default

    def __getitem__(self, feature: str) -> Sequence[float]:
        row: Sequence[float] | None = self.get(feature)
        if row is None:
            raise KeyError(feature)
        return row

    def __contains__(self, feature: object) -> bool:
        return isinstance(feature, str) and self.get(feature) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.features)

    def __len__(self) -> int:
        return len(self._table.features)


@cache
def load(path: Path = LINEAR_FILE) -> Linear | None:
    """The committed linear head; None (NB alone answers) if it is missing or malformed."""
    table = read_table(path, WEIGHTS_FORMAT)
    if table is None:
        return None
    try:
        labels = tuple(str(label) for label in table.header["labels"])
    except (KeyError, TypeError):
        return None
    # Every row holds one weight per label, so the commas in the block are fixed: a count of
    # them rejects a file whose rows do not match its labels without parsing a single number.
    if sum(map(bytes.count, table.rows, repeat(b","))) != len(table.rows) * (len(labels) - 1):
        return None
    return labels, WeightRows(table, len(labels))
