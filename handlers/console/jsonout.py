"""The stable JSON shape of `amends suggest`; other tools read these names."""

from __future__ import annotations

from typing import Any

from bot.policy import Decision
from bot.suggestion import Suggestion


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    classification = suggestion.classification
    reference = suggestion.specifics.reference
    return {
        "scenario": suggestion.scenario.id,
        "runner_up": classification.runner_up,
        "confidence": round(classification.confidence, 4),
        "failure": classification.failure,
        "apology": suggestion.apology,
        "explanation": suggestion.explanation,
        "compensation": [_option(d, suggestion.currency) for d in suggestion.on_the_spot],
        "needs_approval": [_option(d, suggestion.currency) for d in suggestion.needs_approval],
        "escalate": suggestion.escalate,
        "role": suggestion.role.name,
        "team": suggestion.scenario.team,
        "customer_ref": reference.normalised if reference else None,
    }


def _option(decision: Decision, currency: str) -> dict[str, Any]:
    option = decision.option
    return {"kind": option.kind, "description": option.description,
            "value": float(option.value), "currency": currency}
