"""Context features for the failure head: negation scope, contrast, sarcasm and question cues.

Word unigrams and bigrams miss what decides most feedback lines the failure head got wrong in
cross-validation: "not bad" and "no complaints" are praise built from complaint words, "great,
another cold pizza" is a complaint built from praise, "is it normal to wait 90 minutes?" is a
complaint dressed as a question, and in "lovely staff but the shower was broken" only the part
after "but" matters. These features are computed from the token stream of normalise() (which
has dropped commas and full stops, so scopes end at a fixed window or a contrast word instead):

- "n:<word>": a word within NEGATION_WINDOW tokens after a negator ("not bad" -> n:bad).
- "a:<word>": a word after a contrast word ("but", "shame", "apart", ...).
- "x:<cue>": whole-message cues: praise and failure words together (sarcasm or a mixed
  review), a question with a failure word in it, "thanks for" followed by a failure, and the
  message length bucket (one-word lines like "disgusting" vs long pastes).
"""

from __future__ import annotations

NEGATION_WINDOW = 3
NEGATION = "n:"
AFTER_CONTRAST = "a:"
CUE = "x:"


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NEGATORS = _words(
    "not no never nothing dont didnt doesnt wasnt isnt arent werent cant couldnt wont wouldnt "
    "without zero none nobody neither nor hardly havent hasnt hadnt aint shouldnt "
    # es / fr / de / pt (accents are folded by normalise; "n'a" arrives as "na")
    "nunca nada nadie ningun ninguna sin tampoco ni "
    "pas jamais rien personne aucun aucune sans ne na "
    "nicht nie kein keine keinen keinem keiner nichts niemand ohne "
    "nao nem nenhum nenhuma ninguem sem"
)
_SCOPE_ENDS = frozenset({"but", "?", "!", "though", "however", "pero", "mais", "aber", "mas",
                         "sino", "doch", "porem"})
_CONTRAST = frozenset({"but", "except", "apart", "shame", "though", "however", "only", "pero",
                       "aunque", "salvo", "excepto", "lastima", "mais", "sauf", "dommage",
                       "seulement", "aber", "nur", "schade", "ausser", "leider", "mas", "porem",
                       "exceto", "pena", "so"})
_PRAISE = _words(
    "great thanks thank love loved lovely amazing brilliant fantastic wonderful perfect "
    "excellent impressive impressed wow nice cheers appreciate appreciated best awesome superb "
    "talented stellar bravo kudos shoutout genius fab fabulous incredible outstanding gorgeous "
    "legend "
    "genial gracias encanto encantado excelente perfecto maravilloso increible bravo buenisimo "
    "super merci parfait excellent magnifique formidable genial top bravo adore "
    "danke toll super prima perfekt wunderbar klasse spitze hervorragend lieben "
    "obrigado obrigada otimo perfeito maravilhoso incrivel adorei parabens show"
)
_FAILURE_WORDS = _words(
    "cold late broken wrong missing lost lose losing charged charging charge overcharged "
    "cancelled canceled cancelling cancel rude dirty forgot forgetting burnt raw stale leak "
    "leaking refund twice again still waited waiting wait hour hours days weeks dent damaged "
    "smashed cracked mould mold bugs bedbugs mice fire alarm green only "
    "frio fria tarde roto rota mal equivocado falta faltaba cobraron cobrado sucio sucia "
    "esperando espera otra vez todavia grosero quemado crudo "
    "froid froide retard cassé casse faux manque manquait facture sale attendre attente encore "
    "toujours impoli brule cru "
    "kalt spat kaputt falsch fehlt fehlte berechnet doppelt schmutzig warten wartet wieder "
    "immer noch unhoflich verbrannt roh "
    "atrasado atrasada quebrado quebrada errado faltou cobrado sujo suja esperando espera "
    "de novo ainda grosso queimado cru"
)
_FOR = frozenset({"for", "por", "pour", "fur", "pelo", "pela"})
_THANKS = frozenset({"thanks", "thank", "cheers", "gracias", "merci", "danke", "obrigado",
                     "obrigada"})


def _length_cue(n: int) -> str:
    if n <= 2:
        return CUE + "len1"
    if n <= 6:
        return CUE + "lens"
    return CUE + ("lenm" if n <= 20 else "lenl")


def context_features(tokens: list[str]) -> list[str]:
    """The failure head's context features of a normalise()d token list, in a fixed order."""
    out: list[str] = []
    scope = 0
    after = False
    for token in tokens:
        if token in _SCOPE_ENDS:
            scope = 0
        elif token in _NEGATORS:
            scope = NEGATION_WINDOW
        elif scope:
            out.append(NEGATION + token)
            scope -= 1
        if token in _CONTRAST:
            after = True
        elif after:
            out.append(AFTER_CONTRAST + token)
    if not tokens:
        return out
    failing = any(t in _FAILURE_WORDS or t in _NEGATORS for t in tokens)
    if failing:
        if any(t in _PRAISE for t in tokens):
            out.append(CUE + "praise_fail")
        if "?" in tokens:
            out.append(CUE + "q_fail")
        if tokens[0] in _PRAISE:
            out.append(CUE + "start_praise_fail")
    elif "?" in tokens:
        out.append(CUE + "q_only")
    if _thanks_for_failure(tokens):
        out.append(CUE + "thanks_for_fail")
    out.append(_length_cue(len(tokens)))
    return list(dict.fromkeys(out))


def _thanks_for_failure(tokens: list[str]) -> bool:
    """"thanks (a lot / so much) for" followed closely by a failure word or a negator."""
    for i, token in enumerate(tokens):
        near = tokens[i + 1 : i + 4]
        if token in _THANKS and any(t in _FOR for t in near):
            start = i + 1 + next(k for k, t in enumerate(near) if t in _FOR) + 1
            rest = tokens[start : start + 7]
            if any(t in _FAILURE_WORDS or t in _NEGATORS for t in rest) or (
                rest and rest[0].endswith("ing")
            ):
                return True
    return False
