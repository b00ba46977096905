"""The package ships every module and keeps its public surface deliberate."""

from __future__ import annotations

import tomllib

import curate

from conftest import ROOT


def test_every_package_is_listed_in_pyproject() -> None:
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.relative_to(ROOT).parent.parts) for p in (ROOT / "curate").rglob("__init__.py")}
    assert found | set(setuptools["package-dir"]) == set(setuptools["packages"])


def test_public_api() -> None:
    assert sorted(curate.__all__) == ["Config", "__version__", "build", "diff", "load", "load_config", "load_schema",
                                    "publish", "reproduce"]
    for name in curate.__all__:
        assert hasattr(curate, name)
