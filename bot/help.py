"""The help every platform shows for `/case help` (or `help`: in a chat with Amends, as in
Teams, the slash is optional; a message that isn't wholly a command is a report)."""

from __future__ import annotations

from bot.replies import HelpText

HELP = HelpText(topics=(
    ("/recover <what happened>", "report a problem; add ref=\"room 214\", paid=45 or amount=84.50 "
                                 "(a wrong charge) if you know them"),
    ("/case 42", "look up case 42 and what you may offer"),
    ("/case room 214", "cases for a customer (room, table, order #, booking)"),
    ("/case mine  ·  /case open [page]", "your cases  ·  everything still open, most urgent first"),
    ("/case waiting", "what waits for an approval you may give"),
    ("/case 42 offer 1 note", "record that you gave option 1 on the spot"),
    ("/case 42 request 2 why", "ask a manager to approve option 2; the words after it are your reason"),
    ("/case 42 approve  ·  /case 42 decline why", "decide a waiting request (managers)"),
    ("/case 42 approve 2 $30 why", "approve option 2 for another amount, within your limit"),
    ("/case 42 language es", "the words to say again in es, fr, de, pt or en"),
    ("/case 42 escalate why", "hand the case to a manager"),
    ("/case 42 take  ·  /case 42 assign @maria", "make the case yours, or hand it over"),
    ("/case 42 undo", "take back an offer recorded by mistake (within 10 minutes)"),
    ("/case 43 merge 42", "the same problem reported twice: add case 43 to case 42"),
    ("/case 42 void why", "a case that isn't one: kept, out of lists and digests (supervisors)"),
    ("/case 42 resolve process recovered note", "close it: root cause, outcome (optional), note"),
    ("/case 42 outcome lost", "record how the customer feels after you checked back"),
    ("/case digest day  ·  /case digest week", "the figures so far: cases, recovery, compensation"),
    ("/nudge 7 snooze 1h  ·  /nudge 7 done", "snooze a reminder (1h, 30m, tomorrow) or stop it"),
    ("case 42  ·  help", "in a chat with Amends the slash is optional; anything else you type is a report"),
))
