"""Harm vocabularies, one module per language the engine reads (see ../safety.py)."""

from __future__ import annotations

from . import de, en, es, fr, pt
from .words import Words

LANGUAGES: tuple[Words, ...] = (en.WORDS, es.WORDS, fr.WORDS, de.WORDS, pt.WORDS)

__all__ = ["LANGUAGES", "Words"]
