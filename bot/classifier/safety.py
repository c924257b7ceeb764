"""A small, negation-aware rule layer for harm to a person.

A missed safety incident (an allergic reaction filed as "special request missed") is the most
costly mistake the engine can make, and the phrases that signal harm are few and unambiguous,
so they are written down here instead of left to word statistics alone. Each pattern needs
a harm word in a harm context ("slipped on", not "slipped my mind"; "got sick", not "sick of
waiting"), and a match preceded by a negation ("no reaction", "nobody was hurt", "could have
caused a reaction") does not count: those reports are about the failure, not about harm.
"""

from __future__ import annotations

import re
from enum import Enum

_BODY = (
    r"(?:hand|hands|finger|fingers|thumb|arm|arms|leg|legs|foot|feet|knee|ankle|wrist|head|"
    r"back|face|mouth|tongue|lip|lips|throat|eye|eyes|tooth|teeth|skin|hip|shoulder|chin|nose)"
)
# After the noun, "head" and "back" are too often furniture ("shower head broken").
_BODY_NOUN = _BODY.replace("head|", "").replace("back|", "")
_WHOSE = r"(?:his|her|their|my|your|our|a|the|its)"
_NOT_NEGATION = r"(?!no |not |never )"

# Illness and allergy: harm only if it happened. "Could have caused a reaction" is a missed
# dietary request, not an incident, so hypotheticals count as negations for these.
_HEALTH_PATTERNS: tuple[str, ...] = (
    r"anaphyla\w*", r"epi ?pens?", r"adrenaline", r"allergic reaction\w*", r"reactions?",
    r"hives", r"broke out in", r"rash(?:es)?", r"swell\w* up",
    r"(?:throat|lips?|face|tongue|mouth|eyes?) (?:\w+ )?"
    r"(?:swell\w*|swollen|closing|tingl\w*|itch\w*)",
    r"food poison\w*", r"poisoned", r"salmonella", r"e ?coli", r"norovirus", r"listeria",
    r"vomit\w*", r"threw up", r"throw(?:ing)? up", r"puk(?:e|ed|ing)", r"diarr?h?o?ea\w*",
    r"stomach (?:ache|aches|pain|pains|cramps?|bug|upset)", r"upset stomach", r"nause\w*",
    r"(?:got|get|gotten|getting|felt|feel|feeling|feels|fell|became|become|been|was|were|is|are|"
    r"went|being|(?:made|making|makes|make) (?:him|her|them|me|us|people|everyone)) "
    rf"{_NOT_NEGATION}(?:\w+ )?(?:sick|ill|unwell|poorly)(?! of| and tired)",
    r"dizzy", r"dizziness", r"fainted", r"passed out", r"unconscious",
    r"(?:he|she|they|guest|customer|child|kid|man|woman|lady|member|boy|girl|patient|diner|"
    r"someone|somebody|person|dad|mum|mom|father|mother) collapsed",
    r"headaches?",
)

