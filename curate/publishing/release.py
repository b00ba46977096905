"""A release: one version laid out as a Hugging Face dataset repository (`README.md` card,
`croissant.json`, `data/<split>-0000i-of-0000N.parquet`), ready to become one commit on any
target.

Only the card and the Croissant file are written (into a small staging folder); the shards are
read from the version folder where they are, never copied, so an interrupted publish leaves no
copy of the data behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.publishing.card import card_metadata, render_card
from curate.publishing.contents import count_contents
from curate.publishing.croissant import croissant


@dataclass(frozen=True)
class Release:
    name: str
    version: str
    files: dict[str, Path]  # path inside the repository (sorted) -> the file holding its bytes
    shards: dict[str, str]  # data/... -> sha256, from the manifest
    built_at: str  # the manifest's `created` (ISO 8601)
    validated_at: str  # when the gate passed it (ISO 8601)

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def message(self) -> str:
        return f"Publish {self.name} {self.version}"

    def bytes(self) -> int:
        return sum(source.stat().st_size for source in self.files.values())


def stage_release(version: Path, manifest: dict[str, Any], changes: list[str], repo_id: str, url: str,
                  folder: Path) -> Release:
    """Write the card and the Croissant file into `folder`; the non-empty shards stay in `version`."""
    contents = count_contents(version, manifest)
    shards = {s["path"]: s["sha256"] for s in manifest["shards"] if s["rows"]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(render_card(manifest, contents, changes, repo_id,
                                                  local=not url.startswith("hf://")), encoding="utf-8")
    metadata = card_metadata(manifest, contents)
    (folder / "croissant.json").write_text(
        json.dumps(croissant(manifest, metadata, url), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    files = {"README.md": folder / "README.md", "croissant.json": folder / "croissant.json",
             **{path: version / path for path in shards}}
    return Release(manifest["name"], manifest["version"], dict(sorted(files.items())), shards,
                   manifest["created"], manifest["validation"]["validated_at"])
