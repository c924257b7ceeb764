"""What a person typed in Teams, as the core's plain text.

Teams sends a message's text with `<at>Name</at>` for each mention and, for formatted or
pasted messages, HTML (`<p>`, `<br>`, entities). The core sees none of it: mentions go
(the bot's own name is not part of a report), paragraphs and breaks become new lines, other
tags go, and entities are decoded once.
"""

from __future__ import annotations

import html
import re

_MENTION = re.compile(r"<at\b[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>|</li>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def plain_text(text: str) -> str:
    if "<" in text:
        text = _MENTION.sub(" ", text)
        text = _BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.replace("\r", "").split("\n"))
    return "\n".join(line for line in lines if line).strip()
