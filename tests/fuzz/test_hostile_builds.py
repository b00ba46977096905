"""Whole builds of the attacker's inputs (`hostile.CASES`), each alone and all together.

For every build: it finishes (in seconds: FIFOs, /dev/zero and bombs must not hang it), every
file under the input root is read or listed as skipped with a reason, the manifest's count of
each input's documents equals the rows (kept and rejected) that name that input, every reject
names its input in its message, the build opened nothing outside its root, and the secret kept
outside never reaches a row. Builds run in this process (one worker), where an audit hook sees
every file opened.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from curate.config import load_config
from curate.pipeline.build import BuildResult, build
from curate.readers.discovery import printable
from curate.store import Store
from curate.validation import validate_version
from fuzz.hostile import CASES, SECRET
from versioning.corpus import article

_OPENED: list[str] = []
_RECORDING = False


def _audit(event: str, args: tuple) -> None:
    if _RECORDING and event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)  # for the life of the process: hooks cannot be removed, so it records on demand


@contextmanager
def _watched(seconds: float) -> Iterator[list[str]]:
    """The files opened in the block, which must end within `seconds` (else TimeoutError)."""
    global _RECORDING

    def expire(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"the build did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    _OPENED.clear()
    _RECORDING = True
    try:
        yield _OPENED
    finally:
        _RECORDING = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _config() -> object:
    return load_config(None, {"executor": {"workers": 1, "batch_size": 4}, "sources": {"default": "Hostile Times"},
                              "validation": {"split_tolerance": 1.0}})


def _rows(result: BuildResult) -> tuple[list[dict], list[dict]]:
    def read(entries: list[dict]) -> list[dict]:
        tables = [pq.read_table(result.path / e["path"]) for e in entries if e["rows"]]
        return pa.concat_tables(tables).to_pylist() if tables else []

    return read(result.manifest["shards"]), read(result.manifest["rejects"])


def _input_of(input_uri: str, inputs: set[str]) -> str | None:
    """The input (file uri) a row's input_uri belongs to: `<file>`, `<file>#<n>`, `<dataset>/<split>#<n>`."""
    base = input_uri.rpartition("#")[0] if "#" in input_uri else input_uri
    for candidate in (base, base.rpartition("/")[0]):
        if candidate in inputs:
            return candidate
    return None


def _tree(root: Path) -> Iterator[tuple[str, Path]]:
    """(uri, path) of every entry a build must account for: files, symlinks, special files, and
    hidden folders (one entry each); symlinked folders are not entered."""
    for path in sorted(root.iterdir()):
        uri = printable(path.relative_to(root).as_posix())  # a name that is not UTF-8, as the manifest spells it
        if path.is_dir() and not path.is_symlink() and not path.name.startswith("."):
            yield from ((f"{path.name}/{u}", p) for u, p in _tree(path))
        else:
            yield uri, path


def check_build(result: BuildResult, root: Path, outside: Path, opened: list[str]) -> None:
    manifest = result.manifest
    acc = manifest["accounting"]
    assert acc["read"] == acc["kept"] + acc["dropped"] + acc["rejected"]
    inputs = {entry["uri"]: entry for entry in manifest["inputs"]}
    skipped = manifest["skipped_inputs"]
    for uri, _path in _tree(root):
        listed = uri in inputs or any(line.startswith(f"{uri}: ") for line in skipped)
        assert listed, f"{uri!r} was neither read nor listed as skipped: {skipped}"
    kept, rejects = _rows(result)
    assert len(kept) == acc["kept"] and len(rejects) == acc["dropped"] + acc["rejected"]
    per_input: Counter[str] = Counter()
    for row in kept:
        owner = _input_of(row["source"]["input_uri"], set(inputs))
        assert owner is not None, f"kept row from an unknown input: {row['source']['input_uri']!r}"
        per_input[owner] += 1
    for row in rejects:
        owner = _input_of(row["input_uri"], set(inputs))
        assert owner is not None, f"reject of an unknown input: {row['input_uri']!r}"
        per_input[owner] += 1
        assert row["message"] and owner in row["message"], f"a reject's message must name its input: {row}"
        assert row["reason"].startswith(f"{row['stage']}_"), row
    for uri, entry in inputs.items():
        assert entry["documents"] == per_input[uri], f"{uri}: the reader saw {entry['documents']}, rows say {per_input[uri]}"
    assert sum(entry["documents"] for entry in inputs.values()) == acc["read"]
    outside_root = str(outside.resolve())
    assert not [p for p in opened if p.startswith(outside_root) or p in ("/etc/passwd", "/dev/zero", "/dev/urandom")]
    every_value = json.dumps([kept, [{k: v for k, v in r.items() if k != "raw"} for r in rejects]], default=str)
    assert SECRET not in every_value and not any(SECRET.encode() in (r["raw"] or b"") for r in rejects)
    dataset = result.path.parents[1]
    assert not (dataset / ".checkpoints").exists()
    assert not list((dataset / ".staging").iterdir())


