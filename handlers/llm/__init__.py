"""A words writer behind any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI,
Ollama, vLLM, llama.cpp), plugged into the core's writer seam."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings
    from handlers.llm.writer import LLMWriter


def llm_writer(settings: Settings) -> LLMWriter | None:
    """The LLM writer when an endpoint is configured; None (and no client built) otherwise."""
    if not settings.llm_base_url:
        return None
    from handlers.llm.writer import LLMWriter

    return LLMWriter(base_url=settings.llm_base_url,
                     api_key=settings.secret("AMENDS_LLM_API_KEY") or "",
                     model=settings.llm_model, deadline=float(settings.llm_deadline),
                     mask=settings.llm_mask.lower() != "off")
