"""Fast scoring: a text's scores are sums of per-word vectors, so memoise those vectors.

Every head here is linear in its features (Naive Bayes evidence, linear weights), and every
feature but the bigrams belongs to one word: the word itself and its char n-grams. So the
contribution of a word to every head is one precomputed vector, and scoring a report is a
handful of dict lookups plus column sums instead of ~100 feature lookups per head. Bigrams are
memoised the same way. The memo is bounded (cleared when full): staff vocabulary is small and
repeats constantly, so it stays warm, and a flood of junk words cannot grow it without limit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .failure import context_features
from .features import WORD, bigrams_of, char_grams, tokens_of
from .linear import CHAR_VALUE, doc_norm
from .model import NaiveBayes, Scores

MEMO_LIMIT = 50_000

# How the two scenario heads are mixed: w * log p_NB + (1 - w) * log p_linear, each head's
# scores first divided by its own temperature. Chosen by cross-validation on the shipped data
# (the plateau 0.4..0.6 / 1..3 / 0.1..0.3 all land within 0.002 of each other).
NB_SHARE = 0.5
NB_TEMPERATURE = 2.0
LINEAR_TEMPERATURE = 0.2
# How the two failure heads are mixed into one score, failure minus fine: each head's margin is
# divided by its typical size (the RMS of its margins over the shipped feedback), then
# FAILURE_NB_SHARE * NB + (1 - FAILURE_NB_SHARE) * linear. Chosen by cross-validation
# (0.3..0.5 within 0.003 of each other; NB alone 0.866, linear alone 0.879, mixed 0.883).
FAILURE_NB_SHARE = 0.5
FAILURE_NB_SCALE = 6.0
FAILURE_LINEAR_SCALE = 1.0


# What one word (or bigram) adds to every head, as one flat vector so that a text's totals
# are a single column sum: [NB evidence per label..., linear weight per linear label...,
# failure NB evidence (fine, failure), failure linear margin, NB known mass, failure known mass,
# char n-gram count].
Part = tuple[float, ...]


@dataclass(frozen=True, slots=True)
class TextScores:
    """Everything the engine needs from the heads for one text."""

    scenario: Scores  # combined log-probabilities per label, NB known mass
    failure: Scores
    knows_content: bool


def _log_softmax(values: Sequence[float], temperature: float) -> list[float]:
    top = max(values)
    scaled = [(v - top) / temperature for v in values]
    log_total = math.log(sum(math.exp(v) for v in scaled))
    return [v - log_total for v in scaled]


class Scorer:
    """Scenario NB + linear head + failure NB over one label set, with the per-word memo."""

    def __init__(
        self,
        scenarios: NaiveBayes,
        linear: tuple[tuple[str, ...], Mapping[str, Sequence[float]]] | None,
        failure: NaiveBayes,
        function_words: frozenset[str],
        failure_linear: Mapping[str, Sequence[float]] | None = None,
    ) -> None:
        self.labels = scenarios.labels
        self._nb = scenarios.table
        self._fail = failure.table
        self._fail_linear = failure_linear or {}
        self._function_words = function_words
        self._k = len(self.labels)
        # Linear columns in engine label order; labels the committed model never saw (a
        # playbook's new scenario) are answered by Naive Bayes alone.
        if linear is None:
            self._columns: list[int] = []
            self._weights: Mapping[str, Sequence[float]] = {}
        else:
            position = {label: i for i, label in enumerate(linear[0])}
            self._columns = [position.get(label, -1) for label in self.labels]
            self._weights = linear[1]
        self._with_linear = [i for i, column in enumerate(self._columns) if column >= 0]
        self._linear_columns = [self._columns[i] for i in self._with_linear]
        self._memo: dict[str, tuple[Part, bool]] = {}

    def _part(self, key: str, grams: Sequence[str]) -> tuple[Part, bool]:
        """The vector of one word ("w:" key plus its grams) or one bigram (no grams), and
        whether it is a content word the scenario head knows."""
        nb = [0.0] * self._k
        nb_mass = 0.0
        for feat in (key, *grams):
            entry = self._nb.get(feat)
            if entry is not None:
                nb_mass += entry[0]
                for index, bonus in entry[1]:
                    nb[index] += bonus
        linear = [0.0] * len(self._with_linear)
        rows = [(1.0, self._weights.get(key))]
        rows += [(CHAR_VALUE, self._weights.get(g)) for g in grams]
        for value, row in rows:
            if row is not None:
                for j, column in enumerate(self._linear_columns):
                    linear[j] += value * row[column]
        fail_fine, fail_failure, fail_margin, fail_mass = self._failure_part(key)
        content = (
            key[:2] == WORD and key[2:] not in self._function_words and key in self._nb
        )
        return (*nb, *linear, fail_fine, fail_failure, fail_margin, nb_mass, fail_mass,
                float(len(grams))), content

    def _failure_part(self, feat: str) -> tuple[float, float, float, float]:
        """One feature's failure NB evidence (fine, failure), linear margin, NB known mass."""
        fail = [0.0, 0.0]
        fail_mass = 0.0
        entry = self._fail.get(feat)
        if entry is not None:
            fail_mass = entry[0]
            for index, bonus in entry[1]:
                fail[index] += bonus
        row = self._fail_linear.get(feat)
        margin = row[1] - row[0] if row is not None else 0.0
        return fail[0], fail[1], margin, fail_mass

    def _lookup(self, key: str, token: str | None) -> tuple[Part, bool]:
        part = self._memo.get(key)
        if part is None:
            part = self._part(key, char_grams(token) if token is not None else ())
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = part
        return part

    def score(self, normalised: str) -> TextScores | None:
        """Scores of a normalise()d text; None if it has no tokens."""
        tokens = tokens_of(normalised)
        if not tokens:
            return None
        lookup = self._lookup
        words = [lookup(WORD + t, t) for t in dict.fromkeys(tokens)]
        bigrams = [lookup(b, None)[0] for b in bigrams_of(tokens)]
        totals = [sum(column) for column in zip(*[w[0] for w in words], *bigrams, strict=True)]
        k, n_linear = self._k, len(self._with_linear)
        fail_at = k + n_linear
        fine, failure, margin, nb_mass, fail_mass, n_char = totals[fail_at:]
        combined = self._combine(totals[:k], totals[k:fail_at], len(words) + len(bigrams),
                                 int(n_char))
        context = context_features(tokens)
        for feat in context:
            extra = self._failure_part(feat)
            fine += extra[0]
            failure += extra[1]
            margin += extra[2]
            fail_mass += extra[3]
        return TextScores(
            Scores(combined, nb_mass),
            self._failure_scores(fine, failure, margin, fail_mass,
                                 len(words) + len(bigrams) + len(context)),
            any(w[1] for w in words),
        )

    def _failure_scores(
        self, fine: float, failure: float, margin: float, mass: float, n_feats: int
    ) -> Scores:
        """[0, mixed failure margin]: NB alone when no linear failure head is loaded."""
        nb = (failure - fine) / FAILURE_NB_SCALE
        if not self._fail_linear:
            return Scores([0.0, nb], mass)
        lin = margin * doc_norm(n_feats, 0) / FAILURE_LINEAR_SCALE
        return Scores([0.0, FAILURE_NB_SHARE * nb + (1.0 - FAILURE_NB_SHARE) * lin], mass)

    def _combine(
        self, nb: list[float], linear: list[float], n_word: int, n_char: int
    ) -> list[float]:
        """Mix the heads' log-probabilities; NB alone for labels the linear head lacks."""
        log_nb = _log_softmax(nb, NB_TEMPERATURE)
        if not self._with_linear:
            return log_nb
        log_linear = _log_softmax(linear, LINEAR_TEMPERATURE / doc_norm(n_word, n_char))
        out = log_nb
        for j, index in enumerate(self._with_linear):
            out[index] = NB_SHARE * log_nb[index] + (1.0 - NB_SHARE) * log_linear[j]
        return out
