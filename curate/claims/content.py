"""Where a reported content ends: the sentence end, or before a joined second attribution.

"X said A, adding that B" and "X announced A and vowed B" hold two claims; "X said A,
while Y ..." ends X's content at the contrast, and "X doubts A, according to Y" at the
second source.
"""

from __future__ import annotations

import re

from curate.claims import cues
from curate.claims.patterns import VERBS, trie

WORD = re.compile(r"\s*([\w’'-]+|[^\w\s])")
_FINITE_VERBS = {v for v in VERBS if v.endswith(("ed", "s")) and not v.endswith("ss")} | cues.IRREGULAR_PAST
_CONTENT_STOP = re.compile(
    rf",\s+(?:{trie(cues.PARTICIPLES)}|according\s+to)\b"
    r"|(?:,|\s[–—-])\s+(?:while|whereas|although|though)\b"
    rf"|,?\s+(?:and|but)\s+(?:(?:{trie(cues.AUXILIARIES)})\s+)*(?:{trie(_FINITE_VERBS)})\b"
)


def content_end(text: str, start: int, end: int) -> int:
    """End of a content that starts at `start`: the sentence end or an attribution split."""
    m = _CONTENT_STOP.search(text, start, end)
    return m.start() if m else end
