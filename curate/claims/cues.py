"""Word lists the claims extractor matches against, kept as plain data.

The rules in `reported.py`, `quoted.py` and `status.py` only say *where* a word may stand;
*which* words count lives here, so extending the extractor to a new cue or hedge is a
one-line change that cannot break a rule.
"""

from __future__ import annotations


def _regular(lemma: str) -> tuple[str, ...]:
    """Base, 3rd person, past and -ing forms of a regular verb (spelling rules of English)."""
    if lemma.endswith("e"):
        stem = lemma[:-1]
        return (lemma, lemma + "s", lemma + "d", stem + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        stem = lemma[:-1]
        return (lemma, stem + "ies", stem + "ied", lemma + "ing")
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


# Verbs whose final consonant doubles before -ed / -ing.
_DOUBLING = {
    "admit": "admitt",
    "regret": "regrett",
    "commit": "committ",
    "omit": "omitt",
    "concur": "concurr",
    "refer": "referr",
    "quip": "quipp",
    "plan": "plann",
}

# Irregular forms: lemma -> every form matched.
_IRREGULAR: dict[str, tuple[str, ...]] = {
    "say": ("say", "says", "said", "saying"),
    "tell": ("tell", "tells", "told", "telling"),
    "write": ("write", "writes", "wrote", "writing", "written"),
    "think": ("think", "thinks", "thought", "thinking"),
    "find": ("find", "finds", "found", "finding"),
    "know": ("know", "knows", "knew", "knowing", "known"),
    "feel": ("feel", "feels", "felt", "feeling"),
    "hear": ("hear", "hears", "heard"),
    "show": ("show", "shows", "showed", "showing", "shown"),
    "foresee": ("foresee", "foresees", "foresaw", "foreseen"),
    "swear": ("swear", "swears", "swore", "sworn"),
    "forecast": ("forecast", "forecasts", "forecasting"),
    "forbid": ("forbid",),
}


def forms(*lemmas: str) -> frozenset[str]:
    """All inflections of the given verbs (irregular table, doubling table, then regular rules)."""
    out: set[str] = set()
    for lemma in lemmas:
        if lemma in _IRREGULAR:
            out.update(_IRREGULAR[lemma])
        elif lemma in _DOUBLING:
            stem = _DOUBLING[lemma]
            out.update((lemma, lemma + "s", stem + "ed", stem + "ing"))
        else:
            out.update(_regular(lemma))
    return frozenset(out)


# Communication verbs: "X said (that) ...", "..., X said."
SPEECH = forms(
    "say", "muse", "exclaim", "scoff", "marvel", "recount", "recommend", "conclude", "add",
    "state", "announce", "claim", "argue", "write", "note", "explain", "insist", "warn",
    "acknowledge", "confirm", "deny", "report", "declare", "assert", "contend", "maintain",
    "suggest", "reply", "respond", "answer", "tweet", "recall", "concede", "admit", "allege",
    "complain", "emphasize", "stress", "observe", "remark", "testify", "vow", "pledge",
    "reiterate", "repeat", "caution", "comment", "reveal", "disclose", "mention", "counter",
    "continue", "boast", "joke", "quip", "predict", "promise", "charge", "accuse", "speculate",
    "propose", "proclaim", "conclude", "agree", "acknowledge", "indicate", "signal", "concur",
    "retort", "announce", "affirm", "post", "wonder", "ask", "demand", "lament", "worry", "urge",
)

# Verbs whose content may follow without "that" ("he said the plan failed"); the others
# need "that", a colon or a pronoun subject, since they usually take a noun object
# ("confirmed the report", "promised a big spectacle" are not claims).
BARE_CLAUSE = forms(
    "say", "tell", "add", "argue", "claim", "insist", "contend", "believe", "think", "feel",
    "assert", "maintain", "concede", "admit", "reckon", "guess", "suspect", "assume", "expect",
    "predict", "estimate", "suggest", "complain", "warn", "acknowledge", "hope", "fear", "doubt",
    "worry", "agree", "recall", "explain", "write",
)

# Verbs that take the addressee before the content: "X told Haaretz that ...".
TELL = forms(
    "tell", "inform", "assure", "remind", "advise", "notify", "warn", "promise", "convince",
    "persuade", "caution", "ask", "urge",
)

# Internal states and findings: the claim's kind is `belief`.
BELIEF = forms(
    "believe", "think", "feel", "find", "estimate", "expect", "fear", "hope", "doubt", "suspect",
    "know", "assume", "show", "calculate", "reckon", "forecast", "foresee", "guess", "conclude",
    "predict", "worry", "understand",
)


def _finite(verbs: frozenset[str]) -> frozenset[str]:
    """Past and third-person forms only: base forms of these verbs are mostly nouns."""
    return frozenset(v for v in verbs if v.endswith(("ed", "s")) or v in ("sought", "took"))


# Verbs whose content is their object, a noun phrase or an infinitive ("called Trump
# unhinged", "accused him of lying", "sought to rally older voters"): attributions of a
# stance rather than of a statement; the content runs from the object to the clause end.
OBJECT = _finite(
    forms(
        "call", "accuse", "criticize", "praise", "endorse", "describe", "urge", "blame",
        "condemn", "denounce", "slam", "blast", "defend", "welcome", "reject", "pledge", "vow",
        "demand", "propose", "dub", "label", "brand", "applaud", "commend", "mock", "lambast",
        "assail", "decry", "deride", "tout", "hail", "question", "challenge", "attack",
    )
) | frozenset({"sought", "vowed", "pledged", "promised", "wants", "wanted", "planned", "plans"})

ALL_VERBS = SPEECH | BELIEF | TELL | OBJECT

# Forms that are far more often nouns or adjectives than reporting verbs; they count as cues
# only where the clause around them proves the verb reading (a source before, a clause after).
NOUN_LIKE = frozenset(
    {
        "report", "reports", "claim", "claims", "note", "notes", "estimate", "estimates", "state",
        "states", "answer", "answers", "comment", "comments", "tweet", "tweets", "promise",
        "promises", "doubt", "doubts", "fear", "fears", "hope", "hopes", "post", "posts", "show",
        "shows", "finding", "charge", "charges", "reply", "replies", "guess", "continue",
        "continues", "continued", "continuing", "known", "thought", "written", "feeling",
        "understanding", "worry", "demand", "demands", "find", "finds", "signal", "signals",
        "stress", "warning", "posting", "forecast", "forecasts", "concern", "figure", "figures",
        "ask", "recount", "recounts", "attacks", "questions", "challenges", "plans", "labels",
        "brands", "calls",
    }
)

# Multi-word cues with the same role as a verb.
PHRASAL = (
    "pointed out", "points out", "point out", "pointing out", "made clear", "made it clear",
    "makes clear", "makes it clear", "went on to say", "goes on to say",
)

# Irregular past tenses, to tell a sentence's verb from its subject and to accept any
# verb of a `"...," X VERBED.` quote tail ("mused", "shot back").
IRREGULAR_PAST = frozenset(
    {
        "took", "made", "went", "came", "gave", "got", "held", "left", "met", "ran", "saw",
        "sent", "spent", "stood", "won", "lost", "paid", "put", "kept", "brought", "bought",
        "began", "became", "built", "led", "felt", "fell", "grew", "knew", "rose", "spoke",
        "struck", "taught", "threw", "told", "wore", "wrote", "drove", "chose", "broke", "caught",
        "drew", "flew", "hit", "let", "meant", "sat", "shot", "shut", "sold", "stuck", "swore",
        "tore", "understood", "withdrew", "said", "thought", "found", "heard", "read", "set",
        "cut", "sang", "rang", "forgot", "overcame", "undertook", "upheld",
    }
)

# Words allowed between a source and its verb; they join the cue ("has also said").
AUXILIARIES = frozenset(
    {
        "has", "have", "had", "is", "are", "was", "were", "will", "would", "did", "does", "do",
        "can", "could", "may", "might", "should", "must", "not", "n't", "never", "also", "later",
        "previously", "earlier", "then", "now", "recently", "repeatedly", "again", "further",
        "publicly", "privately", "first", "once", "often", "frequently", "still", "even",
        "already", "long", "reportedly", "allegedly", "apparently", "initially", "subsequently",
        "separately", "quickly", "immediately", "flatly", "simply", "just", "openly",
        "explicitly", "strongly", "firmly", "clearly", "widely", "generally", "personally",
        "ultimately", "finally", "originally", "consistently", "always", "correctly", "falsely",
        "wrongly", "today", "yesterday", "didn't", "doesn't", "don't", "hasn't", "haven't",
        "hadn't", "wasn't", "isn't", "won't", "wouldn't", "couldn't", "shouldn't", "didn’t",
        "doesn’t", "don’t", "hasn’t", "haven’t", "hadn’t", "wasn’t", "isn’t", "won’t", "wouldn’t",
        "couldn’t",
    }
)

# Object pronouns and common addressees of "told" / "assured" / "warned".
ADDRESSEES = frozenset(
    {
        "him", "her", "them", "me", "us", "you", "reporters", "journalists", "supporters",
        "lawmakers", "members", "voters", "listeners", "viewers", "readers", "audiences",
        "students", "colleagues", "donors", "delegates", "senators", "officials", "investors",
        "analysts", "police", "investigators", "followers", "guests", "fans", "attendees",
        "everyone", "anyone", "people", "parliament", "congress",
    }
)

# What a statement was made in ("said in a statement", "wrote in an op-ed"): such a phrase
# may stand between a cue and its content, and ends a source written after its cue.
STATEMENT_NOUNS = frozenset(
    {
        "statement", "interview", "speech", "letter", "post", "tweet", "email", "e-mail",
        "report", "op-ed", "note", "memo", "release", "conference", "briefing", "message",
        "filing", "appearance", "broadcast", "address", "column", "editorial", "video",
        "testimony", "debate", "call", "rally", "hearing", "blog", "podcast", "remarks",
        "documentary", "session", "event", "forum", "town", "hall", "meeting", "radio",
        "television", "tv", "phone", "telephone", "conversation", "exchange", "story", "article",
        "book", "essay", "response", "reply", "posting", "thread",
    }
)

# Words that open a subordinate or coordinate clause: a source never reaches back past them.
CLAUSE_OPENERS = frozenset(
    {
        "that", "but", "while", "when", "because", "although", "though", "since", "after",
        "before", "if", "as", "where", "whereas", "whether", "so", "once", "until", "unless",
        "which", "who", "whom", "whose", "yet", "than", "what", "how", "why", "whatever",
    }
)

# A source ends in a noun, never in one of these.
NOT_NP_END = frozenset(
    {
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "these",
        "those", "of", "in", "to", "for", "with", "on", "by", "at", "from", "and", "or", "as",
        "about", "into", "than", "what", "not", "no", "who", "which", "whom", "it's", "there",
        "would", "could", "should", "will", "be", "been", "being", "is", "are", "was", "were",
        "has", "have", "had", "do", "does", "did", "can", "may", "might", "must", "some", "any",
        "every", "each", "more", "most", "very", "so", "too", "just", "also",
    }
)

# Words that make a candidate source a clause rather than a noun phrase.
VERBISH = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "will", "would", "can", "could",
        "should", "must", "may", "might", "do", "does", "did", "has", "have", "had",
    }
)

