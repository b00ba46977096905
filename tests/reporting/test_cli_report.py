"""`curate report`, `curate show --id --html`, `curate show --cluster`, and the report step of
`curate build`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE
from curate.cli import app
from curate.reporting import ReportResult
from curate.store import Store
from reporting.conftest import Clustered, Hostile

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


def _cluster_args(clustered: Clustered, version: str, *args: str) -> list[str]:
    return ["show", "news", version, "--store", str(clustered.store.root), *args]


def test_show_cluster_by_its_id_or_a_member(clustered: Clustered) -> None:
    rows = pq.read_table(clustered.first.path / "dedup" / "clusters.parquet").to_pylist()
    dropped = next(r for r in rows if not r["kept"])
    members = [r for r in rows if r["cluster"] == dropped["cluster"]]
    outputs = []
    for key in (dropped["cluster"], dropped["id"]):
        shown = runner.invoke(app, _cluster_args(clustered, "1.0.0", "--cluster", key))
        assert shown.exit_code == 0, shown.output
        outputs.append(shown.output)
    assert outputs[0] == outputs[1]
    assert f"cluster {dropped['cluster']} of news 1.0.0: {len(members)} members" in outputs[0]
    lines = [line.split() for line in outputs[0].splitlines()]
    ids = [line[0] for line in lines if line and any(line[0] == m["id"] for m in members)]
    assert ids[0] == dropped["cluster"] and sorted(ids) == sorted(m["id"] for m in members), "the kept one first"
    as_json = runner.invoke(app, _cluster_args(clustered, "1.0.0", "--cluster", dropped["id"], "--json"))
    found = json.loads(as_json.output)
    assert found["cluster"] == dropped["cluster"] and len(found["members"]) == len(members)


def test_show_cluster_html_and_errors(clustered: Clustered, hostile: Hostile, tmp_path: Path) -> None:
    reprint = next(r for r in pq.read_table(clustered.second.path / "dedup" / "clusters.parquet").to_pylist()
                   if not r["kept"] and not r["reference"])
    written = runner.invoke(app, _cluster_args(clustered, "1.1.0", "--cluster", reprint["id"], "--html"))
    assert written.exit_code == 0, written.output
    page = Path(written.output.strip())
    assert page.parent == clustered.second.path / "report" / "docs" and reprint["id"] in page.read_text(encoding="utf-8")
    elsewhere = runner.invoke(app, _cluster_args(clustered, "1.1.0", "--cluster", reprint["id"], "--html",
                                                 "--out", str(tmp_path / "c.html")))
    assert elsewhere.exit_code == 0 and (tmp_path / "c.html").is_file()
    unknown = runner.invoke(app, _cluster_args(clustered, "1.1.0", "--cluster", "feedface"))
    assert unknown.exit_code == 2 and "no near-duplicate cluster of news 1.1.0 has the id or a member 'feedface'" \
        in unknown.output
    both = runner.invoke(app, _cluster_args(clustered, "1.1.0", "--cluster", "x", "--id", "y"))
    assert both.exit_code != 0 and "one at a time" in both.output
    off = runner.invoke(app, ["show", "hostile", "1.0.0", "--store", str(hostile.folder.parents[2]), "--cluster", "x"])
    assert off.exit_code == 0 and "Near-duplicate detection was off for this version ([dedup] enabled = false)" \
        in off.output.replace("\n", " ")


def test_show_cluster_prints_values_as_text(clustered: Clustered, tmp_path: Path) -> None:
    """An input name holding console markup and a terminal escape sequence is printed as text."""
    store = Store(tmp_path)
    folder = store.version_dir("news", "1.0.0")
    shutil.copytree(clustered.first.path, folder)
    path = folder / "dedup" / "clusters.parquet"
    table = pq.read_table(path)
    hostile_uri = "[red]in[/red]\x1b[2J.jsonl"
    rows = [{**row, "input_uri": hostile_uri if row["input_uri"] else None} for row in table.to_pylist()]
    pq.write_table(pa.Table.from_pylist(rows, schema=table.schema), path)
    shown = runner.invoke(app, ["show", "news", "1.0.0", "--store", str(tmp_path), "--cluster", rows[0]["cluster"]])
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.output and "\\x1b" in shown.output, "the escape character is shown, not sent"
    assert "[red]in[/red" in shown.output, "markup is shown, not applied"
