"""The two-headed classifier: which scenario a report is, and whether a message is a failure."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from . import calibration, committed, counts, data
from .heads import failure_examples, fit_failure, fit_scenarios
from .language import detect_language
from .lexicon import glossed, read
from .model import NaiveBayes, Scores, softmax
from .normalise import normalise
from .safety import Harm, detect_harm
from .scorer import Scorer

SAFETY = "safety_incident"
OTHER = "other"
# Below this confidence the engine names a runner-up so the caller can offer both.
RUNNER_UP_BELOW = 0.7
# When the rules see harm, the scenario is safety_incident at least this sure: the rules are
# precise, and under-stating them would let a confident wrong scenario win downstream.
HARM_CONFIDENCE = 0.9
# Words that say nothing about a scenario; a text whose only known words are these (or
# nothing at all: gibberish, another language, a bare emoji) is "far from everything".
_FUNCTION_WORDS = frozenset({
    "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "by",
    "from", "is", "was", "were", "are", "be", "been", "it", "its", "this", "that", "i", "you",
    "he", "she", "they", "we", "my", "your", "his", "her", "their", "our", "me", "him", "them",
    "us", "so", "just", "very", "really", "too", "also", "not", "no", "yes", "ok", "okay", "hi",
    "hello", "hey", "please", "thanks", "NUM", "?", "!", "do", "does", "did", "have", "has",
    "had", "can", "could", "would", "will", "what", "when", "where", "who", "how", "why",
})
# Confidence given to "other" when the text is far from every scenario: a guess, said so.
FAR_CONFIDENCE = 0.3
# The statistics alone raise the safety flag at this probability of safety_incident: well
# below "most likely", because recall is what counts (scripts/eval_engine.py prints the
# false-alarm rate it costs). The statistics speak only for a text with content words that the
# failure head does not read as fine (SAFETY_FAILURE_FLOOR) unless they are very sure
# (SAFETY_SURE): a bare "ok", "Rating 7/10" or "happy Sunday all" leans to safety only because
# safety has the most examples, not because anything in it is about harm. Chosen in
# cross-validation: training recall stays 100% while false alarms on fine feedback fall from
# 152 to 59 of 2628.
SAFETY_DOUBT = 0.25
SAFETY_FAILURE_FLOOR = 0.2
SAFETY_SURE = 0.7
# A clause names a further problem when, read alone, it is this sure of another scenario; a
# safety report keeps what it started as when that was this likely before the harm rules.
ALSO_CLAUSE = 0.7
ALSO_FIRST = 0.4
MAX_ALSO = 3
_CLAUSE_BREAK = re.compile(
    r"[.;!?\n,]+|\s(?:and|but|plus|also|then|y|pero|ademas|además|encima|mais|et|puis|aussi|"
    r"und|aber|außerdem|ausserdem|dann|e|mas|também|tambem|depois)\s", re.IGNORECASE)
_MIN_CLAUSE_WORDS = 3


def clauses(text: str) -> list[str]:
    """The parts of a report that can each name a problem; a one-clause report has none."""
    parts = [part.strip() for part in _CLAUSE_BREAK.split(text[:3000])]
    parts = [part for part in parts if len(part.split()) >= _MIN_CLAUSE_WORDS]
    return parts if len(parts) > 1 else []


@dataclass(frozen=True, slots=True)
class Classification:
    """The engine's answer for one text."""

    scenario: str  # best scenario id
    confidence: float  # 0..1, calibrated probability that `scenario` is right
    runner_up: str | None  # second-best id when the engine is unsure, else None
    failure: bool
    failure_confidence: float  # 0..1 probability the text is a failure
    safety: bool = False
    """Harm or risk to a person: escalate, whatever else the text says. Its own flag, so nothing
    downstream (the failure flag, an unsure scenario) can hold a safety report back; when it is
    set the scenario is safety_incident and what the report started as is in `also`."""
    also: tuple[str, ...] = ()
    """Further scenarios the report names besides the main one, most likely first."""
    language: str = "en"
    """ISO 639-1 code of the text's language (en, es, fr, de, pt)."""


def _ranked(labels: Sequence[str], probs: Sequence[float]) -> list[tuple[float, str]]:
    # Ties resolve by label order, never by float noise or dict order.
    return sorted(zip(probs, labels, strict=True), key=lambda pair: -pair[0])


