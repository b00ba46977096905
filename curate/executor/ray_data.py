"""The Ray executor: the build's passes as Ray Data pipelines, on a local Ray or a cluster.

The same tasks as the local executor's (module-level `task(job, state)`), run by Ray Data over
rows of pickled jobs, a few jobs a block, and handed back in submission order (`preserve_order`):
the parent sees exactly the stream the local executor gives it, so it counts, decides and
writes the same rows into the same shards. The corpus pass reads the inputs in Ray Data read
tasks placed on the driver's node (the paths the user gave are the driver's); the tasks that
prepare, annotate and finish the documents run on any node.

Choices, each measured on this machine (2 cores; BENCHMARKS.md, "Ray executor"):
- Tasks, not an actor pool. Ray keeps its worker processes from task to task and pass to pass,
  so what a worker loads (curate's modules, the models, each behind a module-level cache) is
  loaded once per process; an actor pool is made anew for every pass (the sample built in 24.5 s
  with one, 11.3 s with tasks),
  and one that claims every CPU leaves none to the read tasks, which then wait forever
  (ray-project/ray#44687). Read tasks claim `READ_CPUS`, so they always find room.
- Ray Data's per-operator resource reservation is off: on two CPUs it left the map one CPU, and
  the pass ran one task at a time.
- A read task may run ahead by `_STREAMING_BUFFER` blocks (a private `DataContext` setting; its
  default, 2, held the corpus pass of 10,000 documents to 5.4 s against 2.5 s).
- Ray's order and block layout change from run to run; rows are ordered by submission, and
  checkpoints and shards are named by content (`curate.pipeline.checkpoints`, `ShardWriter`),
  never by Ray's blocks.
- The object store spills to /tmp by default: a Ray started here spills under the store
  (`spill`), on the disk the build already writes to.
"""

from __future__ import annotations

import logging
import pickle
import shutil
import socket
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

import pyarrow as pa
import ray
from ray.data import DataContext
from ray.data.block import BlockMetadata
from ray.data.datasource import Datasource, ReadTask
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

from curate.errors import ConfigError, CurateError
from curate.executor.local import Source

Item = TypeVar("Item")
Result = TypeVar("Result")
Carry = TypeVar("Carry")

READ_CPUS = 0.1
_STREAMING_BUFFER = 32
# Jobs a Ray task runs: a task costs about 8 ms besides its work, an eighth of a 64-document batch's.
JOBS_PER_TASK = 8


