"""`curate config`'s TOML reads back to the config it was written from, whatever the strings hold."""

from __future__ import annotations

import tomllib

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.config import Config, load_config
from curate.config_toml import config_toml

_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=20)


def test_the_defaults_read_back_with_their_descriptions() -> None:
    text = config_toml(Config())
    assert Config.model_validate(tomllib.loads(text)) == Config()
    assert "# Publisher for documents nothing else names (--source).\n# default =\n" in text  # None: commented
    assert "\n[validation]\n" in text and "waivers = []" in text


@settings(max_examples=60, deadline=None)
@given(folders=st.dictionaries(_TEXT, _TEXT, max_size=3), default=_TEXT, language=_TEXT)
def test_any_string_reads_back(folders: dict[str, str], default: str, language: str) -> None:
    """Keys and values from a user: quotes, backslashes, newlines, DEL, dots, non-ASCII."""
    waiver = {"expectation": "dataset.train_share", "reason": language}
    config = load_config(None, {"sources": {"folders": folders, "default": default},
                                "validation": {"waivers": [waiver]}})
    assert Config.model_validate(tomllib.loads(config_toml(config))) == config
