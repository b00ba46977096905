"""The gate on standby: a process that imports Great Expectations and registers the suites while
the build runs, then validates the version the build made.

That preparation is the gate's fixed cost (seconds: GX's import and context, pandas), the same
for ten documents as for a million; started beside the build it is paid while the build's own
work goes on, so what the job waits for after the build is only the part that grows with its
rows. A job that does not validate starts no standby and never imports GX. What it costs: the
standby's memory (GX and pandas, about 250 MB) during the build, and, where the build keeps
every core busy, the standby's CPU is taken from the build's: the job then gains less than the
gate's wait shrinks (`benchmarks/validation.py --job` measures both).

The standby ends with its job: `close` (the `with` block's end, the build failed or not) ends it,
and a job killed outright takes it along (`die_with_parent`), with the workers it reads shards in.
The gate itself is `gate.validate_version`, run there exactly as here: same suites, same results,
same files. An error the gate raises there is raised here, with the standby's traceback as a note.
When the standby cannot serve (its preparation failed, or it was killed), the gate runs here
instead, after a warning saying why: a verdict is never lost to the helper that was to speed it up.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sys
import traceback
from multiprocessing.connection import Connection, wait
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, cast

from curate.executor.lifetime import die_with_parent

if TYPE_CHECKING:
    from curate.config import Config
    from curate.store import Store
    from curate.validation.gx_run import GxRunner
    from curate.validation.outcome import GateResult

log = logging.getLogger(__name__)
_CLOSE_SECONDS = 10.0  # for a standby asked to stop to end on its own before it is killed


class StandbyFailed(Exception):
    """The standby could not run the gate (why: the message); the caller runs it itself."""


def _portable(exc: BaseException) -> BaseException:
    """`exc` with its traceback as a note, as something that survives pickling."""
    exc.add_note("in the gate's standby process:\n" + "".join(traceback.format_exception(exc)).rstrip())
    try:
        pickle.loads(pickle.dumps(exc))  # some exceptions pickle, but cannot be rebuilt from their pickle
    except Exception:  # noqa: BLE001 - a third-party exception that cannot cross processes: keep its text
        stand_in = RuntimeError(f"{type(exc).__name__}: {exc}")
        stand_in.__notes__ = list(getattr(exc, "__notes__", []))
        return stand_in
    return exc


def _serve(connection: Connection, parent: int) -> None:
    """The standby's life: prepare the gate, wait for the one version to validate, send back
    ("done", (result, folder)), ("raised", exception) or ("unprepared", why)."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the job's to handle: it closes the standby
    try:
        from curate.validation.gate import prepare_runner, validate_version

        runner: GxRunner | None = prepare_runner()
    except BaseException as exc:  # noqa: BLE001 - the job runs the gate itself and says why
        runner, unprepared = None, f"{type(exc).__name__}: {exc}"
    try:
        request = connection.recv()
    except EOFError:  # the job ended without validating (its build failed, or it does not validate)
        return
    if runner is None:
        connection.send(("unprepared", unprepared))
        return
    store, name, version, config = request
    try:
        reply: tuple[str, Any] = ("done", validate_version(store, name, version, config, runner=runner))
    except Exception as exc:  # noqa: BLE001 - raised again in the job, whatever it is
        reply = ("raised", _portable(exc))
    connection.send(reply)


class StandbyGate:
    """A gate being prepared in a process of its own; use as a context manager around the build,
    then `validate` once the version exists."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork") if sys.platform == "linux" else multiprocessing.get_context("spawn")
        self._connection, theirs = context.Pipe()
        # Not a daemon: the standby starts the workers that read shards, and daemons may not.
        self._process = context.Process(target=_serve, args=(theirs, os.getpid()), name="curate-gate-standby")
        self._process.start()
        theirs.close()
        self._asked = self._answered = False

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def validate(self, store: Store, name: str, version: str, config: Config) -> tuple[GateResult, Path]:
        """What `gate.validate_version` returns, computed by the standby; raises what it raises
        there. `StandbyFailed` when the standby cannot give a verdict (the caller runs the gate)."""
        if self._asked:
            raise StandbyFailed("the standby has validated a version already")
        self._asked = True
        try:
            self._connection.send((store, name, version, config))
        except (BrokenPipeError, ConnectionResetError, OSError) as exc:
            raise StandbyFailed(f"it ended before it was asked ({self._ended()}): {exc}") from exc
        wait([self._connection, self._process.sentinel])
        reply: tuple[str, Any] = ("gone", None)
        try:
            if self._connection.poll():
                reply = self._connection.recv()
        except (EOFError, ConnectionResetError, OSError):
            pass  # it ended while it answered: as if it had not
        outcome, value = reply
        self._answered = outcome != "gone"
        if outcome == "done":
            return cast("tuple[GateResult, Path]", value)
        if outcome == "raised":
            raise cast(BaseException, value)
        if outcome == "unprepared":
            raise StandbyFailed(f"its preparation failed: {value}")
        raise StandbyFailed(f"it ended before giving a verdict ({self._ended()})")

    def _ended(self) -> str:
        self._process.join(timeout=_CLOSE_SECONDS)
        code = self._process.exitcode
        if code is None:
            return "still running"
        return f"killed by signal {-code}" if code < 0 else f"exit code {code}"

    def close(self) -> None:
        """End the standby: at once when it has nothing left to do for the job (it is never asked,
        or it stopped answering), else once it has exited after its verdict."""
        self._connection.close()  # a standby waiting to be asked reads the end of the pipe, and ends
        self._process.join(timeout=_CLOSE_SECONDS if self._answered else 0)
        if self._process.is_alive():
            self._process.kill()  # its shard workers end with it (`die_with_parent`)
            self._process.join()


def validate_with(standby: StandbyGate | None, store: Store, name: str, version: str,
                  config: Config) -> tuple[GateResult, Path]:
    """`gate.validate_version`, by `standby` when there is one and it can serve, else here."""
    from curate.validation.gate import validate_version

    if standby is not None:
        try:
            return standby.validate(store, name, version, config)
        except StandbyFailed as exc:
            log.warning("the gate's standby process could not validate %s %s, so the gate runs in this process: %s",
                        name, version, exc)
    return validate_version(store, name, version, config)
