"""Executors: run a batch task over a stream of batches, here (`LocalExecutor`) or on Ray Data
(`curate.executor.ray_data`, the `ray` extra). `open_executor` picks the one the config names."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.config import ExecutorConfig
from curate.errors import ConfigError
from curate.executor.local import LocalExecutor, Source, batches, worker_count

if TYPE_CHECKING:
    from typing import TypeAlias

    from curate.executor.ray_data import RayExecutor

    Executor: TypeAlias = LocalExecutor | RayExecutor

__all__ = ["LocalExecutor", "Source", "batches", "open_executor", "worker_count"]


def open_executor(config: ExecutorConfig, state: Any, scratch: Path) -> Executor:
    """The executor `config.engine` names, with `state` for every task and `scratch`, a folder of
    its own: a Ray started here spills its object store there, local workers leave their results
    there."""
    if config.engine == "ray":
        try:
            from curate.executor.ray_data import RayExecutor
        except ImportError as exc:
            if not (exc.name or "").startswith("ray"):
                raise
            raise ConfigError(f"executor 'ray' needs Ray Data, which is not installed: pip install 'curate[ray]' "
                              f"({exc})") from exc
        return RayExecutor(config.workers, state, address=config.ray_address, spill=scratch)
    return LocalExecutor(config.workers, state, scratch)
