"""CPU time by part (`curate.timing`): off it only calls through; on, each part holds its own
seconds, never those of the parts inside it, and a build names every stage it runs."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from conftest import SAMPLE
from curate import extract, policy, timing
from curate.config import load_config
from curate.pipeline.build import build
from curate.pipeline.stages import STAGES
from curate.store import Store

BURN = 0.03  # CPU seconds a busy part takes: far above the clock's resolution and the recording's own cost


def _burn(seconds: float = BURN) -> str:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "burnt"


def test_off_a_timed_call_is_the_call_and_nothing_is_recorded() -> None:
    items = iter([1, 2])
    assert timing.timed("x", _burn, 0.0) == "burnt"
    assert timing.timed_iter("x", items) is items  # nothing between the loop and its iterator
    with timing.recording() as recorded:
        pass
    timing.timed("x", _burn, 0.0)
    assert not recorded.seconds and not recorded.calls


def test_a_part_holds_its_own_seconds_not_those_of_the_parts_inside_it() -> None:
    def outer() -> None:
        timing.timed("inner", _burn)
        timing.timed("inner", _burn)

    start = time.process_time()
    with timing.recording() as recorded:
        timing.timed("outer", outer)
        timing.timed("alone", _burn)
    total = time.process_time() - start
    assert recorded.calls == {"outer": 1, "inner": 2, "alone": 1}
    assert recorded.seconds["inner"] >= 2 * BURN and recorded.seconds["alone"] >= BURN
    assert recorded.seconds["outer"] < BURN / 2  # it only called the inner part
    assert sum(recorded.seconds.values()) <= total


def test_a_part_that_raises_is_still_counted_and_the_parts_after_it_are_right() -> None:
    def failing() -> None:
        _burn()
        raise KeyError("boom")

    with timing.recording() as recorded:
        with pytest.raises(KeyError):
            timing.timed("failing", failing)
        timing.timed("outer", timing.timed, "inner", _burn)
    assert recorded.seconds["failing"] >= BURN
    assert recorded.seconds["inner"] >= BURN and recorded.seconds["outer"] < BURN / 2


def test_an_iterator_counts_making_its_items_not_what_the_loop_does_with_them() -> None:
    def slow_items() -> Iterator[int]:
        for item in range(3):
            _burn()
            yield item

    with timing.recording() as recorded:
        for _ in timing.timed_iter("items", slow_items()):
            _burn()  # the loop's own work: no part's
    assert recorded.calls["items"] == 4  # three items and the end
    assert 3 * BURN <= recorded.seconds["items"] < 4 * BURN


def test_a_marked_function_keeps_its_name_and_counts_every_call() -> None:
    @timing.timed_as("marked")
    def work(seconds: float) -> str:
        """Burn."""
        return _burn(seconds)

    assert (work.__name__, work.__doc__) == ("work", "Burn.")
    with timing.recording() as recorded:
        assert work(0.0) == work(0.0) == "burnt"
    assert recorded.calls["marked"] == 2


def test_one_recording_at_a_time_and_none_after_it() -> None:
    with timing.recording(), pytest.raises(RuntimeError, match="already active"), timing.recording():
        pass
    with timing.recording() as recorded:
        pass
    timing.timed("late", _burn, 0.0)
    assert "late" not in recorded.calls


def test_a_build_under_a_recording_times_every_stage_and_the_work_around_them(tmp_path) -> None:
    config = load_config(None, {"executor": {"workers": 1}})
    start = time.process_time()
    with timing.recording() as recorded:
        result = build([SAMPLE], "sample", config, store=Store(tmp_path))
    total = time.process_time() - start
    assert {stage.name for stage in STAGES} | set(timing.WORK) <= set(recorded.calls)
    annotated = [recorded.calls[stage.name] for stage in STAGES
                 if stage.compute is not None and stage.name != extract.NAME]  # extract: also each page's extraction
    accounting = result.manifest["accounting"]
    assert len(set(annotated)) == 1  # each row stage once a document that reached the document pass
    assert 0 < accounting["kept"] <= annotated[0] <= accounting["read"]
    assert recorded.calls[policy.NAME] == annotated[0]
    assert recorded.calls[extract.NAME] > annotated[0]  # the sample has pages
    assert sum(recorded.seconds.values()) <= total
