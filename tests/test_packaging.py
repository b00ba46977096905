"""The package ships every module and keeps its public surface deliberate; every package it
imports is declared, and the locks pin what pyproject.toml asks for."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import curate
from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
LOCK = ROOT / "requirements" / "runtime.txt"
TEST_LOCK = ROOT / "requirements" / "test.txt"


def test_every_package_is_listed_in_pyproject() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.relative_to(ROOT).parent.parts) for p in (ROOT / "curate").rglob("__init__.py")}
    assert found | set(setuptools["package-dir"]) == set(setuptools["packages"])


def test_public_api() -> None:
    assert sorted(curate.__all__) == ["Config", "Validation", "VersionInfo", "VersionResult", "__version__", "build",
                                    "diff", "load", "load_config", "load_schema", "publish", "rebuild", "report",
                                    "reproduce", "validate", "validate_files", "versions"]
    for name in curate.__all__:
        assert hasattr(curate, name)


def _requirements(*extras: str) -> list[Requirement]:
    return [Requirement(r) for r in PROJECT["dependencies"]
            + [r for extra in extras for r in PROJECT["optional-dependencies"][extra]]]


def _imported(node: ast.AST) -> list[str]:
    """Module names an AST node imports: import statements, and `pytest.importorskip("name")`
    (a test that skips when its package is missing still needs the package declared)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "importorskip"
            and node.args and isinstance(node.args[0], ast.Constant)):
        return [node.args[0].value]
    return []


def _optional(tree: ast.AST) -> set[ast.AST]:
    """Nodes inside a `try` whose handler catches ImportError: imports a script takes when they
    are there and goes without otherwise (a benchmark's optional segmenters), not requirements."""
    found: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(h.type) for h in node.handlers):
            found.update(inner for statement in node.body for inner in ast.walk(statement))
    return found


def _catches_import_error(kind: ast.expr | None) -> bool:
    names = kind.elts if isinstance(kind, ast.Tuple) else [kind]
    return any(isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError") for n in names)


def _third_party_imports(folder: Path) -> dict[str, Path]:
    """Top-level names of the modules imported anywhere under `folder`, lazy imports inside
    functions included and optional ones (`_optional`) left out, that are neither stdlib, nor
    curate, nor a sibling of the folder's own (tests import `conftest` and `versions.corpus`,
    benchmarks `throughput`); each with a file importing it."""
    local = {p.stem for p in folder.iterdir()} | {"curate"}
    found: dict[str, Path] = {}
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(), str(path))
        optional = _optional(tree)
        for node in ast.walk(tree):
            if node in optional:
                continue
            for name in _imported(node):
                top = name.partition(".")[0]
                if top not in sys.stdlib_module_names and top not in local:
                    found.setdefault(top, path.relative_to(folder.parent))
    return found


def test_the_import_walk_sees_lazy_imports_and_skips_stdlib_and_local(tmp_path: Path) -> None:
    (tmp_path / "helper.py").write_text("import json\n")
    (tmp_path / "mod.py").write_text("from __future__ import annotations\nimport os.path\nimport helper\n"
                                     "from curate import x\nfrom . import y\nimport numpy as np\n"
                                     "def f():\n    from scipy.special import bdtr\n"
                                     "    pytest.importorskip('mlcroissant')\n"
                                     "try:\n    import jieba\nexcept ImportError:\n    jieba = None\n")
    found = _third_party_imports(tmp_path)
    assert sorted(found) == ["mlcroissant", "numpy", "scipy"]


