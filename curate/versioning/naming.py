"""`--version auto`: number a new version from its diff against its parent, before it is stored.

The build writes the version into its staging folder under a provisional number; this diff reads
only the `id`, `content_hash` and `split` columns, the recorded schemas and the manifests, so
naming a version costs a fraction of building it. The parent is the latest version, so the number
this gives is always free.
"""

from __future__ import annotations

from typing import Any

from curate.store import Store
from curate.versioning.bump import bump_version
from curate.versioning.diff import diff_refs
from curate.versioning.refs import VersionRef, open_version

AUTO = "auto"


def auto_version(store: Store, name: str, parent: str, staged: VersionRef) -> dict[str, Any]:
    """`{"version", "bump", "reason", "from"}` for `staged`, the next version of `name` after `parent`.

    A diff that calls for no new version (same documents, byte-identical shards: say only the gate's
    config changed) still gets a patch number: a version is never stored under an existing one.
    """
    diff = diff_refs(name, open_version(store, name, parent), staged, {parent})
    level = "patch" if diff.bump == "none" else diff.bump
    reason = diff.reason if diff.bump != "none" else f"{diff.reason}; a new version still needs a new number"
    return {"version": bump_version(parent, level), "bump": level, "reason": reason, "from": parent}
