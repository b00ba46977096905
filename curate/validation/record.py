"""What a validation leaves behind: `validation/` (results.json and the validation page,
index.html) and the manifest's `validation` entry, which publishing reads to refuse a version
whose shards or suites changed since it passed.

The entry names the page under `page`. Versions validated before curate wrote its own page name
Great Expectations' Data Docs under `data_docs` instead: those render scraped values unescaped,
so readers of the entry (the report, `curate show`) do not link them and say to validate again,
which replaces the whole folder.

Both are replaced whole: the new `validation/` folder is written aside and swapped in, and the
manifest is written to a temporary file and renamed over the old one, so a reader never sees a
half-written verdict.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from curate.store.manifest import file_sha256, load_manifest
from curate.store.replace import replacing
from curate.validation.outcome import GateResult
from curate.validation.page import render_validation
from curate.validation.suites import fingerprint, load_suites

RESULTS = "results.json"
PAGE = "index.html"


def write_folder(target: Path, result: GateResult, title: str) -> None:
    """Write results.json and the validation page (`title` names what was validated) into a fresh
    folder, then swap it in for `target`."""
    with replacing(target) as fresh:
        (fresh / RESULTS).write_text(json.dumps(result.to_json(), indent=2, ensure_ascii=False, default=str) + "\n",
                                     encoding="utf-8")
        (fresh / PAGE).write_text(render_validation(result, title, RESULTS), encoding="utf-8")


def manifest_entry(result: GateResult, folder: str) -> dict[str, Any]:
    return {
        "passed": result.passed,
        "validated_at": result.validated_at,
        "suites": result.suites,
        "shards": result.shards,
        "thresholds": result.thresholds,
        "waivers": result.waivers,
        "failed": [o.key for o in result.failed],
        "results": f"{folder}/{RESULTS}",
        "page": f"{folder}/{PAGE}",
    }


def recorded_problems(version: Path) -> list[str]:
    """Why the recorded validation does not vouch for the version as it is now (empty: it does).

    It must have passed, on the very shards the manifest lists (same sha256 on disk), with the
    suites as they are now.
    """
    manifest = load_manifest(version)
    entry = manifest.validation
    if not entry:
        return ["never validated"]
    problems = [] if entry.passed else [f"validation failed: {', '.join(entry.failed)}"]
    listed = [s.path for s in manifest.data_files]
    if sorted(listed) != sorted(entry.shards):
        problems.append("validated shards are not the manifest's shards")
    for path in listed:
        on_disk = version / path
        if path in entry.shards and (not on_disk.is_file() or file_sha256(on_disk) != entry.shards[path]):
            problems.append(f"{path} changed since it was validated")
    current = {name: fingerprint(spec) for name, spec in load_suites().items()}
    changed = sorted(name for name in current if entry.suites.get(name) != current[name])
    if changed:
        problems.append(f"suites changed since validation: {', '.join(changed)}")
    return problems
