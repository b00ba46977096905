"""The build configuration: one validated pydantic model, loaded from TOML or defaults.

Everything that can change a row lives here, and its hash (`Config.content_hash`) is recorded in
every row and manifest. How the build runs (worker count, batch size) lives in `ExecutorConfig`
and what the quality gate accepts lives in `ValidationConfig`; both are left out of the hash: the
same inputs and config give the same shards on any machine, whatever the gate's thresholds.
`curate.config_layers` assembles a config from defaults, files and options (deep merge, errors
that name their source); `curate.config_overrides` reads the command line's settings.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from curate.config_layers import Layer, file_layer, resolve
from curate.dedup.params import MinHashParams

if TYPE_CHECKING:
    from curate.store import Store


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)  # JSON has no NaN


class FieldMap(_Section):
    """Which record field holds what, for JSONL/JSON/CSV/Parquet/Hugging Face inputs.

    Each entry lists candidate names, tried in order; the first present and non-empty wins. A name
    is a path into the record (`article.body`; `\\.` is a dot inside a key: `curate.readers.paths`).
    """

    text: list[str] = Field(["text", "content", "body", "article", "maintext"],
                            description="Fields holding already-extracted article text.")
    html: list[str] = Field(["html", "raw_html", "page"], description="Fields holding a page's HTML.")
    title: list[str] = Field(["title", "headline"], description="Headline fields.")
    subtitle: list[str] = Field(["subtitle", "dek", "description", "standfirst"],
                                description="Dek / standfirst fields.")
    url: list[str] = Field(["url", "link", "canonical_url"], description="Article URL fields.")
    source: list[str] = Field(["source", "publisher", "site_name", "sitename"],
                              description="Publisher name fields.")
    published: list[str] = Field(["published", "date", "published_at", "publish_date", "pubdate"],
                                 description="Publication date fields.")
    authors: list[str] = Field(["authors", "author", "byline"],
                               description="Author fields (a list, or names separated by ';' or ' and ').")
    id: list[str] = Field([], description="Fields holding the record's own id, which then becomes the document "
                                          "id (hashed with its namespace; see README, Ids). None by default: the "
                                          "id comes from the url, else from the input path.")

    @model_validator(mode="after")
    def _paths(self) -> FieldMap:
        from curate.readers.paths import path_problem  # the readers package imports this module

        problems = [problem for names in self.model_dump().values() for name in names
                    if (problem := path_problem(name)) is not None]
        if problems:
            raise ValueError("; ".join(problems))
        return self


class ReadersConfig(_Section):
    fields: FieldMap = Field(default_factory=FieldMap, description="Record field mapping.")
    csv_delimiter: str = Field(",", description="Delimiter of CSV inputs.")
    metadata_bytes: int = Field(
        64 * 2**10, ge=0,
        description="A record's fields that no role uses are kept in the `metadata` column as a JSON object of at "
                    "most this many bytes; the fields that would go over are left out and named in "
                    "`metadata_omitted`. 0 keeps none (and names them all).")
    max_document_bytes: int = Field(8 * 2**20, ge=1, le=2**30,
                                    description="Larger documents are rejected (read_too_large); at most 1 GiB, "
                                                "as an Arrow string column holds at most 2 GiB a batch.")
    reject_raw_bytes: int = Field(
        8 * 2**20, ge=1,
        description="A rejected document keeps at most this many of its raw bytes as evidence (its message says "
                    "when it kept fewer than it had). The default is max_document_bytes' default: any document "
                    "small enough to build keeps all its bytes, so the gate can check them against their sha256; "
                    "only documents too large to build are cut. Lower it to keep rejects shards small.")


class SourcesConfig(_Section):
    """Where publisher names come from when the document itself does not say."""

    default: str | None = Field(None, description="Publisher for documents nothing else names (--source).")
    override: bool = Field(False, description="Use `default` even when the document names its publisher.")
    folders: dict[str, str] = Field(default_factory=dict,
                                    description="Folder (relative to the input root) -> publisher name.")
    domains: dict[str, str] = Field(default_factory=dict, description="URL domain -> publisher name.")


class LanguageConfig(_Section):
    min_score: float = Field(0.5, ge=0, le=1, description="Below this identifier confidence, language is `und`.")


class ExtractConfig(_Section):
    """How an HTML page's main text is found (trafilatura)."""

    fast: bool = Field(
        False,
        description="Skip trafilatura's fallback extractors (readability, justext), which replace its own text "
                    "when theirs is much longer or its own looks broken: about 1.3x faster an HTML page; on the "
                    "extraction bench the text differs on 1-8% of pages, better on some sets and worse on others "
                    "(BENCHMARKS.md). Taken at extraction: `curate rebuild` keeps what its version extracted.")


