"""Which safety steps fit a report: an allergic reaction, a fall or injury, fire, smoke or gas,
an illness, or a hazard found.

The engine's `safety` flag says *that* a person may be at risk; these word stems, in the five
languages the playbooks carry, say *what kind*, so staff see the steps for it first. A report
that names none still gets steps: the illness and injury steps, which cover a person who is
unwell whatever the cause. More than one kind can apply (a fire and a fall); the most urgent
comes first.
"""

from __future__ import annotations

import re
import unicodedata

KINDS = ("fire_smoke_gas", "allergic_reaction", "fall_or_injury", "illness", "hazard_found")
"""Most urgent first."""

_STEMS: dict[str, tuple[str, ...]] = {
    "fire_smoke_gas": (
        "fire", "smoke", "smoking socket", "burning smell", "smell of burning", "gas", "flame",
        "spark", "melting", "scorch", "alarm", "evacuat",
        "fuego", "incendio", "humo", "olor a quemado", "llama", "chispa", "alarma",
        "feu", "incendie", "fumee", "odeur de brule", "flamme", "etincelle", "alarme",
        "brand", "feuer", "rauch", "brandgeruch", "verbrannt riecht", "flamme", "funken",
        "alarm", "fogo", "incendio", "fumaca", "cheiro de queimado", "chama", "faisca",
    ),
    "allergic_reaction": (
        "allerg", "epipen", "epi pen", "anaphyla", "hives", "swell", "swollen", "throat",
        "tingl", "itch", "rash", "can't breathe", "cant breathe", "breathing",
        "alergi", "hinchad", "hinchazon", "urticaria", "ronchas", "picor", "garganta",
        "respirar", "gonfl", "plaques", "demangeaison", "gorge", "respirer",
        "allergi", "schwell", "geschwollen", "ausschlag", "quaddel", "juck", "hals", "atemnot",
        "luft", "inchad", "inchaco", "coceira", "manchas", "garganta", "falta de ar",
    ),
    "fall_or_injury": (
        "fell", "fall", "slipp", "tripped", "cut ", "bleed", "blood", "burned his", "burned her",
        "burnt his", "burnt her", "scald", "broke his",
        "broke her", "injur", "hurt", "bruis", "sprain", "head", "unconscious", "faint",
        "cayo", "caida", "resbal", "tropez", "corte", "sangr", "se quemo", "herid", "lesion",
        "desmay", "tombe", "chute", "glisse", "coupure", "saign", "brulure", "blesse",
        "evanoui", "malaise", "gestuerzt", "gesturzt", "sturz", "ausgerutscht", "geschnitten",
        "blut", "verbrueh", "verbruh", "verletz", "ohnmacht", "bewusstlos", "caiu", "queda",
        "escorreg", "cortou", "sangu", "se queimou", "machuc", "ferid", "desmai",
    ),
    "illness": (
        "sick", "vomit", "threw up", "throwing up", "food poison", "diarrh", "nause",
        "stomach", "fever", "unwell", "ill ",
        "enferm", "vomit", "intoxica", "diarrea", "nausea", "estomago", "fiebre",
        "malade", "vomi", "intoxication", "diarrhee", "ventre", "fievre",
        "krank", "erbroch", "uebel", "ubel", "uebergeb", "ubergeb", "lebensmittelvergiftung",
        "durchfall", "magen", "fieber", "doente", "vomit", "intoxicacao", "diarreia", "enjoo",
        "passou mal", "febre",
    ),
    "hazard_found": (
        "glass", "shard", "metal", "needle", "syringe", "wire", "bristle", "mould", "mold",
        "bedbug", "bed bug", "rat", "mice", "cockroach", "exposed", "loose", "blocked exit",
        "vidrio", "cristal", "metal", "aguja", "jeringa", "moho", "chinche", "cucaracha",
        "verre", "eclat", "aiguille", "seringue", "moisi", "punaise", "cafard",
        "glas", "scherbe", "metall", "nadel", "spritze", "schimmel", "wanze", "kakerlake",
        "vidro", "caco", "agulha", "seringa", "mofo", "percevejo", "barata",
    ),
}


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_PATTERNS = {
    kind: re.compile("|".join(re.escape(stem) for stem in stems))
    for kind, stems in _STEMS.items()
}


def safety_kinds(text: str) -> tuple[str, ...]:
    """The kinds of incident the report names, most urgent first; ("illness",
    "fall_or_injury") when it names none, so there are always steps to take."""
    folded = f" {_folded(text[:4000])} "
    found = tuple(kind for kind in KINDS if _PATTERNS[kind].search(folded))
    return found or ("illness", "fall_or_injury")