def _pickled(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _table(jobs: list[bytes], carries: list[bytes]) -> pa.Table:
    return pa.table({"job": pa.array(jobs, pa.large_binary()), "carry": pa.array(carries, pa.large_binary())})


class _Raised:
    """A curate error a task raised, sent back as its result: Ray would hand the driver only its
    traceback as text, and the command line must give the user its message, as locally."""

    def __init__(self, error: CurateError) -> None:
        self.error = error


def _outcome(task: Callable[[Any, Any], Any], job: bytes, state: Any) -> bytes:
    if not job:
        return b""
    try:
        return _pickled(task(pickle.loads(job), state))
    except CurateError as error:
        return _pickled(_Raised(error))


def _run_rows(batch: pa.Table, task: Callable[[Any, Any], Any], state: Any) -> pa.Table:
    """`task(job, state)` for each row (an empty job: no result)."""
    results = [_outcome(task, job, state) for job in batch.column("job").to_pylist()]
    return pa.table({"result": pa.array(results, pa.large_binary()), "carry": batch.column("carry")})


def _read_part(part: Source[Any, Any]) -> Iterator[pa.Table]:
    jobs: list[bytes] = []
    carries: list[bytes] = []
    for job, carry in part.jobs():
        jobs.append(_pickled(job) if job is not None else b"")
        carries.append(_pickled(carry))
        if len(jobs) == JOBS_PER_TASK:
            yield _table(jobs, carries)
            jobs, carries = [], []
    if jobs:
        yield _table(jobs, carries)


class _Parts(Datasource):
    """Ray Data's view of a `Source`: one read task a part, reading its jobs in order."""

    def __init__(self, parts: list[Source[Any, Any]]) -> None:
        self.parts = parts

    def estimate_inmemory_data_size(self) -> int | None:
        return None

    def get_read_tasks(self, parallelism: int, per_task_row_limit: int | None = None,
                       data_context: DataContext | None = None) -> list[ReadTask]:
        return [ReadTask(partial(_read_part, part), BlockMetadata(None, None, None, input_files=None))
                for part in self.parts]

    def get_name(self) -> str:
        return "CurateInputs"


class RayExecutor:
    """Runs the build's passes on Ray Data: on the cluster at `address` (every CPU it has), or on a
    Ray started here with `workers` CPUs (0: every core), spilling under `spill`; either is left
    at `close`. A Ray already started in this process (`ray.init`) is used as it is, and kept."""

    def __init__(self, workers: int, state: Any, *, address: str | None = None, spill: Path | None = None) -> None:
        self._started = not ray.is_initialized()
        self._spill = spill if self._started and not address else None
        if self._started:
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                       "logging_level": logging.WARNING, "configure_logging": False}
            if address:
                _join(address, options)
            else:
                if self._spill is not None:
                    self._spill.mkdir(parents=True, exist_ok=True)
                    options["object_spilling_directory"] = str(self._spill)
                ray.init(address="local", num_cpus=workers or None, **options)  # not a `ray start` one
        self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
        self._state = state
        self._state_ref: Any = None
        context = DataContext.get_current()
        context.execution_options.preserve_order = True
        context.op_resource_reservation_enabled = False
        context._max_num_blocks_in_streaming_gen_buffer = _STREAMING_BUFFER
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        context.enable_auto_log_stats = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._started and ray.is_initialized():
            ray.shutdown()
        self._started = False
        if self._spill is not None:
            shutil.rmtree(self._spill, ignore_errors=True)

    def _run(self, task: Callable[[Any, Any], Any], dataset: Any) -> Iterator[tuple[Any, Any]]:
        """(result, carry) for every row of `dataset`, in its order."""
        mapped = dataset.map_batches(_run_rows, fn_kwargs={"task": task, "state": self._state},
                                     batch_size=None, batch_format="pyarrow", zero_copy_batch=True,
                                     num_cpus=1)
        for batch in mapped.iter_batches(batch_size=None, batch_format="pyarrow", prefetch_batches=self.workers):
            for result, carry in zip(batch.column("result").to_pylist(), batch.column("carry").to_pylist()):
                done = pickle.loads(result) if result else None
                if isinstance(done, _Raised):
                    raise done.error
                yield done, pickle.loads(carry)


    def map(self, task: Callable[[Item, Any], Result], work: Iterable[Item]) -> Iterator[Result]:
        """`task(job, state)` for every job, results in input order."""
        jobs = [_pickled(job) for job in work]
        if not jobs:
            return
        size = max(1, min(JOBS_PER_TASK, len(jobs) // (4 * self.workers)))
        none = _pickled(None)
        blocks = [_table(jobs[at:at + size], [none] * len(jobs[at:at + size])) for at in range(0, len(jobs), size)]
        dataset = ray.data.from_arrow(blocks)
        for result, _ in self._run(task, dataset):
            yield result

    def map_source(self, task: Callable[[Item, Any], Result],
                   source: Source[Item, Carry]) -> Iterator[tuple[Result | None, Carry]]:
        """`task(job, state)` for every job of `source`'s parts, read in Ray Data read tasks on
        this node; (result, carry) in input order, result None for a job that is None."""
        node = ray.get_runtime_context().get_node_id()
        dataset = ray.data.read_datasource(
            _Parts(source.parts()), num_cpus=READ_CPUS,
            scheduling_strategy=NodeAffinitySchedulingStrategy(node, soft=False))
        yield from self._run(task, dataset)

    def submit(self, task: Callable[[Item, Any], Result], item: Item) -> Future[Result]:
        """`task(item, state)` as a Ray task, for a result the caller collects later."""
        if self._state_ref is None:
            self._state_ref = ray.put(self._state)
        future: Future[Result] = _call.remote(task, item, self._state_ref).future()
        return future


@ray.remote(num_cpus=READ_CPUS)
def _call(task: Callable[[Any, Any], Any], item: Any, state: Any) -> Any:
    return task(item, state)


_PROBE_SECONDS = 5.0


def check_reachable(address: str) -> None:
    """Fail fast, naming the address, when nothing answers at a `HOST:PORT` cluster address:
    `ray.init` would wait minutes for it. `auto` and `ray://` addresses are left to Ray."""
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or "://" in address:
        return
    try:
        socket.create_connection((host, int(port)), timeout=_PROBE_SECONDS).close()
    except OSError as exc:
        raise ConfigError(f"executor.ray_address {address!r}: no Ray cluster answers there ({exc}); start one "
                          "(`ray start --head`) or give the address `ray start` printed") from exc


def _join(address: str, options: dict[str, Any]) -> None:
    check_reachable(address)
    try:
        ray.init(address=address, **options)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        raise ConfigError(f"executor.ray_address {address!r}: could not join the Ray cluster there: {exc}") from exc
