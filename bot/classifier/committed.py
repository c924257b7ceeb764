"""What is trained offline and committed under data/, in a form that loads in milliseconds.

Training the linear heads takes seconds and counting the Naive Bayes heads reads every example
through the language detector, so `python -m bot.classifier.train` writes them here and load()
only reads them. Each file is one table: a JSON header line, then one line per feature,
"feature<TAB>row", sorted by their bytes; gzip'd with mtime 0, so a retrain on the same data
gives the same bytes and a test can prove a committed file is current.

Loading parses no row: it decompresses the file and splits it into lines (two C calls). A
feature's line is found by binary search and its row parsed the first time a text has that
feature (the scorer memoises per word), so `amends suggest` pays for the few hundred features
of its report, not for the million numbers in the file.
"""

from __future__ import annotations

import gzip
import json
import zlib
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
LINEAR_FILE = DATA_DIR / "linear-weights.txt.gz"
# The linear failure head (labels fine, failure), trained on the shipped feedback the same way.
FAILURE_FILE = DATA_DIR / "failure-weights.txt.gz"

WEIGHTS_FORMAT = "amends-weights 2"

# (labels, feature -> one weight per label)
Linear = tuple[tuple[str, ...], Mapping[str, Sequence[float]]]


@dataclass(frozen=True, slots=True)
class Table:
    """A committed table as loaded: its header and its lines, "feature<TAB>row", unparsed."""

    header: dict[str, Any]
    lines: list[bytes]

    def row(self, feature: str) -> bytes | None:
        """The raw row of `feature`, None if the table does not have it: a binary search for
        the line that starts with the feature and its tab (no feature holds a tab). A feature
        with a lone surrogate (binary junk) cannot be in a UTF-8 file: its key matches nothing."""
        key = feature.encode("utf-8", "surrogatepass") + b"\t"
        at = bisect_left(self.lines, key)
        if at < len(self.lines) and self.lines[at].startswith(key):
            return self.lines[at][len(key):]
        return None

    def features(self) -> list[str]:
        """Every feature, in file order (walks the whole table: for diagnostics)."""
        return [line.partition(b"\t")[0].decode("utf-8") for line in self.lines]


def table_text(header: dict[str, Any], rows: Mapping[str, str]) -> str:
    """The exact text stored (before gzip) for `rows` (feature -> row text) under `header`."""
    for feature, row in rows.items():
        if "\t" in feature or "\n" in feature or "\n" in row:
            raise ValueError(f"{feature!r}: a tab or line break would not read back")
    # Sorted by their UTF-8 bytes, the order the binary search sees (a lone surrogate, which
    # no UTF-8 file can hold, fails here, loudly, rather than be lost on the way).
    lines = sorted((f"{feature}\t{row}" for feature, row in rows.items()),
                   key=lambda line: line.encode("utf-8"))
    head = json.dumps(dict(header, rows=len(lines)), separators=(",", ":"), sort_keys=True)
    return "\n".join([head, *lines]) + "\n"


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
    lines = raw.split(b"\n")
    try:
        header = json.loads(lines[0])
        if not isinstance(header, dict) or header.get("format") != kind:
            return None
        count = int(header["rows"])
    except (ValueError, KeyError, TypeError):
        return None
    if len(lines) != count + 2 or lines[-1]:  # header, rows, and the empty rest after the last "\n"
        return None
    del lines[-1], lines[0]
    return Table(header, lines)


def weights_text(labels: Sequence[str], weights: Mapping[str, Sequence[float]]) -> str:
    """The stored text of a linear head: one row of comma-separated weights per feature.

    Each weight is written as repr() writes it minus a trailing ".0", and 0.0 as nothing at
    all (most weights are 0): float() reads back exactly the same double, -0.0 included.
    """
    rows = {feature: ",".join(_number(w) for w in row) for feature, row in weights.items()}
    return table_text({"format": WEIGHTS_FORMAT, "labels": list(labels)}, rows)


def dumps(labels: list[str], weights: Mapping[str, Sequence[float]]) -> str:
    """The exact text stored (before gzip) for a linear head."""
    return weights_text(labels, weights)


def _number(value: float) -> str:
    text = repr(float(value))
    return "" if text == "0.0" else text[:-2] if text.endswith(".0") else text


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
            row = [float(value) if value else 0.0 for value in raw.split(b",")]
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
        return iter(self._table.features())

    def __len__(self) -> int:
        return len(self._table.lines)


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
    return labels, WeightRows(table, len(labels))
