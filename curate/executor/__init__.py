"""Executors: run a batch task over a stream of batches."""

from curate.executor.local import batches, run_local, worker_count

__all__ = ["batches", "run_local", "worker_count"]
