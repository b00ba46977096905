"""Assembling a config: every file mistake a ConfigError naming the file, a deep merge of the
layers, and every validation problem blamed on the layer that set the value."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from curate.config import Config, load_config
from curate.config_layers import Layer, resolve, submodel
from curate.config_overrides import set_layer
from curate.errors import ConfigError


@pytest.mark.parametrize(("content", "fragments"), [
    (b"\xff\xfe[policy]\n", ["is not UTF-8 text", "byte 0 is 0xff"]),
    (b"[policy\n", ["is not valid TOML"]),
    (b"a = " + b"[" * 100_000 + b"]" * 100_000 + b"\n", ["is not valid TOML", "nested too deeply"]),
    (b"a = " + b"{b=" * 3000 + b"1" + b"}" * 3000 + b"\n", ["is not valid TOML", "nested too deeply"]),
    (b"policy = 3\n", ["[policy] must be a table, not int 3"]),
    (b"policy = [1, 2]\n", ["[policy] must be a table, not list"]),
    (b"[[policy]]\nmin_words = 1\n", ["[policy] must be a table, not list"]),
    (b"[readers]\nfields = \"text\"\n", ["[readers.fields] must be a table, not str"]),
    (b"[polcy]\nmin_words = 1\n", ["unknown section polcy (did you mean policy?)", "valid sections: readers,"]),
    (b"[policy]\nmin_wordz = 1\n", ["unknown key policy.min_wordz (did you mean min_words?)",
                                    "valid keys of policy: min_words,"]),
    (b"[readers.fields]\ntxt = [\"a\"]\n", ["unknown key readers.fields.txt (did you mean text?)"]),
    (b"[policy]\nmin_words = \"3\"\n", ["policy.min_words: Input should be a valid integer, got '3'"]),
    (b"[policy]\nmin_words = true\n", ["policy.min_words: Input should be a valid integer, got True"]),
    (b"[policy]\nmin_words = 3.5\n", ["policy.min_words: Input should be a valid integer"]),
    (b"[policy]\nmin_words = -1\n", ["policy.min_words: Input should be greater than or equal to 0, got -1"]),
    (b"[policy]\nlanguages = \"en\"\n", ["policy.languages: Input should be a valid list, got 'en'"]),
    (b"[sources]\ndefault = 123\n", ["sources.default: Input should be a valid string, got 123"]),
    (b"[sources]\ndefault = 1979-05-27\n", ["sources.default: Input should be a valid string"]),
    (b"[executor]\nworkers = -1\n", ["executor.workers: Input should be greater than or equal to 0"]),
    (b"[executor]\nbatch_size = 99999999999999999999\n", ["executor.batch_size = 99999999999999999999 does not fit",
                                                          "in a signed 64-bit integer"]),
    (b"[executor]\nbatch_size = 0x" + b"f" * 4000 + b"\n", ["<an integer of 16000 bits> does not fit"]),
    (b"[splits]\ntrain = nan\n", ["splits.train: Input should be a finite number, got nan"]),
    (b"[validation]\nsplit_tolerance_sigmas = inf\n", ["validation.split_tolerance_sigmas: Input should be a finite number"]),
    (b"[splits]\ntrain = 0.5\n", ["splits: split ratios must add up to 1, got 0.6"]),
    (b"[validation]\nwaivers = [{expectation = \"a.b\"}]\n", ["validation.waivers.0.reason: Field required"]),
    (b"[validation]\nwaivers = [{expectation = \"a.b\", reason = \"\"}]\n", ["validation.waivers.0.reason",
                                                                           "String should have at least 1 character"]),
])
def test_every_file_mistake_names_the_file_and_the_problem(tmp_path: Path, content: bytes, fragments: list[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message and all(f in message for f in fragments), message
    assert len(message) < 1000, "an error quotes what it must, not the whole input"


def test_a_path_that_is_no_readable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match="is a directory, not a TOML file"):
        load_config(tmp_path)
    with pytest.raises(ConfigError, match="/dev/zero is larger than 1 MiB"):
        load_config(Path("/dev/zero"))
    with pytest.raises(ConfigError, match="cannot be read"):
        load_config(Path("bad\x00name.toml"))

    def refused(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refused)  # as root, chmod 000 does not keep a file from being read
    with pytest.raises(ConfigError, match=r"locked.toml cannot be read: \[Errno 13\] Permission denied"):
        load_config(tmp_path / "locked.toml")


def test_a_byte_order_mark_is_no_mistake(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf[policy]\nmin_words = 3\n")
    assert load_config(path).policy.min_words == 3


def test_the_merge_is_deep(tmp_path: Path) -> None:
    """Defaults <- file <- overrides <- option layers, each changing only the keys it names."""
    path = tmp_path / "c.toml"
    path.write_text('[readers.fields]\ntitle = ["hed"]\n[sources.domains]\n"a.example" = "A"\n[policy]\nmin_words = 10\n'
                    '[card]\ndescription = "News."\n', encoding="utf-8")
    config = load_config(path, {"readers": {"fields": {"text": ["story"]}}, "sources": {"domains": {"b.example": "B"}}},
                         layers=[Layer("--workers", {"executor": {"workers": 3}}), set_layer("policy.max_words=500")])
    assert config.readers.fields.title == ["hed"] and config.readers.fields.text == ["story"]
    assert config.readers.fields.url == ["url", "link", "canonical_url"], "untouched keys keep their defaults"
    assert config.sources.domains == {"a.example": "A", "b.example": "B"}
    assert (config.policy.min_words, config.policy.max_words) == (10, 500)
    assert config.card.description == "News." and config.executor.workers == 3
    assert load_config(path, {"policy": {"languages": ["en"]}}).policy.languages == ["en"]


def test_a_later_layer_cannot_hide_an_earlier_mistake(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("policy = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"c.toml: \[policy\] must be a table"):
        load_config(path, layers=[set_layer("policy.min_words=1")])


def test_a_problem_is_blamed_on_the_layers_that_set_it(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[splits]\ntrain = 0.5\n[policy]\nmin_words = 5\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"splits: .* add up to 1, got 0\.6.* \(from config file .*c\.toml, "
                                          r"--set splits\.test=0\.1\)"):
        load_config(path, layers=[set_layer("splits.test=0.1")])
    with pytest.raises(ConfigError, match=r"policy\.min_words: .* got -1 \(from --set policy\.min_words=-1\); "
                                          r"splits: .* \(from config file .*c\.toml\)$"):
        load_config(path, layers=[set_layer("policy.min_words=-1")])
    with pytest.raises(ConfigError, match=r"executor\.workers: .* got -2 \(from --workers\)"):
        load_config(None, layers=[Layer("--workers", {"executor": {"workers": -2}})])
    with pytest.raises(ConfigError, match=r"overrides: must be a table of sections, not list"):
        load_config(None, [("policy", 1)])  # type: ignore[arg-type]


def test_a_recorded_base_stands_in_for_the_defaults() -> None:
    recorded = Layer("the recorded config of n 1.0.0", load_config(None, {"policy": {"min_words": 7}}).model_dump(mode="json"))
    config = load_config(None, {"policy": {"max_words": 70}}, base=recorded)
    assert (config.policy.min_words, config.policy.max_words) == (7, 70)
    stale = Layer("the recorded config of n 1.0.0", {"policy": {"old_rule": 1}})
    with pytest.raises(ConfigError, match=re.escape("the recorded config of n 1.0.0: unknown key policy.old_rule")):
        load_config(None, base=stale)


# Property: whatever a user writes into a config file or a --set, the outcome is a valid Config or a
# ConfigError; never another exception, never a config a manifest cannot record (NaN is not JSON).
def _leaves(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, field in model.model_fields.items():
        table = submodel(field.annotation)
        paths += _leaves(table, f"{prefix}{name}.") if table else [f"{prefix}{name}"]
    return paths


_PATHS = [*_leaves(Config), "sources.domains.a.example", "sources.folders.txt/a"]
_VALUES = ["", "1", "-1", "0", "3", "0.5", "0.05", "1e999", "nan", "-inf", "true", "false", '"en"', '""', '"a.b"', "[]",
           '["en", "de"]', "[1, \"a\"]", "{}", '{ expectation = "a.b", reason = "r" }', "99999999999999999999",
           "0x" + "f" * 40, "1979-05-27", "[[1]]", '"\\u00e9"', '{ text = ["body"] }', '[{ expectation = "a.b", reason = "r" }]']
_path = st.one_of(*[st.sampled_from(_PATHS)] * 4, st.builds("{}.{}".format, st.sampled_from(_PATHS), st.text(max_size=4)),
                  st.text(max_size=8))


def _toml(path: str, value: str) -> str:
    *table, key = [json.dumps(part) for part in path.split(".")]  # basic strings: any key, dots too
    return f"[{'.'.join(table)}]\n{key} = {value}" if table else f"{key} = {value}"


_line = st.one_of(*[st.builds(_toml, _path, st.sampled_from(_VALUES))] * 4, st.text(max_size=12))


def _valid_or_config_error(run: Callable[[], Config]) -> bool:
    try:
        config = run()
    except ConfigError as exc:
        assert str(exc)
        return False
    assert isinstance(config, Config)
    json.dumps(config.model_dump(mode="json"), allow_nan=False)
    return True


@settings(max_examples=300, deadline=None)
@given(st.lists(_line, max_size=6), st.sampled_from(["utf-8"] * 8 + ["utf-16"]))
def test_any_toml_ish_file_is_a_config_or_a_config_error(tmp_path_factory: pytest.TempPathFactory, lines: list[str],
                                                         encoding: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "c.toml"
    path.write_bytes("\n".join(lines).encode(encoding, "surrogatepass"))
    event("valid" if _valid_or_config_error(lambda: load_config(path)) else "ConfigError")


_set_value = st.sampled_from(["", "1", "-1", "x", "true", "no", "0.3", "0.05", "nan", "inf", "a,b", "[\"en\"]", "[1", "{}",
                              '{"text": ["a"]}', "[" * 3000, "9" * 5000, "99999999999999999999", "1_000", "١٢"]) \
    | st.text(max_size=8)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_path, st.sampled_from(["="] * 8 + ["", "=="]), _set_value), max_size=4))
def test_any_set_is_a_config_or_a_config_error(items: list[tuple[str, str, str]]) -> None:
    valid = _valid_or_config_error(lambda: resolve(Config, [set_layer(f"{p}{sep}{v}") for p, sep, v in items]))
    event("valid" if valid else "ConfigError")
