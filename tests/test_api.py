"""The Python API is a set of functions that stay functions: a notebook calls each one many times.

A submodule named like an API function (`curate/build.py` beside `curate.build`) replaces the
function on the package the first time anything imports it; these tests import every submodule
and call every function twice in one process.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import curate
from curate.store import Store
from curate.validate import validate_version
from versions.corpus import tiny_config, write_corpus

_FUNCTIONS = ["build", "diff", "load", "load_config", "load_schema", "publish", "reproduce"]


def test_no_submodule_shadows_an_api_function() -> None:
    for module in pkgutil.walk_packages(curate.__path__, "curate."):
        if not module.name.endswith("__main__"):  # runs the command line
            importlib.import_module(module.name)
    for name in _FUNCTIONS:
        assert callable(getattr(curate, name)), f"curate.{name} is {getattr(curate, name)!r}"


def test_every_function_twice_in_one_process(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(6), 0))
    store = tmp_path / "store"
    # a publisher for every article, and split shares a six-article corpus cannot miss
    config = tiny_config(sources={"default": "Tiny Times"}, validation={"split_tolerance": 1.0})
    first = curate.build([corpus], "news", config, store=store)
    second = curate.build([corpus], "news", config, store=store)
    assert (first.name, second.name) == ("1.0.0", "1.1.0")
    for version in ("1.0.0", "1.1.0"):
        gate, _ = validate_version(Store(store), "news", version, config)
        assert gate.passed, [o.key for o in gate.failed]
    assert curate.diff("news", "1.0.0", "1.1.0", store=store).documents.unchanged == 6
    assert curate.diff("news", "1.0.0", "1.1.0", store=store).documents.unchanged == 6
    assert curate.reproduce("news", "1.0.0", store=store).ok
    assert curate.reproduce("news", "1.1.0", store=store).ok
    assert len(curate.load("news", store=store, split="train")) == len(curate.load("news", "1.0.0", store=store,
                                                                                   split="train"))
    hub = tmp_path / "hub"
    assert curate.publish("news", "1.0.0", to=str(hub), store=store).created
    assert curate.publish("news", "1.1.0", to=str(hub), store=store).created
    assert curate.load_config(None).content_hash() == curate.load_config(None).content_hash()
    assert curate.load_schema("article").name == curate.load_schema("article").name == "article_v1"
    for name in _FUNCTIONS:
        assert callable(getattr(curate, name))
