"""Calibration: turning raw scenario and failure scores into probabilities that mean something,
and measuring whether they do.

Naive Bayes adds up hundreds of correlated features as if they were independent, so its raw
posteriors are nearly always 0.99+. Dividing the scores by a temperature fixes the scale;
dividing also by known_mass ** beta stops long texts (more features, bigger sums) from being
more "sure" than short ones just for being long. Both numbers are chosen by minimising the
log-loss (negative log-likelihood) of cross-validated predictions on the shipped data (see
train.py): log-loss is the proper scoring rule, so the probabilities it prefers are the honest
ones, and in the inverse temperature it is convex, so Newton's method finds the one minimum.
They are stored in calibration.json, so loading never has to repeat the cross-validation.

The engine's rules then move some answers (stated harm makes safety_incident 90% sure, a text
far from everything leans to "other"), so the confidence it finally gives is checked once more:
`ConfidenceMap` is an isotonic (monotone, piecewise-linear) map from that confidence to how
often such answers were right in cross-validation, kept only when it beats the temperatures
alone on held-out folds (`choose_confidence_map`). It changes the number the engine reports,
never which scenario wins.

Whether it worked is measured with the expected calibration error (ECE) and a reliability table
(`reliability`): among answers given with about 90% confidence, about 90% should be right.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .model import Scores, softmax

# Under data/ so that the package-data rule for classifier/data/* ships it in the wheel.
CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"

_BETAS = (0.0, 0.25, 0.5, 0.75, 1.0)
_NEWTON_STEPS = 60
BINS = 10


@dataclass(frozen=True, slots=True)
class Temperature:
    """Scale for one head: probabilities = softmax(scores / (t * max(known_mass, 1) ** beta))."""

    t: float
    beta: float

    def scale(self, known_mass: float) -> float:
        """The divisor for a text of which the model recognised `known_mass` feature weight."""
        return self.t * float(max(known_mass, 1.0) ** self.beta)


@dataclass(frozen=True, slots=True)
class ConfidenceMap:
    """Monotone map of the engine's final scenario confidence through (confidence, accuracy)
    knots, linear between them and flat beyond the ends; no knots is the identity."""

    knots: tuple[tuple[float, float], ...] = ()

    def apply(self, confidence: float) -> float:
        """The calibrated confidence of an answer the engine gives `confidence`."""
        knots = self.knots
        if not knots:
            return confidence
        if confidence <= knots[0][0]:
            return knots[0][1]
        if confidence >= knots[-1][0]:
            return knots[-1][1]
        high = bisect.bisect_right(knots, (confidence, math.inf))
        (x0, y0), (x1, y1) = knots[high - 1], knots[high]
        return y0 + (y1 - y0) * (confidence - x0) / (x1 - x0)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Temperatures of both heads and the map of the final confidence, as fitted by train.py."""

    scenario: Temperature
    failure: Temperature
    confidence: ConfidenceMap = ConfidenceMap()


def log_loss(scored: Sequence[tuple[Scores, int]], temperature: Temperature) -> float:
    """Mean negative log-probability of the gold label."""
    total = 0.0
    for scores, gold in scored:
        probs = softmax(scores.values, temperature.scale(scores.known_mass))
        total -= math.log(max(probs[gold], 1e-12))
    return total / max(len(scored), 1)


def _scaled(scored: Sequence[tuple[Scores, int]], beta: float) -> list[tuple[list[float], int]]:
    """Scores divided by known_mass ** beta, shifted so the top is 0 (exp never overflows)."""
    out = []
    for scores, gold in scored:
        divisor = float(max(scores.known_mass, 1.0) ** beta)
        top = max(scores.values)
        out.append(([(v - top) / divisor for v in scores.values], gold))
    return out


def _newton_terms(rows: Sequence[tuple[list[float], int]], inverse: float) -> tuple[float, float, float]:
    """Log-loss at inverse temperature `inverse`, and its first and second derivatives.

    With x the scaled scores, the loss is mean(logsumexp(u x) - u x_gold); its derivative is
    mean(E_p[x] - x_gold) and its second derivative mean(Var_p[x]) >= 0: convex in u."""
    loss = first = second = 0.0
    for values, gold in rows:
        exps = [math.exp(inverse * v) for v in values]
        total = sum(exps)
        mean = sum(e * v for e, v in zip(exps, values, strict=True)) / total
        square = sum(e * v * v for e, v in zip(exps, values, strict=True)) / total
        loss += math.log(total) - inverse * values[gold]
        first += mean - values[gold]
        second += square - mean * mean
    n = max(len(rows), 1)
    return loss / n, first / n, second / n