class BoilerplateConfig(_Section):
    """The line stage's decision; `curate rebuild --set boilerplate.threshold=...` re-decides a version."""

    threshold: float = Field(0.15, ge=0, le=1,
                             description="Least content probability (line model) a line needs to be kept; "
                                         "higher removes more. Tuned on the extraction bench (flat from 0.05 to 0.25); "
                                         "training/train_line_model.py records the value it tuned.")
    max_page_removed_chars: int = Field(
        20_000, ge=0, le=2**20,
        description="An HTML page's text its extractor left out (menus, banners, comments) is recorded as removed "
                    "spans up to this many characters a page, shared fairly between the kinds of page part, so rows "
                    "stay small; beyond it the boilerplate ratio counts less than the page had. 0 records none. "
                    "Taken at extraction: `curate rebuild` keeps what its version recorded.")


class TemplatesConfig(_Section):
    """The corpus pass that finds a source's template lines (footers, follow prompts)."""

    enabled: bool = Field(True, description="Run the template pass before the document pass.")
    min_share: float = Field(0.05, gt=0, le=1, description="A template line is in at least this share of its source's documents ...")
    min_docs: int = Field(3, ge=2, description="... and in at least this many of them.")
    max_line_chars: int = Field(200, ge=1, description="Longer lines are never templates (they are content, or duplicates).")


