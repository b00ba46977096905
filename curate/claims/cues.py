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
    "prefer": "preferr",
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
    "seek": ("seek", "seeks", "sought", "seeking"),
    "speak": ("speak", "speaks", "spoke", "speaking", "spoken"),
    "make": ("make", "makes", "made", "making"),
    "go": ("go", "goes", "went", "going"),
    "come": ("come", "comes", "came", "coming"),
    "take": ("take", "takes", "took", "taking", "taken"),
    "hit": ("hit", "hits", "hitting"),
    "shoot": ("shoot", "shoots", "shot", "shooting"),
    "lay": ("lay", "lays", "laid", "laying"),
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
    "propose", "proclaim", "agree", "indicate", "signal", "concur", "retort", "affirm", "post",
    "wonder", "ask", "demand", "lament", "worry", "urge", "chant", "shout", "yell", "cite",
    "highlight", "underscore", "reaffirm", "clarify", "recite", "retweet", "hint", "imply",
    "plead", "brag", "bemoan", "grumble", "rule", "describe", "discuss",
)

# Verbs that take the addressee before the content: "X told Haaretz that ...".
TELL = forms(
    "tell", "inform", "assure", "remind", "advise", "notify", "warn", "promise", "convince",
    "persuade", "caution", "ask", "urge",
)

# Internal states, intentions, stances and findings: the claim's kind is `belief`.
BELIEF = forms(
    "believe", "think", "feel", "find", "estimate", "expect", "fear", "hope", "doubt", "suspect",
    "know", "assume", "show", "calculate", "reckon", "forecast", "foresee", "guess", "conclude",
    "predict", "worry", "understand", "want", "plan", "intend", "seek", "prefer", "favor",
    "support", "oppose", "consider", "regard", "deem", "realize", "recognize", "remember",
    "wish", "trust", "distrust", "suppose", "imagine", "resent", "decide",
)


def _finite(verbs: frozenset[str]) -> frozenset[str]:
    """Past and third-person forms only: base forms of these verbs are mostly nouns."""
    return frozenset(v for v in verbs if v.endswith(("ed", "s")))


# Verbs of a stance towards someone or something ("praised the plan", "called Trump
# unhinged"), counted in their finite forms only: "an attack", "the call" are nouns.
_OBJECT_LEMMAS = (
    "call", "criticize", "praise", "endorse", "blame", "condemn", "denounce", "slam",
    "blast", "defend", "welcome", "reject", "dub", "label", "brand", "applaud", "commend",
    "mock", "lambast", "assail", "decry", "deride", "tout", "hail", "question", "challenge",
    "attack", "back", "thank", "congratulate", "credit", "fault", "ridicule", "berate",
    "chide", "rebuke", "scold", "characterize", "portray", "term", "dismiss", "promote",
    "advocate", "champion", "celebrate", "embrace", "refuse", "decline", "excoriate",
    "castigate", "chastise", "disparage", "belittle", "insult", "taunt", "offer", "threaten",
    "express",
)
OBJECT = _finite(forms(*_OBJECT_LEMMAS))

# Verbs whose content may be an infinitive: "sought to rally older voters" (the "to" joins
# the content); after any other verb, "to" introduces an addressee or a place.
INFINITIVE = forms(
    "want", "plan", "intend", "seek", "vow", "pledge", "promise", "threaten", "hope", "expect",
    "decide", "refuse", "decline", "agree", "offer", "propose", "demand", "prefer", "wish",
    "urge", "ask", "tell", "remind", "aim",
)

# Verb + particle cues, taken as one cue ("called for", "pointed out", "sided with").
_PHRASAL_VERBS = (
    ("call", "for"), ("call", "on"), ("refer", "to"), ("point", "to"), ("point", "out"),
    ("talk", "about"), ("speak", "about"), ("speak", "of"), ("speak", "out"), ("side", "with"),
    ("vote", "for"), ("vote", "against"), ("push", "for"), ("push", "back"), ("weigh", "in"),
    ("lash", "out"), ("hit", "back"), ("fire", "back"), ("shoot", "back"), ("make", "clear"),
    ("make", "it clear"), ("go", "on to say"), ("take", "aim at"), ("express", "concern"),
    ("express", "support"), ("express", "hope"), ("express", "confidence"), ("lay", "out"),
    ("continue", "to say"), ("continue", "to argue"), ("continue", "to insist"),
    ("take", "issue with"), ("push", "back against"), ("push", "back on"), ("rail", "against"),
    ("speak", "out against"), ("come", "out against"), ("come", "out for"), ("go", "after"),
    ("lash", "out at"), ("weigh", "in on"), ("hit", "out at"), ("call", "out"),
    ("insist", "on"), ("agree", "with"), ("agree", "on"), ("warn", "against"), ("warn", "of"),
    ("worry", "about"), ("complain", "about"), ("focus", "on"), ("think", "about"),
    ("advocate", "for"), ("argue", "for"), ("argue", "against"), ("care", "about"),
    ("object", "to"), ("joke", "about"),
)
PHRASAL = tuple(f"{form} {particle}" for verb, particle in _PHRASAL_VERBS for form in forms(verb))

# Forms of "be" that make a cue passive ("is expected", "was criticized", "has been asked").
BE = frozenset(
    {
        "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't",
        "isn’t", "aren’t", "wasn’t", "weren’t",
    }
)

