"""Phrases that staff must not read to a guest, per language the playbooks carry.

An explanation says what the employee will do, never a cause, a past action or another team's
action they cannot know; an apology or closing promises nothing the options don't give; the
words for a safety incident show care without admitting fault. These lists catch the usual ways
such sentences are built: `amends playbook check` warns with them, the tests hold the shipped
playbooks to them, and a writer's words (an LLM's) are checked against them before anyone sees
them. They cannot catch every paraphrase; the trainer's blind read does the rest.
"""

from __future__ import annotations

import re
from functools import cache

# A cause, a past action, or another team's action, said as fact.
_ASSERTS_UNKNOWN = {
    "en": r"\b(because|due to|caused by|short[- ]?handed|short[- ]staffed|understaffed|fell behind|"
          r"ran (out|behind|late)|mixed up|on our side|applied incorrectly|wasn't packed|"
          r"was(n't| not) (checked|packed|cleaned|passed on)|didn't reach|i've (checked|asked|told|let|"
          r"called|spoken|sent|arranged|informed)|i have (checked|asked|told|called|informed)|"
          r"(maintenance|housekeeping|the kitchen|the chef|the courier|the driver|billing|reception|"
          r"the team) (is|are|has|have|will|was)\b)",
    "es": r"\b(porque|debido a|a causa de|por culpa|falta de personal|nos faltó|se (nos )?(olvidó|"
          r"acabó|retrasó|mezcl)|he (comprobado|avisado|hablado|pedido|llamado|informado)|"
          r"(la cocina|el repartidor|mantenimiento|limpieza|recepción|el equipo) (está|ha|va|se))",
    "fr": r"\b(parce que|à cause|en raison|dû à|manque de personnel|en sous-effectif|on a (oublié|"
          r"mélangé)|j'ai (vérifié|prévenu|demandé|appelé|informé|parlé)|(la cuisine|le livreur|"
          r"la maintenance|le ménage|la réception|l'équipe) (est|a|va))",
    "de": r"\b(weil|wegen|aufgrund|unterbesetzt|zu wenig personal|ich habe (nachgesehen|geprüft|"
          r"bescheid|angerufen|gefragt|informiert)|(die küche|der fahrer|der kurier|die technik|"
          r"die haustechnik|das housekeeping|die rezeption|das team) (ist|hat|wird|kommt))",
    "pt": r"\b((?<!sei )(?<!saber )porque|devido a|por causa|falta de pessoal|faltou pessoal|"
          r"eu (verifiquei|avisei|pedi|liguei|informei|falei)\b|já (verifiquei|avisei|pedi|liguei)\b|"
          r"(a cozinha|o entregador|o estafeta|a manutenção|a limpeza|a receção|a recepção|"
          r"a equipe|a equipa) (está|já|vai|foi))",
}
# A promise only an option may make.
_PROMISES = {
    "en": r"\b(you won't pay|you will not pay|won't be charged|will not be charged|free of charge|"
          r"for free|on the house|refund|won't happen again|never happen again|in \d+ minutes|compensat)",
    "es": r"\b(no (le )?(va a )?pagar|gratis|sin coste|invita la casa|corre de nuestra cuenta|reembols|"
          r"no volverá a pasar)",
    "fr": r"\b(vous ne paierez|gratuit|offert|c'est pour nous|rembours|ne se reproduira)",
    "de": r"\b(nicht bezahlen|kostenlos|gratis|aufs haus|geht auf uns|auf unsere kosten|erstatt|"
          r"nie wieder passier)",
    "pt": r"\b(não vai pagar|grátis|de graça|por conta da casa|por nossa conta|reembols|"
          r"não vai acontecer de novo)",
}
# Words that admit fault: right for a cold soup, never on the floor after an injury.
_ADMITS_FAULT = {
    "en": r"\b(our fault|on us|our mistake|we're responsible|we are responsible|liab)",
    "es": r"\b(nuestra culpa|culpa nuestra|nuestro error|somos responsables)",
    "fr": r"\b(notre faute|notre erreur|nous sommes responsables)",
    "de": r"\b(unsere schuld|unser fehler|wir sind verantwortlich)",
    "pt": r"\b(nossa culpa|culpa nossa|nosso erro|somos responsáveis)",
}



@cache
def _compiled(kind: str, language: str) -> re.Pattern[str] | None:
    table = {"unknown": _ASSERTS_UNKNOWN, "promise": _PROMISES, "fault": _ADMITS_FAULT}[kind]
    pattern = table.get(language)
    return None if pattern is None else re.compile(pattern, re.IGNORECASE)


def _found(kind: str, text: str, language: str) -> str | None:
    pattern = _compiled(kind, language)
    match = pattern.search(text) if pattern is not None else None
    return match.group(0) if match else None


def asserts_unknown(text: str, language: str) -> str | None:
    """The phrase that states a cause, a past action or another team's action, if any."""
    return _found("unknown", text, language)


def promises(text: str, language: str) -> str | None:
    """The phrase that promises what only an option may give, if any."""
    return _found("promise", text, language)


def admits_fault(text: str, language: str) -> str | None:
    """The phrase that admits fault (right for a cold soup, never after an injury), if any."""
    return _found("fault", text, language)