class PolicyConfig(_Section):
    """Keep/drop rules; every drop records its reason code (`policy_<rule>`). `curate.policy` says
    in which order they are checked; `benchmarks/quality_rules.py` measures each default on real
    articles (the BBC corpus, the extraction bench's pages, the claims bench) and on junk. A `min_`
    setting of 0 turns its rule off, and so does a `max_` one no text reaches (1 for a share)."""

    min_words: int = Field(50, ge=0, description="Drop texts with fewer words (policy_too_short).")
    max_words: int = Field(100_000, ge=1, description="Drop texts with more words (policy_too_long).")
    max_boilerplate_ratio: float = Field(
        0.95, ge=0, le=1,
        description="Drop documents that were mostly boilerplate (policy_boilerplate_ratio_high): the line stage's "
                    "share of the extracted document, not counting what an HTML page's extractor left out.")
    languages: list[str] = Field(default_factory=list,
                                 description="Allowed languages (ISO 639-1); empty allows all (policy_language_not_allowed).")
    drop_undetermined_language: bool = Field(
        False, description="Drop documents whose language the identifier could not name, `und` "
                           "(policy_language_undetermined). Off: real articles whose longest lines are a recipe's "
                           "ingredients, code or photo credits come out `und` (1 dev page of the extraction bench, "
                           "3 of its other pages); the junk that does is caught by the rules below.")
    drop_exact_duplicates: bool = Field(True, description="Keep only the first document with a given text "
                                                          "(policy_duplicate_content).")
    keep_duplicate_id: Literal["latest", "first"] = Field(
        "latest", description="Of several records with one id (one canonical URL), keep the latest in input order "
                              "(a re-crawl with corrected text) or the first; the others are dropped "
                              "(policy_duplicate_id).")
    # What the quality gate checks on a row (expectations/article_rows.json), dropped here instead
    # of failing the version; each rule asks the gate's own regex or check (curate.policy.gate).
    drop_markup: bool = Field(True, description="Drop documents whose text or title holds an HTML tag or character "
                                                "entity, by the gate's text_no_markup / title_no_markup regex "
                                                "(policy_markup_in_text, policy_markup_in_title). Also drops real "
                                                "articles that quote HTML (4 tech pages of the extraction bench) "
                                                "or kept a stray tag (1 article of the claims bench), which the "
                                                "gate would reject anyway.")
    drop_replacement_chars: bool = Field(True, description="Drop documents whose text or title holds U+FFFD, a "
                                                           "character lost in decoding (policy_replacement_char_in_text, "
                                                           "policy_replacement_char_in_title).")
    drop_control_chars: bool = Field(True, description="Drop documents whose text (beyond the line break) or title "
                                                       "holds a C0/C1 control character (policy_control_char_in_text, "
                                                       "policy_control_char_in_title).")
    drop_mojibake: bool = Field(True, description="Drop documents whose text or title still shows mojibake that "
                                                  "normalization could not repair, by ftfy's detector "
                                                  "(policy_mojibake_in_text, policy_mojibake_in_title).")
    drop_residual_boilerplate: bool = Field(True, description="Drop documents that kept a line the boilerplate "
                                                              "rules flag on their own, the gate's "
                                                              "no_residual_boilerplate (policy_residual_boilerplate).")
    drop_inconsistent_rows: bool = Field(False, description="Drop rows whose claims offsets, boilerplate flags or "
                                                            "spans are inconsistent (policy_row_inconsistent). Off: "
                                                            "that is a bug in curate's stages, for the gate to stop; "
                                                            "turn on to ship around a known one.")
    # The Gopher (Rae et al. 2021) and C4 (Raffel et al. 2020) rules on the `quality` signals.
    drop_lorem_ipsum: bool = Field(True, description="Drop texts holding \"lorem ipsum\", placeholder text "
                                                     "(policy_lorem_ipsum; C4).")
    max_curly_bracket_ratio: float = Field(
        0.05, ge=0, description="Drop texts with more curly brackets per word: code and JSON dumps "
                                "(policy_curly_brackets). C4 drops any page with a `{` (set 0 for that), which "
                                "drops tech articles quoting a line of code (13 pages of the extraction bench, "
                                "at most 0.036 a word); JSON dumps have 0.2 and more.")
    max_duplicate_paragraph_ratio: float = Field(
        0.6, ge=0, le=1, description="Drop texts whose characters are more than this share in paragraphs that "
                                     "repeat an earlier one (policy_repeated_paragraphs): pasted spam, machine "
                                     "repetition. Gopher drops above 0.2, which drops a meal-plan page of the "
                                     "extraction bench (0.55).")
    max_duplicate_line_ratio: float = Field(
        0.6, ge=0, le=1, description="As max_duplicate_paragraph_ratio, for lines, which text inputs keep inside "
                                     "paragraphs (policy_repeated_lines; Gopher: 0.2, measured as for paragraphs).")
    max_top_2gram_ratio: float = Field(
        0.2, ge=0, le=1, description="Drop texts whose most frequent word 2-gram covers more than this share of the "
                                     "word characters (policy_top_2gram): doorway pages, keyword stuffing. Gopher's "
                                     "value; real articles reach 0.15.")
    max_duplicate_5gram_ratio: float = Field(
        0.95, ge=0, le=1, description="Drop texts whose word characters are more than this share in 5-grams that "
                                      "occur twice (policy_repeated_5grams): a text pasted twice or more. Gopher "
                                      "drops above 0.15, which drops BBC articles that list award winners (0.34) and "
                                      "the meal-plan page (0.92). Pages whose text holds their article twice reach "
                                      "0.98 and are dropped.")
    min_alpha_word_ratio: float = Field(0.5, ge=0, le=1,
                                        description="Drop texts with fewer words containing letters: tables of "
                                                    "numbers (policy_not_prose). Gopher: 0.8, which drops sports "
                                                    "results and recipes (real pages reach 0.65).")
    min_mean_word_length: float = Field(
        3.0, ge=0, description="Drop texts whose words are shorter on average, in characters "
                               "(policy_short_words; Gopher). Not judged in languages written without spaces "
                               "(zh, ja, th, lo, km, my), whose words are estimated.")
    max_mean_word_length: float = Field(
        10.0, gt=0, description="Drop texts whose words are longer on average: URL lists, glued tokens "
                                "(policy_long_words; Gopher; not judged in languages written without spaces).")
    max_symbol_ratio: float = Field(
        0.1, ge=0, description="Drop texts with more hash signs and ellipses per word: hashtag spam "
                               "(policy_symbols; Gopher).")
    max_bullet_line_ratio: float = Field(
        0.9, ge=0, le=1, description="Drop texts with a larger share of lines starting with a bullet: bare lists "
                                     "(policy_bullet_lines; Gopher; BBC award lists reach 0.85, extracted pages 0.89).")
    max_ellipsis_line_ratio: float = Field(
        0.75, ge=0, le=1, description="Drop texts with a larger share of lines ending in an ellipsis: teaser lists "
                                      "(policy_ellipsis_lines). Gopher drops above 0.3, which drops short real "
                                      "articles whose author trails off… (a blog post of the extraction bench: 2 of "
                                      "its 3 lines; BBC and dev pages: 1 of 2 or 3).")
    min_stopword_ratio: float = Field(
        0.002, ge=0, le=1, description="Drop texts with a smaller share of common function words: keyword lists "
                                       "(policy_few_stopwords). Judged only in languages with a stop-word list "
                                       "(curate.signals.quality.STOPWORDS: English). Gopher asks for 2 of 8 words in "
                                       "any text; a ratio also catches a long list with a stray `and`. Real pages of "
                                       "box scores have 0.006 (2 in 317 words).")
    max_uppercase_ratio: float = Field(
        0.5, ge=0, le=1, description="Drop texts with a larger share of upper-case letters: all-caps shouting "
                                     "(policy_uppercase; not a Gopher rule: real articles reach 0.24).")
    min_sentences: int = Field(
        1, ge=0, description="Drop texts with fewer sentence ends: keyword and link lists, gibberish "
                             "(policy_few_sentences; not judged in Thai or Lao). C4 asks for 5, which drops BBC "
                             "articles of 4 sentences.")


