"""Customer references (room 214, table 7, order #88231, booking ABC123), normalised.

A reference is what ties cases to one customer ("repeat customer" later), so the same room
typed as "rm214", "Room 214" or "room #214" must store and search as the same "room 214".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.redact import is_card_number

_KINDS = {
    "room": "room", "rm": "room", "suite": "room",
    "table": "table", "tbl": "table", "tab": "table", "tble": "table",
    "order": "order", "ord": "order", "ticket": "order", "invoice": "order", "receipt": "order",
    "delivery": "order",
    "booking": "booking", "reservation": "booking", "res": "booking", "bkg": "booking",
    "confirmation": "booking", "conf": "booking",
    # es / fr / de / pt, as staff type them ("hab 214", "ch 12", "zi 117", "qto 302")
    "habitación": "room", "habitacion": "room", "hab": "room", "chambre": "room", "ch": "room",
    "zimmer": "room", "zi": "room", "zimmernummer": "room", "quarto": "room", "qto": "room",
    "apartamento": "room",
    "mesa": "table", "tisch": "table",
    "pedido": "order", "commande": "order", "cmd": "order", "bestellung": "order",
    "bestellnummer": "order", "encomenda": "order", "factura": "order",
    "facture": "order", "rechnung": "order", "fatura": "order", "recibo": "order",
    "reserva": "booking", "réservation": "booking",
    "reservierung": "booking", "buchung": "booking", "buchungsnummer": "booking",
    "localizador": "booking",
}
_KIND_WORDS = "|".join(sorted(_KINDS, key=len, reverse=True))
_LABELLED = re.compile(
    rf"\b({_KIND_WORDS})\.?\s*(?:no\.?|number|num|nr|#)?\s*[:#]?\s*([a-z]{{0,4}}\d[a-z0-9-]{{0,11}})\b",
    re.IGNORECASE,
)
_HASH = re.compile(r"(?<![\w&])#\s?(\d{3,12})\b")
_IN_ROOM = re.compile(
    r"\bin\s+(\d{3,4})\b(?!\s*(?:min|mins|minutes|hrs?|hours|days|am|pm|%|people|items|euros?|dollars?))",
    re.IGNORECASE,
)
_TIME_LIKE = re.compile(r"^\d{1,2}(?:am|pm)$")


@dataclass(frozen=True, slots=True)
class CustomerReference:
    kind: str
    value: str

    @property
    def normalised(self) -> str:
        return f"{self.kind} {self.value}"

    @property
    def spoken(self) -> str:
        """How the apology says it: orders read with their '#', the rest plainly."""
        return f"order #{self.value}" if self.kind == "order" else self.normalised


def find_reference(text: str) -> CustomerReference | None:
    """The first customer reference the text names, or None when it names none."""
    for match in _LABELLED.finditer(text):
        value = match.group(2)
        if _TIME_LIKE.match(value.lower()):
            continue
        return _make(_KINDS[match.group(1).lower()], value)
    in_room = _IN_ROOM.search(text)
    if in_room:
        return _make("room", in_room.group(1))
    hashed = _HASH.search(text)
    if hashed:
        return _make("order", hashed.group(1))
    return None


def parse_reference(text: str) -> CustomerReference | None:
    """Reads a reference typed on purpose: "room 214", "rm214", "#88231", "ABC123"."""
    stripped = text.strip()
    if not stripped or is_card_number(re.sub(r"[^0-9]", "", stripped)):  # a card is never stored
        return None
    found = find_reference(stripped)
    if found:
        return found
    token = stripped.lstrip("#").strip()
    if re.fullmatch(r"[A-Za-z0-9-]{2,16}", token) and any(ch.isdigit() for ch in token):
        return _make("order" if token.isdigit() else "booking", token)
    return None


def _make(kind: str, value: str) -> CustomerReference:
    cleaned = value.strip("-")
    return CustomerReference(kind=kind, value=cleaned.upper() if kind == "booking" else cleaned.lower())
