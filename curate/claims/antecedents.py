"""Pronoun sources resolved to the name they stand for, within the article, where the rule is clear.

A claim's source stays as written ("he", with its offsets): that is what a reader of the text
sees and what attribution corpora annotate. Beside it goes the name a reader resolves it to, so
that "who is cited" counts people and organisations, not pronouns. Only clear cases:

- a relative pronoun (`who`, `which`, `that`) right after a name: "Reid, who endorsed Clinton,
  said ..." -> "Reid";
- `I` / `we` inside another claim's quotation: that claim's source ("'I will stay,' Ms Short
  said" nests "I will stay" in Ms Short's words);
- `he` / `she`: the closest person named before the claim (before its content when the quote
  comes first: '"...," he said'), as a source of an earlier claim or as a titled name or the
  subject that opens a sentence ("Mr Blair", "Ljubicic was at a loss ..."), within `_WINDOW`
  characters;
- `it` / `they`: the closest earlier source that is not a person's name, within the same window.

A pronoun once resolved counts as its name for the next one ("he" after "he" after a name).
Anything else (you; a pronoun with no name before it) is left unresolved: none rather than a
guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from curate.claims.claim import Claim

_WINDOW = 600  # characters between the antecedent and the claim: about three sentences
_PERSONAL = frozenset({"he", "she"})
_ANY = frozenset({"it", "they"})
_SPEAKER = frozenset({"i", "we"})
_RELATIVE = frozenset({"who", "which", "that"})
PRONOUNS = _PERSONAL | _ANY | _SPEAKER | _RELATIVE | frozenset({"you", "him", "her", "them", "this", "these"})
_NAME_REST = r"[\w\u2019-]*(?:'(?!s\b)\w+)?"  # "O'Neill", not "Brown's"
_NAME = rf"[A-Z]{_NAME_REST}"
# A name just before a relative pronoun: capitalised words, possibly joined by "of", "de", ...
_NAME_BEFORE = re.compile(rf"({_NAME}\.?(?:\s+(?:(?:of|de|van|von|al|bin|the|and|for)\s+)?{_NAME}\.?)*)\s*,?\s*$")
# People named outside claims: a title and a name, or a name opening a sentence before a verb
# that shows it is the subject ("Ljubicic was at a loss ...").
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Sen\.|Rep\.|Gov\.|President|Minister)\s+{_NAME}(?:\s+{_NAME})?(?![\w'\u2019])")
# The pattern opens with its capital letter, so that the scan skips every other character
# quickly; where the sentence starts is checked right after that letter.
_SUBJECT = re.compile(rf"([A-Z](?:(?<=^.)|(?<=[.!?]\s.)|(?<=[.!?][\"\u201d\u2019]\s.)){_NAME_REST}(?:\s+{_NAME}){{0,2}})"
                      r"(?=\s+(?:was|is|has|had|will|would|could|also|then|later|now|still|insisted|admitted|"
                      r"accepted|believes|thinks|knows|felt|wants|hopes)\b)", re.MULTILINE)
# Capitalised words that open a sentence without naming anyone ("How ...", "Nor was ...").
_OPENERS = frozenset({"how", "nor", "but", "and", "or", "so", "yet", "then", "now", "still", "also", "however",
                      "meanwhile", "there", "here", "what", "when", "where", "why", "while", "if", "as", "such",
                      "one", "both", "all", "each", "every", "no", "not", "last", "next", "earlier", "later"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "some", "many", "several", "two",
                          "three", "its", "his", "her", "their", "our"})
_NOT_NAMES = _OPENERS | _DETERMINERS


def is_pronoun(source: str) -> bool:
    return source.strip().lower() in PRONOUNS


def _head(source: str) -> str:
    """A source without its apposition: "Jim Lanzone, vice president of ..." -> "Jim Lanzone"."""
    return source.split(",", 1)[0].strip()


def _names_a_person(name: str) -> bool:
    """A name written as a person's: not a determiner phrase ("the ministry"), ending in a
    capitalised word ("Lib Dem leader Charles Kennedy", "Parry"), and not one capitalised
    plural ("Analysts")."""
    words = name.split()
    if not words or words[0].lower() in _DETERMINERS or not words[-1][:1].isupper():
        return False
    return len(words) > 1 or not words[0].endswith("s")


Named = tuple[int, int, str]  # a mention's start and end offsets, and the name it gives


def resolve_sources(text: str, claims: Sequence[Claim]) -> list[str | None]:
    """For each claim (in the order given), the name its pronoun source stands for, or None."""
    sourced = sorted((c for c in claims if c.source is not None and c.source_start is not None
                      and c.source_end is not None), key=lambda c: c.source_start or 0)
    # The names outside claims are looked for only in an article with a he/she source: the scan
    # of the whole text is most of this module's cost.
    personal = any((c.source or "").strip().lower() in _PERSONAL for c in sourced)
    people = _people(text) if personal else []
    named: list[Named] = []  # in text order: sources as written, and pronouns once resolved
    resolved: dict[int, str] = {}
    for claim in sourced:
        source = claim.source or ""
        name = _resolve(text, claim, named, people) if is_pronoun(source) else _head(source)
        if name is not None:
            named.append((claim.source_start or 0, claim.source_end or 0, name))
            if is_pronoun(source):
                resolved[claim.source_start or 0] = name
    for claim in sourced:  # last: the quotation's speaker may be a pronoun resolved above
        if (claim.source or "").strip().lower() in _SPEAKER and (name := _speaker(claim, sourced, resolved)):
            resolved[claim.source_start or 0] = name
    return [resolved.get(c.source_start) if c.source_start is not None else None for c in claims]


def _people(text: str) -> list[Named]:
    """People named outside claims: titled names and sentence-opening subjects, in text order."""
    mentions = [(m.start(), m.end(), m.group(0)) for m in _TITLED.finditer(text)]
    mentions += [(m.start(1), m.end(1), m.group(1)) for m in _SUBJECT.finditer(text)]
    return sorted(m for m in mentions if not is_pronoun(m[2]) and m[2].split()[0].lower() not in _NOT_NAMES)


def _resolve(text: str, claim: Claim, named: list[Named], people: list[Named]) -> str | None:
    word, start = (claim.source or "").strip().lower(), claim.source_start or 0
    if word in _RELATIVE:
        match = _NAME_BEFORE.search(text, max(0, start - 120), start)
        return match.group(1) if match else None
    if word not in _PERSONAL | _ANY:
        return None
    anchor = min(start, claim.content_start)  # '"...," he said': the name comes before the quote
    candidates = named + (people if word in _PERSONAL else [])
    for _begin, end, name in sorted((c for c in candidates if c[1] <= anchor), key=lambda c: c[1], reverse=True):
        if anchor - end > _WINDOW:
            return None
        if _names_a_person(name) == (word in _PERSONAL):  # he/she: a person; it/they: not one
            return name
    return None


def _speaker(claim: Claim, claims: Sequence[Claim], resolved: dict[int, str]) -> str | None:
    """The source of the claim whose content holds `claim`'s source ("I" inside a quotation),
    as resolved when it is a pronoun itself."""
    at = claim.source_start or 0
    for outer in claims:
        if outer is not claim and any(lo <= at < hi for lo, hi in outer.content_parts):
            outer_source = outer.source or ""
            return _head(outer_source) if not is_pronoun(outer_source) else resolved.get(outer.source_start or 0)
    return None
