"""CandidateIndex: near-copies in one cluster, distinct articles apart, the same clusters whatever
the batching or the memory, and the memory bounded by spilling runs."""

from __future__ import annotations

import gzip
import json
import random
from pathlib import Path

import numpy as np
import pytest

from conftest import needs_shared
from curate.dedup import CandidateIndex, Clusters, MinHashParams, signatures, similarity
from curate.dedup.runs import Run, band_keys, candidate_pairs, write_run
from curate.dedup.signature_file import SignatureFile
from curate.dedup.signatures import is_empty
from curate.normalize.text import normalize_text
from dedup.articles import article, near_copy

PARAMS = MinHashParams()
ARTICLES, COPIES = 12, 5


@pytest.fixture(scope="module")
def corpus() -> tuple[list[int], np.ndarray]:
    """(article of each document, signatures): each article then its copies, interleaved with
    the other articles' as in the scaled corpus, plus short and empty texts."""
    rng = random.Random(7)
    originals = [article(rng, paragraphs=rng.randint(4, 9)) for _ in range(ARTICLES)]
    labels, texts = [], []
    for copy in range(COPIES):
        for label, original in enumerate(originals):
            labels.append(label)
            texts.append(original if copy == 0 else near_copy(original, rng))
    extra = ["Advertisement", "", "ADVERTISEMENT.", "", "Top stories"]
    labels += [ARTICLES, -1, ARTICLES, -2, ARTICLES + 1]
    return labels, signatures(texts + extra, PARAMS)


def _clusters(tmp_path: Path, sigs: np.ndarray, batch: int, params: MinHashParams = PARAMS,
              memory_bytes: int = 2**20) -> Clusters:
    index = CandidateIndex(tmp_path, params, memory_bytes=memory_bytes)
    for first in range(0, len(sigs), batch):
        index.add(first, sigs[first:first + batch])
    return index.clusters()


def test_near_copies_in_one_cluster_distinct_articles_apart(tmp_path, corpus):
    labels, sigs = corpus
    clusters = _clusters(tmp_path, sigs, batch=64)
    groups = [sorted({labels[doc] for doc in members}) for members in clusters.members()]
    assert sorted(groups) == [[label] for label in range(ARTICLES + 1)]
    empty = [doc for doc, label in enumerate(labels) if label < 0]
    assert clusters.root[empty].tolist() == empty  # texts without words stay alone


def test_root_is_the_first_document_of_the_cluster(tmp_path, corpus):
    labels, sigs = corpus
    root = _clusters(tmp_path, sigs, batch=64).root
    first = {}
    for doc, label in enumerate(labels):
        first.setdefault(label, doc)
        assert root[doc] == (first[label] if label >= 0 else doc)


@pytest.mark.parametrize("threshold", [0.0, 0.5])
def test_same_clusters_whatever_the_batching_and_the_memory(tmp_path, corpus, threshold):
    _, sigs = corpus
    params = MinHashParams(threshold=threshold)
    expected = _reference_roots(sigs, params)
    for number, (batch, memory) in enumerate([(len(sigs), 2**26), (1, 2**26), (7, 4096), (13, 1024)]):
        roots = _clusters(tmp_path / str(number), sigs, batch, params, memory).root
        assert roots.tolist() == expected


def test_spills_runs_and_merges_by_ranges_under_a_tiny_budget(tmp_path, corpus):
    _, sigs = corpus
    index = CandidateIndex(tmp_path, PARAMS, memory_bytes=1024)
    for first in range(0, len(sigs), 4):
        index.add(first, sigs[first:first + 4])
        assert index._pending_bytes < 1024
    runs = sorted(tmp_path.glob("run-*.bin"))
    assert len(runs) >= 5
    index.clusters()
    assert not list(tmp_path.glob("run-*.bin"))  # the runs go once merged


def test_merging_by_key_ranges_gives_the_pairs_of_one_sort(tmp_path, corpus):
    _, sigs = corpus
    listed = np.flatnonzero(~is_empty(sigs))
    keys = band_keys(sigs[listed], PARAMS.bands, PARAMS.rows)
    runs = [write_run(tmp_path / f"{i}.bin", listed[part], [keys[part]])
            for i, part in enumerate(np.array_split(np.arange(listed.size), 5))]
    for band in range(3):
        one = list(candidate_pairs(runs, band, memory_bytes=2**30))
        many = list(candidate_pairs(runs, band, memory_bytes=64))
        assert len(one) == 1 and len(many) > 5
        assert sorted(zip(*map(np.concatenate, zip(*many)))) == sorted(zip(*one[0]))


def test_members_are_the_clusters_of_two_or_more(tmp_path):
    path = tmp_path / "signatures.u32"
    path.write_bytes(np.zeros((6, 4), dtype=np.uint32).tobytes())
    clusters = Clusters(np.array([0, 1, 0, 3, 3, 0]), SignatureFile(path, 6, 4))
    assert [members.tolist() for members in clusters.members()] == [[0, 2, 5], [3, 4]]
    assert clusters.similarities(0, np.array([2, 5])).tolist() == [1.0, 1.0]


def test_empty_input(tmp_path):
    clusters = CandidateIndex(tmp_path, PARAMS).clusters()
    assert clusters.root.size == 0 and list(clusters.members()) == []
    assert CandidateIndex(tmp_path / "none", PARAMS).count == 0


