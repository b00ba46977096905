"""The arguments every API call shares: where the store is, and the config a call runs with."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeAlias

from curate.config import Config, inherited_config, load_config
from curate.config_layers import Layer
from curate.store import Store, default_store

StoreLike: TypeAlias = str | Path | Store | None
ConfigLike: TypeAlias = Config | str | Path | None
"""A whole `Config`, a TOML file, or None (the defaults; for a call on a stored version, the
config that version recorded)."""


def open_store(store: StoreLike) -> Store:
    """`store`, a folder, or `$CURATE_STORE` (else data/curated)."""
    if isinstance(store, Store):
        return store
    return Store(Path(store) if store else default_store())


def build_config(config: ConfigLike, overrides: Mapping[str, Any] | None) -> Config:
    """The config of a new build: the defaults, or `config`, with `overrides` (nested dicts) on top."""
    if isinstance(config, Config):
        return _on_top(config, overrides)
    return load_config(Path(config) if config is not None else None, overrides)


def version_config(store: Store, name: str, version: str, config: ConfigLike,
                   overrides: Mapping[str, Any] | None) -> Config:
    """The config of what follows a stored version (its gate, a rebuild): what it recorded, then a
    TOML file and `overrides` on top; or a whole `Config`, taken as it is."""
    if isinstance(config, Config):
        return _on_top(config, overrides)
    return inherited_config(store, name, version, Path(config) if config is not None else None, overrides)


def _on_top(config: Config, overrides: Mapping[str, Any] | None) -> Config:
    if overrides is None:
        return config
    return load_config(None, overrides, base=Layer("the config given", config.model_dump(mode="json")))