# Leading words trimmed off a source span.
LEADING_JUNK = frozenset(
    {
        "and", "but", "so", "yet", "then", "now", "still", "also", "or", "however", "meanwhile",
        "indeed", "instead", "moreover", "further", "furthermore", "besides", "thus", "hence",
        "with",
    }
)

# Participles that split off a second claim from the same source: "..., adding that ...".
PARTICIPLES = frozenset(
    {
        "adding", "saying", "noting", "arguing", "suggesting", "warning", "explaining",
        "insisting", "claiming", "stressing", "telling", "writing", "declaring", "asserting",
        "acknowledging", "calling", "predicting", "vowing", "promising", "conceding",
        "complaining", "emphasizing", "citing", "stating", "charging", "accusing", "urging",
        "asking", "recalling", "pointing",
    }
)

# Content openers that prove a clause follows a cue even without "that".
CLAUSE_STARTS = frozenset(
    {
        "he", "she", "it", "they", "we", "i", "you", "there", "this", "these", "those", "his",
        "her", "their", "its", "our", "my", "the", "a", "an", "no", "none", "all", "some", "many",
        "most", "both", "neither", "nobody", "everyone", "everybody", "nothing", "if", "whether",
        "how", "why", "what", "when", "where", "who", "which", "one", "any", "each", "several",
        "such", "another", "other", "only", "not", "every",
    }
)

