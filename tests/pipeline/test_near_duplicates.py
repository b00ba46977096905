"""Near-duplicates in a build: one row per cluster, the others dropped naming it, one split per
cluster, and the same against the parent version or another dataset."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate import claims
from curate.config import Config, SplitsConfig
from curate.errors import StoreError
from curate.pipeline.build import BuildResult, build
from curate.pipeline.finish import Decisions
from curate.pipeline.near_duplicates import Deciding
from curate.pipeline.reproduce import reproduce
from curate.signals.identity import assign_split, document_id
from curate.store import Store
from curate.validation import validate_version
from versioning.corpus import article, tiny_config


def near_copy(text: str, n: int) -> str:
    """`text` as a mirror site reprints it: a figure changed, a sentence dropped, spacing changed."""
    paragraphs = text.split("\n\n")
    sentences = paragraphs[2].split(". ")
    paragraphs[2] = ". ".join(sentences[:1] + sentences[2:])
    return "\n\n".join(paragraphs).replace(" weeks", f" weeks (updated {n})").replace(". ", ".  ", 2)


def _records(folder: Path, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def _rows(result: BuildResult, key: str) -> list[dict]:
    tables = [pq.read_table(result.path / e["path"]) for e in result.manifest[key] if e["rows"]]
    return pa.concat_tables(tables).to_pylist() if tables else []


def _clusters(result: BuildResult) -> list[dict]:
    return pq.read_table(result.path / "dedup" / "clusters.parquet").to_pylist()


def _config(**sections: dict[str, object]) -> Config:
    return tiny_config(sources={"default": "Wire"}, validation={"split_tolerance": 1.0}, **sections)


def _corpus(folder: Path) -> Path:
    """Six articles; 0 reprinted twice and 1 once by mirror sites, all later in the feed."""
    records = [{"url": f"https://paper.example/{n}", "text": article(n)} for n in range(6)]
    records += [{"url": "https://mirror.example/a", "text": near_copy(article(0), 1)},
                {"url": "https://mirror.example/b", "text": near_copy(article(1), 2) + "\n\nA longer closing paragraph "
                                                           "that the mirror added to the story, with some context."},
                {"url": "https://mirror.example/c", "text": near_copy(article(0), 3)}]
    return _records(folder, records)


def test_one_row_per_cluster_and_the_others_name_it(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    result = build([_corpus(tmp_path / "in")], "news", _config(), store=store)
    kept = {row["source"]["url"] for row in _rows(result, "shards")}
    assert kept == {f"https://paper.example/{n}" for n in range(6)}
    dropped = {row["input_uri"]: row for row in _rows(result, "rejects")}
    assert {uri: row["reason"] for uri, row in dropped.items()} == {
        "feed.jsonl#6": "policy_near_duplicate", "feed.jsonl#7": "policy_near_duplicate",
        "feed.jsonl#8": "policy_near_duplicate"}
    first = document_id("https://paper.example/0", "")
    assert dropped["feed.jsonl#6"]["duplicate_of"] == dropped["feed.jsonl#8"]["duplicate_of"] == first
    assert 0.6 < dropped["feed.jsonl#6"]["similarity"] < 1.0
    assert json.loads(dropped["feed.jsonl#6"]["row_json"])["id"] == dropped["feed.jsonl#6"]["id"]
    clusters = _clusters(result)
    assert sorted((c["cluster"] == first, c["kept"]) for c in clusters) == [
        (False, False), (False, True), (True, False), (True, False), (True, True)]
    assert {c["split"] for c in clusters if c["cluster"] == first} == {assign_split(first, SplitsConfig())}
    stored = [row for e in result.manifest["dedup"]["files"] if e["kind"] == "signatures"
              for row in pq.read_table(result.path / e["path"]).to_pylist()]
    assert sorted(row["id"] for row in stored) == sorted(row["id"] for row in _rows(result, "shards"))
    assert result.manifest["dedup"]["near_duplicate"] == 3 and result.manifest["dedup"]["clusters"] == 2
    assert validate_version(store, "news", result.manifest["version"], _config())[0].passed


def test_claims_are_looked_for_in_the_kept_rows_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A near-copy is dropped after the document pass: its claims are never looked for, and its
    row in the rejects has none; the row kept instead has the claims of its text."""
    looked_at: list[str] = []
    find_claims = claims.find_claims
    monkeypatch.setattr(claims, "find_claims", lambda text, language: looked_at.append(text) or find_claims(text, language))
    result = build([_corpus(tmp_path / "in")], "news", _config(), store=Store(tmp_path / "store"))
    kept = _rows(result, "shards")
    assert sorted(looked_at) == sorted(row["text"] for row in kept)
    assert all(row["claims"] == find_claims(row["text"], row["language"]) and row["claims_attempted"] for row in kept)
    assert sum(len(row["claims"]) for row in kept) > 0
    for dropped in _rows(result, "rejects"):
        assert {"claims", "claims_attempted"}.isdisjoint(json.loads(dropped["row_json"]))


