"""Discovery reads only regular files inside the input root, each once, and lists what it skips."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from curate.config import ReadersConfig
from curate.errors import InputError
from curate.readers import discover, read_input


def _uris(root: Path) -> tuple[list[str], list[str]]:
    inputs, skipped = discover([root])
    return [item.uri for item in inputs], skipped


def test_links_out_of_the_root_are_not_followed(tmp_path: Path) -> None:
    corpus, secret = tmp_path / "corpus", tmp_path / "secret"
    corpus.mkdir()
    secret.mkdir()
    (secret / "creds.json").write_text('{"text": "API_KEY=sk-123"}', encoding="utf-8")
    (corpus / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    (corpus / "creds.json").symlink_to(secret / "creds.json")
    (corpus / "more").symlink_to(secret, target_is_directory=True)
    (corpus / "zero.txt").symlink_to("/dev/zero")
    uris, skipped = _uris(corpus)
    assert uris == ["a.txt"]
    assert skipped == [f"{name}: symlink to outside the input root, not read" for name in ("creds.json", "more", "zero.txt")]


def test_links_inside_the_root_are_read_once(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "alias.txt").symlink_to(tmp_path / "real" / "a.txt")  # sorts before real/: still read there
    (tmp_path / "real" / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "real" / "hard.txt").hardlink_to(tmp_path / "real" / "a.txt")
    (tmp_path / "linked").symlink_to(tmp_path / "other", target_is_directory=True)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.txt").write_text("T\n\nBody.", encoding="utf-8")
    uris, skipped = _uris(tmp_path)
    assert uris == ["other/b.txt", "real/a.txt"]
    root = tmp_path.name
    assert skipped == [
        "alias.txt: the same file as real/a.txt, read there (a link loop or a second path to it)",
        "linked: the same folder as other, read there (a link loop or a second path to it)",
        "real/hard.txt: the same file as real/a.txt, read there (a link loop or a second path to it)",
        f"real/loop: the same folder as {root}, read there (a link loop or a second path to it)",
    ]


def test_a_link_into_the_root_is_followed_when_nothing_else_reaches_its_target(tmp_path: Path) -> None:
    (tmp_path / ".store").mkdir()
    (tmp_path / ".store" / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "articles").symlink_to(tmp_path / ".store", target_is_directory=True)
    uris, skipped = _uris(tmp_path)
    assert uris == ["articles/a.txt"]
    assert skipped == [".store: hidden folder, not read"]


def test_a_link_loop_of_links_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "a" / "b").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "c").symlink_to(tmp_path / "c")  # a link to itself
    uris, skipped = _uris(tmp_path)
    assert uris == ["a/x.txt"]
    assert skipped == ["a/b: the same folder as a, read there (a link loop or a second path to it)",
                       "c: dangling symlink, not read"]


def test_hidden_entries_dangling_links_and_special_files_are_listed(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    for n in range(20):
        (tmp_path / ".git" / f"{n}.txt").write_text("x", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("x", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "README.md").write_text("about", encoding="utf-8")
    (tmp_path / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    uris, skipped = _uris(tmp_path)
    assert uris == ["a.txt"]
    assert skipped == [".draft.txt: hidden file, not read", ".git: hidden folder, not read",
                       "README.md: documentation, not an article", "gone.txt: dangling symlink, not read",
                       "pipe.jsonl: a FIFO, not a regular file"]


def test_paths_given_explicitly_are_read_whatever_their_name(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / ".hidden" / "a.txt")
    inputs, skipped = discover([tmp_path / ".hidden", tmp_path / "link.txt"])
    assert [item.uri for item in inputs] == ["a.txt"] and skipped == [
        "link.txt: the same file as a.txt, read there (a link loop or a second path to it)"]
    inputs, skipped = discover([Path("/dev/zero")])
    assert inputs == [] and skipped == ["zero: a character device, not a regular file"]
    with pytest.raises(InputError, match="does not exist"):
        discover([tmp_path / "gone"])


def test_a_file_name_that_is_not_utf8_gets_a_printable_uri(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("T\n\nBody.", encoding="utf-8")
    [item], _ = discover([tmp_path])
    assert item.uri == "caf\\xe9.txt"
    [doc] = read_input(item, ReadersConfig())
    assert doc.input_uri.encode("utf-8") and doc.text == "Body."


def test_a_saved_dataset_with_a_link_out_of_the_root_is_not_read(tmp_path: Path) -> None:
    import datasets

    datasets.Dataset.from_list([{"text": "Body."}]).save_to_disk(str(tmp_path / "corpus" / "saved"))
    outside = tmp_path / "elsewhere.arrow"
    outside.write_bytes(b"not yours")
    (tmp_path / "corpus" / "saved" / "extra.arrow").symlink_to(outside)
    inputs, skipped = discover([tmp_path / "corpus"])
    assert inputs == [] and skipped == ["saved: saved dataset not read: extra.arrow is a symlink to outside the input root"]


def _bases(*roots: Path | str) -> dict[str, str | None]:
    inputs, _ = discover([Path(root) for root in roots])
    return {str(item.path): item.id_base for item in inputs}


def test_ids_hash_the_path_relative_to_the_root_the_user_gave(tmp_path: Path) -> None:
    import datasets

    (tmp_path / "corpus" / "sub").mkdir(parents=True)
    (tmp_path / "corpus" / "sub" / "a.jsonl").write_text('{"text": "Body."}\n', encoding="utf-8")
    datasets.Dataset.from_list([{"text": "Body."}]).save_to_disk(str(tmp_path / "saved"))
    [folder] = discover([tmp_path / "corpus"])[0]
    assert (folder.uri, folder.id_base, folder.id_uri("sub/a.jsonl#3")) == ("sub/a.jsonl", None, None)
    [saved] = discover([tmp_path / "saved"])[0]
    assert (saved.uri, saved.id_base, saved.id_uri("saved/train#3")) == ("saved", "", "/train#3")
    [named] = discover([Path(f"hf:{tmp_path / 'saved'}")])[0]
    assert named.id_uri("saved/train#3") == "/train#3", "hf:PATH is the same input as the folder"
    [one_file] = discover([tmp_path / "corpus" / "sub" / "a.jsonl"])[0]
    assert (one_file.uri, one_file.id_base) == ("a.jsonl", None), "a file given: its name, relative to its folder"


def test_roots_that_share_a_relative_path_are_kept_apart_by_their_names(tmp_path: Path) -> None:
    for day in ("day1", "day2"):
        (tmp_path / day).mkdir()
        (tmp_path / day / "articles.jsonl").write_text('{"text": "Body."}\n', encoding="utf-8")
        (tmp_path / day / f"only-{day}.jsonl").write_text('{"text": "Body."}\n', encoding="utf-8")
    bases = _bases(tmp_path / "day2", tmp_path / "day1")
    assert bases == {str(tmp_path / "day2" / "articles.jsonl"): "day2/articles.jsonl",
                     str(tmp_path / "day2" / "only-day2.jsonl"): None,
                     str(tmp_path / "day1" / "articles.jsonl"): "day1/articles.jsonl",
                     str(tmp_path / "day1" / "only-day1.jsonl"): None}
    assert _bases(tmp_path / "day1", tmp_path / "day2") == bases, "whatever the order of the roots"


def test_saved_datasets_and_files_of_one_name_in_two_roots(tmp_path: Path) -> None:
    import datasets

    for parent in ("a", "b"):
        datasets.Dataset.from_list([{"text": "Body."}]).save_to_disk(str(tmp_path / parent / "data"))
        datasets.Dataset.from_list([{"text": "Body."}]).save_to_disk(str(tmp_path / parent / f"ds-{parent}"))
        (tmp_path / parent / "news.jsonl").write_text('{"text": "Body."}\n', encoding="utf-8")
    two = _bases(tmp_path / "a" / "ds-a", tmp_path / "b" / "ds-b")
    assert sorted(two.values()) == ["ds-a/", "ds-b/"], "two saved datasets given: each keeps its name"
    files = _bases(tmp_path / "a" / "news.jsonl", tmp_path / "b" / "news.jsonl")
    assert sorted(files.values()) == ["a/news.jsonl", "b/news.jsonl"], "a file's root is its folder"
    with pytest.raises(InputError, match=r"same path .*folders of the same name.*common folder"):
        discover([tmp_path / "a" / "data", tmp_path / "b" / "data"])
