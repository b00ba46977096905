"""Passive cues: "Obama is expected to join Clinton", "Mr. Reagan was criticized for ...".

The text names no source, so the claim has none; its content is the subject plus what
follows the cue ("Obama" + "to join Clinton"). An agent after the cue ("The meeting was
first reported by Politico") is the source, and the subject alone is the content.
"""

from __future__ import annotations

from curate.claims import cues, sources
from curate.claims.around_cue import skip_fillers
from curate.claims.content import WORD, content_end, noun_phrase_end
from curate.claims.draft import Draft, trim
from curate.claims.tokens import Span, tokens

_IRREGULAR_PARTICIPLES = frozenset(
    {"told", "said", "known", "thought", "found", "shown", "seen", "sought", "written", "heard"}
)

_AGENTLESS_NOT_SAID = frozenset({"supposed", "considered"})


def is_passive(text: str, cue: Span, verb_start: int, verb: str) -> bool:
    """Whether the cue is a form of "be" plus a participle ("is expected", "has been told")."""
    head = verb.split()[0]
    if not (head.endswith("ed") or head in _IRREGULAR_PARTICIPLES):
        return False
    return any(text[a:b].lower() in cues.BE for a, b in tokens(text, cue[0], verb_start))


def passive_claim(text: str, s: int, e: int, cue: Span, kind: str) -> Draft | None:
    """The claim of a passive cue in the sentence `text[s:e]`; None without any content."""
    subject = sources.source_before(text, s, cue[0])
    pos = skip_fillers(text, cue[1], e)
    nxt = WORD.match(text, pos, e)
    if nxt is not None and nxt.group(1) == "by":
        agent = sources.according_source(text, nxt.end(1), e)
        if subject is None or agent is None:
            return None
        return Draft((subject,), agent, cue, kind)
    if text[cue[0] : cue[1]].split()[-1].lower() in _AGENTLESS_NOT_SAID:
        return None  # "is supposed to hand over", "will be considered a battleground": nobody speaks
    if subject is not None:  # "Kim Jong Il, the leader then, appeared to ...": the subject, not its apposition
        comma = text.find(",", subject[0], subject[1])
        if comma > subject[0]:
            subject = (subject[0], comma)
    rest = trim(text, pos, noun_phrase_end(text, pos, content_end(text, pos + 1, e)))
    parts = tuple(p for p in (subject, rest) if p is not None and any(c.isalnum() for c in text[p[0] : p[1]]))
    return Draft(parts, None, cue, kind) if parts else None
