"""What the French, German and Spanish rules (`multilingual.py`) need to know of a language.

The rules only say where a cue, a source and a content stand; a `Lexicon` says which words
play each part, so the three languages share one set of rules and differ only in data
(`lexicon_fr.py`, `lexicon_de.py`, `lexicon_es.py`). Word lists are lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from curate.claims.patterns import trie


@dataclass(frozen=True)
class Lexicon:
    """The words and marks of one language's attributions."""

    language: str
    # Reporting verbs as written, auxiliaries and inverted pronouns included ("a déclaré",
    # "a-t-il ajouté", "ha dicho"): each is one cue.
    speech: frozenset[str]
    # Verbs of a belief, a fear or a finding ("estime", "befürchtet", "cree"): kind `belief`.
    belief: frozenset[str]
    # "selon X, ...", "laut X ...", "según X, ...": the source follows the cue.
    according: tuple[str, ...]
    # "X zufolge ...": the source comes before the cue.
    according_after: tuple[str, ...]
    # Cues only right after a quotation or a clause ("„...“, so der Sprecher"); elsewhere they are
    # ordinary words.
    tail_only: frozenset[str]
    # Words that open the content of indirect speech ("que", "dass", "de que").
    complementizers: tuple[str, ...]
    # Opening quotation mark -> its closing mark, in the order they are tried.
    quote_marks: dict[str, str]
    # Words a source never starts with: they open the sentence, not the noun phrase.
    leading: frozenset[str]
    # Words that end a source written after its cue ("..., a dit le maire lors de ...").
    source_stops: frozenset[str]
    # Words before which a verb form is a noun ("le juge", "la demande", "el anuncio").
    determiners: frozenset[str] = frozenset()
    # Sentence openers after which a German-style verb-second clause puts the source after the
    # cue ("Am Montag sagte der Minister, ..."); empty for languages that do not invert.
    inverting_openers: frozenset[str] = frozenset()
    # Abbreviations whose period ends no sentence ("M.", "Dr.", "Sra.").
    abbreviations: frozenset[str] = frozenset()

    # The cue patterns are compiled when an article of the language first needs them, not at
    # import: French alone took 0.4 s of every process's start (its verbs' thousands of
    # compound and inverted forms), paid by every build, most of which hold no French.
    @cached_property
    def cue(self) -> re.Pattern[str]:
        """Any reporting verb form, longest first (through the prefix tree). Verbs must start
        lower case: a capitalised "Dit" is a title, not a cue."""
        verbs = trie(self.speech | self.belief)
        return re.compile(rf"(?<![\w'’-])(?:{verbs})(?![\w-])")

    @cached_property
    def according_cue(self) -> re.Pattern[str]:
        """The language's "according to" ("selon", "laut", "según"), as written or capitalised."""
        phrases = trie(p for word in (*self.according, *self.according_after) for p in _capitalised(word))
        return re.compile(rf"(?<![\w'’-])(?:{phrases})(?![\w-])")


def _capitalised(word: str) -> tuple[str, str]:
    return word, word[0].upper() + word[1:]


def conjugate(stems: Iterable[str], endings: Iterable[str], prefixes: Iterable[str] = ("",)) -> frozenset[str]:
    """Every `prefix + stem + ending`: a regular paradigm written once."""
    ends = tuple(endings)
    pres = tuple(prefixes)
    return frozenset(p + s + e for s in stems for e in ends for p in pres)
