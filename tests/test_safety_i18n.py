"""A safety incident is seen in every language staff write in, told with or without its name,
and a denial, a hypothetical or an idiom that only sounds like harm does not raise the alarm.

The sentences are written for these tests, not taken from the training or blind data.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from bot.classifier.normalise import normalise
from bot.classifier.regex_starts import PhraseSet, prefixes, required_literal
from bot.classifier.safety import Harm, detect_harm, harm_phrases

DATA = Path(__file__).resolve().parent.parent / "bot" / "classifier" / "data"


def harm(text: str) -> Harm:
    return detect_harm(normalise(text))


# --- stated harm, in five languages ------------------------------------------------------------

INCIDENTS = {
    "en": [
        "there's smoke and a burning smell coming from the storeroom",
        "the old man at table 3 went grey and sat down on the floor",
        "he said the risotto was crunchy like glass",
        "tingling lips after the satay, she's asking for water",
        "kid fell off the high chair, mum's holding him",
        "fire alarm going off on level 2, guests coming down the stairs",
        "there's a used syringe behind the toilet in the gents",
        "little girl got her fingers trapped in the lift door and she's bleeding",
        "she's got hives all over her arms since the prawn starter",
        "guest says the socket sparked when she plugged in her hairdryer",
        "mouldy black patch above the bed in 212 and the baby is coughing",
        "fire exit by the bins is padlocked",
        "gas smell near the pizza oven, we've turned it off",
        "he choked on a bone and the waiter had to do back blows",
        "the whole party was vomiting the morning after the buffet",
    ],
    "es": [
        "sale humo del horno y huele a quemado",
        "el señor de la mesa 4 se desmayó en el baño",
        "hay cristales en la ensalada del niño",
        "a la clienta le hormiguean los labios después del pad thai",
        "el niño se cayó de la trona y se dio en la cabeza",
        "salió una chispa del enchufe y le dio una descarga",
        "tiene ronchas por todo el cuello y le cuesta respirar",
        "llamamos a una ambulancia, está sangrando por la nariz",
        "la alarma de incendios lleva sonando diez minutos",
        "la salida de emergencia está bloqueada con cajas",
        "se le cerró la garganta y usó su epipen",
    ],
    "fr": [
        "il y a de la fumée dans la cuisine et une odeur de brûlé",
        "la cliente a fait un malaise à la caisse",
        "un client s'est coupé avec un éclat de verre dans sa salade",
        "ses lèvres gonflent et elle a de l'urticaire sur les bras",
        "l'enfant est tombé de la chaise haute et pleure",
        "on a appelé le SAMU, il ne respire plus bien",
        "l'alarme incendie sonne dans l'aile B",
        "une seringue traîne dans le bac à sable",
        "des punaises de lit dans la chambre 12, le client est couvert de piqûres",
        "le client a reçu une décharge en touchant la prise",
        "ça sent le gaz près de la chaudière",
    ],
    "de": [
        "aus der Küche kommt Rauch und es riecht verbrannt",
        "der Gast ist ohnmächtig geworden und liegt am Boden",
        "im Salat war eine Glasscherbe",
        "ihre Lippen kribbeln und sie hat Quaddeln am Hals",
        "das Kind ist vom Hochstuhl gefallen und hat eine Beule",
        "er hat sein Notfallset benutzt, der Notarzt ist unterwegs",
        "Feueralarm im zweiten Stock, die Gäste stehen am Gang",
        "Gasgeruch in der Küche, wir haben alles abgedreht",
        "der Notausgang ist mit Kisten zugestellt",
        "Bettwanzen in Zimmer 304, der Gast ist zerstochen",
        "der Kellner hat einen Stromschlag an der Kaffeemaschine bekommen",
    ],
    "pt": [
        "está a sair fumo da tomada e cheira a queimado",
        "a senhora desmaiou na fila",
        "tinha um caco de vidro no arroz",
        "a boca dela está a formigar e apareceu urticária no peito",
        "o miúdo caiu do cadeirão e bateu com a cabeça",
        "chamámos o INEM, ele está a sangrar muito",
        "o alarme de incêndio disparou no 3º andar",
        "a saída de emergência está trancada com cadeado",
        "tem percevejos no colchão e ela acordou toda picada",
        "ele engasgou com um pedaço de carne e ficou roxo",
        "o cliente passou mal a noite toda depois do marisco",
    ],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, texts in INCIDENTS.items() for text in texts])
def test_a_safety_incident_is_seen_in_every_language(lang: str, text: str) -> None:
    assert harm(text) is Harm.PRESENT, (lang, text, harm_phrases(normalise(text)))


# --- denied and hypothetical harm --------------------------------------------------------------

DENIED = {
    "en": [
        "no one was hurt but the chair leg snapped and the guest wants a new table",
        "she ordered nut free, got pesto, didn't eat it, no reaction",
        "the glass shelf cracked on the way over, nobody got cut",
    ],
    "es": [
        "nadie se hizo daño, solo se rompió la silla",
        "le pusieron nueces pero no tuvo ninguna reacción",
        "sin heridos, pero la mesa se partió en dos",
    ],
    "fr": [
        "personne n'a été blessé mais la vitrine est cassée",
        "pas de réaction, elle n'a pas mangé le plat",
        "la tringle est tombée sur la cliente, rien de grave, pas une égratignure",
    ],
    "de": [
        "niemand wurde verletzt, nur der Tisch ist kaputt",
        "keine Reaktion, sie hat die Nüsse rechtzeitig gesehen",
        "verletzt hat er sich nicht, aber das Waschbecken ist aus der Wand",
    ],
    "pt": [
        "ninguém se machucou, só a cadeira partiu",
        "sem reação, ela nem provou o molho",
        "a prateleira caiu, não acertou ninguém",
    ],
}


@pytest.mark.parametrize(("lang", "text"), [(lang, text) for lang, texts in DENIED.items() for text in texts])
def test_harm_that_is_denied_is_read_as_denied(lang: str, text: str) -> None:
    assert harm(text) is Harm.NEGATED, (lang, text, harm_phrases(normalise(text)))


HYPOTHETICAL = {
    "en": "the sauce had peanuts and could have caused a reaction, luckily she checked",
    "es": "la salsa llevaba cacahuete y podría haber provocado una reacción alérgica",
    "fr": "la sauce contenait des arachides, ça aurait pu provoquer une réaction allergique",
    "de": "in der Soße waren Erdnüsse, das hätte eine allergische Reaktion auslösen können",
    "pt": "o molho tinha amendoim e poderia ter causado uma reação alérgica",
}


@pytest.mark.parametrize(("lang", "text"), HYPOTHETICAL.items())
def test_a_reaction_that_could_have_happened_is_not_one(lang: str, text: str) -> None:
    assert harm(text) is Harm.NEGATED, (lang, text, harm_phrases(normalise(text)))


def test_a_near_miss_with_a_hazard_is_still_a_hazard() -> None:
    assert harm("the balcony rail is loose, a kid could have fallen through") is Harm.PRESENT
    assert harm("un señor casi se cae por el suelo mojado sin cartel") is Harm.PRESENT


def test_nobody_hurt_does_not_cancel_a_fire() -> None:
    assert harm("ninguém se feriu, mas a cozinha está cheia de fumo") is Harm.PRESENT
    assert harm("Verletzt ist niemand, aber im Gang ist überall Rauch und der Feueralarm geht") is Harm.PRESENT


def test_a_denial_in_one_clause_does_not_reach_the_next() -> None:
    assert harm("no mat in the shower, she slipped and hit her head") is Harm.PRESENT
    assert harm("No es que la comida estuviera fría, es que se ha puesto malo y tiene fiebre") is Harm.PRESENT
    assert harm("il n'arrête pas de vomir depuis midi") is Harm.PRESENT
    assert harm("une personne a été blessée à la sortie") is Harm.PRESENT


def test_a_denial_reaches_past_the_person_it_quantifies() -> None:
    assert harm("aucun client n'a été malade mais le poisson sentait fort") is Harm.NEGATED
    assert harm("nenhum cliente passou mal, mas o peixe cheirava forte") is Harm.NEGATED
    assert harm("no mat in the shower, guest hit her head") is Harm.PRESENT


# --- words that only sound like harm ------------------------------------------------------------

NEAR_MISSES = [
    "fire the chef, the steak was raw",
    "guests keep asking where the smoking area is",
    "nearest gas station for the rental return?",
    "the band was fire tonight, everyone loved it",
    "we're killing it tonight, full house",
    "it slipped my mind to book the taxi",
    "website is so confusing, cx can't find the menu",
    "me muero de hambre, ¿cuándo sale la paella?",
    "el arroz se cocina a fuego lento, tarda 25 minutos",
    "quiere agua con gas y sin hielo",
    "se cayó el sistema de reservas otra vez",
    "pidió una jarra de sangría para la mesa",
    "c'est le coup de feu en cuisine, il faut patienter",
    "un prix qui brûle les doigts, c'est du vol",
    "le poulet est cuit à feu doux pendant deux heures",
    "je meurs de faim, la commande n'arrive pas",
    "l'ascenseur est tombé en panne au troisième",
    "der Koch ist Feuer und Flamme für das neue Menü",
    "das Essen ist zum Kotzen, so was Schlechtes",
    "wir haben sie im Stich gelassen, das Paket wurde nicht zugestellt",
    "der Kellner hat heimlich geraucht",
    "wir sind drei Stunden gefahren und das Zimmer war nicht fertig",
    "kein Wunder, dass die Reservierung verschwunden ist",
    "tô morrendo de fome, cadê o pedido?",
    "o fogo de artifício da festa foi lindo",
    "o sistema caiu de novo e não dá para faturar",
    "a carne picada veio fria",
    "o wifi do quarto cai toda hora",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_an_idiom_that_only_sounds_like_harm_raises_no_alarm(text: str) -> None:
    assert harm(text) is not Harm.PRESENT, (text, harm_phrases(normalise(text)))


def test_german_typed_without_umlauts_is_read_like_german_with_them() -> None:
    assert harm("dem Kunden ist uebel und er hat sich uebergeben") is Harm.PRESENT
    assert harm("Gast ist auf der Treppe gestuerzt, haelt sich den Fuss") is Harm.PRESENT
    assert harm("niemand wurde verletzt, nur die Tuer ist kaputt") is Harm.NEGATED
    assert harm("the Bluetooth speaker in the queue area is too loud") is Harm.NONE


def test_cigarette_smoke_in_a_non_smoking_room_is_not_a_fire() -> None:
    assert harm("Im Nichtraucherzimmer riecht es nach kaltem Rauch") is Harm.NONE


def test_a_sewing_machine_needle_is_not_a_sharps_hazard() -> None:
    assert harm("la máquina de coser nueva: la aguja se rompe cada dos puntadas") is Harm.NONE
    assert harm("there's a used needle under the bench in the changing room") is Harm.PRESENT


# --- the training lines, measured -------------------------------------------------------------


def _training_reports() -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for path in sorted(DATA.glob("reports-*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def _is_incident(row: dict[str, object]) -> bool:
    safety = row.get("safety")
    return safety if isinstance(safety, bool) else row.get("scenario") == "safety_incident"


def test_every_safety_incident_in_the_training_reports_is_caught() -> None:
    rows = _training_reports()
    missed = [row["text"] for row in rows if _is_incident(row) and harm(str(row["text"])) is not Harm.PRESENT]
    assert sum(map(_is_incident, rows)) >= 300
    assert missed == []


def test_false_alarms_on_the_training_reports_stay_under_one_percent_per_language() -> None:
    others: dict[str, list[bool]] = {}
    for row in _training_reports():
        if not _is_incident(row):
            others.setdefault(str(row.get("lang") or "en"), []).append(harm(str(row["text"])) is Harm.PRESENT)
    assert set(others) >= {"en", "es", "fr", "de", "pt"}
    rates = {lang: sum(flags) / len(flags) for lang, flags in others.items()}
    assert all(rate < 0.01 for rate in rates.values()), rates


# --- fast enough to run on every message --------------------------------------------------------


def test_reading_a_typical_report_takes_well_under_half_a_millisecond() -> None:
    reports = [normalise(text) for texts in INCIDENTS.values() for text in texts] * 20
    best = min(_seconds(reports) for _ in range(3))
    assert best / len(reports) < 0.0005


def _seconds(reports: list[str]) -> float:
    start = time.perf_counter()
    for report in reports:
        detect_harm(report)
    return time.perf_counter() - start


# --- the phrase grouping never loses a match ----------------------------------------------------


def test_grouping_phrases_by_their_first_letters_finds_what_one_big_alternation_finds() -> None:
    patterns = [r"(?:got|get|felt) (?:\w+ )?sick", r"fire (?:exit|door)s?", r"\w+verletzung", r"[ab]x+",
                r"(?:nearly )?fell", r"(?<!coup )de feu", r"n?o (?:one|body) hurt", r"e"]
    grouped = PhraseSet(patterns)
    plain = re.compile(r"\b(?:" + "|".join(patterns) + r")\b")
    for text in ["got really sick", "the fire doors", "knieverletzung im tal", "axx bx", "nearly fell",
                 "coup de feu", "depart de feu", "nobody hurt", "e", "o one hurt", "nothing here"]:
        assert {m.span() for m in grouped.finditer(text)} >= {m.span() for m in plain.finditer(text)}, text


def test_a_pattern_knows_how_its_matches_can_start() -> None:
    assert prefixes(r"(?:got|get) sick", 2) == frozenset({"go", "ge"})
    assert prefixes(r"\w+ sick", 2) is None
    assert prefixes(r"(?:a )?b", 3) == frozenset({"a b", "b"})
    assert required_literal(r"\w+verletzung\w*") == "verletzung"
    assert required_literal(r"fire") is None