_MINHASH = MinHashParams()  # the engine's defaults: measured, see curate/dedup/params.py


class DedupConfig(_Section):
    """Near-duplicate detection over the kept texts (MinHash of word n-grams, LSH bands, union-find;
    `curate.dedup`): one document per cluster is kept, and a cluster never spans splits."""

    enabled: bool = Field(True, description="Look for near-duplicates after the document pass.")
    ngram: int = Field(_MINHASH.ngram, ge=1, le=64, description="Words per shingle.")
    bands: int = Field(_MINHASH.bands, ge=1, le=1024, description="LSH bands: two texts that agree on every row of "
                                                                  "one band are compared.")
    rows: int = Field(_MINHASH.rows, ge=1, le=64, description="Signature rows per band.")
    seed: int = Field(_MINHASH.seed, ge=0, lt=2**63, description="Seed of the MinHash functions; signatures of "
                                                                 "different seeds cannot be compared.")
    threshold: float = Field(_MINHASH.threshold, ge=0, le=1,
                             description="Least estimated Jaccard similarity of two texts of one cluster (a candidate "
                                         "pair below it is not joined). The defaults are `curate.dedup.MinHashParams`'s, "
                                         "where their measurement is.")
    keep: Literal["first", "longest", "best_quality"] = Field(
        "first", description="Which document of a cluster is kept: the first in input order, the one with the "
                             "longest text, or the one with the least repetition and boilerplate (ties: the longer, "
                             "then the first).")
    drop: bool = Field(True, description="Drop the other members (policy_near_duplicate); false keeps them all and "
                                         "only gives them their cluster's split.")
    split_by_title: bool = Field(True, description="Documents of the same headline (3 words or more) share a split "
                                                   "too, as a cluster's members do: a short reprint can fall below "
                                                   "the threshold and still be the same story.")
    split_title_max: int = Field(1000, ge=2, description="A headline shared by more documents is a generic one "
                                                        "(\"Letters\") and groups nothing.")
    against_parent: bool = Field(True, description="Also compare with the parent version's documents (their stored "
                                                   "signatures): a new document near one already there is dropped "
                                                   "(policy_near_duplicate_of_reference), a document of the same id "
                                                   "keeps its split.")
    against: list[str] = Field(default_factory=list,
                               description="Other datasets of the store to compare with, as NAME or NAME@VERSION "
                                           "(--dedup-against).")

    def params(self) -> MinHashParams:
        """The engine's parameters."""
        return MinHashParams(ngram=self.ngram, bands=self.bands, rows=self.rows, seed=self.seed,
                             threshold=self.threshold)


