"""The dataset card (`README.md`): YAML metadata the Hub and `datasets` read, then the page a
reader wants. Everything in it is derived from the schema, the manifest and the shards; nothing
is restated by hand, so the card cannot drift from the data it describes.

Values from the data and the config (publisher names, input file names, languages, reasons,
config text) go into the page through `markdown.text` and friends, never raw, and into the YAML
through `yaml.safe_dump` on one line each, so neither can be broken by what a scraped page says.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from curate.claims import LANGUAGES as CLAIM_LANGUAGES
from curate.config import CardConfig, Config
from curate.dedup import MinHashParams
from curate.publishing.contents import Contents
from curate.publishing.markdown import Markdown, code, fenced, one_line, paragraphs, table, text
from curate.reporting.clusters import DROP_NOTES, DROP_REASONS, compared_with, method_description
from curate.schema import article_schema_of
from curate.store.manifest import Manifest

# Limitations true of every curate dataset, whatever its config; the config adds its own.
_LIMITATIONS = (
    "Boilerplate removal is statistical: a few page leftovers stay and a few body lines go. Every "
    "removed span is kept in `boilerplate` with its kind and rule, so a user can audit or undo it.",
    "Claims are found by rules over attribution cues (said, told, according to, reported ...): "
    "unattributed assertions and claims spread over several sentences are missed.",
    "Language is identified per article with fastText lid.176; mixed-language articles get the "
    "majority language.",
)

# `license: other` with no licence of the config's: the articles are the publishers' (scraped news).
DEFAULT_LICENSE_NAME = "publishers-copyright"
DEFAULT_LICENSE_LINK = "README.md#license"

# A language tag the Hub's `language` metadata can take (ISO 639 code, optional subtags).
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")

_SIZES = ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"), (1_000_000, "100K<n<1M"),
          (10_000_000, "1M<n<10M"), (100_000_000, "10M<n<100M"))


def size_category(rows: int) -> str:
    for limit, name in _SIZES:
        if rows < limit:
            return name
    return "n>100M"


def card_config(manifest: Manifest) -> CardConfig:
    """The recorded config's `card` section, defaults filled in (older versions have none)."""
    return Config.model_validate(manifest.config).card


def license_fields(card: CardConfig) -> dict[str, str]:
    """`license`, and for `other` the `license_name` and `license_link` the Hub asks for with it
    (the config's, else curate's default for scraped news: the publishers' copyright, explained
    in the card's License section; a blank one counts as none). A named licence takes a name
    and link only when given."""
    license = one_line(card.license) or "other"  # a blank value says nothing: the terms are unknown
    other = license == "other"
    name = one_line(card.license_name or "") or (DEFAULT_LICENSE_NAME if other else "")
    link = one_line(card.license_link or "") or (DEFAULT_LICENSE_LINK if other else "")
    return {"license": license, **{key: value for key, value in (("license_name", name), ("license_link", link))
                                   if value}}


def claim_languages() -> str:
    """The languages claims are extracted for, in words: for the card and the README."""
    return ", ".join(f"`{language}`" for language in CLAIM_LANGUAGES)


def card_metadata(manifest: Manifest, contents: Contents) -> dict[str, Any]:
    """The card's YAML header: what `huggingface_hub.DatasetCard` parses and `load_dataset` reads."""
    import datasets

    card = card_config(manifest)
    splits = [split for split, rows in contents.rows.items() if rows]
    # Sizes as `datasets` means them: a split's num_bytes is its Arrow size in memory, the
    # download the Parquet files.
    info = datasets.DatasetInfo(
        features=article_schema_of(manifest).features(),
        splits=datasets.SplitDict({s: datasets.SplitInfo(s, num_bytes=contents.arrow_bytes[s],
                                                         num_examples=contents.rows[s]) for s in splits}),
        download_size=sum(contents.bytes[s] for s in splits),
        dataset_size=sum(contents.arrow_bytes[s] for s in splits),
    )
    languages = card.languages or contents.main_languages()
    return {
        "pretty_name": one_line(card.pretty_name or manifest.name),
        **license_fields(card),
        "language": [lang for lang in languages if _LANGUAGE_TAG.fullmatch(lang)],  # the body lists them all
        "size_categories": [size_category(contents.total)],
        "task_categories": [one_line(task) for task in card.task_categories],
        "tags": ["news", "curate"],
        "configs": [{"config_name": "default",
                     "data_files": [{"split": s, "path": f"data/{s}-*"} for s in splits]}],
        "dataset_info": info._to_yaml_dict(),
    }


def render_card(manifest: Manifest, contents: Contents, changes: list[str], repo_id: str, *,
                local: bool) -> str:
    """The whole README.md: YAML front matter, then the sections a reader looks for."""
    meta = card_metadata(manifest, contents)
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000)
    sections = [
        _about(manifest, meta), _contents(manifest, contents), _fields(manifest), _curation(manifest),
        _near_duplicates(manifest), _gate(manifest), _accounting(manifest), _changelog(manifest, changes),
        _limitations(manifest, contents), _license(manifest), _loading(manifest, repo_id, local),
    ]
    return f"---\n{front}---\n\n" + "\n\n".join(sections) + "\n"


