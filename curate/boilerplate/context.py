"""Context rules over runs of lines: teaser cards, shouted headlines, credits on two lines,
comment threads and author blurbs.

Why these: each is a page structure that no single line gives away but that every news site
builds the same way. A teaser card is a short all-capitals kicker over another article's headline
("RUNNING LATE" / "Why Trains Are Slower Than in 1990"), stamped out several times; a credit
label can stand alone with its text on the next line ("Photo:" / "Jane Roe"); a comment thread
is a run of "<name> on <date> at <time> said:" headers, and everything from the first header on is
readers' text. Each rule needs its structure to repeat or to sit outside the article's body
paragraphs, so an article's own capitalised subheading or closing quote is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from curate.boilerplate import lexicon
from curate.boilerplate.verdict import LineVerdict

_CARD = LineVerdict("teaser", 0.85, "context_v1:teaser_card")
_SHOUTED = LineVerdict("teaser", 0.8, "context_v1:shouted_headline")
_CREDIT_PAIR = LineVerdict("credit", 0.85, "context_v1:credit_label")
_COMMENT = LineVerdict("comments", 0.85, "context_v1:comment_thread")
_BLURB = LineVerdict("byline", 0.8, "context_v1:author_blurb")

_MIN_CARDS = 3  # kicker + headline pairs that make a teaser list
_CARD_LINES = 3  # most lines a card holds below its headline
_KICKER_WORDS = 6
_SHOUTED_WORDS = 5  # an all-capitals line this long (or longer) without a sentence end is a headline
_MAX_CAPS_SHARE = 0.3  # ... unless the page itself is written in capitals
_CAPS_MAX = 200  # longest headline, in characters
_CREDIT_WORDS = 8  # longest credit text under its label
_MIN_BODY_WORDS = 10  # a line of readers' text needs an article above it
_CASED = re.compile(r"[^\W\d_]")
_TERMINAL = ".!?"


def _words(line: str) -> int:
    return line.count(" ") + 1


def _capitals(line: str) -> bool:
    """Nine in ten cased letters are capitals (at least three of them): "REINDEER GAMES",
    "'A NATIONAL TRAGEDY'", "STARS CLEARED TO PERFORM AT THE AMAs"."""
    head = line[:24]
    if len(line) > _CAPS_MAX or head.upper() != head:  # most lines fail here, cheaply
        return False
    cased = [c for c in _CASED.findall(line) if c.lower() != c.upper()]
    return len(cased) >= 3 and sum(c.isupper() for c in cased) >= 0.9 * len(cased)


def _is_kicker(line: str) -> bool:
    return _words(line) <= _KICKER_WORDS and line[-1] not in _TERMINAL and _capitals(line)


def _is_card_headline(line: str) -> bool:
    """Another article's headline: 4-25 words in running language (function words, so not a
    result line like "Palm Bay d. Rockledge 70-44"), capitalised, not a sentence (a question is fine)."""
    first = line.lstrip("'\"‘“«")[:1]
    return (4 <= _words(line) <= 25 and first.isupper() and line.rstrip("'\"’”»")[-1:] not in ".:;,"
            and not _capitals(line) and lexicon.HEADLINE_WORDS.search(line) is not None)


def _next(text: Sequence[str], i: int) -> int | None:
    return next((j for j in range(i + 1, len(text)) if text[j]), None)


def teaser_cards(text: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    """Kicker + headline pairs, when a page has at least `_MIN_CARDS` of them, with the up to
    `_CARD_LINES` lines each card holds below its headline; and single all-capitals headlines of
    `_SHOUTED_WORDS`+ words, unless the page is written in capitals."""
    pairs = []
    for i, line in enumerate(text):
        if line and verdicts[i] is None and _is_kicker(line):
            j = _next(text, i)
            if j is not None and verdicts[j] is None and _is_card_headline(text[j]):
                pairs.append((i, j))
    if len(pairs) >= _MIN_CARDS:
        for (i, j), following in zip(pairs, [*(k for k, _ in pairs[1:]), len(text)]):
            verdicts[i] = verdicts[j] = _CARD
            # The card's own lines below its headline (source, section, summary), up to the next card.
            rest = [k for k in range(j + 1, following) if text[k]]
            if len(rest) <= _CARD_LINES:
                for k in rest:
                    verdicts[k] = verdicts[k] or _CARD
    long_lines = [i for i, line in enumerate(text) if line and _words(line) >= _SHOUTED_WORDS]
    shouted = [i for i in long_lines if text[i][-1] not in _TERMINAL and _capitals(text[i])]
    if len(shouted) <= _MAX_CAPS_SHARE * len(long_lines):
        for i in shouted:
            if verdicts[i] is None:
                verdicts[i] = _SHOUTED


def credit_labels(text: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    """A credit label alone on its line ("Photo:"), and the short credit text right below it."""
    for i, line in enumerate(text):
        if not line or len(line) > 12 or not lexicon.CREDIT_LABEL.match(line):
            continue
        verdicts[i] = _CREDIT_PAIR
        j = _next(text, i)
        if j is not None and verdicts[j] is None and _words(text[j]) <= _CREDIT_WORDS and text[j][-1] not in _TERMINAL:
            verdicts[j] = _CREDIT_PAIR


def comment_threads(text: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    """From the first comment header on, when a page has two or more and an article above them,
    every line is readers' text (replies, quotes, sign-offs) or the thread's furniture."""
    # A header ends with a colon: the cheap test first, the regex on the few lines that pass.
    headers = [i for i, line in enumerate(text)
               if line.endswith(":") and len(line) <= 150 and lexicon.COMMENT_HEADER.match(line)]
    if len(headers) < 2:
        return
    first = headers[0]
    if not any(verdicts[i] is None and _words(text[i]) >= _MIN_BODY_WORDS for i in range(first)):
        return
    for i in range(first, len(text)):
        if text[i] and verdicts[i] is None:
            verdicts[i] = _COMMENT


def author_blurbs(text: Sequence[str], verdicts: list[LineVerdict | None], last_body: int) -> None:
    """ "Jane Doe is a reporter for The Gazette." as the article's last paragraph or after it."""
    for i in range(last_body, len(text)):
        line = text[i]
        if line and verdicts[i] is None and _words(line) <= 40 and lexicon.AUTHOR_BLURB.match(line):
            verdicts[i] = _BLURB
