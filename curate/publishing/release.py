"""A release: one version laid out as a Hugging Face dataset repository (`README.md` card,
`croissant.json`, `data/<split>-0000i-of-0000N.parquet`), staged in a folder, ready to become
one commit on any target."""

from __future__ import annotations

import json
import shutil
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
    folder: Path
    files: tuple[str, ...]  # paths inside the repository, sorted; shards first-class
    shards: dict[str, str]  # data/... -> sha256, from the manifest

    @property
    def tag(self) -> str:
        return f"v{self.version}"

    @property
    def message(self) -> str:
        return f"Publish {self.name} {self.version}"

    def bytes(self) -> int:
        return sum((self.folder / f).stat().st_size for f in self.files)


def stage_release(version: Path, manifest: dict[str, Any], changes: list[str], repo_id: str, url: str,
                  folder: Path) -> Release:
    """Copy the non-empty shards into `folder` and write the card and the Croissant file beside them."""
    contents = count_contents(version, manifest)
    shards = {s["path"]: s["sha256"] for s in manifest["shards"] if s["rows"]}
    (folder / "data").mkdir(parents=True)
    for path in shards:
        shutil.copyfile(version / path, folder / path)
    (folder / "README.md").write_text(render_card(manifest, contents, changes, repo_id,
                                                                  local=not url.startswith("hf://")), encoding="utf-8")
    metadata = card_metadata(manifest, contents)
    (folder / "croissant.json").write_text(
        json.dumps(croissant(manifest, metadata, url), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    files = tuple(sorted(["README.md", "croissant.json", *shards]))
    return Release(manifest["name"], manifest["version"], folder, files, shards)
