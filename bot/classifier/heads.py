"""How each head is trained: which examples, which features, which hyperparameters.

Kept apart from the engine so cross-validation (cv.py) trains exactly what load() trains.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from . import linear
from .failure import context_features
from .features import extract_parts, tokens_of
from .lexicon import read
from .model import NaiveBayes, train

# Scenario id -> feature -> per-class weight, as the linear head stores it.
LinearWeights = dict[str, list[float]]

FAILURE_LABELS = ("fine", "failure")

# Pseudo-counts and feature-family weights, chosen by cross-validation on the shipped data.
# Char n-grams are many per word and mainly rescue typos, so each counts for less; the failure
# head ignores them (sentiment is carried by whole words and phrases, and they only added noise).
SCENARIO_ALPHA = 1.0
SCENARIO_WEIGHTS = {"w:": 1.0, "b:": 0.5, "c:": 0.1}
SCENARIO_SPREAD_BOOST = 1.0  # see model.train; it hurt the two-class failure head
FAILURE_ALPHA = 8.0
FAILURE_WEIGHTS = {"w:": 1.0, "b:": 1.0, "c:": 0.0, "n:": 1.0, "a:": 1.0, "x:": 1.0}
# Every n-th shipped report could join the failure head's positives (reports are all
# failures). Tried: it cost feedback accuracy in cross-validation (0.858 -> 0.844 at every 16th)
# because staff shorthand is not how customers write, and held-out reports are already read
# as failures 94% of the time without it. 0 turns it off.
REPORTS_AS_FAILURES_EVERY = 0


@cache
def training_features(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Word-level and char-level features of a training text, memoised: every load() and
    CV fold reuses them."""
    word_level, char_level = extract_parts(read(text))
    return tuple(word_level), tuple(char_level)


def fit_scenarios(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> NaiveBayes:
    """Scenario head trained on (text, scenario) pairs whose scenario is in `labels`."""
    index = {label: i for i, label in enumerate(labels)}
    kept = [(text, index[label]) for text, label in pairs if label in index]
    docs = [sum(training_features(text), ()) for text, _ in kept]
    return train(
        docs, [target for _, target in kept], labels, SCENARIO_ALPHA, SCENARIO_WEIGHTS,
        SCENARIO_SPREAD_BOOST,
    )


def fit_linear(pairs: Sequence[tuple[str, str]], labels: Sequence[str]) -> LinearWeights:
    """Linear (averaged passive-aggressive) scenario head: feature -> weight per label.

    Weights are rounded to 4 significant digits (the file stays small and diffs stay stable);
    features whose weights all round to 0 are dropped.
    """
    index = {label: i for i, label in enumerate(labels)}
    kept = [(text, index[label]) for text, label in pairs if label in index]
    vocab: dict[str, int] = {}
    docs: list[linear.Doc] = []
    for text, _ in kept:
        word_level, char_level = training_features(text)
        docs.append((
            tuple(vocab.setdefault(f, len(vocab)) for f in word_level),
            tuple(vocab.setdefault(f, len(vocab)) for f in char_level),
        ))
    rows = linear.train(docs, [target for _, target in kept], len(vocab), len(labels))
    return _rounded(vocab, rows)


@cache
def failure_features(text: str) -> tuple[str, ...]:
    """The failure head's features of a text: word unigrams and bigrams, then the context
    features of failure.py (negation scope, contrast, cues); memoised like training_features."""
    return training_features(text)[0] + tuple(context_features(tokens_of(read(text))))


def failure_examples(
    feedback: Sequence[tuple[str, bool]], reports: Sequence[tuple[str, str]]
) -> list[tuple[str, bool]]:
    """Feedback lines plus a fixed, evenly spread sample of reports as extra positives."""
    examples = list(feedback)
    if REPORTS_AS_FAILURES_EVERY:
        examples += [(text, True) for text, _ in reports[::REPORTS_AS_FAILURES_EVERY]]
    return examples


def fit_failure(examples: Sequence[tuple[str, bool]]) -> NaiveBayes:
    """Failure head trained on (text, is_failure) pairs."""
    # Char n-grams are weighted 0 in this head, so they are not even counted.
    docs = [failure_features(text) for text, _ in examples]
    targets = [int(flag) for _, flag in examples]
    return train(docs, targets, FAILURE_LABELS, FAILURE_ALPHA, FAILURE_WEIGHTS)


def fit_failure_linear(examples: Sequence[tuple[str, bool]]) -> LinearWeights:
    """Linear (averaged passive-aggressive) failure head over the same features as fit_failure
    (no char n-grams: they did not help in cross-validation): feature -> [fine, failure].

    Rounded and pruned like fit_linear. Naive Bayes counts "great" as praise however it is
    used; this head learns how much each feature separates the classes given the others, and
    mixing both (scorer.py) beat either alone in cross-validation.
    """
    vocab: dict[str, int] = {}
    docs: list[linear.Doc] = [
        (tuple(vocab.setdefault(f, len(vocab)) for f in failure_features(text)), ())
        for text, _ in examples
    ]
    targets = [int(flag) for _, flag in examples]
    rows = linear.train(docs, targets, len(vocab), len(FAILURE_LABELS))
    return _rounded(vocab, rows)


def _rounded(vocab: dict[str, int], rows: Sequence[Sequence[float]]) -> LinearWeights:
    """Weights to four significant digits, features whose weights all round to zero left out:
    the committed file stays small and reproducible."""
    out: LinearWeights = {}
    for feat, row in zip(vocab, rows, strict=True):
        rounded = [float(f"{w:.4g}") for w in row]
        if any(rounded):
            out[feat] = rounded
    return out