def _fit_t(scored: Sequence[tuple[Scores, int]], beta: float) -> Temperature:
    """Newton's method on 1/t with step halving: the loss is convex in 1/t, so this finds its
    minimum in a handful of passes (a fixed sequence of steps, so always the same answer)."""
    rows = _scaled(scored, beta)
    inverse = 1.0
    loss, first, second = _newton_terms(rows, inverse)
    for _ in range(_NEWTON_STEPS):
        step = first / second if second > 1e-12 else math.copysign(inverse / 2, first)
        candidate = max(inverse - step, inverse / 10)
        new_loss, new_first, new_second = _newton_terms(rows, candidate)
        while new_loss > loss + 1e-12 and abs(candidate - inverse) > 1e-9 * inverse:
            candidate = (candidate + inverse) / 2
            new_loss, new_first, new_second = _newton_terms(rows, candidate)
        moved = abs(candidate - inverse)
        if new_loss <= loss + 1e-12:
            inverse, loss, first, second = candidate, new_loss, new_first, new_second
        if moved <= 1e-7 * inverse:
            break
    return Temperature(float(f"{1.0 / inverse:.4g}"), beta)


def fit(scored: Sequence[tuple[Scores, int]]) -> Temperature:
    """The (t, beta) with the lowest log-loss; a fixed search, so always the same answer."""
    best = Temperature(1.0, 0.0)
    best_loss = math.inf
    for beta in _BETAS:
        candidate = _fit_t(scored, beta)
        candidate_loss = log_loss(scored, candidate)
        if candidate_loss < best_loss - 1e-9:
            best, best_loss = candidate, candidate_loss
    return best


@dataclass(frozen=True, slots=True)
class Band:
    """One row of a reliability table: the answers whose confidence fell in [low, high)."""

    low: float
    high: float
    count: int
    mean_confidence: float | None  # None: no answer in this band
    accuracy: float | None


def band_of(confidence: float, bins: int = BINS) -> int:
    """Index of the equal-width band a confidence falls in; 1.0 belongs to the top band."""
    # round() first: 0.7 * 10 is 7.000000000000001 but 0.3 * 10 must not be 2.9999999.
    return min(max(int(math.floor(round(confidence * bins, 9))), 0), bins - 1)


def reliability(answers: Sequence[tuple[float, bool]], bins: int = BINS) -> list[Band]:
    """Reliability table of (confidence, was it right) answers, one row per band, empty bands
    included so tables line up."""
    grouped: list[list[tuple[float, bool]]] = [[] for _ in range(bins)]
    for confidence, right in answers:
        grouped[band_of(confidence, bins)].append((confidence, right))
    table = []
    for index, members in enumerate(grouped):
        count = len(members)
        table.append(Band(
            index / bins, (index + 1) / bins, count,
            sum(c for c, _ in members) / count if count else None,
            sum(r for _, r in members) / count if count else None,
        ))
    return table


def expected_calibration_error(answers: Sequence[tuple[float, bool]], bins: int = BINS) -> float:
    """Sum over bands of (share of answers) * |accuracy - mean confidence|: 0 when every band is
    right as often as it claims; 0.0 for no answers."""
    total = len(answers)
    if not total:
        return 0.0
    return sum(
        band.count / total * abs(band.accuracy - band.mean_confidence)
        for band in reliability(answers, bins)
        if band.accuracy is not None and band.mean_confidence is not None
    )