# Participles that are cues only in the passive ("is scheduled to", "was slated to").
PASSIVE_ONLY = frozenset({"scheduled", "slated", "projected", "seen", "viewed", "rumored", "rumoured"})

# Their -ing forms are verbs too ("..., calling Trump a fascist"; "is attacking the plan").
OBJECT_PARTICIPLES = frozenset(v for v in forms(*_OBJECT_LEMMAS) if v.endswith("ing"))

# Verbs of an impression nobody is named as having ("Trump appeared ready to ...", "it seems
# unfair to ..."): like a passive cue, no source and the subject is part of the content.
IMPRESSION = frozenset(v for v in forms("appear", "seem") if not v.endswith("ing"))

ALL_VERBS = SPEECH | BELIEF | TELL | OBJECT | OBJECT_PARTICIPLES | PASSIVE_ONLY | IMPRESSION

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
        "brands", "calls", "rules", "advocates", "support", "supports", "offers", "backs",
        "favors", "wish", "wishes", "trust", "plan", "offer", "back", "call", "question",
    }
)
NOUN_LIKE |= frozenset(cue for cue in PHRASAL if cue.split()[0] in NOUN_LIKE)  # "a call for"

# Verbs of a finding, and nouns naming one: after such a noun these forms are verbs ("The
# poll shows Clinton leading").
FINDING_VERBS = forms("show", "find", "suggest", "indicate", "reveal", "estimate", "project", "conclude")
FINDING_SOURCES = frozenset(
    {
        "poll", "polls", "polling", "survey", "surveys", "study", "studies", "data", "report",
        "reports", "analysis", "analyses", "research", "results", "numbers", "figures", "average",
        "document", "documents", "experience", "video", "footage", "records", "evidence",
        "census", "count", "estimates", "model", "models", "index", "review", "audit", "test",
        "tests", "findings", "statistics", "transcript", "investigation", "paper", "memo",
    }
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
        "has", "have", "had", "is", "are", "was", "were", "be", "been", "being", "will", "would",
        "did", "does", "do", "can", "could", "may", "might", "should", "must", "not", "n't",
        "never", "also", "later", "previously", "earlier", "then", "now", "recently", "repeatedly",
        "again", "further", "publicly", "privately", "first", "once", "often", "frequently",
        "still", "even", "already", "long", "reportedly", "allegedly", "apparently", "initially",
        "subsequently", "separately", "quickly", "immediately", "flatly", "simply", "just",
        "openly", "explicitly", "strongly", "firmly", "clearly", "widely", "generally",
        "personally", "ultimately", "finally", "originally", "consistently", "always", "correctly",
        "falsely", "wrongly", "today", "yesterday", "didn't", "doesn't", "don't", "hasn't",
        "haven't", "hadn't", "wasn't", "isn't", "won't", "wouldn't", "couldn't", "shouldn't",
        "didn’t", "doesn’t", "don’t", "hasn’t", "haven’t", "hadn’t", "wasn’t", "isn’t", "won’t",
        "wouldn’t", "couldn’t", "aren't", "weren't", "aren’t", "weren’t",
    }
)

# Words that open a noun phrase: after an inverted cue ("said the mayor") they start a source.
NP_OPENERS = frozenset(
    {
        "the", "a", "an", "he", "she", "they", "his", "her", "their", "its", "one", "another",
        "both", "two", "three", "several", "many", "some",
    }
)

# After a cue, these end the attribution ("..., X said as he left.").
POST_OPENERS = frozenset(
    {
        "in", "on", "at", "during", "after", "before", "over", "through", "via", "as", "when",
        "while", "because", "since", "until", "amid", "outside", "inside", "near", "across",
        "behind", "ahead",
    }
)

# Prepositions that take an object after a cue ("accused of", "said of the killer"): they
# never close a post-posed attribution, and a verb with one takes a noun-phrase content.
OBJECT_PREPOSITIONS = frozenset(
    {
        "of", "to", "with", "for", "by", "from", "into", "about", "without", "against", "upon",
        "under", "despite", "beyond", "among", "between", "within", "toward", "towards", "onto",
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

# Conjunctions that open a subordinate clause: an attribution right after one ends at the
# clause's comma ("While critics argue that A, Obama has B").
SUBORDINATORS = frozenset(
    {
        "although", "though", "while", "when", "whenever", "as", "if", "because", "since",
        "after", "before", "whereas", "once", "until", "unless",
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
# ("warning", "calling" and "charging" are nouns too, but not after a comma.)
PARTICIPLES = frozenset(
    cue
    for cue in SPEECH | BELIEF | TELL | forms(*_OBJECT_LEMMAS) | frozenset(PHRASAL)
    if cue.split()[0].endswith("ing") and cue not in NOUN_LIKE
) | frozenset({"warning", "calling", "charging"})

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

# Verbs that deny or confirm: with a report as object they set a status, not a claim.
STATUS_VERBS = forms("deny", "dismiss", "reject", "dispute", "refute", "rebuff", "confirm", "verify")

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
        "the latest", "byline", "dateline", "twitter", "facebook", "instagram", "contributing",
        "additional reporting", "reporting", "bottom line", "the bottom line",
    }
)

