"""What every policy rule is: a name and a check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from curate.config import PolicyConfig

# Why the row must be dropped (a message naming the values that decided), or None to pass it on.
Check = Callable[[dict[str, Any], PolicyConfig], str | None]


class Rule(NamedTuple):
    """One rule of the policy; a row it fails is dropped with reason `policy_<name>`. `setting` is
    the PolicyConfig field that sets its threshold or turns it off."""

    name: str
    check: Check
    setting: str

    @property
    def reason(self) -> str:
        return f"policy_{self.name}"
