"""Messages for the people who decide and act: approval requests, their verdicts, and alerts
about failures spotted in feedback channels."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from bot.records import CaseRecord, OfferRecord
from handlers.slack.blocks import (
    _CHANNEL_ID,
    Message,
    _user,
    actions,
    button,
    cents,
    clip,
    context,
    escape,
    label,
    message,
    quote,
    section,
    status_text,
    when,
    who,
)


def _offer_line(case: CaseRecord, offer: OfferRecord) -> str:
    return (f"*{escape(offer.description)}* ({cents(offer.value_cents, offer.currency)}) "
            f"on case #{case.number} · {label(case.scenario)}")


def approval_request_blocks(case: CaseRecord, offer: OfferRecord, requested_by: str,
                            reason: str) -> Message:
    value = f"{case.number}:{offer.option_index}"
    ask = f":raising_hand: {who(requested_by)} asks to give {_offer_line(case, offer)}"
    blocks = [section(ask + (f"\n_{_user(reason, 500)}_" if reason else "")),
              section(quote(case.text, 500)),
              context(f"Given so far {cents(case.given_cents, case.currency)} · "
                      f"reported {when(case.created_at)} by {who(case.reporter_id)}"),
              actions(f"approval:{value}", button("Approve", "approve", value, "primary"),
                      button("Decline", "decline", value, "danger"))]
    return message(f"Approval needed on case #{case.number}: {escape(offer.description)}", blocks)


def approval_decided_blocks(case: CaseRecord, offer: OfferRecord, decided_by: str,
                            approved: bool) -> Message:
    verdict = ":white_check_mark: *Approved*" if approved else ":x: *Declined*"
    text = f"{verdict} by {who(decided_by)}: {_offer_line(case, offer)}"
    asked = f"Asked by {who(offer.requested_by)}"
    if offer.decided_at is not None:
        asked += f" · decided {when(offer.decided_at)}"
    fallback = f"Case #{case.number}: {escape(offer.description)} {'approved' if approved else 'declined'}"
    return message(fallback, [section(text), context(asked)])


def alert_blocks(case: CaseRecord | None, text: str, *, source_channel: str, source_ts: str,
                 alert_id: str) -> Message:
    where = f"<#{source_channel}>" if _CHANNEL_ID.fullmatch(source_channel) else _user(source_channel, 80)
    with contextlib.suppress(ValueError, OverflowError, OSError):  # a ts that isn't one
        where += f" · {when(datetime.fromtimestamp(float(source_ts), UTC))}"
    blocks = [section(f":mag: *Possible service failure* in {where}"), section(quote(text))]
    if case is not None:
        blocks.append(context(f"Case #{case.number} · {label(case.scenario)} · {status_text(case.status)}"))
    if case is None or case.is_open:
        blocks.append(actions(f"alert:{clip(alert_id, 200)}",
                              button("Take this case", "take_case", alert_id, "primary")))
    return message(f"Possible service failure: {_user(text, 200)}", blocks)
