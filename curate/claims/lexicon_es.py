"""Spanish attributions: reporting verbs, "según" / "de acuerdo con", « » and “ ” quotes, dialogue dashes."""

from __future__ import annotations

from curate.claims.lexicon import Lexicon, conjugate

_AUX = ("ha ", "han ", "había ", "habían ", "habría ", "ha también ", "también ha ")


def _verbs(ar_stems: str, er_ir_stems: str, irregular: str = "") -> frozenset[str]:
    """Present, preterite, imperfect and perfect forms (3rd person) of regular verbs, plus
    `irregular` forms as written (`;`-separated)."""
    ar, er = ar_stems.split(), er_ir_stems.split()
    return (
        conjugate(ar, ("a", "an", "ó", "aron", "aba", "aban"))
        | conjugate(ar, ("ado",), _AUX)
        | conjugate(er, ("e", "en", "ió", "ieron", "ía", "ían"))
        | conjugate(er, ("ido",), _AUX)
        | frozenset(f.strip() for f in irregular.split(";") if f.strip())
    )


SPEECH = _verbs(
    "afirm declar asegur explic añad indic inform señal denunci critic lament confirm anunci "
    "destac subray precis relat cont respond reclam insist record apunt calific celebr "
    "pregunt expres advert agreg manifest matiz reiter admit acus exig",
    "respond defend admit insist",
    "dijo; dice; dicen; dijeron; decía; ha dicho; han dicho; advirtió; advierte; advierten; "
    "advirtieron; pidió; pide; piden; pidieron; sostiene; sostienen; sostuvo; reconoció; reconoce; "
    "reconocen; prometió; promete; propuso; propone; se quejó; se queja; se quejan; se quejaron; "
    "habla de; hablan de; habló de; hablaron de; mantiene; mantuvo; concluyó; concluye; "
    "recomienda; recomiendan; recomendó; exigen; exige; exigió; repitió; insistió",
)
BELIEF = _verbs(
    "consider estim esper dud calcul",
    "cre tem",
    "piensa; piensan; pensó; decidió; decide; deciden; prevé; prevén; opina; opinan; opinó",
)

SPANISH = Lexicon(
    language="es",
    speech=SPEECH,
    belief=BELIEF,
    according=("según", "de acuerdo con", "a juicio de", "en palabras de"),
    according_after=(),
    tail_only=frozenset(),
    complementizers=("que", "de que"),
    quote_marks={"«": "»", "“": "”", '"': '"'},
    leading=frozenset({"y", "pero", "además", "también", "sin", "embargo", "asimismo", "mientras", "e"}),
    source_stops=frozenset({
        "tras", "en", "durante", "a", "al", "ante", "antes", "después", "desde", "con", "este", "esta",
        "el lunes", "ayer", "hoy", "mientras", "pero", "porque",
    }),
    determiners=frozenset({"el", "la", "los", "las", "un", "una", "unos", "unas", "su", "sus", "este", "esta", "del", "al"}),
    abbreviations=frozenset({"sr", "sra", "srta", "dr", "dra", "d", "dña", "etc", "núm", "pág", "ud", "uds"}),
)