def test_signatures_are_kept_for_similarities(tmp_path, corpus):
    _, sigs = corpus
    clusters = _clusters(tmp_path, sigs, batch=10)
    assert np.array_equal(clusters.signatures.rows(np.arange(len(sigs))), sigs)
    assert np.array_equal(clusters.signatures.rows(np.array([5, 0, 5])), sigs[[5, 0, 5]])
    with pytest.raises(IndexError):
        clusters.signatures.rows(np.array([len(sigs)]))
    members = next(clusters.members())
    found = clusters.similarities(int(members[0]), members[1:])
    assert found.tolist() == [similarity(sigs[members[0]], sigs[doc]) for doc in members[1:]]
    assert (found >= PARAMS.threshold).all()


def test_rows_of_no_documents_and_of_a_cut_file(tmp_path):
    path = tmp_path / "signatures.u32"
    path.write_bytes(np.arange(12, dtype=np.uint32).tobytes())
    assert SignatureFile(path, 3, 4).rows(np.array([], dtype=np.int64)).shape == (0, 4)
    path.write_bytes(np.arange(10, dtype=np.uint32).tobytes())  # the last row cut short after the count was taken
    with pytest.raises(OSError, match=r"signatures.u32: row 2 is cut short"):
        SignatureFile(path, 3, 4).rows(np.array([0, 2]))


def test_pairs_compared_in_slices_give_the_same_clusters(tmp_path, corpus, monkeypatch):
    _, sigs = corpus
    whole = _clusters(tmp_path / "whole", sigs, batch=64)
    monkeypatch.setattr("curate.dedup.index._COMPARED_PAIRS", 3)
    sliced = _clusters(tmp_path / "sliced", sigs, batch=64)
    assert np.array_equal(whole.root, sliced.root)


def test_refuses_what_it_cannot_index(tmp_path, corpus):
    _, sigs = corpus
    index = CandidateIndex(tmp_path, PARAMS)
    with pytest.raises(ValueError, match="in order: expected 0, got 3"):
        index.add(3, sigs[:2])
    with pytest.raises(ValueError, match="uint32 signatures of shape"):
        index.add(0, sigs[:2].astype(np.uint64))
    with pytest.raises(ValueError, match="uint32 signatures of shape"):
        index.add(0, sigs[:2, :10])
    index.add(0, sigs[:2])
    index.clusters()
    with pytest.raises(ValueError, match="after clusters"):
        index.add(2, sigs[2:4])
    with pytest.raises(ValueError, match="at least 1024"):
        CandidateIndex(tmp_path, PARAMS, memory_bytes=10)


def test_bbc_articles_and_their_near_copies(tmp_path):
    """Real articles edited as the scaled corpus edits them: copies join their article, and no two
    articles meet (these 60 hold none of the BBC's own near-copies)."""
    with gzip.open(needs_shared("bench", "corpus", "news.jsonl.gz"), "rt", encoding="utf-8") as lines:
        source = [json.loads(line) for line, _ in zip(lines, range(60))]
    rng = random.Random(3)
    texts, labels = [], []
    for copy in range(3):
        for label, record in enumerate(source):
            texts.append(normalize_text(record["text"]) if copy == 0 else near_copy(record["text"], rng))
            labels.append(label)
    clusters = _clusters(tmp_path, signatures(texts, PARAMS), batch=64)
    assert sorted(sorted({labels[doc] for doc in members}) for members in clusters.members()) == [
        [label] for label in range(len(source))]


def _reference_roots(sigs: np.ndarray, params: MinHashParams) -> list[int]:
    """The engine's definition, in plain Python: in each band, documents with equal rows pair
    with the first of them, pairs verified by `similarity`, roots the smallest of each component."""
    parent = list(range(len(sigs)))

    def root(doc: int) -> int:
        while parent[doc] != doc:
            doc = parent[doc]
        return doc

    for band in range(params.bands):
        first: dict[tuple[int, ...], int] = {}
        for doc, sig in enumerate(sigs):
            if is_empty(sig):
                continue
            key = tuple(sig[band * params.rows:(band + 1) * params.rows].tolist())
            leader = first.setdefault(key, doc)
            if leader != doc and similarity(sigs[leader], sig) >= params.threshold:
                low, high = sorted((root(leader), root(doc)))
                parent[high] = low
    return [root(doc) for doc in range(len(sigs))]


def test_run_files_are_what_they_say(tmp_path, corpus):
    _, sigs = corpus
    keys = band_keys(sigs[:5], PARAMS.bands, PARAMS.rows)
    run = write_run(tmp_path / "run.bin", np.arange(5), [keys[:2], keys[2:]])
    assert run == Run(tmp_path / "run.bin", 5)
    assert (tmp_path / "run.bin").stat().st_size == 5 * PARAMS.bands * 12
    found_keys, docs = run.read(2, 0, 5)
    assert found_keys.tolist() == run.keys(2).tolist() == sorted(keys[:, 2].tolist())
    assert sorted(docs.tolist()) == [0, 1, 2, 3, 4]
    assert [k.tolist() for k in run.read(2, 1, 3)] == [found_keys[1:3].tolist(), docs[1:3].tolist()]
