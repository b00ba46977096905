"""The claims stage looks for claims only in the languages its rules are written for, and says so."""

from __future__ import annotations

from curate.claims import LANGUAGES, attempted, find_claims
from curate.schema import load_schema

ENGLISH = 'The plan is "irresponsible," said Mayor Ana Ruiz. Officials told reporters that the pier would reopen.'
# An English cue word in a French sentence: the rules would attribute it if they ran.
FRENCH = 'Le maire a dit : "le plan est irresponsable," said le journal. Selon le ministre, le port rouvrira.'


def test_english_claims_are_found() -> None:
    assert attempted("en") and len(find_claims(ENGLISH, "en")) >= 2


def test_other_languages_get_an_empty_list_without_looking() -> None:
    assert find_claims(FRENCH, "en")  # the rules do fire on this text...
    for language in ("fr", "de", "es", "und", ""):
        assert not attempted(language) and find_claims(FRENCH, language) == []  # ...but never run for it


def test_the_schema_names_the_languages_claims_are_extracted_for() -> None:
    fields = {node["name"]: node for node in load_schema("article").spec["fields"]}
    assert fields["claims_attempted"]["type"] == "bool" and not fields["claims_attempted"]["nullable"]
    assert all(f"`{language}`" in fields["claims_attempted"]["description"] for language in LANGUAGES)
