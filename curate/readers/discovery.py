"""Which files an input path stands for, walked safely.

A folder is walked from its real path (the input root), entries in sorted order, so a build is
deterministic. Only what lies inside the root is read: a symlink is followed only when its target
is inside the root, after the real entries, so a file reached both ways is read under its real
path; every real folder and file is visited once, so a link loop or a second path to a file (a
link, a hard link, an input given twice) is listed as skipped, naming the path read. Hidden
entries (a folder as one entry), special files (FIFOs, sockets, devices), dangling links and
links out of the root are listed as skipped too, with the reason, never silently dropped. A path
given explicitly is read whatever it is named or links to: the user chose it.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from curate.errors import InputError
from curate.readers.files import file_kind

# Never articles: a corpus folder's own documentation and config.
_IGNORED_NAMES = {"README.md", "readme.md", "LICENSE"}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input: `uri` is its path relative to the input root it was found under; `path` is the
    real path read; `identity` (device, inode) is the file discovery saw, which reading checks."""

    path: Path
    uri: str
    reader: str  # a suffix from the readers' table, or "hf"
    identity: tuple[int, int] | None = None
    id_base: str | None = None  # what ids hash in place of `uri` (`id_bases`); None: `uri` itself

    def id_uri(self, input_uri: str) -> str | None:
        """What the id of the document read as `input_uri` from this input hashes, when that is not
        `input_uri` (which starts with `uri`)."""
        return None if self.id_base is None else self.id_base + input_uri[len(self.uri):]


def printable(name: str) -> str:
    """A file name as text any writer takes: bytes that are not UTF-8 shown as `\\xNN`."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


class Walk:
    """Inputs found and entries skipped, over all the paths of one build."""

    def __init__(self, reader_of: Callable[[str], str | None], supported: str,
                 is_dataset: Callable[[Path], bool]) -> None:
        self._reader_of = reader_of  # the reader of a file name, None when unsupported
        self._supported = supported
        self._is_dataset = is_dataset
        self._seen: dict[tuple[int, int], str] = {}  # identity -> the uri it was read under
        self.inputs: list[InputFile] = []
        self.skipped: list[str] = []

    def given(self, path: Path) -> None:
        """Everything under one given path (which exists)."""
        real = path.resolve()
        found = len(self.inputs)
        if real.is_dir():
            links: list[tuple[Path, str]] = []
            self._visit(real, real, printable(path.name or real.name), links, top=True)
            while links:  # links found inside followed links join the queue
                link, uri = links.pop(0)
                self._visit(real, link, uri, links, top=False, linked=True)
        else:
            self._visit(real.parent, real, printable(path.name), [], top=True)
        self.inputs[found:] = sorted(self.inputs[found:], key=lambda item: item.uri)

    def _skip(self, uri: str, why: str) -> None:
        self.skipped.append(f"{uri}: {why}")

    def _visit(self, root: Path, path: Path, uri: str, links: list[tuple[Path, str]], *, top: bool,
               linked: bool = False) -> None:
        """`path`, reached as `uri`; `linked`: `path` is a link's target, already resolved."""
        try:
            info = os.lstat(path)
        except OSError as exc:
            self._skip(uri, f"cannot be read: {exc.strerror or exc}")
            return
        if not top and not linked and path.name.startswith("."):
            self._skip(uri, "hidden folder, not read" if stat.S_ISDIR(info.st_mode) else "hidden file, not read")
            return
        if stat.S_ISLNK(info.st_mode):
            self._link(root, path, uri, links)
            return
        first = self._seen.setdefault(_identity(info), uri)
        if first != uri:
            what = "folder" if stat.S_ISDIR(info.st_mode) else "file"
            self._skip(uri, f"the same {what} as {first}, read there (a link loop or a second path to it)")
            return
        if stat.S_ISDIR(info.st_mode):
            self._folder(root, path, uri, links, top)
        elif not stat.S_ISREG(info.st_mode):
            self._skip(uri, f"{file_kind(info.st_mode)}, not a regular file")
        elif path.name in _IGNORED_NAMES and not top:
            self._skip(uri, "documentation, not an article")
        elif (reader := self._reader_of(path.name)) is not None:
            self.inputs.append(InputFile(path, uri, reader, _identity(info)))
        else:
            self._skip(uri, f"unsupported file type (supported: {self._supported})")

    def _link(self, root: Path, path: Path, uri: str, links: list[tuple[Path, str]]) -> None:
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):  # missing target, or a loop of links
            self._skip(uri, "dangling symlink, not read")
            return
        if not target.is_relative_to(root):
            self._skip(uri, "symlink to outside the input root, not read")
            return
        links.append((target, uri))

    def _folder(self, root: Path, path: Path, uri: str, links: list[tuple[Path, str]], top: bool) -> None:
        if self._is_dataset(path):
            problem = _unsafe_entry(path, root)
            if problem is None:
                self.inputs.append(InputFile(path, uri, "hf"))
            else:
                self._skip(uri, f"saved dataset not read: {problem}")
            return
        try:
            entries = sorted(os.listdir(path))
        except OSError as exc:
            self._skip(uri, f"folder cannot be read: {exc.strerror or exc}")
            return
        for name in entries:
            child = printable(name)
            self._visit(root, path / name, child if top else f"{uri}/{child}", links, top=False)