@pytest.mark.parametrize(("folder", "extras"), [("curate", ("ray",)), ("tests", ("test",)), ("benchmarks", ("test",))])
def test_every_imported_package_is_declared(folder: str, extras: tuple[str, ...]) -> None:
    """What curate imports is in `dependencies` (Ray in the `ray` extra: see the test below); what
    tests and benchmarks import, there or in the `test` extra. Undeclared, a package is there only when something else happens to pull it
    in (scipy came with great-expectations), until an upgrade drops it."""
    declared = {canonicalize_name(r.name) for r in _requirements(*extras)}
    distributions = packages_distributions()
    undeclared = {module: f"{path} imports it, from {distributions.get(module, 'no installed distribution')}"
                  for module, path in _third_party_imports(ROOT / folder).items()
                  if not declared & {canonicalize_name(d) for d in distributions.get(module, [])}}
    assert not undeclared, f"declare these in pyproject.toml, then `make lock`: {undeclared}"


def test_lxml_html_clean_is_declared_itself() -> None:
    """trafilatura needs `lxml.html.clean`, which comes from justext's `lxml[html_clean]`; pip
    before 23.3 does not normalise extra names (PEP 685), misses lxml's `html-clean` and installs
    no lxml_html_clean, so every HTML page would fail. Named here, it installs with any pip."""
    assert "lxml-html-clean" in {canonicalize_name(r.name) for r in _requirements()}


def _pins(lock: Path) -> set[tuple[str, str]]:
    """(name, version) of every pin in a lock; a package forked by marker has one per version."""
    pins = set()
    for line in lock.read_text().splitlines():
        if line[:1].isalnum():  # not a hash, a comment or the header
            requirement = Requirement(line.removesuffix("\\"))
            (specifier,) = requirement.specifier
            assert specifier.operator == "==", f"{lock.name}: {line} is not a pin"
            pins.add((canonicalize_name(requirement.name), specifier.version))
    return pins


@pytest.mark.parametrize(("lock", "extras"), [(LOCK, ()), (TEST_LOCK, ("test",))])
def test_a_lock_pins_every_requirement_within_its_bounds(lock: Path, extras: tuple[str, ...]) -> None:
    pins = _pins(lock)
    versions = {r: [v for name, v in pins if name == canonicalize_name(r.name)] for r in _requirements(*extras)}
    stale = {str(r): found for r, found in versions.items()
             if not found or not all(r.specifier.contains(v, prereleases=True) for v in found)}
    assert not stale, f"{lock.relative_to(ROOT)} does not fit pyproject.toml (run `make lock`): {stale}"


def test_the_test_lock_holds_the_runtime_lock() -> None:
    """`make test` installs only the test lock and counts the runtime one as installed too."""
    assert _pins(LOCK) - _pins(TEST_LOCK) == set()


def _dry_run(venv: Path, target: str, *changed: Path) -> str:
    """What `make -n target` would run on `venv`, with `changed` files taken as just modified."""
    command = ["make", "-n", f"VENV={venv}", target] + [f"--what-if={path.relative_to(ROOT)}" for path in changed]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_a_changed_lock_reinstalls_and_an_unchanged_one_does_not(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    later = time.time() + 60
    for stamp in (".installed", ".installed-test"):
        (venv / stamp).touch()
        os.utime(venv / stamp, (later, later))
    reinstalls = {
        (target, changed.name): f"-r {lock.relative_to(ROOT)}" in _dry_run(venv, target, changed)
        for target, lock in (("demo", LOCK), ("test", TEST_LOCK)) for changed in (LOCK, TEST_LOCK)}
    assert reinstalls == {("demo", "runtime.txt"): True, ("demo", "test.txt"): False,
                          ("test", "runtime.txt"): True, ("test", "test.txt"): True}
    assert "pip install" not in _dry_run(venv, "demo") + _dry_run(venv, "test")


def test_only_the_ray_executor_imports_ray() -> None:
    """The `ray` extra is optional: one module imports it, and only `--executor ray` imports that."""
    importers = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "curate").rglob("*.py")
                       if any(name.partition(".")[0] == "ray" for node in ast.walk(ast.parse(path.read_text()))
                              for name in _imported(node)))
    assert importers == ["curate/executor/ray_data.py"]
