"""Claims inside another claim's content: reported speech stays, reported states go.

In "An official told Haaretz that ... Putin told him that he doesn't want ...", Putin's
statement is an event the official reports, so it is a claim of its own (see `extract.py`).
But in "Aides said Clinton wants to end the program" the wish is part of what the aides
claim, not something the text attributes to Clinton; a belief, stance or passive cue
inside another claim's content is therefore not a claim, and neither is a noun cue there
("... said Rubio's claim that ... is not true").
"""

from __future__ import annotations

from curate.claims import cues
from curate.claims.draft import Draft


def _is_speech(text: str, draft: Draft) -> bool:
    """Whether the draft reports a speech act (a quote, "according to", a verb of saying)."""
    if draft.kind in ("direct_quote", "according_to"):
        return True
    verb = text[draft.cue[0] : draft.cue[1]].rsplit(None, 1)[-1].lower()
    speech = verb in cues.SPEECH or verb in cues.TELL
    return draft.kind == "reported_speech" and speech and verb not in cues.NOUN_LIKE


def drop_nested_states(text: str, drafts: list[Draft]) -> list[Draft]:
    """`drafts` without the non-speech claims whose cue lies inside another claim's content."""
    parts = [(s, e, i) for i, d in enumerate(drafts) for s, e in d.parts]
    out = []
    for i, d in enumerate(drafts):
        pos = d.cue[0]
        if _is_speech(text, d) or not any(s <= pos < e and j != i for s, e, j in parts):
            out.append(d)
    return out
