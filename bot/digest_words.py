"""The digest's words that every platform shows the same way: the title, the money line, the
recovery rate, why a case is worth a look and the undelivered-messages warning. Adapters add
only their markup (terminal text, Block Kit, later Adaptive Cards)."""

from __future__ import annotations

from bot.digest import Digest, label, period_label
from bot.money import format_money, from_cents

REASONS = {"safety": "safety/escalated", "lost": "customer lost", "overdue": "overdue",
           "given": "most compensation"}
BUDGET_WORDS = {"day": "today", "week": "this week", "month": "this month"}


def money(cents: int, currency: str) -> str:
    return format_money(from_cents(cents), currency)


def title(digest: Digest) -> str:
    kind = "Daily" if digest.period == "day" else "Weekly"
    team = label(digest.team).capitalize() if digest.team else "All teams"
    return f"{kind} digest · {team} · {period_label(digest)}"


def budget_line(digest: Digest) -> str:
    """"$120 given; $450 of $1,500 this week (30%)" or just "$120 given"."""
    given = f"{money(digest.given_cents, digest.currency)} given"
    if digest.corrected_cents:
        given += f" (and {money(digest.corrected_cents, digest.currency)} of errors put right)"
    if digest.budget_cents is None or digest.budget_used_cents is None:
        return given
    used = digest.budget_used_cents
    share = f" ({used / digest.budget_cents:.0%})" if digest.budget_cents else ""
    over = " - over budget" if used > digest.budget_cents else ""
    return (f"{given}; {money(used, digest.currency)} of {money(digest.budget_cents, digest.currency)} "
            f"{BUDGET_WORDS.get(digest.budget_period or '', 'this period')}{share}{over}")


def rate_line(digest: Digest) -> str:
    counts = ", ".join(f"{name} {count}" for name, count in digest.outcomes)
    if digest.recovery_rate is None:
        return "no outcomes recorded"
    return f"{digest.recovery_rate:.0%} ({counts})"


def reason(key: str) -> str:
    """Why a case is in "worth a look", in words."""
    return REASONS.get(key, key)


def undelivered_line(digest: Digest) -> str:
    """Empty when every message of the period went out."""
    if not digest.failed_deliveries:
        return ""
    return (f"{digest.failed_deliveries} message(s) could not be delivered after every retry in "
            "this period; an admin sees, retries or discards them with `amends outbox`.")


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
