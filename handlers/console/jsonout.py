"""The stable JSON shape of `amends suggest`; other tools read these names."""

from __future__ import annotations

from typing import Any

from bot.policy import Decision
from bot.suggestion import Suggestion
from bot.words import option_id


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    classification = suggestion.classification
    reference = suggestion.specifics.reference
    return {
        "scenario": suggestion.scenario.id,
        "runner_up": classification.runner_up,
        "confidence": round(classification.confidence, 4),
        "failure": classification.failure,
        "safety": suggestion.brief.safety,
        "apology": suggestion.apology,
        "explanation": suggestion.explanation,
        "compensation": [_option(d, suggestion) for d in suggestion.on_the_spot],
        "needs_approval": [_option(d, suggestion) for d in suggestion.needs_approval],
        "escalate": suggestion.escalate,
        "role": suggestion.role.name,
        "team": suggestion.scenario.team,
        "customer_ref": reference.normalised if reference else None,
        "language": suggestion.language,
        "also": list(suggestion.brief.also),
        "recommended": suggestion.words.recommended,
        "guide": suggestion.words.guide.as_json(),
        "safety_steps": list(suggestion.words.safety_steps),
        "words_language": suggestion.words.language,
        "writer": suggestion.words.writer,
        "note": suggestion.words.note,
        "fill_ins": [{"id": ident, "text": text} for ident, text in suggestion.brief.fill_ins],
    }


def _option(decision: Decision, suggestion: Suggestion) -> dict[str, Any]:
    """`id` is what `recommended` names."""
    option = decision.option
    return {"id": option_id(suggestion.scenario.id, decision.index), "kind": option.kind,
            "description": option.description, "value": float(decision.amount),
            "currency": suggestion.currency, "correction": option.correction,
            "estimated": decision.estimated}
