"""The numbering rules: which diff calls for a major, minor or patch version, or none."""

from __future__ import annotations

import pytest

from curate.errors import StoreError
from curate.versioning import DocumentChanges, FieldChange, SchemaDiff, bump_version, suggest_level


def _docs(added: int = 0, removed: int = 0, changed: int = 0, moved: int = 0) -> DocumentChanges:
    return DocumentChanges(added=added, removed=removed, changed=changed, unchanged=10, moved=moved)


def _schema(*changes: FieldChange, comparable: bool = True) -> SchemaDiff:
    return SchemaDiff("article_v1", "a" * 64, "article_v1", "b" * 64, list(changes), comparable)


ADDED = FieldChange("topic", "added", None, "string")
REMOVED = FieldChange("subtitle", "removed", "string", None)


@pytest.mark.parametrize(("docs", "schema", "identical", "level"), [
    (_docs(added=5, changed=3), _schema(REMOVED, ADDED), False, "major"),
    (_docs(), _schema(FieldChange("text", "nullable", "required", "nullable")), False, "major"),
    (_docs(), _schema(comparable=False), False, "major"),
    (_docs(moved=1), _schema(), False, "major"),
    (_docs(), _schema(ADDED), False, "minor"),
    (_docs(added=1, removed=4, changed=4), _schema(), False, "minor"),
    (_docs(changed=2), _schema(), False, "patch"),
    (_docs(removed=1), _schema(), False, "patch"),
    (_docs(), _schema(FieldChange("title", "nullable", "nullable", "required")), False, "minor"),
    (_docs(), _schema(), False, "patch"),
    (_docs(), _schema(), True, "none"),
])
def test_levels(docs: DocumentChanges, schema: SchemaDiff, identical: bool, level: str) -> None:
    assert suggest_level(docs, schema, identical)[0] == level


def test_bump_version() -> None:
    assert [bump_version("1.4.2", level) for level in ("major", "minor", "patch", "none")] == [
        "2.0.0", "1.5.0", "1.4.3", "1.4.2"]
    with pytest.raises(StoreError, match=r"'v1' is not MAJOR\.MINOR\.PATCH"):
        bump_version("v1", "minor")
