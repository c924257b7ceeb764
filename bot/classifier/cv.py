"""Deterministic k-fold cross-validation on the shipped data: the honest estimate of accuracy
on reports nobody has seen, and the held-out scores that calibration is fitted on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import calibration, committed
from .engine import _FUNCTION_WORDS, Classification, ScenarioClassifier
from .heads import (
    FAILURE_LABELS,
    failure_examples,
    fit_failure,
    fit_failure_linear,
    fit_linear,
    fit_scenarios,
)
from .lexicon import read
from .model import NaiveBayes, Scores
from .scorer import Scorer

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


@lru_cache(maxsize=16)
def _fold_models(
    pairs: tuple[tuple[str, str], ...], labels: tuple[str, ...], folds: int, fold: int
) -> tuple[NaiveBayes, committed.Linear]:
    """Both scenario heads trained without fold `fold`; cached, since the linear head takes
    a second or two and calibration and the pipeline estimate both need every fold."""
    train = [p for i, p in enumerate(pairs) if fold_of(i, folds) != fold]
    return fit_scenarios(train, labels), (labels, fit_linear(train, labels))


def scenarios(
    pairs: Sequence[tuple[str, str]], labels: Sequence[str], folds: int = FOLDS
) -> list[HeldOut]:
    """Held-out combined scenario scores for every pair, label indices into `labels`."""
    index = {label: i for i, label in enumerate(labels)}
    out: list[HeldOut] = []
    no_failure = fit_failure(())
    for fold in range(folds):
        nb, linear = _fold_models(tuple(pairs), tuple(labels), folds, fold)
        scorer = Scorer(nb, linear, no_failure, _FUNCTION_WORDS)
        for i, (text, label) in enumerate(pairs):
            if fold_of(i, folds) == fold and label in index:
                scored = scorer.score(read(text))
                if scored is not None:
                    out.append(HeldOut(text, index[label], scored.scenario))
    return out


def failure(
    feedback: Sequence[tuple[str, bool]],
    reports: Sequence[tuple[str, str]],
    folds: int = FOLDS,
) -> list[HeldOut]:
    """Held-out failure scores for every feedback line (reports only ever train)."""
    out: list[HeldOut] = []
    # The scorer needs a scenario head; an empty one-label model costs nothing.
    no_scenarios = NaiveBayes(("none",), {})
    for fold in range(folds):
        train = failure_examples(
            [p for i, p in enumerate(feedback) if fold_of(i, folds) != fold], reports
        )
        scorer = Scorer(no_scenarios, None, fit_failure(train), _FUNCTION_WORDS,
                        fit_failure_linear(train))
        for i, (text, flag) in enumerate(feedback):
            if fold_of(i, folds) == fold:
                scored = scorer.score(read(text))
                scores = scored.failure if scored is not None else Scores([0.0, 0.0], 0.0)
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
        nb, linear = _fold_models(tuple(pairs), tuple(labels), folds, fold)
        engine = ScenarioClassifier(nb, failure_model, temperatures, linear)
        for i, (text, label) in enumerate(pairs):
            if fold_of(i, folds) == fold:
                out.append((text, label, engine.classify(text)))
    return out
