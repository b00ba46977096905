"""The per-line decision that the boilerplate rules hand to span assembly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LineVerdict:
    """A line judged to be boilerplate.

    `kind` is one of the schema's `boilerplate_kind` values; `score` is the confidence in
    [0, 1]; `rule` names the rule or model that decided, with its version
    (`lexicon_v1:share_widget`), so old outputs stay explainable when rules change.
    """

    kind: str
    score: float
    rule: str

    def __reduce__(self) -> tuple[type[LineVerdict], tuple[str, float, str]]:
        """Pickled as its constructor's arguments, like `RemovedBlock` that holds it (checkpoints)."""
        return (LineVerdict, (self.kind, self.score, self.rule))