# Injuries and hazards: a near miss is still a hazard to report ("could have fallen through"),
# so only a plain denial ("nobody was hurt") cancels these.
_HAZARD_PATTERNS: tuple[str, ...] = (
    r"(?:taken|went|go|going|rushed|sent|ended up|admitted|trip|straight) (?:to |in |into )?"
    r"(?:the )?hospital", r"in hospital", r"hospitali[sz]ed", r"ambulance", r"paramedics?",
    r"first aid", r"urgent care", r"a&e", r"emergency room", r"stitches", r"concussion",
    r"injur\w*", r"(?:got|get|was|were|been|is|badly|seriously|getting) hurt",
    r"hurt (?:his|her|their|my|him|herself|himself|themselves|myself)",
    r"(?:slipped|slipping|tripped|tripping) (?:on|over|and|in|down)",
    r"(?:fell|fallen|falling) (?:down|over|off|from|through|on (?:the|a|her|his))",
    r"(?:took|had) a (?:bad |nasty )?fall", r"knocked (?:him|her|them|me|over|down)",
    r"(?:cut|cuts|burn|burnt|burned|burns|scald\w*|sliced|bruised|broke|sprained|twisted|hit|"
    rf"bumped|banged) (?:{_WHOSE} )?{_BODY}",
    rf"{_BODY_NOUN} (?:was |got )?(?:cut|burnt|burned|scalded|bleeding|bruised|broken)",
    r"(?:burnt|burned|scalded|bitten|stung|cut) by", r"scalded", r"bites",
    r"bleed\w*", r"bled", r"blood(?! pressure| sugar| test| orange| type| donor| bank)",
    r"(?:chipped|cracked|broke|broken) (?:a |his |her |their |my )?tooth",
    r"chok(?:ed|ing)", r"swallowed", r"drown\w*", r"electric (?:shock|shocked)", r"electrocut\w*",
    r"(?:shards?|pieces?|bits?|fragments?|slivers?) of (?:broken )?(?:glass|metal)",
    r"glass (?:in|shards?) (?:the |his |her |their |my )?\w+", r"metal (?:shavings?|shards?)",
    r"stepped on (?:a |some )?(?:\w+ )?(?:nail|glass|needle|syringe)",
    r"(?:used|dirty|hypodermic) needles?", r"syringes?",
    r"bed ?bugs?", r"cockroach\w*", r"roach(?:es)?", r"rats?", r"rodents?", r"mice",
    r"droppings", r"pest control", r"infest\w*", r"mou?ld(?:y|s)?", r"mildew",
    r"gas leak\w*", r"(?:smell|smelt|smelled|smells) (?:of |like )?gas", r"carbon monoxide",
    r"co alarm", r"exposed (?:wire|wires|wiring)", r"live wires?", r"spark(?:s|ed|ing)",
    r"(?:plug|socket|cable|wire|wires|strip|charger|outlet|adapter|adaptor|switch) (?:\w+ )?melted",
    r"burning smell", r"smoke (?:filled|coming|pouring)",
    r"(?:small |kitchen |grease )?fire (?:in|broke|started)", r"evacuat\w*",
    r"fire (?:exit|exits|door|doors|escape) (?:\w+ )?(?:blocked|locked|chained|obstructed|"
    r"propped|wedged)", r"(?:blocked|locked|obstructed) (?:\w+ )?(?:fire|emergency) exits?",
    r"emergency exits? (?:\w+ )?(?:blocked|locked|chained|obstructed)",
    r"fire extinguishers?", r"(?:smoke|fire|co) (?:alarm|alarms|detector|detectors)",
    r"wet floor (?:with )?(?:no|without)", r"asbestos", r"legionella", r"fire hazard",
    r"safety hazard", r"health hazard", r"(?:lift|elevator) (?:\w+ )?(?:dropped|plunged|fell)",
    r"(?:railing|railings|handrail|banister|balustrade) (?:\w+ )?(?:loose|broken|wobbl\w*|"
    r"gave way|came off)", r"brakes? (?:failed|failing|gave out)", r"chemicals? (?:left|spill\w*)",
)


def _alternation(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


_HEALTH = _alternation(_HEALTH_PATTERNS)
_HAZARD = _alternation(_HAZARD_PATTERNS)

_DENIALS = frozenset({
    "no", "not", "never", "without", "nobody", "none", "noone", "neither", "nor",
    "didnt", "wasnt", "werent", "isnt", "arent", "dont", "doesnt", "hasnt", "havent", "hadnt",
    "wont", "cant", "couldnt",
})
_HYPOTHETICALS = _DENIALS | {"avoid", "avoided", "prevent", "prevented", "risk", "could",
                             "would", "might", "if", "in case"}
# A negation reaches the harm word only across words like these: "no one was hurt", "didnt
# have any signs of a reaction", "could have caused a reaction". Anything else between them
# means the negation is about something else: "no mat, hit her head".
_SCOPE_WORDS = frozenset({
    "one", "was", "were", "is", "are", "be", "been", "being", "got", "get", "getting", "have",
    "has", "had", "having", "a", "an", "any", "the", "sign", "signs", "of", "real", "serious",
    "major", "actual", "allergic", "cause", "caused", "causing", "suffer", "suffered", "show",
    "showed", "showing", "further", "apparent", "obvious", "visible", "reported", "seem",
    "seemed", "to", "evidence", "it", "lead", "led", "result", "resulted", "in", "experience",
    "experienced", "medical", "proper", "anyone", "anybody", "people", "guests", "customers",
    "actually", "thankfully", "luckily", "fortunately", "thank", "god", "there", "sort", "kind",
})
_WINDOW = 6


class Harm(Enum):
    """What the rules say about harm to a person in a text."""

    NONE = "none"  # no harm words at all
    NEGATED = "negated"  # harm words, but every one is denied or hypothetical
    PRESENT = "present"  # at least one plain statement of harm


def _negated(normalised: str, start: int, negations: frozenset[str]) -> bool:
    """True if a negation governs the harm phrase starting at `start`."""
    before = normalised[:start].split()[-_WINDOW:]
    for token in reversed(before):
        if token in negations:
            return True
        if token not in _SCOPE_WORDS:
            return False
    return False


def detect_harm(normalised: str) -> Harm:
    """Classify a normalise()d text as stating, denying or not mentioning harm."""
    found = Harm.NONE
    for pattern, negations in ((_HAZARD, _DENIALS), (_HEALTH, _HYPOTHETICALS)):
        for match in pattern.finditer(normalised):
            if not _negated(normalised, match.start(), negations):
                return Harm.PRESENT
            found = Harm.NEGATED
    return found