def _about(manifest: Manifest, meta: dict[str, Any]) -> str:
    description = card_config(manifest).description or (
        "News articles curated from scraped pages: clean body text, where each article came from, "
        "every page leftover that was removed (with its kind), the attributed claims in the text, "
        "quality signals, and a reproducible split.")
    parent = text(manifest.parent) if manifest.parent else "none (first version)"
    return (f"# {text(meta['pretty_name'])}\n\n{paragraphs(description)}\n\n"
            f"Version **{text(manifest.version)}** of {code(manifest.name)}, built {text(manifest.created)} "
            f"by curate {text(manifest.pipeline_version)}. Parent version: {parent}.")


def _contents(manifest: Manifest, contents: Contents) -> str:
    splits = table(("split", "articles", "Parquet bytes", "Arrow bytes in memory"),
                   [(s, f"{n:,}", f"{contents.bytes[s]:,}", f"{contents.arrow_bytes[s]:,}")
                    for s, n in contents.rows.items() if n])
    publishers = table(("publisher", "articles"), [(p, f"{n:,}") for p, n in contents.publishers.most_common()])
    languages = table(("language", "articles"), [(lang, f"{n:,}") for lang, n in contents.languages.most_common()])
    inputs = table(("input", "reader", "bytes", "sha256"),
                   [(i["uri"], i["reader"], f"{i['bytes']:,}", i["sha256"][:16]) for i in manifest.inputs])
    return (f"## Contents\n\n{contents.total:,} articles.\n\n{splits}\n\n### Sources\n\n{publishers}\n\n"
            f"### Languages\n\n{languages}\n\n### Inputs\n\n{inputs}")


def _fields(manifest: Manifest) -> str:
    schema = article_schema_of(manifest)
    # The schema's descriptions are curate's own Markdown (`code` spans); only their pipes need escaping.
    rows = [(code(path), kind, Markdown(description.replace("|", "\\|")))
            for path, kind, description in schema.field_table()]
    return f"## Fields\n\nSchema {code(schema.name)} (fingerprint {code(schema.fingerprint[:16])}).\n\n" + \
        table(("field", "type", "description"), rows)


def _curation(manifest: Manifest) -> str:
    config = manifest.config
    settings = {section: config[section] for section in ("policy", "dedup", "boilerplate", "templates", "language",
                                                         "splits") if section in config}
    # JSON may spell <, > and & as \u escapes: the block then holds no HTML character at all.
    shown = json.dumps(settings, indent=2, ensure_ascii=False)
    shown = shown.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    return ("## How it was curated\n\nStages, in order (name@version): "
            + ", ".join(code(stage) for stage in manifest.stages)
            + f".\n\nConfig hash {code(manifest.config_hash)}; inputs hash {code(manifest.inputs_hash[:16])}. "
            "The settings that decide what is kept:\n\n" + fenced(shown, "json"))


def _gate(manifest: Manifest) -> str:
    gate = manifest.validation
    if not gate:
        return "## Quality gate\n\nThis version was not validated."
    verdict = "passed" if gate.passed else "failed: " + ", ".join(code(key) for key in gate.failed)
    suites = ", ".join(code(name) for name in gate.suites)
    waivers = [(code(w["expectation"]), w["reason"], "yes" if w.get("applied") else "no") for w in gate.waivers]
    waiver_text = ("\n\nWaivers (failures accepted on purpose):\n\n" + table(("expectation", "reason", "applied"), waivers)
                   if waivers else "\n\nNo waivers.")
    return (f"## Quality gate\n\nGreat Expectations suites {suites}: **{verdict}** at {text(gate.validated_at)}, "
            f"on shards whose sha256 were re-checked before publishing.{waiver_text}")


def _near_duplicates(manifest: Manifest) -> str:
    dedup = manifest.dedup
    title = "## Near-duplicates\n\n"
    if not dedup or not dedup.get("enabled"):
        why = "was off for this version" if dedup else "did not exist when this version was built"
        return (f"{title}Near-duplicate detection {why}: only exact copies of a text were removed, and "
                "near-copies of one article may be in the data more than once, in different splits.")
    params = dedup["params"]
    settings = table(("setting", "value"), [
        ("n (words per shingle)", str(params["ngram"])),
        ("bands x rows", f"{params['bands']} x {params['rows']}"), ("seed", str(params["seed"])),
        ("threshold (estimated Jaccard)", f"{params['threshold']:g}"), ("keep", dedup["keep"]),
        ("others", "dropped" if dedup["drop"] else "annotated only (kept, given their cluster's split)")])
    counts = table(("", "documents"), [
        ("clusters (of two or more documents)", f"{dedup['clusters']:,}"),
        ("of them, a document found again by its id in a reference, alone", f"{dedup.get('same_document', 0):,}"),
        ("documents of this version's build in them", f"{dedup['documents_in_clusters']:,}"),
        *((Markdown(f"dropped as {code(reason)}"), f"{dedup[key]:,}") for key, reason in DROP_REASONS.items())])
    notes = "".join(f"\n- {text(note)}" for note in dedup["notes"])
    return (f"{title}{text(method_description(manifest))} Compared: {text(compared_with(manifest))}."
            f"\n\n{settings}\n\n{counts}" + (f"\n\nNotes:\n{notes}" if notes else ""))


