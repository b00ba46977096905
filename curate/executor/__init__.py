"""Executors: run the per-document pipeline over a stream of documents."""

from curate.executor.local import BatchResult, run_local

__all__ = ["BatchResult", "run_local"]
