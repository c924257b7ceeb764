"""The placeholders of a playbook's words, filled in the language the customer is spoken to in.

English templates keep their old fields ({item} "your burger", {at_reference} " at table 7").
The other languages get only fields that need no grammar from us: a reference with its own
preposition and article ({at_ref} " en la mesa 7"), the item exactly as the report typed it in
brackets ({item_note} " (hamburguesa)", never with an article whose gender we would have to
guess) and the wait ({wait} "40 minutos", or "tanto tiempo" when the report gives none). Each
may be empty, so templates are written to read well either way.
"""

from __future__ import annotations

import re

from bot.references import CustomerReference
from bot.specifics import Specifics

LANGUAGES = ("en", "es", "fr", "de", "pt")
"""The languages a shipped playbook carries words in; English is the fallback."""

_AT_REF = {
    "en": {"room": " in room {v}", "table": " at table {v}", "order": " on order #{v}",
           "booking": " on booking {v}"},
    "es": {"room": " en la habitación {v}", "table": " en la mesa {v}",
           "order": " con el pedido {v}", "booking": " con la reserva {v}"},
    "fr": {"room": " dans la chambre {v}", "table": " à la table {v}",
           "order": " avec la commande {v}", "booking": " avec la réservation {v}"},
    "de": {"room": " in Zimmer {v}", "table": " an Tisch {v}", "order": " bei der Bestellung {v}",
           "booking": " bei der Reservierung {v}"},
    "pt": {"room": " no quarto {v}", "table": " na mesa {v}", "order": " com o pedido {v}",
           "booking": " com a reserva {v}"},
}
_REFERENCE = {
    "en": {"room": "room {v}", "table": "table {v}", "order": "order #{v}", "booking": "booking {v}"},
    "es": {"room": "habitación {v}", "table": "mesa {v}", "order": "pedido {v}", "booking": "reserva {v}"},
    "fr": {"room": "chambre {v}", "table": "table {v}", "order": "commande {v}",
           "booking": "réservation {v}"},
    "de": {"room": "Zimmer {v}", "table": "Tisch {v}", "order": "Bestellung {v}",
           "booking": "Reservierung {v}"},
    "pt": {"room": "quarto {v}", "table": "mesa {v}", "order": "pedido {v}", "booking": "reserva {v}"},
}
# (one minute, n minutes, one hour, n hours, unknown)
_WAIT = {
    "en": ("a minute", "{n} minutes", "an hour", "{n} hours", "that long"),
    "es": ("un minuto", "{n} minutos", "una hora", "{n} horas", "tanto tiempo"),
    "fr": ("une minute", "{n} minutes", "une heure", "{n} heures", "aussi longtemps"),
    "de": ("eine Minute", "{n} Minuten", "eine Stunde", "{n} Stunden", "so lange"),
    "pt": ("um minuto", "{n} minutos", "uma hora", "{n} horas", "tanto tempo"),
}
_WAIT_RE = re.compile(
    r"(?<![\d:.,])(\d{1,3}(?:[.,]5)?)\s*\+?\s*(min\w*|mn|h|hr|hrs|hours?|horas?|heures?|stunden?|std)\b",
    re.IGNORECASE,
)


def wait_minutes(text: str) -> int | None:
    """How long the report says the customer waited, in minutes, in any of the languages."""
    match = _WAIT_RE.search(text)
    if match is None:
        return None
    amount = float(match.group(1).replace(",", "."))
    minutes = amount if match.group(2).lower().startswith("m") else amount * 60
    return int(minutes) if 0 < minutes < 10_000 else None


def wait_phrase(minutes: int | None, language: str) -> str:
    """"40 minutes", "una hora", "2 Stunden"; the language's "that long" when unknown."""
    one_minute, n_minutes, one_hour, n_hours, unknown = _WAIT.get(language, _WAIT["en"])
    if not minutes:
        return unknown
    if minutes % 60 == 0:
        hours = minutes // 60
        return one_hour if hours == 1 else n_hours.format(n=hours)
    if minutes == 30 and language == "en":
        return "half an hour"
    return one_minute if minutes == 1 else n_minutes.format(n=minutes)


def at_reference(reference: CustomerReference | None, language: str) -> str:
    """" en la mesa 7": the reference with the preposition its kind takes, or nothing."""
    if reference is None:
        return ""
    return _AT_REF.get(language, _AT_REF["en"])[reference.kind].format(v=reference.value)


def spoken_reference(reference: CustomerReference | None, language: str) -> str:
    """"habitación 214": how the reference is said in the language, or nothing."""
    if reference is None:
        return ""
    return _REFERENCE.get(language, _REFERENCE["en"])[reference.kind].format(v=reference.value)


def localised_fields(specifics: Specifics, language: str, text: str) -> dict[str, str]:
    """The fields every language's templates may use."""
    typed = specifics.typed_item or ""
    return {
        "at_ref": at_reference(specifics.reference, language),
        "ref": spoken_reference(specifics.reference, language),
        "item_note": f" ({typed})" if typed else "",
        "wait": wait_phrase(wait_minutes(text), language),
    }