def test_a_cluster_member_with_an_undecodable_file_name_is_written_by_a_worker(tmp_path: Path) -> None:
    """The cluster file's tables are made in a worker process: a member whose file name is not
    UTF-8 reaches it, and the file, with the name escaped as everywhere else."""
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(article(1), encoding="utf-8")
    (root / b"caf\xe9.txt".decode("utf-8", "surrogateescape")).write_text(article(1) + "\n\nUpdated.", encoding="utf-8")
    result = build([root], "news", _config(executor={"workers": 2}), store=Store(tmp_path / "store"))
    assert [(c["input_uri"], c["kept"]) for c in _clusters(result)] == [("a.txt", True), ("caf\\xe9.txt", False)]


@pytest.mark.parametrize(("keep", "kept_b"), [("first", "https://paper.example/1"),
                                              ("longest", "https://mirror.example/b")])
def test_which_member_is_kept(keep: str, kept_b: str, tmp_path: Path) -> None:
    result = build([_corpus(tmp_path / "in")], "news", _config(dedup={"keep": keep}), store=Store(tmp_path / "s"))
    urls = {row["source"]["url"] for row in _rows(result, "shards")}
    assert kept_b in urls and len(urls) == 6


def test_annotate_only_keeps_every_member_in_its_cluster_split(tmp_path: Path) -> None:
    """Copies of one article under urls whose own ids fall in every split all take the split of
    the cluster's smallest id; an exact copy is still dropped as one."""
    urls = [f"https://mirror{n}.example/story" for n in range(40)]
    splits = {assign_split(document_id(url, ""), SplitsConfig()) for url in urls}
    assert len(splits) == 3, "the copies' own ids fall in every split"
    records = [{"url": url, "text": near_copy(article(7), n)} for n, url in enumerate(urls)]
    records.append({"url": "https://copy.example/exact", "text": records[0]["text"]})
    result = build([_records(tmp_path / "in", records)], "news", _config(dedup={"drop": False}),
                   store=Store(tmp_path / "s"))
    rows = _rows(result, "shards")
    smallest = min(document_id(url, "") for url in urls + ["https://copy.example/exact"])
    assert len(rows) == 40 and {row["split"] for row in rows} == {assign_split(smallest, SplitsConfig())}
    assert [r["reason"] for r in _rows(result, "rejects")] == ["policy_duplicate_content"]


