"""The Ray executor builds the same version as the local one: every row, every shard's bytes, the
accounting and the manifest but for the executor's name; on a local Ray and on a two-node
cluster, again on a rerun, and after a kill of the driver, from the batches that finished.

Ray starts once for the module (about 5 s); the two-node cluster once, last. `make test` runs the
module in a process of its own, after the rest (tests/run_suite.sh says why); under
`pytest -n auto --dist loadgroup` it stays in one worker (`xdist_group`), so two Rays never share
the two cores.
"""

from __future__ import annotations

import json
import operator
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pyarrow.parquet as pq
import pytest

from conftest import ROOT, kill_once_annotated
from curate.config import Config
from curate.errors import ConfigError
from curate.executor import open_executor
from curate.pipeline.build import BuildResult, build
from curate.pipeline.checkpoints import FOLDER
from curate.pipeline.reproduce import recorded_config, reproduce
from curate.store import Store
from curate.store.manifest import MANIFEST, Manifest
from curate.validation import validate_version
from pipeline.test_near_duplicates import near_copy
from session_reaper import MARKER, marked, reap
from versioning.corpus import article, tiny_config

ray = pytest.importorskip("ray")
pytestmark = pytest.mark.xdist_group("ray")

# Small batches and shards: many batches whose order matters, several shards a split.
_RUN = {"batch_size": 3, "shard_max_rows": 7}


def _config(engine: str, **executor: Any) -> Config:
    # The local executor in one process, so nothing forks a process that holds a Ray connection
    # (the workers' count never changes a row).
    workers = 1 if engine == "local" else 2
    return tiny_config(executor={"engine": engine, "workers": workers, **_RUN, **executor},
                       sources={"default": "Wire"}, validation={"split_tolerance": 1.0})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The embedded sample (every format, broken records among them) and a feed with near-copies,
    an exact copy, a repeated id and a broken line: every decision the parent makes over batches."""
    feed = tmp_path_factory.mktemp("feed")
    records = [{"url": f"https://paper.example/{n}", "text": article(n)} for n in range(40)]
    records += [{"url": f"https://mirror.example/{n}", "text": near_copy(article(n), n)} for n in range(0, 40, 3)]
    records.append({"url": "https://copy.example/exact", "text": article(5)})
    records.append({"url": "https://paper.example/7", "text": article(7, edition=2)})  # the same id again
    lines = [json.dumps(record) for record in records]
    lines.insert(20, '{"url": "https://paper.example/broken", "text": ')
    (feed / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [ROOT / "data" / "raw", feed]


@pytest.fixture(scope="module")
def local_ray(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,  # never another one
             object_spilling_directory=str(tmp_path_factory.mktemp("spill")))
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def reference(corpus: list[Path], tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(corpus, "news", _config("local"), store=Store(tmp_path_factory.mktemp("local")))


def _files(result: BuildResult) -> dict[str, str]:
    manifest = result.manifest
    return {entry["path"]: entry["sha256"] for entry in manifest["shards"] + manifest["rejects"] + manifest["dedup"]["files"]}


def _comparable(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest but for when it was made and which executor made it (with how many workers:
    the local reference runs in one process)."""
    config = {**manifest["config"], "executor": {k: v for k, v in manifest["config"]["executor"].items()
                                                 if k not in ("engine", "ray_address", "workers")}}
    return {**manifest, "created": None, "config": config}


def _same_version(made: BuildResult, reference: BuildResult) -> None:
    assert made.manifest["config"]["executor"]["engine"] == "ray"
    assert _comparable(made.manifest) == _comparable(reference.manifest)
    for entry in reference.manifest["shards"] + reference.manifest["rejects"]:
        assert pq.read_table(made.path / entry["path"]).to_pylist() == \
            pq.read_table(reference.path / entry["path"]).to_pylist(), entry["path"]
    assert _files(made) == _files(reference), "every shard byte-identical"


def test_the_reference_exercises_every_decision(reference: BuildResult) -> None:
    accounting = reference.manifest["accounting"]
    assert accounting["kept"] > 40 and accounting["rejected"] >= 3
    assert {"policy_near_duplicate", "policy_duplicate_content"} <= set(accounting["by_reason"])
    assert sum(1 for entry in reference.manifest["shards"] if entry["split"] == "train") >= 3


