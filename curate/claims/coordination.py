"""Cut a content before a second attribution coordinated with it.

In "X said A, and Y insisted that B", the words after "and" are Y's claim, not part of
X's content; in "X said that when ..., Y told him that B" the inner claim is X's content
and stays inside it (nested claims are kept, see `extract.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from curate.claims.draft import Draft, trim

_COORDINATOR = re.compile(r"(?:,\s*|\s+)(?:and|but|while)\s*$")


def cut_coordinated(text: str, drafts: list[Draft]) -> list[Draft]:
    """`drafts` (sorted by content start) with contents ending before coordinated claims."""
    starts = [d.cue[0] if d.source is None else min(d.source[0], d.cue[0]) for d in drafts]
    order = sorted(range(len(drafts)), key=starts.__getitem__)
    heads = [starts[i] for i in order]
    out = []
    for d in drafts:
        s, e = d.parts[-1]
        k = bisect_left(heads, s + 1)
        while k < len(heads) and heads[k] < e:
            m = _COORDINATOR.search(text, s, heads[k])
            if m is not None:
                cut = trim(text, s, m.start())
                if cut[1] > cut[0] and text[cut[0] : cut[1]] != "that":  # "that while ...": inside
                    d = Draft((*d.parts[:-1], cut), d.source, d.cue, d.kind)
                break
            k += 1
        out.append(d)
    return out
