"""A build of HTML pages records what their extractor left out, passes the gate, and rebuilds."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from conftest import ROOT
from curate.boilerplate.page import is_page_rule
from curate.config import load_config
from curate.pipeline.build import build
from curate.pipeline.rebuild import rebuild
from curate.store import Store, read_manifest
from curate.validation import validate_version
from extract.test_removed import BODY, CHROME, page

TIDES = [
    "Volunteers counted more than four hundred seabirds on the northern cliffs during the annual survey on Sunday.",
    "The number is the highest since the count began, the bird society said, after two poor breeding seasons.",
    "Puffins returned to the eastern ledges for the first time in a decade, according to the survey's leader.",
    "The society will publish the full results in the spring and hopes to repeat the count every autumn.",
]


def _rows(folder: Path) -> list[dict]:
    shards = read_manifest(folder)["shards"]
    return pa.concat_tables([pq.read_table(folder / s["path"]) for s in shards]).to_pylist()


def test_build_gate_and_rebuild(tmp_path: Path) -> None:
    pages = tmp_path / "in"
    pages.mkdir()
    (pages / "dredging.html").write_text(page(), encoding="utf-8")
    (pages / "birds.html").write_text(page({**CHROME, "comments": ""}, TIDES), encoding="utf-8")
    config = load_config(ROOT / "curate.toml", {"executor": {"workers": 1}, "sources": {"default": "Harbor Gazette"}})
    store = Store(tmp_path / "store")
    built = build([pages], "pages", config, store=store)
    rows = _rows(built.path)
    assert sorted(row["text"] for row in rows) == ["\n\n".join(BODY), "\n\n".join(TIDES)]
    for row in rows:
        assert row["boilerplate_ratio"] > 0.3 and row["flags"]["navigation"] and row["flags"]["sidebar"]
        assert row["flags"]["comments"] == (row["text"] == "\n\n".join(BODY))
    result, _ = validate_version(store, "pages", built.manifest["version"], config)
    assert result.passed, [o.name for o in result.failed]

    again = rebuild("pages", built.manifest["version"], config, store=store)
    for before, after in zip(sorted(rows, key=lambda r: r["id"]), sorted(_rows(again.path), key=lambda r: r["id"])):
        for field in ("text", "boilerplate", "flags", "boilerplate_ratio", "claims"):
            assert after[field] == before[field], field
    stricter = rebuild("pages", built.manifest["version"], store=store, overrides={"boilerplate": {"threshold": 0.99}})
    for before, after in zip(sorted(rows, key=lambda r: r["id"]), sorted(_rows(stricter.path), key=lambda r: r["id"])):
        recorded = [s for s in before["boilerplate"] if is_page_rule(s["rule"])]
        assert [s for s in after["boilerplate"] if is_page_rule(s["rule"])] == recorded, "left-out blocks stay"
        assert len(after["text"]) <= len(before["text"])
        assert {"credit", "teaser"} <= {s["kind"] for s in after["boilerplate"] if not is_page_rule(s["rule"])}
    result, _ = validate_version(store, "pages", stricter.manifest["version"], config)
    assert result.passed, [o.name for o in result.failed]