class ScenarioClassifier:
    """Scenario and failure heads plus the safety rules; build it with load()."""

    def __init__(
        self,
        scenarios: NaiveBayes,
        failure: NaiveBayes,
        temperatures: calibration.Calibration,
        linear: committed.Linear | None = None,
        failure_linear: committed.Linear | None = None,
    ) -> None:
        self._scorer = Scorer(scenarios, linear, failure, _FUNCTION_WORDS,
                              None if failure_linear is None else failure_linear[1])
        self._labels = scenarios.labels
        self._cal = temperatures

    @property
    def labels(self) -> tuple[str, ...]:
        """Scenario ids this classifier can answer with."""
        return self._labels

    @classmethod
    def load(
        cls,
        scenarios: Sequence[str] | None = None,
        extra_examples: Sequence[tuple[str, str]] = (),
    ) -> ScenarioClassifier:
        """Build (or fetch the cached) classifier for a playbook's scenario set and phrases.

        `scenarios`: the playbook's ids (None: every id in the shipped data). Shipped examples
        of other ids are dropped; an id with no example at all (shipped or extra) cannot be
        predicted and is left out of `labels`. `extra_examples` (text, id) are counted by the
        Naive Bayes head like shipped ones, so they both reinforce known ids and teach new
        ones; the committed linear head covers the shipped ids only, and an id it does not
        know is scored by Naive Bayes alone. Nothing is trained here: both heads are read from
        what `python -m bot.classifier.train` committed (rows parsed as texts need them), and
        only `extra_examples` are counted (~0.15 s cold); the result is cached per (scenarios,
        extra_examples).
        """
        key = None if scenarios is None else tuple(scenarios)
        return _load(key, tuple((str(t), str(s)) for t, s in extra_examples))

    def scenario_scores(self, text: str) -> Scores:
        """Combined scenario scores (log-probabilities before calibration), for diagnostics."""
        scored = self._scorer.score(read(text))
        return scored.scenario if scored is not None else Scores([0.0] * len(self.labels), 0.0)

    def classify(self, text: str) -> Classification:
        """Classify one message; never raises on odd input (empty, binary, huge)."""
        raw = text if isinstance(text, str) else ""
        norm = normalise(raw)
        scored = self._scorer.score(read(raw))
        language = detect_language(raw)
        if scored is None or not self.labels:
            return self._empty(language)
        scores = scored.scenario
        statistical = softmax(scores.values, self._cal.scenario.scale(scores.known_mass))
        harm = detect_harm(norm)
        probs = self._apply_harm(statistical, harm)
        if harm is Harm.NONE and OTHER in self.labels and not scored.knows_content:
            probs = self._lean_to_other(probs)
        ranked = _ranked(self.labels, probs)
        fail = scored.failure
        p_fail = softmax(fail.values, self._cal.failure.scale(fail.known_mass))[1]
        safety = self._is_safety(harm, statistical, p_fail if scored.knows_content else None)
        if safety and ranked[0][1] != SAFETY:
            probs = self._apply_harm(probs, Harm.PRESENT)
            ranked = _ranked(self.labels, probs)
        elif not safety and ranked[0][1] == SAFETY:
            # The scenario is safety exactly when the flag is: what the flag's gate refused
            # (a bare "ok" leaning to the most frequent label) must not come back as the scenario.
            probs = self._apply_harm(probs, Harm.NEGATED)
            ranked = _ranked(self.labels, probs)
        confidence, scenario = ranked[0]
        confidence = self._cal.confidence.apply(confidence)  # how often such answers were right
        runner_up = ranked[1][1] if confidence < RUNNER_UP_BELOW and len(ranked) > 1 else None
        if safety:
            p_fail = max(p_fail, HARM_CONFIDENCE)
        also = self._also(raw, language, scenario, _ranked(self.labels, statistical), safety)
        return Classification(scenario, confidence, runner_up, p_fail > 0.5, p_fail,
                              safety=safety, also=also, language=language)

    def _is_safety(self, harm: Harm, statistical: list[float], p_fail: float | None) -> bool:
        """Stated harm always; otherwise the statistics, with a low bar (a false alarm costs a
        manager a minute, a miss can cost a life), unless the text only denies harm or has no
        content words (`p_fail` None) or reads as plainly fine."""
        if harm is Harm.PRESENT:
            return True
        if SAFETY not in self.labels or harm is Harm.NEGATED or p_fail is None:
            return False
        p_safety = statistical[self.labels.index(SAFETY)]
        return bool(p_safety >= SAFETY_SURE
                    or (p_safety >= SAFETY_DOUBT and p_fail >= SAFETY_FAILURE_FLOOR))

    def _also(self, raw: str, language: str, main: str, statistical: list[tuple[float, str]],
              safety: bool) -> tuple[str, ...]:
        """Other problems named in other parts of the report: each clause is read on its own
        and counts when it is clearly about something else. A safety report keeps what it
        started as (a dish that caused a reaction is still a dish to put right)."""
        found: list[str] = []
        if safety and statistical[0][1] not in (SAFETY, main) and statistical[0][0] >= ALSO_FIRST:
            found.append(statistical[0][1])
        for clause in clauses(raw):
            scored = self._scorer.score(glossed(normalise(clause), language))
            if scored is None or not scored.knows_content:
                continue
            probs = softmax(scored.scenario.values,
                            self._cal.scenario.scale(scored.scenario.known_mass))
            sure, label = _ranked(self.labels, probs)[0]
            if sure >= ALSO_CLAUSE and label not in (main, SAFETY, OTHER, *found):
                found.append(label)
        return tuple(found[:MAX_ALSO])

    def _lean_to_other(self, probs: list[float]) -> list[float]:
        """Give "other" FAR_CONFIDENCE and scale the rest into what is left."""
        other = self.labels.index(OTHER)
        rest = sum(p for i, p in enumerate(probs) if i != other) or 1.0
        keep = (1.0 - FAR_CONFIDENCE) / rest
        return [FAR_CONFIDENCE if i == other else p * keep for i, p in enumerate(probs)]

    def _apply_harm(self, probs: list[float], harm: Harm) -> list[float]:
        """Rules override statistics for harm: stated harm is safety, denied harm is not."""
        if SAFETY not in self.labels or harm is Harm.NONE:
            return probs
        safety = self.labels.index(SAFETY)
        if harm is Harm.PRESENT:
            if probs[safety] >= HARM_CONFIDENCE:
                return probs
            rest = sum(p for i, p in enumerate(probs) if i != safety) or 1.0
            keep = (1.0 - HARM_CONFIDENCE) / rest
            return [HARM_CONFIDENCE if i == safety else p * keep for i, p in enumerate(probs)]
        if max(probs) == probs[safety] and len(probs) > 1:
            rest = sum(p for i, p in enumerate(probs) if i != safety) or 1.0
            return [0.0 if i == safety else p / rest for i, p in enumerate(probs)]
        return probs

    def _empty(self, language: str = "en") -> Classification:
        """Nothing to read: say 'other' (or the first id) without pretending to be sure."""
        labels = self.labels
        scenario = OTHER if OTHER in labels or not labels else labels[0]
        return Classification(scenario, 1.0 / max(len(labels), 1), None, False, 0.0,
                              language=language)