MODAL_HEDGES = ("may", "might", "could")
HEDGES = (
    "reportedly", "allegedly", "apparently", "purportedly", "supposedly", "may", "might", "could",
    "possibly", "perhaps", "is said to", "are said to", "was said to", "were said to",
    "is believed to", "are believed to", "was believed to", "were believed to", "is thought to",
    "are thought to", "is alleged to", "are alleged to", "rumored", "rumoured", "unnamed sources",
)

UNCONFIRMED = (
    "have not confirmed", "has not confirmed", "had not confirmed", "did not confirm",
    "could not confirm", "would not confirm", "cannot confirm", "can't confirm",
    "could not independently confirm", "could not be confirmed",
    "could not be independently confirmed", "could not be verified",
    "could not be independently verified", "cannot be verified",
    "cannot be independently verified", "can not be verified", "has not been confirmed",
    "have not been confirmed", "has not been independently confirmed", "has not been verified",
    "has not been independently verified", "have not been verified",
    "was not immediately confirmed", "declined to confirm", "refused to confirm", "unconfirmed",
    "unverified", "no confirmation", "not immediately verified", "did not immediately confirm",
    "not yet confirmed", "not been confirmed", "haven't confirmed", "hasn't confirmed",
    "haven’t confirmed", "hasn’t confirmed", "didn't confirm", "didn’t confirm",
)

