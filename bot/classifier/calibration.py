"""Temperature calibration: turning raw Naive Bayes scores into probabilities that mean something.

Naive Bayes adds up hundreds of correlated features as if they were independent, so its raw
posteriors are nearly always 0.99+. Dividing the scores by a temperature fixes the scale;
dividing also by known_mass ** beta stops long texts (more features, bigger sums) from being
more "sure" than short ones just for being long. Both numbers are chosen by minimising the
log-loss of cross-validated predictions on the shipped data (see train.py) and stored in
calibration.json, so loading never has to repeat the cross-validation.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from .model import Scores, softmax

# Under data/ so that the package-data rule for classifier/data/* ships it in the wheel.
CALIBRATION_FILE = Path(__file__).resolve().parent / "data" / "calibration.json"

_BETAS = (0.0, 0.25, 0.5, 0.75, 1.0)
_GOLDEN = (math.sqrt(5.0) - 1.0) / 2.0
_STEPS = 40


@dataclass(frozen=True, slots=True)
class Temperature:
    """Scale for one head: probabilities = softmax(scores / (t * max(known_mass, 1) ** beta))."""

    t: float
    beta: float

    def scale(self, known_mass: float) -> float:
        """The divisor for a text of which the model recognised `known_mass` feature weight."""
        return self.t * float(max(known_mass, 1.0) ** self.beta)


@dataclass(frozen=True, slots=True)
class Calibration:
    """Temperatures of both heads, as fitted by train.py."""

    scenario: Temperature
    failure: Temperature


def log_loss(scored: Sequence[tuple[Scores, int]], temperature: Temperature) -> float:
    """Mean negative log-probability of the gold label."""
    total = 0.0
    for scores, gold in scored:
        probs = softmax(scores.values, temperature.scale(scores.known_mass))
        total -= math.log(max(probs[gold], 1e-12))
    return total / max(len(scored), 1)


def _fit_t(scored: Sequence[tuple[Scores, int]], beta: float) -> Temperature:
    """Golden-section search over 1/t, in which the log-loss is convex (scores enter linearly)."""

    def loss(inverse: float) -> float:
        return log_loss(scored, Temperature(1.0 / inverse, beta))

    low, high = 1e-4, 20.0
    for _ in range(_STEPS):
        left = high - _GOLDEN * (high - low)
        right = low + _GOLDEN * (high - low)
        if loss(left) <= loss(right):
            high = right
        else:
            low = left
    return Temperature(float(f"{2.0 / (low + high):.4g}"), beta)


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


def load(path: Path = CALIBRATION_FILE) -> Calibration:
    """Read calibration.json; fall back to a mild default if it is missing or unreadable."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Calibration(Temperature(**raw["scenario"]), Temperature(**raw["failure"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Calibration(Temperature(3.0, 0.5), Temperature(3.0, 0.5))


def dumps(calibration: Calibration) -> str:
    """The exact text train.py writes, so a test can compare a retrain byte for byte."""
    return json.dumps(asdict(calibration), indent=2, sort_keys=True) + "\n"
