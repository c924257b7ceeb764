"""Harm vocabularies, one module per language the engine reads (see ../safety.py)."""

from __future__ import annotations

from . import de, en, es, fr, pt
from .words import Words

BY_CODE: dict[str, Words] = {"en": en.WORDS, "es": es.WORDS, "fr": fr.WORDS, "de": de.WORDS, "pt": pt.WORDS}
LANGUAGES: tuple[Words, ...] = tuple(BY_CODE.values())

__all__ = ["BY_CODE", "LANGUAGES", "Words"]
