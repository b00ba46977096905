"""Versions: what changed between two versions, what the next one should be numbered and where a
version came from (whether it can be rebuilt byte for byte: `curate.pipeline.reproduce`, beside
the build and rebuild it runs).

    diff_versions(store, name, old, new) -> VersionDiff      (curate diff)
    changelog(diff) -> [str, ...]                            lines for a card or release note
    lineage(store, name, version) -> [Lineage, ...]          newest first
    bump_version(version, level), suggest_level(...)         the numbering rules
"""

from curate.versioning.bump import Level, bump_version, suggest_level
from curate.versioning.changelog import changelog
from curate.versioning.diff import StatChange, VersionDiff, diff_refs, diff_versions
from curate.versioning.documents import DocumentChanges, compare_documents
from curate.versioning.lineage import InputChanges, Lineage, ValueChange, lineage
from curate.versioning.refs import VersionRef, open_version
from curate.versioning.schema_diff import FieldChange, SchemaDiff
from curate.versioning.stats import version_stats

__all__ = [
    "DocumentChanges", "FieldChange", "InputChanges", "Level", "Lineage", "SchemaDiff", "StatChange",
    "ValueChange", "VersionDiff", "VersionRef", "bump_version", "changelog", "compare_documents", "diff_refs",
    "diff_versions", "lineage", "open_version", "suggest_level", "version_stats",
]
