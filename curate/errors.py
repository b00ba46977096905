"""Exceptions, named by what happens next rather than by their cause.

    CurateError
    ├── ConfigError      the config file or a CLI option is invalid: nothing is built
    ├── InputError       an input path cannot be used at all (missing, unreadable): nothing is built
    ├── StoreError       the store cannot give or take a version (unknown name, version exists)
    ├── PublishError     a version may not or cannot be published (gate not passed, shards changed,
    │                    target unreachable or refusing): nothing is published
    └── DocumentError    one document cannot be processed: it becomes a reject row with
                         `reason`, and the build goes on

Only the first three may leave a build. A `DocumentError` never does: the executor turns it, and
any unexpected exception raised while processing one document, into a row in `rejects/`.
"""

from __future__ import annotations


class CurateError(Exception):
    """Base class of every error curate raises on purpose."""


class ConfigError(CurateError):
    """The config file or a CLI option is invalid."""


class InputError(CurateError):
    """An input path cannot be used (missing, unreadable, or of no supported kind)."""


class StoreError(CurateError):
    """The store cannot give or take a version."""


class PublishError(CurateError):
    """A version may not, or cannot, be published; the target is left as it was."""


class DocumentError(CurateError):
    """One document cannot be processed; `reason` is a snake_case code prefixed by its stage."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.stage = reason.split("_", 1)[0]

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        # Documents carrying an error cross process boundaries: pickle by the two arguments.
        return type(self), (self.reason, str(self))
