"""The dataset store: immutable versions on disk, written aside and renamed into place."""

from curate.store.layout import Store, default_store
from curate.store.manifest import read_manifest

__all__ = ["Store", "default_store", "read_manifest"]
