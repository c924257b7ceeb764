"""What the report names (the reference, the item, what was wrong with it, how long they waited).

The apology quotes these words rather than the report itself: a pasted rant must never be read
back to a customer, but "your burger came out cold" shows the employee listened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.references import CustomerReference, find_reference

_ITEMS = (
    "burger", "pizza", "pasta", "soup", "steak", "salad", "sandwich", "wrap", "fries", "chips",
    "coffee", "latte", "cappuccino", "tea", "smoothie", "cocktail", "wine", "beer", "dessert",
    "cake", "breakfast", "lunch", "dinner", "curry", "noodles", "rice", "chicken", "fish",
    "salmon", "eggs", "omelette", "sushi", "ramen", "burrito", "taco", "bagel", "croissant",
    "meal", "dish", "order", "delivery", "parcel", "package", "tv", "television", "laptop",
    "phone", "blender", "sofa", "couch", "chair", "chairs", "table", "mattress", "fridge",
    "headphones", "shoes", "jacket", "dress", "book", "lamp", "kettle", "microwave", "vase",
    "bill", "invoice", "receipt", "suitcase", "luggage",
)
_GENERIC_ITEMS = frozenset({"meal", "dish", "order", "delivery", "parcel", "package", "lunch",
                            "dinner", "breakfast"})
_PROBLEMS = (
    "cold", "lukewarm", "undercooked", "overcooked", "raw", "burnt", "burned", "stale", "soggy",
    "salty", "bland", "greasy", "dry", "rotten", "mouldy", "moldy", "spoiled", "sour", "flat",
    "late", "broken", "cracked", "dented", "scratched", "ripped", "torn", "soaked", "leaking",
    "faulty", "damaged", "smashed", "shattered", "dirty", "missing", "wrong",
)
_ITEM_SET = frozenset(_ITEMS)
_PROBLEM_SET = frozenset(_PROBLEMS)
_WORD = re.compile(r"[a-z]+")
_WAIT_RE = re.compile(
    r"\b(\d{1,3}|an?|half an?|one|two|three)\s*\+?\s*(min|mins|minutes|hr|hrs|hour|hours)\b",
    re.IGNORECASE,
)
_UNIT_NAMES = {"min": "minutes", "mins": "minutes", "minutes": "minutes",
               "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours"}


@dataclass(frozen=True, slots=True)
class Specifics:
    reference: CustomerReference | None
    item: str | None
    """The English item word ("burger"), for English templates."""
    problem: str | None
    wait: str | None
    typed_item: str | None = None
    """The item as the report typed it, in its own language ("hamburguesa", "Schnitzel")."""


def find_specifics(text: str, language: str = "en") -> Specifics:
    """Words are looked up in sets rather than matched by one long alternation: this runs on
    every report, inside Slack's three seconds."""
    reference = find_reference(text)
    words = _WORD.findall(text.lower())
    problem = next((word for word in words if word in _PROBLEM_SET), None)
    item = _item(words, reference.kind if reference else "")
    typed = item if language == "en" else _typed_item(text, language,
                                                      reference.kind if reference else "")
    return Specifics(reference=reference, item=item if language == "en" else None,
                     problem=problem if language == "en" else None, wait=_wait(text),
                     typed_item=typed)


_TYPED_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


def _typed_item(text: str, language: str, reference_kind: str) -> str | None:
    """The first word of a non-English report whose English gloss is an item ("sopa" is
    soup), as typed; a specific item wins over a generic one ("pedido")."""
    from bot.classifier.lexicon import lexicon
    from bot.classifier.normalise import normalise

    table = lexicon(language)
    generic: str | None = None
    word: str
    for word in _TYPED_WORD.findall(text[:2000]):
        gloss = table.get(normalise(word).replace(" ", ""), ())
        items = [g for g in gloss if g in _ITEM_SET and g != reference_kind]
        if not items:
            continue
        if all(g in _GENERIC_ITEMS for g in items):
            generic = generic or word
            continue
        return word
    return generic


def _item(words: list[str], reference_kind: str) -> str | None:
    """The most specific thing named: "burger" over "order" in "order 12, burger cold"; the
    reference's own word ("table" in "table 7") is where, not what."""
    found = [word for word in words if word in _ITEM_SET and word != reference_kind]
    specific = [item for item in found if item not in _GENERIC_ITEMS]
    chosen = specific or found
    return chosen[0] if chosen else None


def _wait(text: str) -> str | None:
    match = _WAIT_RE.search(text)
    if not match:
        return None
    amount, unit = match.group(1).lower(), _UNIT_NAMES[match.group(2).lower()]
    if amount in ("a", "an", "one", "1"):
        return "an hour" if unit == "hours" else "a minute"
    if amount.startswith("half"):
        return "half an hour"
    return f"{amount} {unit}"
