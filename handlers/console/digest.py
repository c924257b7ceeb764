"""The managers' digest as readable terminal text; times in the digest's time zone. The words
themselves are shared with every platform (bot/digest_words.py)."""

from __future__ import annotations

from bot.digest import Digest, label, local
from bot.digest_words import budget_line, money, rate_line, reason, shorten, title, undelivered_line
from bot.records import CaseRecord


def look_line(digest: Digest, case: CaseRecord, why: str) -> str:
    reference = f" · {case.customer_ref}" if case.customer_ref else ""
    given = f" · given {money(case.given_cents, case.currency)}" if case.given_cents else ""
    when = local(case.created_at, digest.timezone)
    return (f"#{case.number} {label(case.scenario)}{reference} · {reason(why)}"
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
        lines += [f"  {look_line(digest, case, why)}"
                  for case, why in zip(digest.worth_a_look, reasons, strict=False)]
    if undelivered := undelivered_line(digest):
        lines.append(f"! {undelivered}")
    return "\n".join(lines)