def _build_watched(root: Path, store: Path, outside: Path, seconds: float = 60) -> BuildResult:
    with _watched(seconds) as opened:
        result = build([root], "hostile", _config(), store=Store(store))
        found = list(opened)
    check_build(result, root, outside, found)
    return result


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_input_builds(name: str, tmp_path: Path) -> None:
    root, outside = tmp_path / "in", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    CASES[name](root, outside)
    (root / "control.txt").write_text(CONTROL, encoding="utf-8")  # one good article beside the bad input
    result = _build_watched(root, tmp_path / "store", outside)
    kept, _ = _rows(result)
    assert "control.txt" in {row["source"]["input_uri"] for row in kept}, "the good document beside it is kept"


def test_all_hostile_inputs_in_one_build_pass_their_own_gate(tmp_path: Path) -> None:
    root, outside = tmp_path / "in", tmp_path / "outside"
    for name, make in CASES.items():
        (root / name).mkdir(parents=True)
        (outside / name).mkdir(parents=True)
        make(root / name, outside / name)
    result = _build_watched(root, tmp_path / "store", outside, seconds=120)
    gate, _ = validate_version(Store(tmp_path / "store"), "hostile", result.manifest["version"], _config())
    bookkeeping = [o for o in gate.outcomes if o.suite in ("accounting", "rejects") or o.name == "arrow_schema"]
    assert bookkeeping and all(o.success for o in bookkeeping), [o.key for o in bookkeeping if not o.success]


_MEMORY = """
import resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from fuzz.hostile import CASES
from curate.config import load_config
from curate.pipeline.build import build
from curate.store import Store
root = Path(sys.argv[1])
for name in ("jsonl_gzip_bomb", "warc_gzip_bomb", "gzip_bombs_single_documents", "jsonl_huge_line", "huge_text_file"):
    (root / name).mkdir(parents=True)
    CASES[name](root / name, root)
build([root], "bombs", load_config(None, {"executor": {"workers": 1}}), store=Store(Path(sys.argv[2])))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def test_bombs_leave_memory_bounded(tmp_path: Path) -> None:
    """About 2.8 GiB inflated, 24 rejects keeping 8 MiB of evidence each: peak memory stays far
    from what the bombs hold (750 MB on a quiet machine, up to 1.1 GB on a busy one, where Arrow's
    allocator returns freed pages later; past 5 GiB before reads were bounded)."""
    done = subprocess.run([sys.executable, "-c", _MEMORY, str(tmp_path / "in"), str(tmp_path / "store"),
                           str(ROOT / "tests")], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    peak_mb = int(done.stdout.strip().splitlines()[-1])
    assert peak_mb < 1500, f"peak RSS {peak_mb} MB"


_SUFFIXES = [".txt", ".html", ".jsonl", ".json", ".csv", ".parquet", ".warc", ".warc.gz", ".jsonl.gz", ".txt.gz"]
CONTROL = article(7)  # plain news prose that every policy rule keeps


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.sampled_from(_SUFFIXES), st.binary(max_size=3000)), min_size=1, max_size=4))
def test_random_bytes_under_any_name(files: list[tuple[str, bytes]], tmp_path_factory: pytest.TempPathFactory) -> None:
    work = tmp_path_factory.mktemp("random")
    root, outside = work / "in", work / "outside"
    root.mkdir()
    outside.mkdir()
    for number, (suffix, data) in enumerate(files):
        (root / f"f{number}{suffix}").write_bytes(data)
    (root / "control.txt").write_text(CONTROL, encoding="utf-8")
    _build_watched(root, work / "store", outside, seconds=60)
