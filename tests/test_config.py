from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from curate.config import Config, load_config
from curate.errors import ConfigError


def test_defaults_and_hash_ignores_executor() -> None:
    a = load_config(None)
    b = load_config(None, {"executor": {"workers": 7}})
    assert a.content_hash() == b.content_hash()
    assert a.content_hash() != load_config(None, {"policy": {"min_words": 3}}).content_hash()


def test_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[sources.folders]\n"txt/a" = "A Times"\n[policy]\nmin_words = 10\n', encoding="utf-8")
    config = load_config(path)
    assert config.sources.folders == {"txt/a": "A Times"} and config.policy.min_words == 10


@pytest.mark.parametrize(("text", "match"), [
    ("[policy]\nmin_wordz = 1\n", "policy.min_wordz"),
    ("[splits]\ntrain = 0.5\n", "add up to 1"),
    ("[policy\n", "not valid TOML"),
])
def test_bad_config_names_the_problem(tmp_path: Path, text: str, match: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=match) as caught:
        load_config(path)
    assert "bad.toml" in str(caught.value)


def test_missing_file() -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(Path("/nonexistent/curate.toml"))


def test_config_is_frozen() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        Config().policy.min_words = 1  # type: ignore[misc]
