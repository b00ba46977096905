"""The dataset store: immutable versions on disk, written aside and renamed into place."""

from curate.store.layout import Store, default_store
from curate.store.manifest import Manifest, load_manifest, read_manifest

__all__ = ["Manifest", "Store", "default_store", "load_manifest", "read_manifest"]
