"""The shape of one language's harm vocabulary, as the safety rules read it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    """Regex fragments over normalise()d text (lowercase, accents folded, no apostrophes).

    Three strengths of evidence, because they are cancelled differently:
    - hazard: harm or a danger to people; only a plain denial right before it cancels it
      ("no one was hurt"), a near miss still counts ("nearly fell").
    - health: illness and allergic reactions; a counterfactual cancels it as well ("could have
      caused a reaction" is a missed dietary request, not an incident).
    - soft: things that are dangerous only if someone was there ("the glass shattered", "a tile
      came down"); any statement in the report that nobody was harmed cancels them.
    `reassure` are such statements in their own words ("rien de grave", "unhurt"); `excuses` are
    innocent readings of a soft hazard said right beside it ("the wifi keeps dropping", "cold
    smoke in a non-smoking room").
    The word sets drive the negation scope: a denial reaches a harm phrase only across `scope`
    words ("nadie se hizo daño", "personne n'a été blessé"), and past one of the `subjects` it
    quantifies ("aucun client n'a été malade", "nenhum cliente passou mal").
    """

    hazard: tuple[str, ...]
    health: tuple[str, ...]
    soft: tuple[str, ...] = ()
    reassure: tuple[str, ...] = ()
    excuses: tuple[str, ...] = ()
    denials: frozenset[str] = frozenset()
    hypotheticals: frozenset[str] = frozenset()
    scope: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
