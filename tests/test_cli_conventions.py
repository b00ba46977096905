"""The conventions a shell user expects of `curate` (issue 15): --version, -h, --json that is only
JSON, --quiet that is quiet, --verbose that logs, CURATE_STORE, the exit codes, one line naming the
next step after a failed gate, and `curate config`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from curate import __version__
from curate.cli import app
from curate.config import Config
from versioning.corpus import write_corpus

runner = CliRunner()
_NAMED = ["--source", "Tiny Times", "--set", "validation.split_tolerance=1", "--workers", "1"]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict]:
    """A corpus, a store holding news 1.0.0 (gate passed, no report), and `build --json`'s output."""
    root = tmp_path_factory.mktemp("cli")
    corpus, store = write_corpus(root / "in", dict.fromkeys(range(6), 0)), root / "store"
    result = runner.invoke(app, ["build", str(corpus), "--name", "news", "--store", str(store), *_NAMED,
                                 "--no-report", "--json"])
    assert result.exit_code == 0, result.output
    return corpus, store, json.loads(result.stdout)  # stdout is the JSON and nothing else


def test_version_and_short_help() -> None:
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout == f"curate {__version__}\n"
    for args in (["-h"], ["build", "-h"], ["validate", "-h"]):
        shown = runner.invoke(app, args, prog_name="curate")
        assert shown.exit_code == 0 and "Usage: curate" in shown.stdout, args
    assert "Exit codes" in runner.invoke(app, ["-h"]).stdout


def test_build_json(built: tuple[Path, Path, dict]) -> None:
    _, store, data = built
    assert (data["name"], data["version"], data["path"]) == ("news", "1.0.0", str(store / "news/versions/1.0.0"))
    assert data["accounting"]["read"] == 6 and data["validation"]["passed"] is True and data["report"] is None


def test_validate_versions_show_json(built: tuple[Path, Path, dict]) -> None:
    _, store, _ = built
    validated = runner.invoke(app, ["validate", "news", "1.0.0", "--store", str(store), "--json"])
    assert validated.exit_code == 0 and json.loads(validated.stdout)["passed"] is True
    listed = runner.invoke(app, ["versions", "news", "--store", str(store), "--json"])
    assert [(v["version"], v["gate"]) for v in json.loads(listed.stdout)] == [("1.0.0", "passed")]
    shown = runner.invoke(app, ["show", "news", "1.0.0", "--store", str(store), "--json"])
    assert json.loads(shown.stdout)["accounting"]["kept"] == 6


def test_quiet_prints_nothing_on_success_and_verbose_logs(built: tuple[Path, Path, dict]) -> None:
    corpus, store, _ = built
    quiet = runner.invoke(app, ["--quiet", "build", str(corpus), "--name", "news", "--store", str(store), *_NAMED,
                                "--no-report"])
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""
    assert runner.invoke(app, ["-q", "versions", "news", "--store", str(store)]).output == ""
    # --json is asked-for output: --quiet does not silence it
    assert json.loads(runner.invoke(app, ["-q", "versions", "news", "--store", str(store), "--json"]).stdout)
    verbose = runner.invoke(app, ["--verbose", "validate", "news", "1.0.0", "--store", str(store)])
    assert verbose.exit_code == 0 and "INFO curate.api.making: validation of news 1.0.0 passed" in verbose.stderr
    assert "INFO" not in verbose.stdout
    assert runner.invoke(app, ["-q", "-v", "versions", "news"]).exit_code == 2


def test_the_store_comes_from_curate_store(built: tuple[Path, Path, dict]) -> None:
    _, store, _ = built
    listed = runner.invoke(app, ["versions", "news", "--json"], env={"CURATE_STORE": str(store)})
    assert listed.exit_code == 0 and json.loads(listed.stdout)[0]["version"] == "1.0.0"
    assert "CURATE_STORE" in runner.invoke(app, ["versions", "-h"], env={"COLUMNS": "200"}).stdout


def test_a_failed_gate_is_one_line_naming_the_next_step(built: tuple[Path, Path, dict], tmp_path: Path) -> None:
    corpus, _, _ = built
    result = runner.invoke(app, ["build", str(corpus), "--name", "news", "--store", str(tmp_path), "--workers", "1",
                                 "--set", "validation.split_tolerance=1", "--no-report", "--json"])
    assert result.exit_code == 1  # as before: the gate failed, the version stays
    assert json.loads(result.stdout)["validation"]["failed"] == ["article_rows.source_name_present"]
    [line] = result.stderr.splitlines()
    assert line.startswith("error: quality gate failed (article_rows.source_name_present): ")
    assert "--source NAME" in line and "[sources]" in line and "[[validation.waivers]]" in line
    assert "curate validate news 1.1.0 --config FILE" not in line and "curate validate news 1.0.0" in line
    human = runner.invoke(app, ["validate", "news", "1.0.0", "--store", str(tmp_path)])
    assert human.exit_code == 1 and "validation FAILED" in human.stdout and len(human.stderr.splitlines()) == 1


def test_config_prints_the_defaults_and_the_schema(tmp_path: Path) -> None:
    defaults = runner.invoke(app, ["config"])
    assert defaults.exit_code == 0 and Config.model_validate(tomllib.loads(defaults.stdout)) == Config()
    assert "# Drop texts with fewer words (policy_too_short).\nmin_words = 50" in defaults.stdout
    changed = runner.invoke(app, ["config", "--set", "policy.min_words=80", "--set", 'sources.default=a "quoted" name'])
    read = Config.model_validate(tomllib.loads(changed.stdout))
    assert (read.policy.min_words, read.sources.default) == (80, 'a "quoted" name')
    schema = json.loads(runner.invoke(app, ["config", "--schema"]).stdout)
    assert {"policy", "sources", "validation"} <= set(schema["properties"])
    assert runner.invoke(app, ["config", "--config", str(tmp_path / "missing.toml")]).exit_code == 2
