"""Deterministic k-fold cross-validation on the shipped data: the honest estimate of accuracy
on reports nobody has seen, and the held-out scores that calibration is fitted on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import calibration
from .engine import Classification, ScenarioClassifier
from .features import extract
from .heads import FAILURE_LABELS, failure_examples, fit_failure, fit_scenarios
from .model import Scores
from .normalise import normalise

FOLDS = 5


@dataclass(frozen=True, slots=True)
class HeldOut:
    """One example scored by a model that never saw it."""

    text: str
    gold: int
    scores: Scores


def fold_of(position: int, folds: int = FOLDS) -> int:
    """Round-robin folds: fixed, and spread over every file and scenario block."""
    return position % folds


def scenarios(
    pairs: Sequence[tuple[str, str]], labels: Sequence[str], folds: int = FOLDS
) -> list[HeldOut]:
    """Held-out scenario scores for every pair, label indices into `labels`."""
    index = {label: i for i, label in enumerate(labels)}
    out: list[HeldOut] = []
    for fold in range(folds):
        train = [p for i, p in enumerate(pairs) if fold_of(i, folds) != fold]
        model = fit_scenarios(train, labels)
        for i, (text, label) in enumerate(pairs):
            if fold_of(i, folds) == fold and label in index:
                scores = model.score(extract(normalise(text)))
                out.append(HeldOut(text, index[label], scores))
    return out


def failure(
    feedback: Sequence[tuple[str, bool]],
    reports: Sequence[tuple[str, str]],
    folds: int = FOLDS,
) -> list[HeldOut]:
    """Held-out failure scores for every feedback line (reports only ever train)."""
    out: list[HeldOut] = []
    for fold in range(folds):
        train = [p for i, p in enumerate(feedback) if fold_of(i, folds) != fold]
        model = fit_failure(failure_examples(train, reports))
        for i, (text, flag) in enumerate(feedback):
            if fold_of(i, folds) == fold:
                scores = model.score(extract(normalise(text)))
                out.append(HeldOut(text, FAILURE_LABELS.index("failure" if flag else "fine"),
                                   scores))
    return out


def accuracy(held_out: Sequence[HeldOut]) -> float:
    """Share of held-out examples whose top score is the gold label."""
    if not held_out:
        return 0.0
    right = sum(h.scores.values.index(max(h.scores.values)) == h.gold for h in held_out)
    return right / len(held_out)


def pipeline(
    pairs: Sequence[tuple[str, str]], labels: Sequence[str], folds: int = FOLDS
) -> list[tuple[str, str, Classification]]:
    """(text, gold, prediction) with the full engine (rules, calibration) per held-out fold."""
    failure_model = fit_failure(())
    temperatures = calibration.load()
    out: list[tuple[str, str, Classification]] = []
    for fold in range(folds):
        train = [p for i, p in enumerate(pairs) if fold_of(i, folds) != fold]
        engine = ScenarioClassifier(fit_scenarios(train, labels), failure_model, temperatures)
        for i, (text, label) in enumerate(pairs):
            if fold_of(i, folds) == fold:
                out.append((text, label, engine.classify(text)))
    return out
