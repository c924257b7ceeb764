"""The managers' digest as Slack Block Kit (the chart PNG is uploaded beside it by the sender).

Everything someone typed (report text, customer references) goes through `escape`, so a
report saying "<!channel>" pings no one. The period is shown in the team's time zone
(`digest.timezone`), the one it was cut in.
"""

from __future__ import annotations

from typing import Any

from bot.digest import Digest, local
from bot.digest_words import budget_line, rate_line, reason, title, undelivered_line
from bot.records import CaseRecord
from handlers.slack.blocks import (
    MAX_BLOCKS,
    clip,
    context,
    escape,
    header,
    label,
    mrkdwn,
    section,
    status_text,
    who,
)

Json = dict[str, Any]
SCENARIOS_SHOWN = 15
FIELD_LIMIT = 2000


def _field(text: str) -> Json:
    return mrkdwn(clip(text, FIELD_LIMIT))


def _look(case: CaseRecord, why: str) -> str:
    reference = f" · {escape(clip(case.customer_ref, 100))}" if case.customer_ref else ""
    text = escape(clip(" ".join(case.text.split()), 200))
    return (f"*#{case.number} · {label(case.scenario)}*{reference} · {reason(why)}\n"
            f"{status_text(case.status)} · {who(case.reporter_id)} · _{text}_")


def digest_blocks(digest: Digest) -> tuple[str, list[Json]]:
    """(fallback text, blocks) for the managers' channel; never more than 50 blocks."""
    heading = title(digest)
    rate = rate_line(digest)
    start, end = local(digest.start, digest.timezone), local(digest.end, digest.timezone)
    blocks: list[Json] = [
        header(heading),
        context(f"{start:%a %d %b %H:%M} to {end:%a %d %b %H:%M} ({escape(digest.timezone)})"),
        {"type": "section", "fields": [
            _field(f"*New cases*\n{digest.new_total}"),
            _field(f"*Open*\n{digest.open_count}"),
            _field(f"*Overdue*\n{digest.overdue_count}"),
            _field(f"*Awaiting approval*\n{digest.awaiting_approval}"),
            _field(f"*Compensation*\n{escape(budget_line(digest))}"),
            _field(f"*Recovery rate*\n{escape(rate)}"),
        ]},
    ]
    if digest.new_by_scenario:
        shown = digest.new_by_scenario[:SCENARIOS_SHOWN]
        lines = [f"• {label(name)}: {count}" for name, count in shown]
        rest = digest.new_by_scenario[SCENARIOS_SHOWN:]
        if rest:
            lines.append(f"• {len(rest)} more scenarios: {sum(count for _, count in rest)}")
        blocks.append(section("*New cases by scenario*\n" + "\n".join(lines)))
    if digest.top_root_causes:
        blocks.append(section("*Top root causes:* " + ", ".join(
            f"{escape(cause)} ({count})" for cause, count in digest.top_root_causes)))
    if digest.repeat_customers:
        blocks.append(section("*Repeat customers:* " + ", ".join(
            f"{escape(clip(ref, 100))} ({count} cases)" for ref, count in digest.repeat_customers)))
    if digest.worth_a_look:
        reasons = digest.look_reasons or ("",) * len(digest.worth_a_look)
        blocks.append({"type": "divider"})
        blocks.append(section("*Worth a look*"))
        blocks += [section(_look(case, why))
                   for case, why in zip(digest.worth_a_look, reasons, strict=False)]
    if undelivered := undelivered_line(digest):
        blocks.append(section(f":warning: {escape(undelivered)}"))
    fallback = (f"{heading}: {digest.new_total} new, {digest.open_count} open, "
                f"{digest.overdue_count} overdue, recovery {rate}")
    return clip(escape(fallback), 3000), blocks[:MAX_BLOCKS]
