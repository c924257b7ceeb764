"""The LLM words writer: decided facts out, words back, through the policy guard.

It is handed a `Brief` (what code already decided) and returns `Words`; it never sees or
returns an amount to give. Contact details and card numbers are masked before the report
leaves. The model is asked for a JSON object by schema; a server that rejects `json_schema`
is asked again for `json_object`. The whole call, retries included, has one deadline (the
client's own timeout is per attempt and between bytes). Anything late, failing or refused by
the guard raises, and the core keeps the offline words, marked "standard answer".
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from bot.guard import Rejected, guarded
from bot.prompts import Prompt, load_prompt
from bot.redact import mask_contact
from bot.suggestion import words_for
from bot.words import Brief, Words

log = logging.getLogger("amends.llm")

DEFAULT_DEADLINE = 4.0
"""Seconds a report waits for the model before the offline words stand."""

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["apology", "explanation", "guide", "recommended", "language"],
    "properties": {
        "apology": {"type": "string"},
        "explanation": {"type": "string"},
        "guide": {
            "type": "object", "additionalProperties": False,
            "required": ["empathy", "questions", "alternatives", "closing"],
            "properties": {"empathy": {"type": "string"},
                           "questions": {"type": "array", "items": {"type": "string"}},
                           "alternatives": {"type": "array", "items": {"type": "string"}},
                           "closing": {"type": "string"}},
        },
        "recommended": {"type": ["string", "null"]},
        "language": {"type": "string"},
    },
}


class LLMWriter:
    """SuggestionWriter over an OpenAI-compatible endpoint."""

    def __init__(self, *, base_url: str, api_key: str, model: str,
                 deadline: float = DEFAULT_DEADLINE, mask: bool = True,
                 prompt: Prompt | None = None) -> None:
        from openai import AsyncOpenAI

        # No retries inside the client: it would obey a Retry-After of up to two minutes.
        self.client = AsyncOpenAI(base_url=base_url, api_key=api_key or "none", max_retries=0,
                                  timeout=deadline)
        self.model = model
        self.deadline = deadline
        self.mask = mask
        self.prompt = prompt or load_prompt("suggest")
        self._json_schema = True
        """Cleared the first time the server refuses `json_schema`."""

    async def write(self, brief: Brief) -> Words:
        async with asyncio.timeout(self.deadline):
            raw = await self._ask(self._messages(brief))
        try:
            answer = json.loads(raw)
        except ValueError:
            raise Rejected("the model's answer is not JSON") from None
        if not isinstance(answer, dict):
            raise Rejected("the model's answer is not a JSON object")
        return guarded(answer, brief, writer="llm", model=self.model,
                       prompt_version=self.prompt.version)

    async def _ask(self, messages: list[dict[str, str]]) -> str:
        from openai import BadRequestError

        if self._json_schema:
            try:
                return await self._complete(messages, {
                    "type": "json_schema",
                    "json_schema": {"name": "amends_words", "schema": SCHEMA, "strict": True}})
            except BadRequestError:
                log.info("the endpoint refused json_schema; asking for json_object from now on")
                self._json_schema = False
        return await self._complete(messages, {"type": "json_object"})

    async def _complete(self, messages: list[dict[str, str]], response_format: Any) -> str:
        response = await self.client.chat.completions.create(
            model=self.model, messages=messages,  # type: ignore[arg-type]
            response_format=response_format, temperature=0.3)
        content = response.choices[0].message.content if response.choices else None
        if not content:
            raise Rejected("the model answered nothing")
        return str(content)

    def _messages(self, brief: Brief) -> list[dict[str, str]]:
        report = mask_contact(brief.text) if self.mask else brief.text
        _, words = words_for(brief)
        playbook_words = f"apology: {words.apology}\nexplanation: {words.explanation}"
        safety = ("- This is a SAFETY incident: show care, admit no fault, promise nothing; the "
                  "staff's safety steps are added by code.\n") if brief.safety else ""
        system = self.prompt.text.format(
            language=brief.language, safety=safety, playbook_words=playbook_words,
            options=_options(brief.options), needs_approval=_options(brief.needs_approval))
        return [{"role": "system", "content": system},
                {"role": "user", "content": f"Scenario: {brief.scenario.id}\nReport:\n{report}"}]


def _options(options: Any) -> str:
    lines = [f"- {o.id}: {o.description} ({o.value} {o.currency})" for o in options]
    return "\n".join(lines) or "- none"
