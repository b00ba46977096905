"""Compiled regexes built once from the word lists in `cues.py`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from curate.claims import cues


def trie(words: Iterable[str]) -> str:
    """A regex alternation of `words` shaped as a prefix tree.

    Python's `re` tries the branches of a flat alternation one by one at every position;
    a prefix tree fails after one character for almost all of them, which keeps the
    scans over every sentence fast. Greedy optional tails prefer the longest word
    ("pointed out" over "pointed"); a space matches any run of whitespace.
    """
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _emit(child) for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


VERBS = cues.ALL_VERBS

# One match per cue: "according to", a phrasal cue or a verb form (lower case: a capitalised
# verb form at a sentence start is almost always a participle clause or a headline).
CUE = re.compile(
    rf"\b(?:(?P<according>[Aa]ccording\s+to)|(?P<phrasal>{trie(cues.PHRASAL)})"
    rf"|(?P<verb>{trie(VERBS)}))\b(?![-‑])"  # not the first half of a compound ("know-how")
)

# One pass over the lower-cased text finds every status word; the group name says which
# kind. Non-confirmations and denials come first so that "could not be confirmed" is not
# read as the hedge "could". The modal hedges are matched on the original text instead,
# where case tells "may" from the month "May".
STATUS_WORDS = re.compile(
    rf"\b(?:(?P<unconfirmed>{trie(cues.UNCONFIRMED)})"
    rf"|(?P<denial>{trie(cues.DENIALS)})"
    rf"|(?P<anaphor>{trie(cues.ANAPHORS)})"
    rf"|(?P<hedge>{trie(h for h in cues.HEDGES if h not in cues.MODAL_HEDGES)}))\b"
)
STATUS_WORDS_ANY_CASE = re.compile(STATUS_WORDS.pattern, re.IGNORECASE)
# Each word's first letter comes before its word-start check, so that the scan skips quickly to
# the few "m" and "c" (a pattern opening with `\b` is tried at every position).
MODAL_HEDGE = re.compile("(?:" + "|".join(rf"{w[0]}(?<!\w.){w[1:]}" for w in cues.MODAL_HEDGES) + r")\b")

# A cue that starts a non-confirmation ("have not confirmed", "declined to confirm") or
# whose object refers back to a report ("the report", "the claims") sets a status only.
NON_CONFIRMATION = re.compile(rf"(?:{trie(cues.UNCONFIRMED)})\b", re.IGNORECASE)
ANAPHOR = re.compile(rf"(?:{trie(cues.ANAPHORS)})\b", re.IGNORECASE)
