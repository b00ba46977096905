"""A release: one version laid out as a Hugging Face dataset repository (`README.md` card,
`croissant.json`, `data/<split>-0000i-of-0000N.parquet`), ready to become one commit on any
target. A local repository also gets the `.gitattributes` the Hub gives every new repository
(its data files tracked by LFS), so its checkout uploads like one; the Hub keeps its own.

Only the card and the Croissant file are written (into a small staging folder); the shards are
read from the version folder where they are, never copied, so an interrupted publish leaves no
copy of the data behind.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from curate.errors import StoreError
from curate.publishing.card import card_metadata, render_card
from curate.publishing.contents import count_contents
from curate.publishing.croissant import croissant
from curate.store.manifest import Manifest

# The data and archive patterns of the `.gitattributes` the Hub writes into a new dataset repository.
LFS_PATTERNS = ("*.7z", "*.arrow", "*.bin", "*.bz2", "*.gz", "*.lz4", "*.npy", "*.npz", "*.parquet", "*.pkl",
                "*.rar", "*.tar", "*.tar.*", "*.tgz", "*.xz", "*.zip", "*.zst")
GITATTRIBUTES = "".join(f"{pattern} filter=lfs diff=lfs merge=lfs -text\n" for pattern in LFS_PATTERNS)


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


def stage_release(version: Path, manifest: Manifest, changes: list[str], repo_id: str, url: str,
                  folder: Path) -> Release:
    """Write the card and the Croissant file (and for a local target `.gitattributes`) into
    `folder`; the non-empty shards stay in `version`. A local target's path is written nowhere:
    it means nothing on another machine."""
    contents = count_contents(version, manifest)
    shards = {s.path: s.sha256 for s in manifest.shards if s.rows}
    local = not url.startswith("hf://")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_text(render_card(manifest, contents, changes, repo_id, local=local),
                                      encoding="utf-8")
    metadata = card_metadata(manifest, contents)
    (folder / "croissant.json").write_text(
        json.dumps(croissant(manifest, metadata, None if local else url), indent=2, ensure_ascii=False) + "\n",
        encoding="utf-8")
    staged = ["README.md", "croissant.json"]
    if local:
        (folder / ".gitattributes").write_text(GITATTRIBUTES, encoding="utf-8")
        staged.append(".gitattributes")
    files = {**{name: folder / name for name in staged}, **{path: version / path for path in shards}}
    if manifest.validation is None:
        raise StoreError(f"{manifest.name} {manifest.version} has no gate verdict: validate it before publishing")
    return Release(manifest.name, manifest.version, dict(sorted(files.items())), shards,
                   manifest.created, manifest.validation.validated_at)
