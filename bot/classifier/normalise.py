"""Turn a raw chat message into the plain lowercase token stream the classifier learns from.

Staff type in Slack/Teams shorthand; customers paste reviews. Both must land in the same
vocabulary, otherwise "rm 214 ac broken :rage:" and "Room 214: the air conditioning is broken"
share almost no features. Everything here is cheap regex work so classify() stays fast.
"""

from __future__ import annotations

import re
import unicodedata

from .ratings import rewrite_ratings

# Long pastes (whole email threads) carry their point early; scanning 40k chars would only
# cost time and drown the complaint in signatures and quoted history.
MAX_CHARS = 3000

NUM = "NUM"

_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+")
_EMOJI_CODE = re.compile(r":([a-z][a-z0-9_+\-]*):")
_CURRENCY_SIGN = re.compile(r"[$£€]\s*(?=\d)")
_CURRENCY_WORD = re.compile(r"(?<=\d)\s*(?:usd|eur|gbp|dollars?|euros?|pounds?)\b")
_CURRENCY_WORDS = ("usd", "eur", "gbp", "dollar", "euro", "pound")
_NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
_NON_WORD = re.compile(r"[^\w?!&/ ]+")
_LOOSE_SLASH = re.compile(r"(?<![a-z])/|/(?![a-z])")
_DIGIT = re.compile(r"\d")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")

# Emoji (unicode or :code:) that carry the writer's mood; anything else is decoration.
_MOOD: dict[str, str] = {
    "emo_angry": "😡 😠 🤬 👿 💢 rage angry triumph face_with_symbols_on_mouth",
    "emo_annoyed": "🙄 😒 😤 😑 😐 eye_roll face_with_rolling_eyes unamused expressionless",
    "emo_sad": "😢 😭 😞 😔 ☹ 🙁 😩 😫 cry sob disappointed pensive frowning weary tired_face",
    "emo_sick": "🤢 🤮 🤒 🤕 nauseated_face face_vomiting vomiting_face thermometer_face "
    "face_with_head_bandage",
    "emo_happy": "😀 😃 😄 😁 😊 🙂 😍 🥰 😎 🤩 smile smiley grin blush slightly_smiling_face "
    "heart_eyes star_struck relaxed",
    "emo_thumbsup": "👍 👌 🙌 👏 💯 🌟 +1 thumbsup ok_hand raised_hands clap 100 star2",
    "emo_heart": "❤ 💕 💖 💗 💙 💚 heart hearts sparkling_heart",
    "emo_thumbsdown": "👎 -1 thumbsdown",
    "emo_alarm": "🚨 ⚠ 🔥 rotating_light warning fire sos",
}
_EMOJI_TOKEN: dict[str, str] = {
    key: token for token, keys in _MOOD.items() for key in keys.split()
}

# Shorthand seen in frontline chat, expanded so it shares features with full words.
_ABBREVIATIONS: dict[str, str] = {
    "rm": "room", "rms": "rooms", "tbl": "table", "tbls": "tables",
    "cx": "customer", "cust": "customer", "custs": "customers", "cxs": "customers",
    "gst": "guest", "gsts": "guests", "pax": "guests",
    "pls": "please", "plz": "please", "thx": "thanks", "ty": "thanks",
    "bc": "because", "b/c": "because", "cuz": "because", "coz": "because", "bcz": "because",
    "w/": "with", "w": "with", "w/o": "without",
    "min": "minutes", "mins": "minutes", "minute": "minutes", "m": "minutes",
    "hr": "hours", "hrs": "hours", "hour": "hours", "h": "hours",
    "mgr": "manager", "mngr": "manager", "gm": "manager",
    "fd": "front desk", "frontdesk": "front desk", "hk": "housekeeping",
    "res": "reservation", "rez": "reservation", "resv": "reservation",
    "ppl": "people", "msg": "message", "u": "you", "ur": "your", "r": "are",
    "b4": "before", "ord": "order", "amt": "amount", "pmt": "payment",
    "a/c": "aircon", "ac": "aircon", "aircon": "aircon", "wi-fi": "wifi",
    "checkin": "check in", "checkout": "check out", "chkin": "check in",
    "chk": "check", "dbl": "double", "qty": "quantity", "approx": "about",
    "asap": "soon", "smth": "something", "sth": "something", "tmrw": "tomorrow",
    "tonite": "tonight", "2nite": "tonight", "dept": "department",
    "bday": "birthday", "b'day": "birthday", "anniv": "anniversary",
    "govt": "government", "wknd": "weekend", "nite": "night", "info": "information",
    "pic": "picture", "pics": "pictures", "pkg": "package", "pkgs": "packages",
    "deliv": "delivery", "del": "delivery", "ph": "phone",
    "nr": "number",
}

_CONTROL_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def _non_ascii(match: re.Match[str]) -> str:
    ch = match.group(0)
    token = _EMOJI_TOKEN.get(ch)
    if token is not None:
        return f" {token} "
    category = unicodedata.category(ch)
    if category in _CONTROL_CATEGORIES or category == "So":
        return " "
    if unicodedata.combining(ch):
        return ""
    return ch


def _emoji_to_tokens(text: str) -> str:
    """Mood emoji become words (they separate praise from complaints); the rest go away.

    Accents are folded on the way ('café' is 'cafe'); other scripts pass through untouched.
    """
    if ":" in text:
        text = _EMOJI_CODE.sub(lambda m: " " + _EMOJI_TOKEN.get(m.group(1), "") + " ", text)
    if text.isascii():
        return text
    return _NON_ASCII.sub(_non_ascii, unicodedata.normalize("NFKD", text))


def _expand(tokens: list[str]) -> list[str]:
    # Multi-word expansions ("front desk") are split again by the caller's final split().
    get = _ABBREVIATIONS.get
    return [get(tok, tok) for tok in tokens]


def normalise(text: str) -> str:
    """Return the lowercase, abbreviation-expanded form of a message, addresses dropped.

    Platform markup (Slack's <@U1>, Teams' <at>) never gets here: each adapter turns it into
    plain text before the core sees the message.

    Numbers become the NUM token: "rm 214" and "rm 1204" are the same kind of report.
    '?' and '!' survive as tokens because they separate questions and outbursts.
    Each regex pass is guarded by a cheap substring test: most messages need few of them,
    and this runs for every training example at load.
    """
    text = text[:MAX_CHARS]
    if "http" in text or "www." in text or "@" in text:
        text = _URL.sub(" ", text)
    text = rewrite_ratings(text.lower())
    text = _emoji_to_tokens(text)
    # "wasn't" and "wasnt" must be one word; quotes around words can go the same way.
    text = text.replace("'", "").replace("’", "").replace("`", "")
    if _DIGIT.search(text) is not None:
        text = _numbers(text)
    text = _NON_WORD.sub(" ", text.replace("?", " ? ").replace("!", " ! "))
    if "/" in text:
        text = _LOOSE_SLASH.sub(" ", text)
    text = " ".join(_expand(text.split()))
    if "/" in text:
        text = text.replace("/", " ")
    return " ".join(text.replace("wi fi", "wifi").split())


def _numbers(text: str) -> str:
    """Amounts gain a 'money' token, then every number becomes a free-standing NUM."""
    if "$" in text or "£" in text or "€" in text:
        text = _CURRENCY_SIGN.sub(" money ", text)
    if any(word in text for word in _CURRENCY_WORDS):
        text = _CURRENCY_WORD.sub(" money ", text)
    return _NUMBER.sub(" NUM ", text.replace("#", " "))
