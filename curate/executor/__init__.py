"""Executors: run a batch task over a stream of batches."""

from curate.executor.local import LocalExecutor, batches, worker_count

__all__ = ["LocalExecutor", "batches", "worker_count"]
