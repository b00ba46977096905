"""Near-duplicate clusters as a user inspects them: the report's figures agree with
`dedup/clusters.parquet` whatever the batching, the largest clusters are shown member by member
with their pages, `find_cluster` finds a cluster by its id or a member's, and a version without
clusters says why."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html import escape
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate.errors import StoreError
from curate.pipeline.build import BuildResult
from curate.reporting import ReportResult, find_cluster, find_document, write_cluster, write_document, write_report
from curate.reporting.cluster_page import marked_differences
from curate.reporting.clusters import LARGEST, MEMBERS_SHOWN, collect_clusters, summarize_clusters
from curate.reporting.viewer import cluster_page_name, page_name
from curate.schema import load_schema
from curate.store import Store
from curate.store.manifest import load_manifest, read_manifest, write_manifest
from reporting.conftest import CLUSTER_FILE, CLUSTER_PAYLOADS, Clustered, Hostile
from reporting.test_hostile import TAGS, _elements


def _clusters(result: BuildResult) -> pa.Table:
    return pq.read_table(result.path / "dedup" / "clusters.parquet")


def _report(result: BuildResult) -> tuple[dict, Path]:
    folder = result.path / "report"
    return json.loads((folder / "summary.json").read_text(encoding="utf-8")), folder


@pytest.mark.parametrize("which", ["first", "second"])
def test_figures_agree_with_the_clusters_file(clustered: Clustered, which: str) -> None:
    result: BuildResult = getattr(clustered, which)
    summary, _ = _report(result)
    near, dedup, table = summary["near_duplicates"], result.manifest["dedup"], _clusters(result)
    rows = table.to_pylist()
    sizes = Counter(row["cluster"] for row in rows)
    assert near["clusters"] == len(sizes) == dedup["clusters"] > 0
    assert near["documents"] == sum(not r["reference"] for r in rows) == dedup["documents_in_clusters"]
    assert near["reference_documents"] == sum(r["reference"] for r in rows)
    assert near["same_document"] == sum(len({r["id"] for r in rows if r["cluster"] == c}) == 1 for c in sizes)
    assert near["sizes"]["counts"][:3] == [sum(n == k for n in sizes.values()) for k in (2, 3, 4)]
    assert near["sizes"]["total"] == len(sizes)
    dropped = [r for r in rows if not r["kept"] and not r["reference"]]
    assert near["similarity"]["total"] == len(dropped) == sum(near["dropped"].values())
    assert near["dropped"] == {"policy_near_duplicate": dedup["near_duplicate"],
                               "policy_near_duplicate_of_reference": dedup["near_duplicate_of_reference"],
                               "policy_duplicate_content": dedup["duplicate_content"]}
    assert summary["accounting"]["dropped_by_reason"] == {k: v for k, v in near["dropped"].items() if v}
    largest = near["largest"]
    assert [(-c["size"], c["cluster"]) for c in largest] == sorted((-n, c) for c, n in sizes.items())[:LARGEST]
    for cluster in largest:
        members = [m["id"] for m in cluster["members"]]
        assert members[0] == cluster["cluster"], "the kept document first"
        assert sorted(members) == sorted(r["id"] for r in rows if r["cluster"] == cluster["cluster"])
        assert {m["split"] for m in cluster["members"]} == {cluster["split"]}


def test_the_first_version_drops_near_copies_and_an_exact_copy(clustered: Clustered) -> None:
    near = _report(clustered.first)[0]["near_duplicates"]
    assert near["dropped"] == {"policy_near_duplicate": 4, "policy_near_duplicate_of_reference": 0,
                               "policy_duplicate_content": 1}
    assert [c["size"] for c in near["largest"]] == [4, 2, 2]
    assert any(m["input_uri"] == f"{CLUSTER_FILE}#0" for m in near["largest"][0]["members"])
    second = _report(clustered.second)[0]["near_duplicates"]
    assert second["dropped"]["policy_near_duplicate_of_reference"] == 2 and second["same_document"] == 5
    assert "news 1.0.0 (the parent version)" in second["compared_with"]


def test_batching_does_not_change_the_cluster_figures(clustered: Clustered) -> None:
    folder = clustered.second.path
    manifest = load_manifest(folder)
    whole = summarize_clusters(folder, manifest)
    for rows in (1, 2, 3):
        assert summarize_clusters(folder, manifest, rows) == whole


def _synthetic(path: Path, sizes: list[int]) -> list[dict]:
    """Clusters of these sizes, each keeping its last member (as `keep = "longest"` may)."""
    rows = []
    for number, size in enumerate(sizes):
        cluster = f"c{number:03d}"
        ids = [f"m{number:03d}-{i:03d}" for i in range(size - 1)] + [cluster]
        rows += [{"cluster": cluster, "id": doc, "input_uri": f"in.jsonl#{doc}", "kept": doc == cluster,
                  "reference": False, "similarity": 1.0 if doc == cluster else 0.75, "split": "train"} for doc in ids]
    pq.write_table(pa.Table.from_pylist(rows, schema=load_schema("cluster").arrow()), path, row_group_size=7)
    return rows


def test_the_largest_clusters_are_held_whatever_the_batches(tmp_path: Path) -> None:
    """More clusters than are shown, clusters longer than a batch and than the members shown, the
    kept member last: the largest come out with the kept one first, the rest counted."""
    sizes = [3, 40, 2, 17, 5, 2, 25, 9, 3, 30, 2, 11, 14, 6, 2]
    _synthetic(tmp_path / "c.parquet", sizes)
    whole = collect_clusters(tmp_path / "c.parquet").to_json()
    for rows in (1, 4, 13):
        assert collect_clusters(tmp_path / "c.parquet", rows).to_json() == whole
    assert whole["clusters"] == len(sizes) and whole["documents"] == sum(sizes)
    assert [c["size"] for c in whole["largest"]] == sorted(sizes, reverse=True)[:LARGEST]
    top = whole["largest"][0]
    assert top["cluster"] == "c001" and top["members"][0]["id"] == "c001" and top["members"][0]["kept"]
    assert len(top["members"]) == MEMBERS_SHOWN and top["more"] == 40 - MEMBERS_SHOWN
    assert [m["id"] for m in top["members"][1:]] == [f"m001-{i:03d}" for i in range(MEMBERS_SHOWN - 1)]
    assert whole["sizes"]["counts"][0] == 4 and whole["sizes"]["counts"][-1] == 3  # size 2; 20 and more


def test_the_section_links_every_member_and_the_side_by_side_pages(clustered: Clustered) -> None:
    summary, folder = _report(clustered.first)
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert '<section id="near-duplicates">' in html and "MinHash of the word 5-grams" in html
    for cluster in summary["near_duplicates"]["largest"]:
        assert cluster["page"] == f"docs/{cluster_page_name(cluster['cluster'])}"
        assert f'href="{cluster["page"]}"' in html and (folder / cluster["page"]).is_file()
        for member in cluster["members"]:
            assert member["page"] == f"docs/{page_name(member['id'])}", "every member of this build has a page"
            assert f'href="{member["page"]}"' in html and (folder / member["page"]).is_file()
    page = (folder / summary["near_duplicates"]["largest"][0]["page"]).read_text(encoding="utf-8")
    assert page.count('<div class="member">') == 4 and "<ins>" in page and "<del>" in page


def test_reject_examples_name_the_document_kept_and_its_page_links_it(clustered: Clustered) -> None:
    summary, folder = _report(clustered.first)
    group = next(g for g in summary["rejects"] if g["reason"] == "policy_near_duplicate")
    example = group["examples"][0]
    assert example["duplicate_of"] and 0.5 <= example["similarity"] < 1
    assert example["duplicate_of_page"] == f"docs/{page_name(example['duplicate_of'])}"
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert "<th>duplicate of</th>" in html and f'href="{example["duplicate_of_page"]}"' in html
    dropped = (folder / "docs" / page_name(example["id"])).read_text(encoding="utf-8")
    assert f'Kept instead: <a href="{page_name(example["duplicate_of"])}">{example["duplicate_of"]}</a>' in dropped
    assert (folder / example["duplicate_of_page"]).is_file()


def test_a_dropped_page_written_alone_writes_the_kept_one(clustered: Clustered, tmp_path: Path) -> None:
    store = Store(tmp_path)
    shutil.copytree(clustered.first.path, store.version_dir("news", "1.0.0"))
    shutil.rmtree(store.version_dir("news", "1.0.0") / "report")
    dropped = next(r for r in _clusters(clustered.first).to_pylist() if not r["kept"])
    document = find_document(store, "news", "1.0.0", dropped["id"])
    assert document.duplicate_of == dropped["cluster"] and document.reason and document.similarity
    page = write_document(store, "news", "1.0.0", dropped["id"])
    assert (page.parent / page_name(dropped["cluster"])).is_file()
    assert f'<a href="{page_name(dropped["cluster"])}">' in page.read_text(encoding="utf-8")
    alone = write_document(store, "news", "1.0.0", dropped["id"], tmp_path / "alone.html")
    assert f"Kept instead: {dropped['cluster']}" in alone.read_text(encoding="utf-8"), "no link out of its folder"


def test_find_cluster_by_its_id_or_a_member(clustered: Clustered) -> None:
    store, rows = clustered.store, _clusters(clustered.second).to_pylist()
    reprint = next(r for r in rows if not r["kept"] and not r["reference"])
    by_member = find_cluster(store, "news", "1.1.0", reprint["id"])
    by_id = find_cluster(store, "news", "1.1.0", reprint["cluster"])
    assert by_member == by_id and by_id.id == reprint["cluster"]
    assert sorted(m["id"] for m in by_id.members) == sorted(r["id"] for r in rows if r["cluster"] == by_id.id)
    assert by_id.members[0]["reference"] and by_id.members[0]["id"] == by_id.id, "kept in the reference dataset"
    with pytest.raises(StoreError, match=re.escape("no near-duplicate cluster of news 1.1.0 has the id or a member 'feedface'")):
        find_cluster(store, "news", "1.1.0", "feedface")


def test_a_cluster_page_shows_the_reference_text(clustered: Clustered, tmp_path: Path) -> None:
    reprint = next(r for r in _clusters(clustered.second).to_pylist() if not r["kept"] and not r["reference"])
    page = write_cluster(clustered.store, "news", "1.1.0", reprint["id"], tmp_path / "c.html").read_text(
        encoding="utf-8")
    assert "in the reference dataset (news 1.0.0)" in page and "Its text is not in" not in page
    assert "<a href" not in page.split("<main>")[1], "a page outside the report links no viewer page"
    inside = write_cluster(clustered.store, "news", "1.1.0", reprint["id"])
    assert inside.name == cluster_page_name(reprint["cluster"]) and inside.parent.name == "docs"
    assert (inside.parent / page_name(reprint["id"])).is_file()


def test_cluster_pages_hold_no_markup_from_the_data(clustered: Clustered) -> None:
    pages = sorted(clustered.first.path.glob("report/**/*.html"))
    text = "".join(page.read_text(encoding="utf-8") for page in pages)
    assert escape(CLUSTER_PAYLOADS["file_name"]) in text
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert CLUSTER_PAYLOADS["file_name"] not in raw, page
        found = _elements(page)
        assert found.tags <= TAGS | {"h4", "ins"}, f"{page}: {found.tags - TAGS}"
        assert not [name for _, name, _ in found.attributes if name.startswith("on")]


def test_differences_are_marked_and_escaped() -> None:
    html = marked_differences("The <b>board</b> met on Monday.\n\nIt voted.", "The <b>board</b> met on Tuesday.\n\nIt voted.")
    assert html == ("The &lt;b&gt;board&lt;/b&gt; met on <del>Monday.\n\n</del><ins>Tuesday.\n\n</ins>It voted.")
    assert marked_differences("same words", "same words") == "same words"


def test_a_version_with_detection_off_says_so(hostile: Hostile) -> None:
    summary = json.loads((hostile.folder / "report" / "summary.json").read_text(encoding="utf-8"))
    assert summary["near_duplicates"] == {"enabled": False, "note": (
        "Near-duplicate detection was off for this version ([dedup] enabled = false): it has no clusters.")}
    assert "Near-duplicate detection was off" in (hostile.folder / "report" / "index.html").read_text(encoding="utf-8")


def test_a_version_with_no_clusters_says_so(sample_report: ReportResult) -> None:
    near = sample_report.summary["near_duplicates"]
    assert near["clusters"] == 0 and near["largest"] == [] and near["note"] is None
    assert "No two documents were near-duplicates" in sample_report.index.read_text(encoding="utf-8")


def test_a_version_built_before_detection_says_so(sample_build: BuildResult, tmp_path: Path) -> None:
    """Its manifest has no `dedup` entry and its rejects no near-duplicate columns."""
    store = Store(tmp_path)
    folder = store.version_dir("sample", "1.0.0")
    shutil.copytree(sample_build.path, folder)
    manifest = read_manifest(folder)
    manifest.pop("dedup")
    write_manifest(folder, manifest)
    for shard in manifest["rejects"]:
        table = pq.read_table(folder / shard["path"])
        pq.write_table(table.drop_columns(["duplicate_of", "similarity"]), folder / shard["path"])
    older = write_report(store, "sample", "1.0.0")
    assert older.summary["near_duplicates"]["note"].startswith("This version was built before curate looked for")
    assert all(e["duplicate_of"] is None for g in older.summary["rejects"] for e in g["examples"])
    with pytest.raises(StoreError, match="built before curate looked for near-duplicates"):
        find_cluster(store, "sample", "1.0.0", "x")