def _unsafe_entry(folder: Path, root: Path | None) -> str | None:
    """What in a dataset folder must not be handed to `datasets` (which opens what it likes): a
    special file (it would hang), or, given `root`, a symlink to outside it."""
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            path = Path(parent, name)
            try:
                info = os.lstat(path)
                if stat.S_ISLNK(info.st_mode):
                    target = path.resolve(strict=True)
                    if root is not None and not target.is_relative_to(root):
                        return f"{printable(name)} is a symlink to outside the input root"
                    info = os.stat(target)
            except (OSError, RuntimeError) as exc:  # gone, unreadable, a dangling link or a loop of links
                return f"{printable(name)} cannot be read: {exc}"
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
                return f"{printable(name)} is {file_kind(info.st_mode)}"
    return None


def dataset_problem(folder: Path) -> str | None:
    """What in a dataset folder named explicitly (`hf:PATH`) must not be read: special files."""
    return _unsafe_entry(folder, None)


@dataclass(frozen=True, slots=True)
class Root:
    """An input path as given: `label` is its folder's name (a file's: the folder holding it),
    `inputs` the positions of the inputs found under it."""

    given: str
    label: str
    real: Path
    inputs: range


def id_bases(inputs: list[InputFile], roots: list[Root]) -> list[InputFile]:
    """`inputs` with what their documents' ids hash (when a document has no id or url of its
    own): its path relative to the input root the user gave, so the same files give the same ids
    wherever the folder is and whatever it is called.

    An input's uri is that path already, but for a saved dataset given as the input itself, whose
    uri is the folder's name: its id base is empty (rows hash `/<split>#<row>`). Two roots may
    hold the same relative path (`day1/articles.jsonl`, `day2/articles.jsonl`): then each input
    that shares its path with another root's is qualified by its root's label (`day1/...`), so
    their documents never merge as one id, whatever order the roots are given in; roots of one
    label that share a path are an InputError (nothing would tell their documents apart).
    """
    bases = [item.uri for item in inputs]
    for root in roots:
        for position in root.inputs:
            if inputs[position].reader == "hf" and inputs[position].path == root.real and root.real.is_dir():
                bases[position] = ""
    owners: dict[str, list[Root]] = defaultdict(list)
    for root in roots:
        for base in {bases[position] for position in root.inputs}:
            owners[base].append(root)
    for base, shared in owners.items():
        if len(shared) < 2:
            continue
        labels = [root.label for root in shared]
        if len(set(labels)) < len(labels):
            given = ", ".join(root.given for root in shared)
            raise InputError(f"inputs {given} hold the same path {base or '(the input itself)'!r} under folders of "
                             f"the same name, so their documents would get the same ids: give their common folder "
                             f"as one input, or rename one")
        for root in shared:
            for position in root.inputs:
                if bases[position] == base:
                    bases[position] = f"{root.label}/{base}"
    return [item if base == item.uri else replace(item, id_base=base) for item, base in zip(inputs, bases)]