def test_a_local_ray_builds_the_same_version(reference: BuildResult, local_ray: None, corpus: list[Path],
                                             tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    made = build(corpus, "news", _config("ray"), store=store)
    _same_version(made, reference)
    verdict = validate_version(store, "news", made.manifest["version"], _config("ray"))[0]
    assert verdict.passed
    again = build(corpus, "news", _config("ray"), store=Store(tmp_path / "again"))
    assert _files(again) == _files(made), "a rerun gives byte-identical shards"
    reproduced = reproduce(store, "news", made.manifest["version"], workers=1)
    assert reproduced.ok
    recorded = Manifest.parse(made.manifest, made.path / MANIFEST)
    assert recorded_config(recorded).executor.engine == "local", "a reproduction runs here, not on a cluster"


def test_the_api_takes_the_executor(local_ray: None, tmp_path: Path) -> None:
    import curate

    made = curate.build([ROOT / "data" / "raw"], "sample", ROOT / "curate.toml", store=tmp_path,
                        overrides={"executor": {"batch_size": 4}}, executor="ray", report=False)
    assert made.passed and made.manifest.config["executor"] | {"workers": 0} == {
        "engine": "ray", "ray_address": None, "workers": 0, "batch_size": 4, "batch_bytes": 64 * 2**20,
        "shard_max_rows": 100_000}


def test_a_rebuild_on_ray_is_the_local_rebuild(local_ray: None, tmp_path: Path) -> None:
    import curate

    one = {"executor": {"workers": 1}}  # no fork of this process, which holds a Ray connection
    curate.build([ROOT / "data" / "raw"], "sample", ROOT / "curate.toml", store=tmp_path, overrides=one, report=False)
    made = {engine: curate.rebuild("sample", "1.0.0", overrides={"policy": {"min_words": 120}, **one},
                                   store=tmp_path, executor=engine, version=f"2.0.{n}", report=False)
            for n, engine in enumerate(("local", "ray"))}
    local, on_ray = (result.manifest for result in made.values())
    assert on_ray.accounting == local.accounting
    assert [(s.path, s.sha256) for s in on_ray.shards] == [(s.path, s.sha256) for s in local.shards]


def _mentioning(path: Path) -> list[str]:
    """Command lines of the running processes that name `path` (a raylet names its spill folder)."""
    return [" ".join(proc.info["cmdline"] or []) for proc in psutil.process_iter(["cmdline"])
            if str(path) in " ".join(proc.info["cmdline"] or [])]


def test_the_command_line_starts_a_ray_and_stops_it(local_ray: None, tmp_path: Path) -> None:
    """No address: a Ray of its own for the build, spilling under the store, gone when it ends."""
    store = tmp_path / "store"
    done = subprocess.run([sys.executable, "-m", "curate", "build", str(ROOT / "data" / "raw"), "--name", "sample",
                           "--store", str(store), "--config", str(ROOT / "curate.toml"), "--executor", "ray",
                           "--workers", "2", "--no-report", "--json"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    made = json.loads(done.stdout)
    assert made["accounting"]["kept"] == 21 and made["validation"]["passed"]
    manifest = json.loads((Path(made["path"]) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["config"]["executor"]["engine"] == "ray"
    assert not (store / "sample" / ".executor").exists()
    assert not _mentioning(store), "the Ray it started is stopped"


_OWN_RAY = """
import sys, time
import ray
ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False)
print("up", flush=True)
time.sleep(300)
"""


def test_what_a_killed_ray_driver_leaves_ends_with_the_session() -> None:
    """A driver with a Ray of its own, killed with SIGKILL (as a crashed pytest worker is), leaves
    Ray's agents running; the session's end finds them by the session's mark and kills them."""
    session = f"ray-driver-{os.getpid()}-{time.monotonic_ns()}"
    driver = subprocess.Popen([sys.executable, "-c", _OWN_RAY], env={**os.environ, MARKER: session},
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert driver.stdout is not None and driver.stdout.readline().strip() == "up"
    finally:
        driver.kill()
        driver.wait()
    reap(session)
    assert [process.name() for process in marked(session) if process.status() != psutil.STATUS_ZOMBIE] == []


def test_ray_map_keeps_the_order_of_the_jobs(local_ray: None) -> None:
    # a task the workers can import (they cannot import this file)
    with open_executor(_config("ray").executor, 10, Path("unused")) as executor:
        assert list(executor.map(operator.mul, range(500))) == [n * 10 for n in range(500)]
        assert executor.submit(operator.add, 5).result() == 15


_RAISING = """
import sys
from pathlib import Path
from curate.config import load_config
from curate.errors import StoreError
from curate.executor import open_executor
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.finish import Decisions, finish_batch
job = (Checkpoints(Path(sys.argv[1])), "0" * 64, Decisions())
with open_executor(load_config(None, {"executor": {"engine": "ray", "workers": 1}}).executor, None,
                   Path(sys.argv[1]) / "spill") as executor:
    try:
        list(executor.map(finish_batch, [job]))
    except StoreError as error:
        print("StoreError:", error)
"""


def test_a_curate_error_in_a_task_reaches_the_caller_as_itself(tmp_path: Path) -> None:
    """What a task raises for the user (a torn checkpoint: StoreError) is not a Ray traceback.
    In a process of its own: an execution a task aborted is not shared with the other tests."""
    done = subprocess.run([sys.executable, "-c", _RAISING, str(tmp_path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0 and "StoreError: the rows of batch" in done.stdout, done.stderr[-2000:]


_KILLABLE = """
import json, sys
from pathlib import Path
import ray
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
from curate.store.manifest import MANIFEST, Manifest
ray.init(address=sys.argv[2], log_to_driver=False)
config = load_config(None, json.loads(sys.argv[3]))
build([Path(p) for p in sys.argv[4:]], "news", config, store=Store(Path(sys.argv[1])))
"""


def test_a_killed_ray_build_resumes_to_the_same_shards(local_ray: None, corpus: list[Path], tmp_path: Path) -> None:
    """kill -9 of the driver mid-build, then a build of the same inputs: it takes the batches that
    finished (keyed by their content, not by Ray's blocks) and ends with the same shards."""
    config = _config("ray", batch_size=1)
    reference = build(corpus, "news", config, store=Store(tmp_path / "ref"))
    store = Store(tmp_path / "store")
    annotated = store.dataset("news") / FOLDER / "annotate"
    address = ray.get_runtime_context().gcs_address
    kill_once_annotated([sys.executable, "-c", _KILLABLE, str(store.root), address,
                         json.dumps(config.model_dump(mode="json")), *map(str, corpus)], annotated, 15,
                        stderr=subprocess.DEVNULL)
    assert store.versions("news") == []
    resumed = build(corpus, "news", config, store=store)
    assert resumed.manifest["resumed"]["annotated_batches"] >= 15
    assert _files(resumed) == _files(reference)


def test_an_address_where_nothing_answers_fails_fast_naming_it() -> None:
    from curate.executor.ray_data import check_reachable

    started = time.monotonic()
    with pytest.raises(ConfigError, match=r"'127.0.0.1:1': no Ray cluster answers there"):
        check_reachable("127.0.0.1:1")
    assert time.monotonic() - started < 10
    check_reachable("auto")  # found by Ray itself, not probed


def test_without_ray_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name == "ray" or name.startswith(("ray.", "curate.executor.ray"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "ray", None)  # what an import of a missing package does
    with pytest.raises(ConfigError, match=r"curate\[ray\]"):
        open_executor(_config("ray").executor, None, Path("unused"))


@pytest.fixture(scope="module")
def two_nodes(local_ray: None) -> Iterator[str]:
    """Two Ray nodes of one CPU each on this machine; the module's local Ray makes way for them."""
    from ray.cluster_utils import Cluster

    ray.shutdown()
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 1, "include_dashboard": False})
    cluster.add_node(num_cpus=1)
    cluster.wait_for_nodes()
    ray.init(address=cluster.address)
    assert [node["Resources"]["CPU"] for node in ray.nodes() if node["Alive"]] == [1.0, 1.0]
    ray.shutdown()
    yield cluster.address
    ray.shutdown()
    cluster.shutdown()


def test_a_two_node_cluster_builds_the_same_version(two_nodes: str, corpus: list[Path], reference: BuildResult,
                                                    tmp_path: Path) -> None:
    made = build(corpus, "news", _config("ray", ray_address=two_nodes), store=Store(tmp_path / "store"))
    assert not ray.is_initialized(), "a Ray the build joined is left when it ends"
    _same_version(made, reference)