def _meaning(reason: str) -> str:
    """What a reason code means, in words: the near-duplicate ones in full, the others by stage."""
    if reason in DROP_NOTES:
        return DROP_NOTES[reason]
    stage = reason.split("_", 1)[0]
    return "a [policy] rule" if stage == "policy" else f"an error at stage {stage}"


def _accounting(manifest: Manifest) -> str:
    acc = manifest.accounting
    totals = table(("read", "kept", "dropped (policy)", "rejected (errors)"),
                    [(f"{acc.read:,}", f"{acc.kept:,}", f"{acc.dropped:,}", f"{acc.rejected:,}")])
    reasons = table(("reason", "documents", "what it means"),
                    [(code(r), f"{n:,}", _meaning(r)) for r, n in acc.by_reason.items()])
    return f"## Accounting\n\nEvery document read is kept, dropped by a policy rule or rejected by an error.\n\n{totals}\n\n{reasons}"


def _changelog(manifest: Manifest, changes: list[str]) -> str:
    if not manifest.parent:
        return "## Changes\n\nFirst version."
    return f"## Changes since {text(manifest.parent)}\n\n" + "\n".join(f"- {text(line)}" for line in changes)


def _splits_limitation(manifest: Manifest) -> str:
    """What keeps near-copies out of different splits, and what does not: it depends on the dedup."""
    dedup = manifest.dedup
    if not dedup or not dedup.get("enabled"):
        return ("Splits are assigned by a salted hash of each article's id, not by topic or date, and "
                "near-duplicate detection was off: near duplicates with different ids can land in different splits.")
    params = dedup["params"]
    at = params["threshold"] or 0.5  # threshold 0 joins every pair LSH finds
    paired = MinHashParams(bands=params["bands"], rows=params["rows"]).candidate_probability(at)
    by_title = ", and so do articles of one headline" if manifest.config.get("dedup", {}).get("split_by_title") else ""
    return ("Splits are assigned by a salted hash of each article's id, not by topic or date. Near-duplicates "
            f"share a split: every member of a near-duplicate cluster has its cluster's split{by_title}. Near-copies less "
            f"similar than the threshold (estimated Jaccard {params['threshold']:g} of word {params['ngram']}-grams), "
            f"or that LSH did not pair (two texts of Jaccard {at:g} are paired with probability {paired:.1%}), "
            "can still land in different splits.")


def _claims_limitation(contents: Contents) -> Markdown:
    """Which languages claims were looked for in, and how many articles they were not."""
    which = f"Claims are extracted for {claim_languages()} only"
    if contents.claims_not_attempted is None:
        return Markdown(f"{which}; this version predates `claims_attempted`, so its articles in other languages "
                        "have an empty `claims` list that does not say nobody looked.")
    return Markdown(f"{which}: the {contents.claims_not_attempted:,} articles in other languages (or of an unsure "
                    "language, `und`) have `claims_attempted` false and an empty `claims` list, because nobody "
                    "looked, not because they attribute nothing.")


def _limitations(manifest: Manifest, contents: Contents) -> str:
    items = [Markdown(item) for item in _LIMITATIONS] + [_claims_limitation(contents), text(_splits_limitation(manifest))]
    items += [text(item) for item in card_config(manifest).limitations]
    return "## Limitations\n\n" + "\n".join(f"- {item}" for item in items)


def _license(manifest: Manifest) -> str:
    """What the licence metadata says, and for curate's default what it means."""
    fields = license_fields(card_config(manifest))
    shown = table(("field", "value"), [(code(key), value) for key, value in fields.items()])
    if fields.get("license_name") != DEFAULT_LICENSE_NAME:
        return f"## License\n\n{shown}"
    return ("## License\n\n" + shown + "\n\nThe articles are scraped news: their text belongs to their publishers "
            "(the Sources table names them), and no licence to it is granted here. The annotations curate added "
            "(boilerplate spans, claims, quality signals, splits) describe that text. Check each publisher's terms "
            "before using, sharing or training on the data; publish it privately unless they allow more.")


def _loading(manifest: Manifest, repo_id: str, local: bool) -> str:
    tag = f"v{manifest.version}"
    if local:  # a path on the machine that published means nothing elsewhere: load the checkout you are in
        first = (f"From the folder of this repository's checkout ({code(f'git checkout {tag}')} for this version):\n\n"
                 + fenced("import datasets\n\nds = datasets.load_dataset('.')", "python"))
    else:
        first = fenced(f"import datasets\n\nds = datasets.load_dataset({repo_id!r}, revision={tag!r})", "python")
    return ("## How to load\n\n" + first + "\n\nor, where the curate store is at hand:\n\n"
            + fenced(f"import curate\n\nds = curate.load({manifest.name!r}, version={manifest.version!r})",
                     "python"))