def test_against_the_parent_and_the_split_a_document_had(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    first = build([_corpus(tmp_path / "in")], "news", _config(), store=store)
    before = {row["id"]: row["split"] for row in _rows(first, "shards")}
    paper_2 = document_id("https://paper.example/2", "")
    # a new crawl: reprints of article 2 first, then the six articles again (same urls): article 2
    # is the parent's document again, so it is kept though its reprints come first
    reprints = [{"url": f"https://new{n}.example/x", "text": near_copy(article(2), n)} for n in range(3)]
    records = reprints + [{"url": f"https://paper.example/{n}", "text": article(n)} for n in range(6)]
    second = build([_records(tmp_path / "in2", records)], "news", _config(), store=store)
    assert {row["id"]: row["split"] for row in _rows(second, "shards")} == before, "kept, in the splits they had"
    assert {(r["reason"], r["duplicate_of"]) for r in _rows(second, "rejects")} == {("policy_near_duplicate", paper_2)}
    assert second.manifest["dedup"]["references"] == [{"name": "news", "version": "1.0.0", "inherit_splits": True}]
    assert validate_version(store, "news", second.manifest["version"], _config())[0].passed
    assert reproduce(store, "news", second.manifest["version"]).ok, "compared with the same parent again"
    # without article 2 in the crawl, its reprints are near-copies of a document already published
    others = [r for r in records[len(reprints):] if r["url"] != "https://paper.example/2"]
    third = build([_records(tmp_path / "in3", reprints + others)], "news", _config(), store=store)
    assert {(r["reason"], r["duplicate_of"]) for r in _rows(third, "rejects")} == {
        ("policy_near_duplicate_of_reference", paper_2)}
    assert {row["id"]: row["split"] for row in _rows(third, "shards")} == {
        doc: split for doc, split in before.items() if doc != paper_2}


def test_a_cluster_keeps_its_split_when_it_gains_a_smaller_id(tmp_path: Path) -> None:
    """Version 1 keeps article 3 in its split; version 2 adds near-copies whose ids are smaller and
    hash to other splits, annotate-only: all of them take the split article 3 had."""
    store = Store(tmp_path / "store")
    url = "https://paper.example/3"
    first = build([_records(tmp_path / "in", [{"url": url, "text": article(3)}])], "news",
                  _config(dedup={"drop": False}), store=store)
    kept_split = _rows(first, "shards")[0]["split"]
    own = document_id(url, "")
    others = [u for u in (f"https://early{n}.example/3" for n in range(400))
              if document_id(u, "") < own and assign_split(document_id(u, ""), SplitsConfig()) != kept_split][:3]
    records = [{"url": u, "text": near_copy(article(3), n)} for n, u in enumerate(others)] + [{"url": url, "text": article(3)}]
    second = build([_records(tmp_path / "in2", records)], "news", _config(dedup={"drop": False}), store=store)
    assert {row["split"] for row in _rows(second, "shards")} == {kept_split} and len(_rows(second, "shards")) == 4


def test_against_another_dataset(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    build([_records(tmp_path / "ref", [{"url": "https://ref.example/9", "text": article(9)}])], "reference",
          _config(), store=store)
    records = [{"url": "https://paper.example/9", "text": near_copy(article(9), 1)},
               {"url": "https://paper.example/10", "text": article(10)}]
    result = build([_records(tmp_path / "in", records)], "news", _config(dedup={"against": ["reference@1.0.0"]}),
                   store=store)
    assert [r["reason"] for r in _rows(result, "rejects")] == ["policy_near_duplicate_of_reference"]
    without = build([_records(tmp_path / "in3", records)], "plain", _config(dedup={"enabled": False}), store=store)
    with pytest.raises(StoreError, match=re.escape("plain 1.0.0: it has no stored signatures")):
        build([_records(tmp_path / "in4", records)], "other", _config(dedup={"against": ["plain"]}), store=store)
    assert without.manifest["dedup"] == {"enabled": False}


def test_a_parent_without_signatures_still_gives_its_splits(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    build([_corpus(tmp_path / "in")], "news", _config(dedup={"enabled": False}), store=store)
    again = build([_corpus(tmp_path / "in")], "news", _config(), store=store)
    assert any("has no stored signatures" in note for note in again.manifest["dedup"]["notes"])


def test_the_same_shards_whatever_the_batching(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "in")
    digests = []
    for workers, batch_size in ((1, 1), (1, 4), (2, 2)):
        config = _config(executor={"workers": workers, "batch_size": batch_size})
        result = build([corpus], f"b{workers}{batch_size}", config, store=Store(tmp_path / "s"))
        digests.append([(e["path"], e["sha256"]) for e in result.manifest["shards"] + result.manifest["rejects"]
                        + result.manifest["dedup"]["files"]])
    assert digests[0] == digests[1] == digests[2]


def _copies_in_their_batches(folder: Path) -> Path:
    """Six articles and three near-copies; with batches of two, the copy of article 2 is in its batch."""
    records = [{"url": f"https://paper.example/{n}", "text": article(n)} for n in range(3)]
    records += [{"url": "https://mirror.example/2", "text": near_copy(article(2), 1)}]
    records += [{"url": f"https://paper.example/{n}", "text": article(n)} for n in range(3, 6)]
    records += [{"url": "https://mirror.example/4", "text": near_copy(article(4), 2)},
                {"url": "https://mirror.example/5", "text": near_copy(article(5), 3)}]
    return _records(folder, records)


def test_each_batch_is_sent_once_its_clusters_are_decided(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The finishing pass gets a batch's decisions while later clusters are still undecided, and
    they are the decisions made with every cluster decided first: a cluster whose first member is
    in the batch asked for (here a copy of article 2 in the same batch) is decided before it is sent."""
    corpus = _copies_in_their_batches(tmp_path / "in")
    config = _config(executor={"workers": 1, "batch_size": 2})
    undecided_when_sent: list[int] = []
    streamed_batch = Deciding.batch

    def spied(self: Deciding, number: int) -> Decisions:
        decisions = streamed_batch(self, number)
        undecided_when_sent.append(int(self._next is not None))
        return decisions

    monkeypatch.setattr(Deciding, "batch", spied)
    streamed = build([corpus], "streamed", config, store=Store(tmp_path / "s"))
    assert undecided_when_sent[0] == 1 and undecided_when_sent[-1] == 0  # not all decided before the first
    assert {row["reason"] for row in _rows(streamed, "rejects")} == {"policy_near_duplicate"}
    assert len(_rows(streamed, "rejects")) == 3

    def all_first(self: Deciding, number: int) -> Decisions:
        self._decide_through(None)
        return streamed_batch(self, number)

    monkeypatch.setattr(Deciding, "batch", all_first)
    whole = build([corpus], "whole", config, store=Store(tmp_path / "s"))
    assert [(e["path"], e["sha256"]) for e in streamed.manifest["shards"] + streamed.manifest["rejects"]
            + streamed.manifest["dedup"]["files"]] == \
        [(e["path"], e["sha256"]) for e in whole.manifest["shards"] + whole.manifest["rejects"]
         + whole.manifest["dedup"]["files"]]
    assert {k: v for k, v in streamed.manifest["dedup"].items() if k != "files"} == \
        {k: v for k, v in whole.manifest["dedup"].items() if k != "files"}


def test_a_build_that_crashes_halfway_through_the_decisions_resumes_to_the_same_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The finishing pass dies with some batches sent and some clusters undecided (the cluster
    file half written in the staging folder): the next build decides again, to the same files."""
    corpus = _copies_in_their_batches(tmp_path / "in")
    config = _config(executor={"workers": 1, "batch_size": 2})
    whole = build([corpus], "whole", config, store=Store(tmp_path / "ref"))
    streamed_batch = Deciding.batch

    def crash_at_the_third(self: Deciding, number: int) -> Decisions:
        if number == 2:
            raise RuntimeError("killed")
        return streamed_batch(self, number)

    store = Store(tmp_path / "s")
    monkeypatch.setattr(Deciding, "batch", crash_at_the_third)
    with pytest.raises(RuntimeError, match="killed"):
        build([corpus], "news", config, store=store)
    monkeypatch.setattr(Deciding, "batch", streamed_batch)
    resumed = build([corpus], "news", config, store=store)
    assert resumed.manifest["resumed"]["annotated_batches"] > 0
    assert [(e["path"], e["sha256"]) for e in resumed.manifest["shards"] + resumed.manifest["rejects"]
            + resumed.manifest["dedup"]["files"]] == \
        [(e["path"], e["sha256"]) for e in whole.manifest["shards"] + whole.manifest["rejects"]
         + whole.manifest["dedup"]["files"]]


def test_the_cluster_file_in_order_when_workers_make_it_a_row_at_a_time(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path / "in")
    whole = _clusters(build([corpus], "whole", _config(), store=Store(tmp_path / "s")))
    monkeypatch.setattr("curate.pipeline.near_duplicates._FLUSH_ROWS", 1)
    config = _config(executor={"workers": 2})
    assert _clusters(build([corpus], "rows", config, store=Store(tmp_path / "s"))) == whole
    assert len(whole) == 5


def test_cli_dedup_against_and_the_summary(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from curate.cli import app

    store = str(tmp_path / "store")
    runner = CliRunner()
    first = runner.invoke(app, ["build", str(_records(tmp_path / "ref", [{"url": "https://ref.example/9",
                                                                           "text": article(9)}])),
                                "--name", "reference", "--store", store, "--workers", "1", "--no-validate",
                                "--no-report"])
    assert first.exit_code == 0, first.output
    records = [{"url": "https://paper.example/9", "text": near_copy(article(9), 1)}]
    built = runner.invoke(app, ["build", str(_records(tmp_path / "in", records)), "--name", "news", "--store", store,
                                "--workers", "1", "--dedup-against", "reference", "--no-validate", "--no-report"])
    assert built.exit_code == 0, built.output
    assert "near-duplicates: 1 dropped, 1 clusters of near-copies (compared with reference 1.0.0 too)" in built.output
    assert "policy_near_duplicate_of_reference" in built.output
    again = runner.invoke(app, ["build", str(tmp_path / "ref"), "--name", "reference", "--store", store,
                                "--workers", "1", "--no-validate", "--no-report"])
    assert again.exit_code == 0, again.output
    # the same record built again: found by its id in the parent, not a near-copy of anything
    assert "near-duplicates: 0 dropped, 0 clusters of near-copies, 1 documents found again by id " \
           "(compared with reference 1.0.0 too)" in again.output, again.output


def _urls_in_every_split(count: int) -> list[str]:
    """`count` urls whose own ids hash to every split."""
    urls: dict[str, list[str]] = {}
    for url in (f"https://site{n}.example/story" for n in range(10_000)):
        urls.setdefault(assign_split(document_id(url, ""), SplitsConfig()), []).append(url)
    picked = [urls["validation"][0], urls["test"][0]] + urls["train"][:count - 2]
    return picked


def test_headline_keys_fold_what_a_republication_changes() -> None:
    from curate.pipeline.batches import headline_key

    title = "Ireland v USA (Sat)"
    assert headline_key(title) == headline_key("UPDATED: " + title) == headline_key(title + " | BBC News") \
        == headline_key(title.upper()) == headline_key("Rugby: ireland v  USA, sat") != 0
    assert headline_key("Letters") == headline_key("Live: updates") == headline_key(None) == 0
    assert headline_key("Harbor board approves plan") != headline_key("Harbor board rejects plan")


def test_one_headline_one_split_and_generic_headlines_group_nothing(tmp_path: Path) -> None:
    """Different texts under one headline (a short reprint below the threshold tells the same
    story) share a split; a headline on more than split_title_max documents is generic."""
    urls = _urls_in_every_split(6)
    records = [{"url": url, "title": "Harbor board approves dredging plan", "text": article(20 + n)}
               for n, url in enumerate(urls)]
    grouped = build([_records(tmp_path / "in", records)], "news", _config(), store=Store(tmp_path / "s"))
    rows = _rows(grouped, "shards")
    assert len(rows) == 6 and len({row["split"] for row in rows}) == 1
    generic = build([_records(tmp_path / "in2", records)], "other", _config(dedup={"split_title_max": 5}),
                    store=Store(tmp_path / "s"))
    assert {row["split"] for row in _rows(generic, "shards")} == {
        assign_split(document_id(url, ""), SplitsConfig()) for url in urls}


@pytest.mark.parametrize("damage", ["missing", "truncated", "other_rows"])
def test_a_damaged_reference_signature_file_is_a_clear_error(damage: str, tmp_path: Path) -> None:
    """The signatures a later build compares with are files anyone can delete or edit: a build
    against them stops with an error naming the file, never a traceback or wrong clusters."""
    store = Store(tmp_path / "store")
    reference = build([_records(tmp_path / "ref", [{"url": "https://ref.example/9", "text": article(9)}])],
                      "reference", _config(), store=store)
    [entry] = [f for f in reference.manifest["dedup"]["files"] if f["kind"] == "signatures"]
    path = reference.path / entry["path"]
    if damage == "missing":
        path.unlink()
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:100])
    else:  # a valid Parquet file whose signatures are not the ones recorded
        table = pq.read_table(path)
        pq.write_table(table.set_column(2, "signature", pa.array([b"\x00" * 8], pa.binary())), path)
    records = [{"url": "https://paper.example/9", "text": near_copy(article(9), 1)}]
    with pytest.raises(StoreError, match=f"reference 1.0.0: its signatures {entry['path']} "):
        build([_records(tmp_path / "in", records)], "news", _config(dedup={"against": ["reference"]}), store=store)
