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
    LinearWeights,
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
    """One example scored by a model that never saw it (trained without fold `fold`)."""

    text: str
    gold: int
    scores: Scores
    fold: int = 0


def fold_of(position: int, folds: int = FOLDS) -> int:
    """Round-robin folds: fixed, and spread over every file and scenario block."""
    return position % folds


@lru_cache(maxsize=16)
def _fold_models(
    pairs: tuple[tuple[str, str], ...], labels: tuple[str, ...], folds: int, fold: int
) -> tuple[NaiveBayes, committed.Linear]:
    """Both scenario heads trained without fold `fold`; cached, since the linear head takes
    seconds and calibration and the pipeline estimate both need every fold."""
    train = [p for i, p in enumerate(pairs) if fold_of(i, folds) != fold]
    return fit_scenarios(train, labels), (labels, fit_linear(train, labels))


@lru_cache(maxsize=16)
def _failure_fold_models(
    feedback: tuple[tuple[str, bool], ...], reports: tuple[tuple[str, str], ...], folds: int,
    fold: int,
) -> tuple[NaiveBayes, LinearWeights]:
    """Both failure heads trained without fold `fold` of the feedback; cached like the above."""
    train = failure_examples([p for i, p in enumerate(feedback) if fold_of(i, folds) != fold],
                             reports)
    return fit_failure(train), fit_failure_linear(train)


@lru_cache(maxsize=2)
def _failure_models(
    feedback: tuple[tuple[str, bool], ...], reports: tuple[tuple[str, str], ...]
) -> tuple[NaiveBayes, committed.Linear | None]:
    """Both failure heads on every feedback line: reports never train them, so held-out
    reports may be read with them, as the shipped engine reads them (the failure reading
    gates the statistical safety flag)."""
    if not feedback:
        return fit_failure(()), None
    train = failure_examples(feedback, reports)
    return fit_failure(train), (FAILURE_LABELS, fit_failure_linear(train))


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
                    out.append(HeldOut(text, index[label], scored.scenario, fold))
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
        nb, linear = _failure_fold_models(tuple(feedback), tuple(reports), folds, fold)
        scorer = Scorer(no_scenarios, None, nb, _FUNCTION_WORDS, linear)
        for i, (text, flag) in enumerate(feedback):
            if fold_of(i, folds) == fold:
                scored = scorer.score(read(text))
                scores = scored.failure if scored is not None else Scores([0.0, 0.0], 0.0)
                out.append(HeldOut(text, FAILURE_LABELS.index("failure" if flag else "fine"),
                                   scores, fold))
    return out


def accuracy(held_out: Sequence[HeldOut]) -> float:
    """Share of held-out examples whose top score is the gold label."""
    if not held_out:
        return 0.0
    right = sum(h.scores.values.index(max(h.scores.values)) == h.gold for h in held_out)
    return right / len(held_out)


def fold_calibrations(
    scenario_held: Sequence[HeldOut], failure_held: Sequence[HeldOut], folds: int = FOLDS
) -> list[calibration.Calibration]:
    """For each fold, the calibration fitted on the other folds' held-out scores only: the
    pipeline then measures calibration on answers whose temperatures never saw them."""
    return [
        calibration.Calibration(
            calibration.fit([(h.scores, h.gold) for h in scenario_held if h.fold != fold]),
            calibration.fit([(h.scores, h.gold) for h in failure_held if h.fold != fold]),
        )
        for fold in range(folds)
    ]


def pipeline(
    pairs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    folds: int = FOLDS,
    calibrations: Sequence[calibration.Calibration] | None = None,
    feedback: Sequence[tuple[str, bool]] = (),
) -> list[tuple[str, str, Classification]]:
    """(text, gold, prediction) with the full engine (rules, calibration) per held-out fold, in
    the order of `pairs`.

    `calibrations`: one per fold (see fold_calibrations); None uses the committed one, which
    was fitted on every fold's held-out scores, so it has seen a little of each fold.
    `feedback`: what the failure heads learn from (none: a failure head that knows nothing)."""
    failure_model, failure_linear = _failure_models(tuple(feedback), tuple(pairs))
    committed_calibration = calibration.load()
    out: dict[int, tuple[str, str, Classification]] = {}
    for fold in range(folds):
        nb, linear = _fold_models(tuple(pairs), tuple(labels), folds, fold)
        temperatures = committed_calibration if calibrations is None else calibrations[fold]
        engine = ScenarioClassifier(nb, failure_model, temperatures, linear, failure_linear)
        for i, (text, label) in enumerate(pairs):
            if fold_of(i, folds) == fold:
                out[i] = (text, label, engine.classify(text))
    return [out[i] for i in range(len(pairs))]


def failure_pipeline(
    feedback: Sequence[tuple[str, bool]],
    reports: Sequence[tuple[str, str]],
    labels: Sequence[str],
    folds: int = FOLDS,
    calibrations: Sequence[calibration.Calibration] | None = None,
) -> list[tuple[str, bool, Classification]]:
    """(text, gold failure, prediction) with the full engine per held-out fold of the feedback,
    in the order of `feedback`.

    The failure heads never saw the fold; the scenario heads are the ones trained on every
    report (the safety reading they feed can raise the failure flag), as the engine ships."""
    scenario_model = fit_scenarios(reports, labels)
    committed_linear = committed.load()
    linear = committed_linear if committed_linear and committed_linear[0] == tuple(labels) else None
    committed_calibration = calibration.load()
    out: dict[int, tuple[str, bool, Classification]] = {}
    for fold in range(folds):
        nb, failure_linear = _failure_fold_models(tuple(feedback), tuple(reports), folds, fold)
        temperatures = committed_calibration if calibrations is None else calibrations[fold]
        engine = ScenarioClassifier(scenario_model, nb, temperatures, linear,
                                    (FAILURE_LABELS, failure_linear))
        for i, (text, flag) in enumerate(feedback):
            if fold_of(i, folds) == fold:
                out[i] = (text, flag, engine.classify(text))
    return [out[i] for i in range(len(feedback))]


def confidence_map(
    pairs: Sequence[tuple[str, str]],
    labels: Sequence[str],
    scenario_held: Sequence[HeldOut],
    failure_held: Sequence[HeldOut],
    folds: int = FOLDS,
    feedback: Sequence[tuple[str, bool]] = (),
) -> calibration.ConfidenceMap:
    """The map of the engine's final confidence, fitted on its held-out answers (temperatures
    from the other folds, rules included) if it beats no map in cross-validation."""
    rows = pipeline(pairs, labels, folds, fold_calibrations(scenario_held, failure_held, folds),
                    feedback)
    answers = [(c.confidence, c.scenario == gold) for _, gold, c in rows]
    return calibration.choose_confidence_map(answers, [fold_of(i, folds) for i in range(len(rows))])
