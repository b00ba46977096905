"""The result of the template pass: per source, the keys of its template lines."""

from __future__ import annotations

from dataclasses import dataclass, field

UNKNOWN_SOURCE = ""


@dataclass(frozen=True)
class TemplateTable:
    """`templates[source]` holds the line keys that are templates of that source; `documents`
    how many documents each source had (recorded in the manifest)."""

    templates: dict[str, frozenset[int]] = field(default_factory=dict)
    documents: dict[str, int] = field(default_factory=dict)

    def of(self, source: str | None) -> frozenset[int]:
        return self.templates.get(source or UNKNOWN_SOURCE, frozenset())

    def summary(self) -> dict[str, dict[str, int]]:
        return {source: {"documents": self.documents[source], "template_lines": len(self.templates.get(source, ()))}
                for source in sorted(self.documents)}
