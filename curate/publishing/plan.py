"""What publishing a release to a target will do, decided once from the target's current state.

The dry run prints a `Plan` and the real run carries out that very `Plan`, so the two cannot
disagree. There are three outcomes:

    nothing   the tag is there with the same shards: publishing again changes nothing
    finish    an interrupted publish of this release left its commit (and tag) behind: complete
              it without making another commit
    publish   make the release's commit, tag it and put it on main

A target that would refuse (a tag holding other shards, uncommitted changes of the user's)
raises PublishError while deciding, dry run or not.
"""

from __future__ import annotations

import os
import signal
from dataclasses import dataclass
from typing import Literal

Action = Literal["nothing", "finish", "publish"]

KILL_AT = "CURATE_TEST_KILL_AT"


@dataclass(frozen=True)
class Plan:
    action: Action
    steps: tuple[str, ...]  # what will be done, one line each, for the dry run and the log
    commit: str | None = None  # the release's commit when the target holds it already (nothing, finish)
    base: str | None = None  # main's commit when deciding: the new commit's parent, checked again when moving main


def kill_point(step: str) -> None:
    """Test-only: SIGKILL this process at the boundary named `step` when `CURATE_TEST_KILL_AT`
    names it. The kill tests (tests/publishing/test_publish_kills.py) stop a publish at each step
    this way to prove a retry completes it; nothing else sets the variable."""
    if os.environ.get(KILL_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)
