"""A build that crashed or was killed resumes from the batches it finished, to the same shards."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import curate.pipeline.batches as batches_module
from conftest import kill_once_annotated
from curate.pipeline.build import BuildResult, build
from curate.pipeline.checkpoints import FOLDER
from curate.store import Store
from versioning.corpus import tiny_config, write_corpus

CONFIG = {"executor": {"workers": 1, "batch_size": 2}}


def _shards(result: BuildResult) -> dict[str, str]:
    return {entry["path"]: entry["sha256"] for entry in result.manifest["shards"] + result.manifest["rejects"]}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = write_corpus(tmp_path / "in", dict.fromkeys(range(30), 0))
    (folder / "empty.txt").write_bytes(b"")  # a reject from the corpus pass, too
    return folder


def test_a_crashed_build_resumes_to_identical_shards(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    reference = build([corpus], "news", tiny_config(**CONFIG), store=Store(tmp_path / "ref"))
    store = Store(tmp_path / "store")
    calls = {"n": 0}
    real = batches_module.fit_rows

    def crash_on_the_fifth(*args):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("the machine ran out of something")
        return real(*args)

    monkeypatch.setattr(batches_module, "fit_rows", crash_on_the_fifth)
    with pytest.raises(RuntimeError):
        build([corpus], "news", tiny_config(**CONFIG), store=store)
    monkeypatch.setattr(batches_module, "fit_rows", real)
    assert store.versions("news") == [] and (store.dataset("news") / FOLDER).is_dir()
    resumed = build([corpus], "news", tiny_config(**CONFIG), store=store)
    # the whole corpus pass had finished, and the document pass up to the crash
    assert resumed.manifest["resumed"]["prepared_batches"] >= 16
    assert 1 <= resumed.manifest["resumed"]["annotated_batches"] < 16
    assert _shards(resumed) == _shards(reference)
    assert resumed.manifest["accounting"] == reference.manifest["accounting"]
    assert not (store.dataset("news") / FOLDER).exists(), "checkpoints go once the version is committed"


def _crash_at_the_first_row(corpus: Path, store: Store, monkeypatch) -> None:
    """A build that dies in its document pass, leaving the corpus pass's checkpoints."""
    monkeypatch.setattr(batches_module, "fit_rows", lambda *args: (_ for _ in ()).throw(RuntimeError("stop")))
    with pytest.raises(RuntimeError):
        build([corpus], "news", tiny_config(**CONFIG), store=store)
    monkeypatch.undo()


def test_other_batch_boundaries_and_no_resume(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path / "store")
    _crash_at_the_first_row(corpus, store, monkeypatch)
    # batches of 4 instead of 2: none has the content of a finished one, so nothing is taken
    other = build([corpus], "news", tiny_config(executor={"workers": 1, "batch_size": 4}), store=store, resume=False)
    assert other.manifest["resumed"] == {"prepared_batches": 0, "annotated_batches": 0}
    reference = build([corpus], "news", tiny_config(**CONFIG), store=Store(tmp_path / "ref"))
    assert _shards(other) == _shards(reference), "batching never changes the shards"


def test_another_config_takes_nothing_from_the_checkpoints(corpus: Path, tmp_path: Path, monkeypatch) -> None:
    store = Store(tmp_path / "store")
    _crash_at_the_first_row(corpus, store, monkeypatch)
    stricter = build([corpus], "news", tiny_config(policy={"min_words": 120}, **CONFIG), store=store)
    assert stricter.manifest["resumed"] == {"prepared_batches": 0, "annotated_batches": 0}


_KILLABLE = """
import sys
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
config = load_config(None, {"executor": {"workers": 2, "batch_size": 1}})
build([Path(sys.argv[1])], "news", config, store=Store(Path(sys.argv[2])))
"""


def test_a_killed_build_resumes_to_identical_shards(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(100), 0))
    config = tiny_config(executor={"workers": 2, "batch_size": 1})
    reference = build([corpus], "news", config, store=Store(tmp_path / "ref"))
    store = Store(tmp_path / "store")
    annotated = store.dataset("news") / FOLDER / "annotate"
    kill_once_annotated([sys.executable, "-c", _KILLABLE, str(corpus), str(store.root)], annotated, 20, timeout=120)
    assert store.versions("news") == []
    resumed = build([corpus], "news", config, store=store)
    assert resumed.manifest["resumed"]["annotated_batches"] >= 20
    assert _shards(resumed) == _shards(reference)
