"""`--set` values read by the type of the field they name, and clear errors for every misuse of
`--set` and `--field`."""

from __future__ import annotations

from typing import Any

import pytest

from curate.config import Config, load_config
from curate.config_overrides import field_layer, option_layers, set_layer
from curate.errors import ConfigError


def _set(*items: str) -> Config:
    return load_config(None, layers=[set_layer(item) for item in items])


def _value(config: Config, path: str) -> Any:
    node: Any = config
    for key in path.split("."):
        node = node[key] if isinstance(node, dict) else node[int(key)] if isinstance(node, list) else getattr(node, key)
    return node


@pytest.mark.parametrize(("item", "path", "expected"), [
    ("sources.default=123", "sources.default", "123"),  # text stays text
    ("sources.default=true", "sources.default", "true"),
    ("sources.default= Bay Times ", "sources.default", " Bay Times "),
    ("sources.default=", "sources.default", None),  # an empty value clears an optional field
    ("card.description=", "card.description", ""),
    ("card.pretty_name=a=b", "card.pretty_name", "a=b"),
    ("policy.languages=en", "policy.languages", ["en"]),
    ("policy.languages=en, de,", "policy.languages", ["en", "de"]),
    ('policy.languages=["en", "de"]', "policy.languages", ["en", "de"]),
    ("policy.languages=", "policy.languages", []),
    ("templates.enabled=false", "templates.enabled", False),
    ("templates.enabled=No", "templates.enabled", False),
    ("templates.enabled=on", "templates.enabled", True),
    ("templates.enabled=1", "templates.enabled", True),
    ("policy.min_words=80", "policy.min_words", 80),
    ("policy.min_words= +80 ", "policy.min_words", 80),
    ("policy.max_words=1_000", "policy.max_words", 1000),
    ("boilerplate.threshold=0.3", "boilerplate.threshold", 0.3),
    ("boilerplate.threshold=1", "boilerplate.threshold", 1.0),
    ("readers.fields.text=body,content", "readers.fields.text", ["body", "content"]),
    ('readers.fields={"title": ["hed"]}', "readers.fields.title", ["hed"]),
    ('readers.fields={"title": ["hed"]}', "readers.fields.text", ["text", "content", "body", "article", "maintext"]),
    ("sources.domains.news.example.com=Example News", "sources.domains", {"news.example.com": "Example News"}),
    ('sources.folders={"txt/a": "A"}', "sources.folders", {"txt/a": "A"}),
    ('validation.waivers=[{"expectation": "a.b", "reason": "known"}]', "validation.waivers.0.reason", "known"),
])
def test_a_value_is_read_by_its_field_type(item: str, path: str, expected: Any) -> None:
    assert _value(_set(item), path) == expected


@pytest.mark.parametrize(("item", "fragments"), [
    ("policy.min_words", ["--set policy.min_words: expected SECTION.KEY=VALUE"]),
    ("policy=3", ["expected SECTION.KEY=VALUE"]),
    ("=3", ["expected SECTION.KEY=VALUE"]),
    ("policy.=3", ["expected SECTION.KEY=VALUE"]),
    ("polcy.min_words=3", ["unknown section polcy (did you mean policy?)", "valid sections: readers, sources"]),
    ("policy.min_wordz=3", ["unknown key policy.min_wordz (did you mean min_words?)", "valid keys of policy: min_words"]),
    ("readers.fields.txt=a", ["unknown key readers.fields.txt (did you mean text?)"]),
    ("policy.min_words.x=1", ["policy.min_words is an integer: it has no key x"]),
    ("policy.languages.x=en", ["policy.languages is a list (JSON, or items separated by commas): it has no key x"]),
    ("policy.min_words=abc", ["policy.min_words takes an integer, not 'abc'"]),
    ("policy.min_words=", ["policy.min_words takes an integer, not ''"]),
    ("policy.min_words=3.0", ["takes an integer, not '3.0'"]),
    ("policy.min_words=١٢", ["takes an integer"]),
    ("policy.min_words=" + "9" * 5000, ["takes an integer, not '999", "..."]),
    ("policy.min_words=99999999999999999999", ["does not fit in a signed 64-bit integer"]),
    ("policy.min_words=-1", ["policy.min_words: Input should be greater than or equal to 0, got -1",
                             "(from --set policy.min_words=-1)"]),
    ("boilerplate.threshold=high", ["boilerplate.threshold takes a number, not 'high'"]),
    ("boilerplate.threshold=nan", ["boilerplate.threshold: Input should be a finite number"]),
    ("validation.split_tolerance_sigmas=inf", ["Input should be a finite number, got inf"]),
    ("templates.enabled=maybe", ["templates.enabled takes true or false (or yes/no, on/off, 1/0), not 'maybe'"]),
    ("policy.languages=[en]", ["policy.languages takes a list (JSON, or items separated by commas), not '[en]'"]),
    ("policy.languages=" + "[" * 5000, ["takes a list"]),
    ("policy.languages=[1]", ["policy.languages.0: Input should be a valid string, got 1"]),
    ("sources.folders=txt/a", ["sources.folders takes a table (a JSON object), not 'txt/a'"]),
    ("readers.fields=3", ["[readers.fields] must be a table, not int 3"]),
    ("validation.waivers=x", ["validation.waivers takes a table (a JSON object), not 'x'"]),
    ("splits.train=0.5", ["splits: split ratios must add up to 1, got 0.6", "(from --set splits.train=0.5)"]),
])
def test_a_bad_set_names_the_key_the_value_and_what_it_takes(item: str, fragments: list[str]) -> None:
    with pytest.raises(ConfigError) as caught:
        _set(item)
    message = str(caught.value)
    assert all(f in message for f in fragments), message
    assert len(message) < 1000


def test_a_later_set_wins_and_a_set_wins_over_an_option() -> None:
    config = load_config(None, layers=option_layers(source="Wire", workers=2, sets=["policy.min_words=5",
                                                                                    "policy.min_words=6",
                                                                                    "executor.workers=4"]))
    assert (config.policy.min_words, config.executor.workers, config.sources.default) == (6, 4, "Wire")
    assert load_config(None, layers=option_layers(source="")).sources.default is None


def test_field_roles() -> None:
    layer = field_layer(["text=story", "title=hed", "text=body"])
    assert layer.data == {"readers": {"fields": {"text": ["story", "body"], "title": ["hed"]}}}
    for item, fragment in [("body", "--field body: expected ROLE=COLUMN"), ("text=", "--field text=: expected"),
                           ("=body", "expected ROLE=COLUMN"), ("txt=body", "unknown role txt (did you mean text?)")]:
        with pytest.raises(ConfigError, match="ROLE one of text, html, title") as caught:
            field_layer([item])
        assert fragment in str(caught.value)


def test_the_id_role_and_field_paths_from_the_command_line() -> None:
    config = load_config(None, layers=option_layers(fields=["id=doc_id", "text=article.body", "title=meta.a\\.b"]))
    assert (config.readers.fields.id, config.readers.fields.text, config.readers.fields.title) == (
        ["doc_id"], ["article.body"], ["meta.a\\.b"])
    for bad, said in [("text=article..body", "an empty key"), ("id=a\\b", "must be followed by '.' or '\\\\'")]:
        with pytest.raises(ConfigError, match=said):
            load_config(None, layers=option_layers(fields=[bad]))
