"""French attributions: reporting verbs (simple, compound and inverted forms), "selon", « » quotes."""

from __future__ import annotations

from curate.claims.lexicon import Lexicon, conjugate

# Auxiliaries and inversions a participle is written with ("a déclaré", "a-t-elle ajouté").
_AUX = (
    "a ", "ont ", "avait ", "avaient ", "aurait ", "auraient ", "a-t-il ", "a-t-elle ", "a-t-on ",
    "ont-ils ", "ont-elles ", "a aussi ", "a également ", "a encore ", "a déjà ", "a pourtant ",
    "a toutefois ", "a ensuite ", "ont aussi ", "ont également ",
)
_REFLEXIVE = ("se ", "s'", "s’")
_REFLEXIVE_AUX = ("s'est ", "s’est ", "se sont ", "s'était ", "s’était ")
_INVERSIONS = ("-t-il", "-t-elle", "-t-on", "-il", "-elle", "-ils", "-elles")


def _verbs(er_stems: str, irregular: str = "", reflexive: str = "") -> frozenset[str]:
    """Present, past historic, imperfect and compound forms of regular -er verbs, with their
    inversions; `irregular` lists simple forms and `a `-compounds as written (`;`-separated)."""
    stems = er_stems.split()
    simple = conjugate(stems, ("e", "ent", "a", "èrent", "ait", "aient"))
    compound = conjugate(stems, ("é", "ée", "és", "ées"), _AUX)
    irregular_forms = frozenset(f.strip() for f in irregular.split(";") if f.strip())
    own = simple | compound | irregular_forms
    inverted = frozenset(f + i for f in simple | irregular_forms if " " not in f for i in _INVERSIONS)
    compounds = frozenset(
        aux + f[2:] for f in irregular_forms if f.startswith("a ") for aux in _AUX
    )
    refl_stems = reflexive.split()
    reflexives = conjugate(refl_stems, ("e", "ent", "a", "ait"), _REFLEXIVE) | conjugate(
        refl_stems, ("é", "ée", "és", "ées"), _REFLEXIVE_AUX
    )
    return own | inverted | compounds | reflexives


SPEECH = _verbs(
    "déclar affirm assur expliqu ajout indiqu annonc précis soulign dénonc confi déplor témoign "
    "racont lanc répliqu réclam demand regrett insist confirm not observ constat accus critiqu "
    "réfut contest avou résum plaid protest martel salu évoqu rétorqu reproch exig comment "
    "signal détaill tranch lâch prôn raill fustig",
    "dit; disent; disait; a dit; reconnaît; reconnaissent; a reconnu; répond; répondent; "
    "a répondu; promet; promettent; a promis; admet; a admis; écrit; écrivent; a écrit; "
    "avertit; avertissent; a averti; réagit; a réagi; conclut; a conclu; poursuit; "
    "a poursuivi; rappelle; rappellent; a rappelé; répète; a répété; prévient; a prévenu; "
    "dément; a démenti; soutient; soutiennent; a soutenu; concède; a concédé; suggère; a suggéré",
    "félicit interrog étonn alarm indign réjou",
)
BELIEF = _verbs(
    "estim jug pens redout souhait",
    "croit; croient; a cru; craint; craignent; a craint; prévoit; prévoient; a prévu; espère; "
    "espèrent; a espéré; considère; considèrent; a considéré",
    "inquièt plaign",
) | frozenset({"s'inquiète", "s’inquiète", "s'inquiètent", "se plaint", "se plaignent", "s'est plaint"})

FRENCH = Lexicon(
    language="fr",
    speech=SPEECH,
    belief=BELIEF,
    according=("selon", "d'après", "d’après"),
    according_after=(),
    tail_only=frozenset(),
    complementizers=("que", "qu'", "qu’"),
    quote_marks={"«": "»", "“": "”", '"': '"'},
    leading=frozenset({"et", "mais", "or", "donc", "puis", "ainsi", "alors", "enfin", "pourtant", "cependant"}),
    source_stops=frozenset({
        "lors", "après", "avant", "à", "au", "aux", "en", "dans", "devant", "sur", "pendant", "depuis",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "mais", "car",
    }),
    determiners=frozenset({
        "le", "la", "les", "l'", "l’", "un", "une", "des", "du", "de", "d'", "d’", "sa", "son", "ses", "leur",
        "leurs", "ce", "cette", "ces", "notre", "votre", "quel", "quelle", "aucun", "aucune", "chaque",
    }),
    abbreviations=frozenset({"m", "mm", "mme", "mmes", "mlle", "dr", "pr", "me", "st", "ste", "av", "etc", "cf"}),
)
