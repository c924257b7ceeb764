"""The managers' digest as readable terminal text; times in the digest's time zone."""

from __future__ import annotations

from bot.digest import Digest, label, local, period_label
from bot.money import format_money, from_cents
from store.records import CaseRecord

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


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def look_line(digest: Digest, case: CaseRecord, reason: str) -> str:
    reference = f" · {case.customer_ref}" if case.customer_ref else ""
    given = f" · given {money(case.given_cents, case.currency)}" if case.given_cents else ""
    when = local(case.created_at, digest.timezone)
    return (f"#{case.number} {label(case.scenario)}{reference} · {REASONS.get(reason, reason)}"
            f" · {case.status.replace('_', ' ')}{given} · reported {when:%a %d %b %H:%M}: "
            f"{shorten(case.text, 80)}")


def render_digest(digest: Digest) -> str:
    start = local(digest.start, digest.timezone)
    end = local(digest.end, digest.timezone)
    lines = [title(digest),
             f"  ({start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} {digest.timezone})", ""]
    lines.append(f"New cases: {digest.new_total}")
    lines += [f"  {label(name)}: {count}" for name, count in digest.new_by_scenario]
    lines.append(f"Open: {digest.open_count} · overdue: {digest.overdue_count} · "
                 f"awaiting approval: {digest.awaiting_approval}")
    lines.append(f"Compensation: {budget_line(digest)}")
    lines.append(f"Recovery rate: {rate_line(digest)}")
    if digest.top_root_causes:
        lines.append("Top root causes: " + ", ".join(f"{cause} {count}"
                                                      for cause, count in digest.top_root_causes))
    if digest.repeat_customers:
        lines.append("Repeat customers: " + ", ".join(f"{ref} ({count} cases)"
                                                       for ref, count in digest.repeat_customers))
    if digest.worth_a_look:
        lines.append("Worth a look:")
        reasons = digest.look_reasons or ("",) * len(digest.worth_a_look)
        lines += [f"  {look_line(digest, case, reason)}"
                  for case, reason in zip(digest.worth_a_look, reasons, strict=False)]
    if digest.failed_deliveries:
        lines.append(f"! {digest.failed_deliveries} message(s) could not be delivered after every "
                     "retry; they are kept in the outbox.")
    return "\n".join(lines)
