"""Progress of a long call: a callback `(stage, done, total)`, and the display a person sees.

Stages, in order: `corpus` (the corpus pass reads and counts the documents: no total yet),
`documents` (the document pass) and `writing`, both out of the documents the corpus pass counted
and did not reject (unreadable, empty, too large: they go no further), then `validation` and
`report` (0 of 1, then 1 of 1). `total` is None while unknown.

The default display is a tqdm bar in a notebook and a rich bar on a terminal, each with totals,
rate and ETA; nothing when stderr is not a terminal (a log file, CI) unless asked for with
`progress=True`.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeAlias

ProgressCallback: TypeAlias = Callable[[str, int, int | None], None]
Progress: TypeAlias = ProgressCallback | bool | None
"""What an API call takes: a callback, True (the display, even without a terminal), False
(nothing) or None (the display when someone can see it)."""

LABELS = {"corpus": "corpus pass", "documents": "document pass", "writing": "writing",
          "validation": "quality gate", "report": "report"}
_PIPELINE_PASS = {"prepare": "corpus", "annotate": "documents", "finish": "writing"}


class PipelineProgress:
    """The pipeline's increments `(pass, documents)` as `(stage, done, total)`: the corpus pass
    counts every document, and those it did not reject are the total of the two passes after it;
    the corpus stage is reported complete when the next one starts."""

    def __init__(self, report: ProgressCallback) -> None:
        self.report = report
        self.done: Counter[str] = Counter()

    def __call__(self, pipeline_pass: str, documents: int) -> None:
        if pipeline_pass == "prepare_rejected":
            self.done["rejected"] += documents
            return
        stage = _PIPELINE_PASS[pipeline_pass]
        if stage != "corpus" and not self.done[stage]:
            self.report("corpus", self.done["corpus"], self.done["corpus"])
        self.done[stage] += documents
        total = None if stage == "corpus" else self.done["corpus"] - self.done["rejected"]
        self.report(stage, self.done[stage], total)


@contextmanager
def step(report: ProgressCallback, stage: str) -> Iterator[None]:
    """A stage of one unit (the gate, the report): 0 of 1 while it runs, 1 of 1 when done."""
    report(stage, 0, 1)
    yield
    report(stage, 1, 1)


def _in_notebook() -> bool:
    """True in a Jupyter kernel (where stderr is no terminal but a person watches the cell)."""
    shell = sys.modules.get("IPython")
    ipython = getattr(shell, "get_ipython", lambda: None)() if shell else None
    return ipython is not None and type(ipython).__name__ == "ZMQInteractiveShell"


class _Tqdm:
    """One tqdm bar per stage (tqdm.auto: a widget in a notebook)."""

    def __init__(self) -> None:
        from tqdm.auto import tqdm

        self.tqdm = tqdm
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = self.tqdm(desc=LABELS.get(stage, stage), total=total, unit=" docs",
                                               unit_scale=total is None or total > 1)
        if total is not None and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


class _Rich:
    """One rich task per stage on stderr: a bar, done/total, rate, elapsed and ETA once the total
    is known; cleared when the call ends (the command prints what it made)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(),
                                 MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                                 TextColumn("ETA"), TimeRemainingColumn(), console=Console(stderr=True),
                                 transient=True)
        self.tasks: dict[str, Any] = {}
        self.progress.start()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if stage not in self.tasks:
            self.tasks[stage] = (self.progress.add_task(LABELS.get(stage, stage), total=total, rate=""),
                                 time.monotonic())
        task, started = self.tasks[stage]
        elapsed = time.monotonic() - started
        rate = f"{done / elapsed:,.0f} docs/s" if elapsed > 0 and total != 1 else ""
        self.progress.update(task, completed=done, total=total, rate=rate)

    def close(self) -> None:
        self.progress.stop()


@contextmanager
def displayed(progress: Progress) -> Iterator[ProgressCallback]:
    """The callback `progress` asks for, for the duration of one call."""
    if callable(progress):
        yield progress
        return
    wanted = progress if progress is not None else (_in_notebook() or sys.stderr.isatty())
    if not wanted:
        yield _quiet
        return
    display = _Tqdm() if _in_notebook() else _Rich()
    try:
        yield display
    finally:
        display.close()


def _quiet(_stage: str, _done: int, _total: int | None) -> None:
    """No display."""
