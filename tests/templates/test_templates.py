"""The corpus pass: lines repeated across a source's documents are removed as template lines."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.config import load_config
from curate.pipeline.build import build
from curate.store import Store, read_manifest
from curate.templates import TemplateCounter, line_key, line_keys

WORDS = ("harbor council budget ferry school bridge river mayor police court storm road market "
         "union teachers hospital airport festival museum library").split()
FOOTER = "Bay Times reporters Dana Ruiz and Omar Patel staff the harbor desk on weekdays"
ALERT = "Tap the bell next to a writer's name to hear about new stories from them"


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 20))]
    return f"The {' '.join(words)} said officials on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."


def _article(rng: random.Random, extra: list[str]) -> str:
    paragraphs = [" ".join(_sentence(rng) for _ in range(3)) for _ in range(4)]
    return "\n\n".join(paragraphs[:2] + extra + paragraphs[2:])


def _corpus(folder: Path, source: str, count: int, template_lines: list[str], seed: int) -> None:
    rng = random.Random(seed)
    with (folder / f"{source}.jsonl").open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(json.dumps({"title": f"Story {n}", "text": _article(rng, template_lines),
                                  "source": source, "url": f"https://{source}.example/{n}"}) + "\n")


def _rows(path: Path) -> list[dict]:
    manifest = read_manifest(path)
    return pa.concat_tables([pq.read_table(path / s["path"]) for s in manifest["shards"]]).to_pylist()


def test_line_key_ignores_case_space_and_digits() -> None:
    assert line_key("Comments (12)") == line_key("comments  (7)")
    assert line_key("Comments") != line_key("Comment")
    assert line_keys("a\n\nb\n" + "x" * 300, max_chars=200) == {line_key("a"), line_key("b")}


def _letters(n: int) -> str:
    """A distinct all-letter word per number (keys mask digits)."""
    word = ""
    while True:
        n, rest = divmod(n, 26)
        word += chr(97 + rest)
        if n == 0:
            return word


def test_counter_thresholds_and_sources() -> None:
    counter = TemplateCounter(min_share=0.05, min_docs=3)
    for n in range(100):
        keys = {line_key(f"unique {_letters(n)}"), line_key("everywhere")}
        if n < 2:
            keys.add(line_key("only twice"))
        if n % 10 == 0:
            keys.add(line_key("one in ten"))
        counter.add("a", keys)
    counter.add("b", {line_key("everywhere")})
    table = counter.table()
    assert table.of("a") == {line_key("everywhere"), line_key("one in ten")}
    assert table.of("b") == frozenset(), "one document is below min_docs"
    assert table.summary()["a"] == {"documents": 100, "template_lines": 2}


def test_counter_memory_stays_bounded() -> None:
    counter = TemplateCounter(min_share=0.05, min_docs=3, error=0.01)
    for n in range(5000):
        counter.add("a", {line_key(f"unique {_letters(n * 20 + m)}") for m in range(20)} | {line_key("footer")})
    assert len(counter._sources["a"].counts) < 20 * 300, "singletons are pruned"
    assert counter.table().of("a") == {line_key("footer")}


def test_one_source_corpus(tmp_path: Path) -> None:
    _corpus(tmp_path, "baytimes", 30, [FOOTER, ALERT], seed=1)
    config = load_config(None, {"executor": {"workers": 1}})
    result = build([tmp_path / "baytimes.jsonl"], "bay", config, store=Store(tmp_path / "store"))
    rows = _rows(result.path)
    assert len(rows) == 30
    for row in rows:
        assert FOOTER not in row["text"] and ALERT not in row["text"]
        assert row["flags"]["template_line"]
        kinds = {s["text"].strip(): s["kind"] for s in row["boilerplate"]}
        assert kinds[FOOTER] == "template_line" and kinds[ALERT] == "template_line"
        assert len(row["text"].split("\n\n")) == 4, "every body paragraph is kept"
    assert result.manifest["templates"]["baytimes"] == {"documents": 30, "template_lines": 2}


def test_mixed_corpus_counts_per_source(tmp_path: Path) -> None:
    _corpus(tmp_path, "baytimes", 30, [FOOTER], seed=2)
    _corpus(tmp_path, "hillpost", 30, [], seed=3)
    rng = random.Random(4)
    with (tmp_path / "hillpost.jsonl").open("a", encoding="utf-8") as out:  # the footer, twice, elsewhere
        for n in range(2):
            out.write(json.dumps({"title": f"Guest {n}", "text": _article(rng, [FOOTER]), "source": "hillpost",
                                  "url": f"https://hillpost.example/guest-{n}"}) + "\n")
    config = load_config(None, {"executor": {"workers": 1}})
    rows = _rows(build([tmp_path], "mixed", config, store=Store(tmp_path / "store")).path)
    for row in rows:
        has_footer = FOOTER in row["text"]
        assert has_footer == (row["source"]["name"] == "hillpost" and row["title"].startswith("Guest"))


def test_templates_can_be_switched_off(tmp_path: Path) -> None:
    _corpus(tmp_path, "baytimes", 10, [FOOTER], seed=5)
    config = load_config(None, {"executor": {"workers": 1}, "templates": {"enabled": False}})
    rows = _rows(build([tmp_path / "baytimes.jsonl"], "bay", config, store=Store(tmp_path / "store")).path)
    assert all(FOOTER in row["text"] for row in rows)