class SplitsConfig(_Section):
    """Hash-based split ratios; `salt` is part of the hash, so changing it reshuffles everything."""

    train: float = Field(0.9, ge=0, le=1)
    validation: float = Field(0.05, ge=0, le=1)
    test: float = Field(0.05, ge=0, le=1)
    salt: str = Field("curate-split-v1", description="Hash salt of the assignment.")

    @model_validator(mode="after")
    def _sum_to_one(self) -> SplitsConfig:
        total = self.train + self.validation + self.test
        if abs(total - 1.0) > 1e-9:
            raise ValueError(f"split ratios must add up to 1, got {total}")
        return self


class ExecutorConfig(_Section):
    """How the build runs; not part of the config hash (it never changes a row)."""

    engine: Literal["local", "ray"] = Field("local", description="Where the passes run: `local`, a process pool on "
                                                                "this machine; `ray`, Ray Data (the `ray` extra).")
    ray_address: str | None = Field(None, description="With `engine = \"ray\"`: the cluster to join (`auto`, "
                                                      "`host:6379`); none starts a Ray here, "
                                                      "stopped when the build ends.")
    workers: int = Field(0, ge=0, le=1024, description="Worker processes; 0 means one per core (with a Ray started "
                                                       "here: its CPUs).")
    batch_size: int = Field(64, ge=1, description="Documents per task sent to a worker.")
    batch_bytes: int = Field(64 * 2**20, ge=1, description="Raw bytes per task at most (a single larger document "
                                                           "goes alone): batches of large documents stay this small, "
                                                           "so memory does not follow batch_size x document size.")
    shard_max_rows: int = Field(100_000, ge=1, description="Rows per Parquet shard at most.")


class Waiver(_Section):
    """A failing expectation accepted on purpose; recorded in the manifest and shown in the card."""

    expectation: str = Field(description="`<suite>.<name>` of the expectation, e.g. `article_rows.source_name_present`.")
    reason: str = Field(min_length=1, description="Why publishing despite this failure is acceptable.")


class ValidationConfig(_Section):
    """The quality gate (`curate validate`): thresholds the suites in `expectations/` read as
    `$PARAMETER`s, and waivers. Not part of the config hash: the gate never changes a row."""

    languages: list[str] = Field(default_factory=list,
                                 description="Allowed languages; empty means the build's policy.languages, and when "
                                             "that is empty too, any two- or three-letter code or `und`.")
    min_articles: int = Field(1, ge=0, description="Fewest articles a version may hold: an empty dataset is "
                                                   "not published.")
    max_source_missing_share: float = Field(0.0, ge=0, le=1,
                                            description="Share of articles allowed to have no publisher name.")
    max_repeated_content_share: float = Field(0.0, ge=0, le=1,
                                              description="Share of articles allowed to repeat an earlier article's "
                                                          "content_hash (exact duplicates).")
    max_near_duplicate_share: float = Field(0.0, ge=0, le=1,
                                            description="Share of articles allowed to be kept together with a "
                                                        "near-duplicate of theirs (only with [dedup] drop = false).")
    max_residual_boilerplate_share: float = Field(0.0, ge=0, le=1,
                                                  description="Share of articles allowed to keep a line the "
                                                              "boilerplate stage would remove.")
    split_tolerance_sigmas: float = Field(4.0, gt=0,
                                          description="A split's share may fall where its exact binomial tail is as "
                                                      "rare as this many normal standard deviations (plus split_tolerance).")
    split_tolerance: float = Field(0.01, ge=0, le=1, description="Absolute slack on every split's share.")
    chunk_rows: int = Field(10_000, ge=1,
                            description="Rows read by a worker and validated together: bounds the gate's memory "
                                        "(a few kB a row) whatever the size or number of shards.")
    waivers: list[Waiver] = Field(default_factory=list, description="Failing expectations accepted, each with a reason.")


