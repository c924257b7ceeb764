"""Follow-ups in Slack: a nudge answers itself (resolve, escalate, outcome, snooze, done)."""

from __future__ import annotations

from bot.followups import OUTCOME_NUDGE
from bot.records import CaseRecord
from bot.transport import OutboundPost
from handlers.slack.blocks import Json, Message, actions, button, context, escape, label, section


def nudge_blocks(case: CaseRecord, delivery: OutboundPost) -> Message:
    text = escape(delivery.text)
    blocks: list[Json] = [section(f":alarm_clock: {text}"),
                          context(f"#{case.number} · {escape(label(case.scenario))}"
                                  + (f" · {escape(case.customer_ref)}" if case.customer_ref else ""))]
    if delivery.kind == OUTCOME_NUDGE:
        blocks.append(actions(f"outcome:{delivery.id}",
                              button("Recovered", "outcome", f"{case.number}:recovered", "primary"),
                              button("Partly", "outcome", f"{case.number}:partly"),
                              button("Lost", "outcome", f"{case.number}:lost", "danger")))
    else:
        blocks.append(actions(f"case:{delivery.id}",
                              button("Resolve…", "resolve", str(case.number), "primary"),
                              button("Escalate", "escalate", str(case.number), "danger")))
    blocks.append(actions(f"snooze:{delivery.id}",
                          button("Snooze 1 h", "snooze", f"{delivery.id}:1h"),
                          button("Tomorrow", "snooze", f"{delivery.id}:tomorrow"),
                          button("Done", "nudge_done", str(delivery.id))))
    return delivery.text, blocks
