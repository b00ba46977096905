"""`curate report`, `curate show --id --html`, and the report step of `curate build`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from curate.cli import app
from curate.report import ReportResult
from curate.store import Store

from conftest import ROOT, SAMPLE

runner = CliRunner()


def test_report_and_show_html(report_store: Store, sample_report: ReportResult) -> None:
    store = str(report_store.root)
    done = runner.invoke(app, ["report", "sample", "1.0.0", "--store", store])
    assert done.exit_code == 0, done.output
    assert f"report -> {sample_report.index}" in done.output.replace("\n", "")
    doc_id = sample_report.summary["documents"][1]["id"]
    shown = runner.invoke(app, ["show", "sample", "1.0.0", "--id", doc_id, "--html", "--store", store])
    assert shown.exit_code == 0, shown.output
    page = Path(shown.output.strip())
    assert page.name == f"{doc_id}.html" and doc_id in page.read_text(encoding="utf-8")


def test_cli_errors_name_what_is_missing(report_store: Store, tmp_path: Path) -> None:
    store = str(report_store.root)
    missing = runner.invoke(app, ["report", "sample", "7.0.0", "--store", store])
    assert missing.exit_code == 2 and "no version 7.0.0 of dataset 'sample'" in missing.output
    no_doc = runner.invoke(app, ["show", "sample", "1.0.0", "--id", "feedface", "--html", "--store", store])
    assert no_doc.exit_code == 2 and "no document with id 'feedface'" in no_doc.output
    no_id = runner.invoke(app, ["show", "sample", "1.0.0", "--html", "--store", store])
    assert no_id.exit_code != 0 and "--id ID and --html go together" in no_id.output


def test_build_writes_the_report_unless_told_not_to(tmp_path: Path) -> None:
    store = tmp_path / "store"
    args = ["build", str(SAMPLE / "txt"), "--name", "news", "--store", str(store), "--config",
            str(ROOT / "curate.toml"), "--workers", "1", "--source", "Sample Wire", "--no-validate"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    index = store / "news" / "versions" / "1.0.0" / "report" / "index.html"
    assert index.is_file() and "report ->" in first.output
    assert "not run" in index.read_text(encoding="utf-8")
    validated = runner.invoke(app, ["validate", "news", "1.0.0", "--store", str(store), "--config",
                                    str(ROOT / "curate.toml"), "--workers", "1"])
    assert validated.exit_code == 0, validated.output
    assert '<span class="pass">passed</span>' in index.read_text(encoding="utf-8"), "the report shows the new verdict"
    second = runner.invoke(app, [*args, "--no-report"])
    assert second.exit_code == 0, second.output
    assert not (store / "news" / "versions" / "1.1.0" / "report").exists() and "report ->" not in second.output
    third = runner.invoke(app, ["report", "news", "1.1.0", "--store", str(store)])
    assert third.exit_code == 0, third.output
    html = (store / "news" / "versions" / "1.1.0" / "report" / "index.html").read_text(encoding="utf-8")
    assert "Changes since parent version" in html and "parent 1.0.0" in html
