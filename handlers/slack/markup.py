"""Slack's message markup turned into the plain text the core reads and stores.

Slack sends `<@U123>` for a mention, `<#C1|front-desk>` for a channel, `<https://x|label>` for
a link, `<!here>` for a broadcast, and escapes &, < and > as entities. None of that belongs in a
case's text, a digest or an export, and the classifier should learn words, not platform ids, so
the adapter converts it before anything reaches the core:

- people and broadcasts are dropped (`<@U123>`, `<!here>`): the report is about the customer;
- a channel keeps its name (`#front-desk`), a link its label and address (`label (https://x)`),
  a user group its handle (`@kitchen`), a date its fallback text;
- `&amp;`, `&lt;` and `&gt;` become `&`, `<` and `>` (after the markup is read, so a typed
  `<` is never taken for markup).
"""

from __future__ import annotations

import re

_ANGLED = re.compile(r"<([^<>]*)>")
_ENTITIES = re.compile(r"&(amp|lt|gt);")
_ENTITY = {"amp": "&", "lt": "<", "gt": ">"}
_SPACES = re.compile(r"[ \t]{2,}")


def plain_text(text: str) -> str:
    """What a person reads in Slack, without ids; line breaks are kept, doubled spaces are not."""
    if "<" in text:
        text = _ANGLED.sub(_readable, text)
    if "&" in text:
        text = _ENTITIES.sub(lambda match: _ENTITY[match.group(1)], text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def _readable(match: re.Match[str]) -> str:
    inner = match.group(1)
    target, _, label = inner.partition("|")
    if target.startswith("@"):
        return " "
    if target.startswith("#"):
        return f" #{label} " if label else " "
    if target.startswith("!"):
        return _special(target[1:], label)
    if ":" in target and " " not in target:  # https:, mailto:, tel: ...
        if not label or label == target or target.partition(":")[2].lstrip("/") == label:
            return f" {label or target} "  # Slack's own link of a typed address or email
        return f" {label} ({target}) "
    return match.group(0)  # not Slack markup: an escaped < would have arrived as &lt;


def _special(command: str, label: str) -> str:
    """<!here>, <!channel>, <!everyone>: dropped; <!subteam^S1|@kitchen>: the handle;
    <!date^…|fallback>: the fallback text."""
    if command.startswith(("subteam^", "date^")) and label:
        return f" {label} "
    return " "