def _labels(scenarios: tuple[str, ...] | None, pairs: Sequence[tuple[str, str]]) -> list[str]:
    """The ids the model can learn: the playbook's (in its order) that have any example."""
    seen = dict.fromkeys(label for _, label in pairs)
    if scenarios is None:
        return sorted(seen)
    return [label for label in dict.fromkeys(scenarios) if label in seen]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Training allocates ~100k small tuples and lists that all stay alive; letting the cyclic
    garbage collector rescan them every few thousand allocations costs a third of load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def _failure_model() -> NaiveBayes:
    """The failure head depends on no playbook, so every load() shares one: read from the
    committed counts, or counted here when they are missing or made from other data."""
    committed_head = counts.failure_head()
    if committed_head is not None:
        return committed_head
    with _gc_paused():
        return fit_failure(failure_examples(data.shipped_feedback(), data.shipped_reports()))


@lru_cache(maxsize=32)
def _load(
    scenarios: tuple[str, ...] | None, extra: tuple[tuple[str, str], ...]
) -> ScenarioClassifier:
    scenario_model = counts.scenario_head(scenarios, extra)
    if scenario_model is None:
        with _gc_paused():
            pairs = list(data.shipped_reports()) + list(extra)
            scenario_model = fit_scenarios(pairs, _labels(scenarios, pairs))
    return ScenarioClassifier(scenario_model, _failure_model(), calibration.load(), committed.load(),
                              committed.load(committed.FAILURE_FILE))
