"""The Naive Bayes heads read from committed counts instead of counted at every load.

Counting is cheap per example, but every example is first read through the language detector
and the lexicon, so over the shipped data it takes seconds: far over the one-second budget of
`amends suggest`. `python -m bot.classifier.train` stores, per head, how often each feature
occurs in each class (data/scenario-counts.txt.gz, data/failure-counts.txt.gz); a head is then
built from those counts exactly as model.train builds it from the examples, one feature at a
time, when a text first has that feature. Same integers, same float operations in the same
order: the scores, and so every Classification, are identical to counting at load.

What stays at load:
- a playbook's own `examples` are counted (a handful of texts) and added to the committed
  counts, and a playbook's scenario list picks the classes, as with counting everything;
- the counts name the training data they were made from (a digest of the shipped reports,
  feedback and lexicon files). When the data changed since, they are not used: the heads are
  counted at load as before (slower, with a warning to retrain), so a new example always counts.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import data
from .committed import DATA_DIR, Table, read_table, table_text
from .heads import (
    FAILURE_ALPHA,
    FAILURE_LABELS,
    FAILURE_WEIGHTS,
    SCENARIO_ALPHA,
    SCENARIO_SPREAD_BOOST,
    SCENARIO_WEIGHTS,
    failure_examples,
    failure_features,
    training_features,
)
from .model import Entry, NaiveBayes

log = logging.getLogger(__name__)

SCENARIO_COUNTS = DATA_DIR / "scenario-counts.txt.gz"
FAILURE_COUNTS = DATA_DIR / "failure-counts.txt.gz"
COUNTS_FORMAT = "amends-counts 2"
# The files the counts are made from: the examples (data.py reads these globs) and the
# lexicons every example is read through (lexicon.py).
SOURCES = ("reports-*.jsonl", "feedback-*.jsonl", "lexicon-*.tsv")


def fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A digest of every training file's name and bytes (~3 ms)."""
    digest = hashlib.sha256()
    for pattern in SOURCES:
        for path in sorted(data_dir.glob(pattern)):
            digest.update(path.name.encode("utf-8") + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def counts_text(labels: Sequence[str], docs: Iterable[tuple[Sequence[str], int]],
                data_dir: Path = DATA_DIR) -> str:
    """The stored text of one head's counts: feature -> "class:count,..." (classes in order),
    plus each class's total (its mass) and the fingerprint of the data it came from."""
    counters = [Counter[str]() for _ in labels]
    for feats, target in docs:
        counters[target].update(feats)
    rows: dict[str, list[str]] = {}
    for index, counter in enumerate(counters):
        for feat, n in counter.items():
            rows.setdefault(feat, []).append(f"{index}:{n}")
    header = {"format": COUNTS_FORMAT, "labels": list(labels), "fingerprint": fingerprint(data_dir),
              "masses": [sum(counter.values()) for counter in counters],
              "families": sorted({feat[0] for feat in rows})}
    return table_text(header, {feat: ",".join(row) for feat, row in rows.items()})


def scenario_counts_text(data_dir: Path = DATA_DIR) -> str:
    """What train.py stores for the scenario head: every shipped report, by scenario."""
    reports = data.shipped_reports(data_dir)
    labels = sorted({label for _, label in reports})
    index = {label: i for i, label in enumerate(labels)}
    docs = ((sum(training_features(text), ()), index[label]) for text, label in reports)
    return counts_text(labels, docs, data_dir)


def failure_counts_text(data_dir: Path = DATA_DIR) -> str:
    """What train.py stores for the failure head: the examples fit_failure is given."""
    examples = failure_examples(data.shipped_feedback(data_dir), data.shipped_reports(data_dir))
    docs = ((failure_features(text), int(flag)) for text, flag in examples)
    return counts_text(FAILURE_LABELS, docs, data_dir)


@dataclass(frozen=True, slots=True)
class Counts:
    """One head's committed counts, rows still unparsed."""

    labels: tuple[str, ...]
    masses: tuple[int, ...]
    families: frozenset[str]
    table: Table


@cache
def committed_counts(path: Path, data_dir: Path = DATA_DIR) -> Counts | None:
    """The counts stored at `path`, if they are well formed and made from the data in
    `data_dir` as it is now; None otherwise (the caller counts at load)."""
    table = read_table(path, COUNTS_FORMAT)
    counts = None if table is None else _counts_of(table)
    if counts is None or len(counts.masses) != len(counts.labels):
        log.warning("%s is missing or unreadable; counting the examples at load instead (slow). "
                    "Run: python -m bot.classifier.train", path.name)
        return None
    if counts.table.header.get("fingerprint") != fingerprint(data_dir):
        log.warning("%s was made from other training data than bot/classifier/data holds now; "
                    "counting the examples at load instead (slow). Run: python -m "
                    "bot.classifier.train", path.name)
        return None
    return counts


def _counts_of(table: Table) -> Counts | None:
    try:
        return Counts(tuple(str(label) for label in table.header["labels"]),
                      tuple(int(mass) for mass in table.header["masses"]),
                      frozenset(str(family) for family in table.header["families"]), table)
    except (KeyError, TypeError, ValueError):
        return None


def scenario_head(
    scenarios: tuple[str, ...] | None, extra: tuple[tuple[str, str], ...],
    path: Path = SCENARIO_COUNTS, data_dir: Path = DATA_DIR,
) -> NaiveBayes | None:
    """The scenario head fit_scenarios would train on the shipped reports plus `extra`, for the
    playbook's `scenarios` (None: every id), read from the committed counts; None if they
    cannot be used."""
    counts = committed_counts(path, data_dir)
    if counts is None:
        return None
    seen = dict.fromkeys([*counts.labels, *(label for _, label in extra)])
    labels = sorted(seen) if scenarios is None else [
        label for label in dict.fromkeys(scenarios) if label in seen]
    index = {label: i for i, label in enumerate(labels)}
    added: dict[str, Counter[int]] = {}
    masses = [0] * len(labels)
    for shipped, label in enumerate(counts.labels):
        if label in index:
            masses[index[label]] += counts.masses[shipped]
    for text, label in extra:
        if label in index:
            feats = sum(training_features(text), ())
            for feat in feats:
                added.setdefault(feat, Counter())[index[label]] += 1
            masses[index[label]] += len(feats)
    families = counts.families | {feat[0] for feat in added}
    if not families <= {group[0] for group in SCENARIO_WEIGHTS}:
        return None  # a feature family the head has no weight for: let counting say so
    table = CountedTable(counts, [index.get(label, -1) for label in counts.labels], added, masses,
                         SCENARIO_ALPHA, SCENARIO_WEIGHTS, SCENARIO_SPREAD_BOOST)
    return NaiveBayes(tuple(labels), table)


def failure_head(path: Path = FAILURE_COUNTS, data_dir: Path = DATA_DIR) -> NaiveBayes | None:
    """The failure head fit_failure would train on the shipped examples, read from the
    committed counts; None if they cannot be used."""
    counts = committed_counts(path, data_dir)
    if counts is None or counts.labels != FAILURE_LABELS:
        return None
    if not counts.families <= {group[0] for group in FAILURE_WEIGHTS}:
        return None
    table = CountedTable(counts, list(range(len(counts.labels))), {}, list(counts.masses),
                         FAILURE_ALPHA, FAILURE_WEIGHTS)
    return NaiveBayes(counts.labels, table)


class CountedTable(Mapping[str, Entry]):
    """feature -> (family weight, [(class, evidence), ...]), each entry computed from the counts
    when first asked for, with model.train's arithmetic (see there for why it is this sum)."""

    def __init__(
        self, counts: Counts, classes: list[int], added: Mapping[str, Mapping[int, int]],
        masses: Sequence[int], alpha: float, group_weights: Mapping[str, float],
        spread_boost: float = 0.0,
    ) -> None:
        self._table = counts.table
        self._classes = classes  # committed class index -> this head's class index, or -1
        self._added = added
        # As model.train computes them: class masses, their mean over classes with any, the
        # smoothing scale per class, the spread boost per number of classes seeing a feature.
        mass = [float(m) for m in masses]
        present = [m for m in mass if m > 0]
        mean_mass = sum(present) / len(present) if present else 1.0
        n_present = max(len(present), 1)
        self._boosts = [1.0] + [1.0 + spread_boost * math.log(max(n_present / k, 1.0))
                                for k in range(1, len(mass) + 1)]
        self._scales = [mean_mass / (alpha * m) if m else 0.0 for m in mass]
        self._by_initial = {group[0]: weight for group, weight in group_weights.items()}
        self._spread = bool(spread_boost)
        self._keys: list[str] | None = None

    def get(self, feat: str, default: Entry | None = None) -> Entry | None:  # type: ignore[override]
        """The entry model.train would have made for `feat`; `default` if it has none."""
        weight = self._by_initial.get(feat[:1], 0.0)
        if not weight:
            return default
        seen = self._seen(feat)
        if not seen:
            return default
        boost = self._boosts[len(seen) if self._spread else 0]
        log1p, scales = math.log1p, self._scales
        return weight, [(index, weight * boost * log1p(n * scales[index]))
                        for index, n in sorted(seen.items())]

    def _seen(self, feat: str) -> dict[int, int]:
        """class -> how often it saw `feat`: committed counts plus the playbook's examples."""
        seen: dict[int, int] = {}
        raw = self._table.row(feat)
        if raw is not None:
            for item in raw.split(b","):
                committed_class, _, times = item.partition(b":")
                index = self._classes[int(committed_class)]
                if index >= 0:
                    seen[index] = int(times)
        for index, n in self._added.get(feat, {}).items():
            seen[index] = seen.get(index, 0) + n
        return seen

    def __getitem__(self, feat: str) -> Entry:
        entry = self.get(feat)
        if entry is None:
            raise KeyError(feat)
        return entry

    def __contains__(self, feat: object) -> bool:
        return isinstance(feat, str) and self.get(feat) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._all_keys())

    def __len__(self) -> int:
        return len(self._all_keys())

    def _all_keys(self) -> list[str]:
        """Every feature with an entry; walks the whole table, so only for diagnostics."""
        if self._keys is None:
            candidates = sorted({*self._table.features(), *self._added})
            self._keys = [feat for feat in candidates if self.get(feat) is not None]
        return self._keys