def fit_confidence_map(answers: Sequence[tuple[float, bool]]) -> ConfidenceMap:
    """Isotonic regression of right-or-wrong on confidence (pool adjacent violators): each
    pooled block of answers is flat at its accuracy from its lowest to its highest confidence,
    and the map is linear between blocks. A block's accuracy is counted as (right + 1) / (n + 2),
    so no answer is ever 100% or 0% sure, then kept non-decreasing; four significant digits,
    like the temperatures."""
    ties: dict[float, list[int]] = {}
    for confidence, was_right in answers:
        counts = ties.setdefault(confidence, [0, 0])
        counts[0] += 1
        counts[1] += int(was_right)
    blocks: list[tuple[float, float, int, int]] = []  # lowest, highest confidence, right, n
    for confidence in sorted(ties):
        count, hits = ties[confidence]
        block = (confidence, confidence, hits, count)
        while blocks and blocks[-1][2] * block[3] >= block[2] * blocks[-1][3]:
            low, _, right, n = blocks.pop()
            block = (low, block[1], right + block[2], n + block[3])
        blocks.append(block)
    knots: list[tuple[float, float]] = []
    for low, high, right, n in blocks:
        y = max(float(f"{(right + 1) / (n + 2):.4g}"), knots[-1][1] if knots else 0.0)
        for x in dict.fromkeys((float(f"{low:.4g}"), float(f"{high:.4g}"))):
            if knots and x <= knots[-1][0]:
                knots[-1] = (knots[-1][0], y)
            else:
                knots.append((x, y))
    # A knot inside a flat run says nothing the run's ends do not.
    kept = [k for i, k in enumerate(knots)
            if i in (0, len(knots) - 1) or not knots[i - 1][1] == k[1] == knots[i + 1][1]]
    return ConfidenceMap(tuple(kept))


def log_loss_of(answers: Sequence[tuple[float, bool]]) -> float:
    """Mean negative log-likelihood of right-or-wrong under the stated confidences."""
    total = sum(-math.log(max(c if right else 1.0 - c, 1e-12)) for c, right in answers)
    return total / max(len(answers), 1)


def choose_confidence_map(answers: Sequence[tuple[float, bool]], folds: Sequence[int]) -> ConfidenceMap:
    """The isotonic map of the answers if, fitted on all folds but one and measured on that
    one in turn, it beats no map on both the ECE and the log-loss; else the identity.

    `answers` are the engine's held-out answers in cross-validation, `folds` the fold of each."""
    mapped: list[tuple[float, bool]] = []
    plain: list[tuple[float, bool]] = []
    for fold in sorted(set(folds)):
        fitted = fit_confidence_map([a for a, f in zip(answers, folds, strict=True) if f != fold])
        held = [a for a, f in zip(answers, folds, strict=True) if f == fold]
        mapped += [(fitted.apply(c), right) for c, right in held]
        plain += held
    if (expected_calibration_error(mapped) < expected_calibration_error(plain)
            and log_loss_of(mapped) < log_loss_of(plain)):
        return fit_confidence_map(answers)
    return ConfidenceMap()


def _confidence_map(raw: object) -> ConfidenceMap:
    """The stored map; a malformed one (not increasing, out of 0..1) is the identity."""
    if not isinstance(raw, dict):
        return ConfidenceMap()
    knots = tuple((float(x), float(y)) for x, y in raw.get("knots", ()))
    ordered = all(a[0] < b[0] and a[1] <= b[1] for a, b in zip(knots, knots[1:], strict=False))
    inside = all(0.0 <= v <= 1.0 for knot in knots for v in knot)
    return ConfidenceMap(knots) if ordered and inside else ConfidenceMap()


def load(path: Path = CALIBRATION_FILE) -> Calibration:
    """Read calibration.json; fall back to a mild default if it is missing or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Calibration(Temperature(**raw["scenario"]), Temperature(**raw["failure"]),
                           _confidence_map(raw.get("confidence")))
    except (OSError, ValueError, KeyError, TypeError):
        return Calibration(Temperature(3.0, 0.5), Temperature(3.0, 0.5))


_PAIR = re.compile(r"\[\s+(-?[0-9.e+-]+),\s+(-?[0-9.e+-]+)\s+\]")


def dumps(calibration: Calibration) -> str:
    """The exact text train.py writes, so a test can compare a retrain byte for byte (each
    knot of the confidence map on a line of its own)."""
    return _PAIR.sub(r"[\1, \2]", json.dumps(asdict(calibration), indent=2, sort_keys=True)) + "\n"