class CardConfig(_Section):
    """What the published dataset card says that the rows cannot. Not part of the config hash:
    the card never changes a row."""

    pretty_name: str | None = Field(None, description="Human title of the dataset; default: its name.")
    description: str = Field("", description="One paragraph: what the dataset is and who it is for.")
    license: str = Field("other", description="Hub license id (e.g. cc-by-4.0); `other` when the sources' own "
                                              "terms apply.")
    license_name: str | None = Field(None, description="With `license = \"other\"`: an id for the terms (e.g. "
                                                       "my-license-1.0); default: publishers-copyright, the "
                                                       "publishers own the scraped text.")
    license_link: str | None = Field(None, description="With `license = \"other\"`: a URL or a path in the "
                                                       "repository to the terms (e.g. LICENSE.md); default: the "
                                                       "card's License section.")
    languages: list[str] = Field(default_factory=list,
                                 description="ISO 639-1 codes for the card; empty: every language of at least 1% "
                                             "of the kept articles.")
    task_categories: list[str] = Field(["text-generation"], description="Hub task categories.")
    limitations: list[str] = Field(default_factory=list,
                                   description="Known limitations, added to the ones the card states itself.")


class Config(_Section):
    readers: ReadersConfig = Field(default_factory=ReadersConfig)
    sources: SourcesConfig = Field(default_factory=SourcesConfig)
    language: LanguageConfig = Field(default_factory=LanguageConfig)
    extract: ExtractConfig = Field(default_factory=ExtractConfig)
    boilerplate: BoilerplateConfig = Field(default_factory=BoilerplateConfig)
    templates: TemplatesConfig = Field(default_factory=TemplatesConfig)
    policy: PolicyConfig = Field(default_factory=PolicyConfig)
    dedup: DedupConfig = Field(default_factory=DedupConfig)
    splits: SplitsConfig = Field(default_factory=SplitsConfig)
    executor: ExecutorConfig = Field(default_factory=ExecutorConfig)
    validation: ValidationConfig = Field(default_factory=ValidationConfig)
    card: CardConfig = Field(default_factory=CardConfig)

    def content_hash(self) -> str:
        """sha256 (first 16 hex) of everything that can change a row."""
        data = self.model_dump(mode="json", exclude={"executor", "validation", "card"})
        canonical = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def load_config(path: Path | None = None, overrides: Mapping[str, Any] | None = None, *,
                base: Layer | None = None, layers: Sequence[Layer] = ()) -> Config:
    """The defaults, or `base` (a version's recorded config), then the TOML file at `path`, then
    `overrides` (nested dicts), then `layers` (CLI options, each named in errors), merged deep: a
    later one changes only the keys it names. Any mistake is a ConfigError naming where it is."""
    stack = [*([base] if base else []), *([file_layer(path)] if path is not None else []),
             *([Layer("overrides", overrides)] if overrides is not None else []), *layers]
    return resolve(Config, stack)


def inherited_config(store: Store, name: str, from_version: str, path: Path | None = None,
                     overrides: Mapping[str, Any] | None = None, *, layers: Sequence[Layer] = ()) -> Config:
    """The config of what follows a version (a rebuild, another run of its gate): `from_version`'s
    recorded config, then the TOML file at `path`, `overrides` and `layers` on top, merged as
    `load_config` merges them; so what is not named again (publisher mappings, card text, field
    mapping, the gate's waivers) stays as the version had it."""
    from curate.store import load_manifest

    manifest = load_manifest(store.require(name, from_version))
    recorded = Layer(f"the recorded config of {name} {from_version}", manifest.config)
    return load_config(path, overrides, base=recorded, layers=layers)