DENIALS = (
    "denied", "denies", "deny", "denying", "rejected the report", "rejected the claim",
    "rejected the claims", "rejected the allegation", "rejected the allegations",
    "rejected the accusation", "rejected the accusations", "rejected reports",
    "rejects the report", "rejects the claims", "dismissed", "dismisses", "refuted", "refutes",
    "refuting", "rebuffed", "disputed", "disputes", "categorically rejected",
    "called the report false", "branded the report", "dismissing",
)

# Noun phrases by which a next sentence refers back to the claim before it.
ANAPHORS = (
    "the report", "the reports", "the claim", "the claims", "the account", "the allegation",
    "the allegations", "the statement", "the story", "the remarks", "the comments",
    "the assertion", "the accusation", "the accusations", "the news", "the reporting",
    "this report", "that report", "those reports", "these reports", "such reports",
    "the information",
)

# Line openers that look like "Source: ..." headlines but label the line instead.
LABELS = frozenset(
    {
        "update", "updated", "analysis", "note", "editor's note", "editor’s note", "photo",
        "photos", "credit", "watch", "read", "read more", "related", "source", "sources",
        "correction", "breaking", "exclusive", "opinion", "video", "live", "q", "a", "see",
        "also", "more", "listen", "subscribe", "share", "follow", "contact", "email", "tags",
        "topics", "category", "published", "posted", "by", "image", "caption", "warning",
        "disclaimer", "advertisement", "sponsored", "full text", "abstract", "summary",
        "transcript", "question", "answer", "editorial", "commentary", "review", "poll",
    }
)
