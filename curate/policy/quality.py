"""Rules on the Gopher / C4 signals of the kept text (`row["quality"]`, curate.signals.quality):
content that is not an article (lorem ipsum, code), repetition, then word and line statistics.

Each threshold is a `PolicyConfig` setting whose description says what it catches and where its
default comes from: the Gopher (Rae et al. 2021) or C4 (Raffel et al. 2020) value where it keeps
every real article of the benches, a measured one where it does not (`benchmarks/quality_rules.py`).
A `max_` setting drops what is above it and a `min_` setting what is below it. Signals that mean
nothing in some languages are not judged there: stop words only where
`curate.signals.quality.STOPWORDS` has the language's list, word length not in languages written
without spaces (where words are estimated), sentence ends not in Thai or Lao (which end sentences
with a space).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from curate.config import PolicyConfig
from curate.policy.rule import Rule
from curate.signals.quality import STOPWORDS

# Languages whose words `curate.signals.words` estimates from characters: their mean word length is
# the estimate's constant, not a measure of the text.
WORDS_WITHOUT_SPACES = frozenset({"zh", "yue", "wuu", "ja", "th", "lo", "km", "my"})
# Languages whose writing marks no sentence end (Thai and Lao end a sentence with a space).
NO_SENTENCE_MARK = frozenset({"th", "lo"})


def _every_language(_: str) -> bool:
    return True


def _not_in(languages: Collection[str]) -> Callable[[str], bool]:
    return lambda language: language not in languages


@dataclass(frozen=True)
class Limit:
    """Drop a row whose `quality[signal]` is beyond the `setting` of PolicyConfig: above a `max_`
    setting, below a `min_` one; only for rows whose language `applies`."""

    signal: str
    setting: str
    applies: Callable[[str], bool] = _every_language

    def __call__(self, row: dict[str, Any], policy: PolicyConfig) -> str | None:
        if not self.applies(row["language"]):
            return None
        value, limit = row["quality"][self.signal], getattr(policy, self.setting)
        beyond = value > limit if self.setting.startswith("max_") else value < limit
        return f"{self.signal} {value:.3g} {'>' if value > limit else '<'} {self.setting} {limit}" if beyond else None


def _lorem_ipsum(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    if policy.drop_lorem_ipsum and row["quality"]["has_lorem_ipsum"]:
        return 'the text holds "lorem ipsum": placeholder text (C4; drop_lorem_ipsum = true)'
    return None


def _limit(name: str, signal: str, setting: str, applies: Callable[[str], bool] = _every_language) -> Rule:
    return Rule(name, Limit(signal, setting, applies), setting)


RULES = (
    Rule("lorem_ipsum", _lorem_ipsum, "drop_lorem_ipsum"),
    _limit("curly_brackets", "curly_bracket_ratio", "max_curly_bracket_ratio"),
    _limit("repeated_paragraphs", "duplicate_paragraph_ratio", "max_duplicate_paragraph_ratio"),
    _limit("repeated_lines", "duplicate_line_ratio", "max_duplicate_line_ratio"),
    _limit("top_2gram", "top_2gram_ratio", "max_top_2gram_ratio"),
    _limit("repeated_5grams", "duplicate_5gram_ratio", "max_duplicate_5gram_ratio"),
    _limit("not_prose", "alpha_word_ratio", "min_alpha_word_ratio"),
    _limit("short_words", "mean_word_length", "min_mean_word_length", _not_in(WORDS_WITHOUT_SPACES)),
    _limit("long_words", "mean_word_length", "max_mean_word_length", _not_in(WORDS_WITHOUT_SPACES)),
    _limit("symbols", "symbol_ratio", "max_symbol_ratio"),
    _limit("bullet_lines", "bullet_line_ratio", "max_bullet_line_ratio"),
    _limit("ellipsis_lines", "ellipsis_line_ratio", "max_ellipsis_line_ratio"),
    _limit("few_stopwords", "stopword_ratio", "min_stopword_ratio", STOPWORDS.__contains__),
    _limit("uppercase", "uppercase_ratio", "max_uppercase_ratio"),
    _limit("few_sentences", "n_sentences", "min_sentences", _not_in(NO_SENTENCE_MARK)),
)
