"""German attributions: reporting verbs, "laut" / "nach Angaben" / "zufolge", „ “ and » « quotes."""

from __future__ import annotations

from curate.claims.lexicon import Lexicon, conjugate

# Weak verbs: 3rd person present and past, singular and plural ("erklärt", "erklärte", "erklärten").
_WEAK = (
    "sag erklär beton warn kritisier bericht forder mein versicher bestätig ergänz verkünd würdig "
    "lob begründ beklag bedauer behaupt klag schilder äußer zitier "
    "mahn appellier antwort bekräftig prognostizier kommentier"
)
_WEAK_BELIEF = "befürcht fürcht erwart glaub hoff rechn vermut schätz bezweifl"


def _weak(stems: str) -> frozenset[str]:
    """Present and past forms of weak verbs (stems ending in d/t take an e: "berichtet")."""
    out: set[str] = set()
    for stem in stems.split():
        link = "e" if stem.endswith(("d", "t")) else ""
        out.update(conjugate((stem,), (link + "t", link + "te", link + "ten", "en")))
    return frozenset(out)


SPEECH = _weak(_WEAK) | frozenset({
    "so", "hieß es", "heißt es", "sprach", "sprachen", "spricht", "widersprach", "widersprachen",
    "entgegnete", "entgegneten", "schrieb", "schrieben", "schreibt", "nannte", "nannten", "nennt",
    "rief", "riefen", "teilte mit", "teilten mit", "kündigte an", "kündigten an", "fügte hinzu",
    "räumte ein", "gab an", "gaben an", "gab zu", "sagte zu", "wies darauf hin", "wies hin",
    "zeigte sich", "zeigten sich", "zeigt sich", "stellte klar", "erinnerte", "versprach",
    "versprachen", "verspricht", "unterstrich", "unterstrichen", "verwies", "bestritt", "bestritten", "bestreitet", "hat gesagt",
})
BELIEF = _weak(_WEAK_BELIEF) | frozenset({
    "hält", "halten", "hielt", "hielten", "geht aus", "gehen aus", "ging aus", "denkt", "dachte",
    "sieht", "sah", "meinte",
})

GERMAN = Lexicon(
    language="de",
    speech=SPEECH,
    belief=BELIEF,
    according=("laut", "nach angaben", "nach ansicht", "nach einschätzung", "nach informationen", "gemäß"),
    according_after=("zufolge",),
    tail_only=frozenset({"so", "hieß es", "heißt es"}),
    complementizers=("dass", "daß", "ob"),
    quote_marks={"„": "“", "»": "«", '"': '"', "“": "”"},
    leading=frozenset({"und", "aber", "doch", "denn", "auch", "zudem", "dagegen", "jedoch"}),
    source_stops=frozenset({"am", "im", "in", "bei", "nach", "vor", "auf", "gegenüber", "zu", "zum", "zur", "während"}),
    inverting_openers=frozenset({
        "am", "im", "in", "an", "auf", "bei", "nach", "vor", "seit", "zuvor", "dagegen", "zudem", "auch",
        "dann", "danach", "später", "heute", "gestern", "dabei", "daher", "deshalb", "inzwischen",
        "außerdem", "jedoch", "trotzdem", "bereits", "zuletzt", "zugleich", "gegenüber", "hier", "dort",
        "so", "damals", "nun", "jetzt", "erst", "noch", "schon", "zunächst", "anschließend", "weiter",
    }),
    determiners=frozenset({"der", "die", "das", "ein", "eine", "einen", "dem", "den", "des"}),
    abbreviations=frozenset({"dr", "prof", "hr", "fr", "nr", "bzw", "z", "b", "ca", "vgl", "st", "str", "usw", "u", "a"}),
)
