"""What stands next to a cue verb: auxiliaries before it, an addressee and fillers after it.

"has also said", "told Haaretz on Tuesday that", "said in a statement that": the cue span
takes the auxiliaries; the addressee ("Haaretz") and the circumstances ("on Tuesday",
"in a statement") are skipped to find where the content starts.
"""

from __future__ import annotations

import re

from curate.claims import cues
from curate.claims.tokens import token_before, token_text, tokens

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|"
    "December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
_DAYS = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_TIME_NOUN = (
    rf"(?:{_DAYS}(?![’'])|today|yesterday|tonight|week|month|year|night|morning|"
    rf"afternoon|evening|weekend|days?|weeks|months|years|hours|(?:{_MONTHS})\s+\d{{1,2}}\b)"
)
_STATEMENT = "|".join(sorted(cues.STATEMENT_NOUNS, key=len, reverse=True))
# When and how something was said: these end a source written after its cue.
_CIRCUMSTANCE = (
    rf"\s*,?\s*(?:(?:on|in|at|during|by|over|this|last|next|late|early|earlier|later|"
    rf"the|past|same|previous|following|a|two|three|four|five|six|several|few|\d+)\s+)*{_TIME_NOUN}\b(?:\s+ago\b)?"
    rf"|\s+(?:in|on|during|at|through|via|with|after|over|from)\s+(?:an?|the|his|her|their|"
    rf"its|one|[A-Z][\w’'-]*(?:'s|’s)?)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{_STATEMENT})s?\b"
    r"(?:\s+(?:with|to|on|at|for|by)\s+(?:the\s+)?(?:[A-Z][\w.&’'-]*\s*)+)?"
)
CIRCUMSTANCE = re.compile(_CIRCUMSTANCE)
# Everything that may stand between a cue and its content.
_FILLER = re.compile(
    rf"(?:{_CIRCUMSTANCE}"
    r"|\s*,?\s*(?:earlier|later|recently|previously|again|also|too|then|now|once|repeatedly|"
    r"publicly|privately|separately|however|though|instead|moreover|meanwhile|overnight|"
    r"further|first|simply|flatly|bluntly|frankly|candidly|tersely|quietly|angrily|"
    r"emphatically|confidently|ominously|proudly|calmly|approvingly)\b,?"
    r"|\s*,\s*(?:per|through|via)\s+[^,.;]{1,40},"
    r"|\s+to\s+(?:reporters|journalists|supporters|the\s+(?:crowd|audience|press|media)|"
    r"(?:[A-Z][\w.&’'-]*\s?)+)"
    r")+"
)
# A name, and the quoted title of a show after a possessive ("ABC’s “Good Morning America”").
_CAPITAL_RUN = re.compile(
    r"(?:(?:the|The)\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+|the\s+|&\s+|de\s+)*[A-Z][\w.&’'-]*)*"
    r"(?:(?<=[’']s)\s+[“\"][^”\"\n]{1,60}[”\"])?"
)


def skip_fillers(text: str, pos: int, end: int) -> int:
    """Position after time and manner phrases ("on Tuesday", "in a statement") at `pos`."""
    m = _FILLER.match(text, pos, end)
    return m.end() if m else pos


_DETERMINERS = frozenset(
    {
        "the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that",
        "these", "those", "some", "several", "two", "three",
    }
)
_ADDRESSEE_MAX = 7


def skip_addressee(text: str, pos: int, end: int) -> int:
    """Position after the addressee of a tell-type verb ("him", "Haaretz", "his advisers").

    A noun phrase stops at punctuation, "that", a clause opener, a preposition or a second
    determiner ("told the paper the plan failed").
    """
    toks = tokens(text, pos, min(end, pos + 160))
    if not toks:
        return pos
    first = token_text(text, toks[0])
    low = first.lower()
    if low in cues.ADDRESSEES:
        return toks[0][1]
    if not first[0].isalnum() or low in cues.CLAUSE_STARTS - _DETERMINERS or low == "that":
        return pos
    if first[0].isupper():
        run = _CAPITAL_RUN.match(text, toks[0][0], end)
        return run.end() if run else pos
    if low not in _DETERMINERS:
        return pos
    last = toks[0][1]
    for s, e in toks[1:_ADDRESSEE_MAX]:
        word = text[s:e].lower()
        if (
            not word[0].isalnum()
            or word in cues.CLAUSE_OPENERS
            or word in _DETERMINERS
            or word in cues.NOT_NP_END
        ):
            break
        last = e
    return last if last > toks[0][1] else pos


# A manner adverb before a verb joins its cue ("sharply criticized", "optimistically predicting").
_MANNER = re.compile(r"(?!(?:only|early|family|rally|ally|reply|apply|supply|daily|weekly|monthly|likely|holy|italy)$)[a-z]{3,}ly")


def cue_start(text: str, lo: int, verb_start: int) -> int:
    """Start of a cue once the auxiliaries and adverbs before its verb ("has also") join it."""
    start = verb_start
    while (prev := token_before(text, lo, start)) is not None:
        word = text[prev[0] : prev[1]]
        if word.lower() not in cues.AUXILIARIES and not _MANNER.fullmatch(word):
            break
        start = prev[0]
    return start


def after_cue(text: str, verb: str, verb_end: int, end: int) -> int:
    """Position after a verb cue's addressee ("told Haaretz") and fillers ("on Tuesday")."""
    pos = verb_end
    if verb in cues.TELL:
        pos = skip_addressee(text, pos, end)
    return skip_fillers(text, pos, end)
