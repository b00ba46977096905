"""The quality gate: validate a stored version, or any Parquet files of the schema.

Shards are read and flattened in worker processes while this process imports Great Expectations;
each chunk of flat rows is validated as it arrives, then the dataset-level tables. Every
expectation ends as one `Outcome`; a waiver from the config can excuse a failure, never an error.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import ValidationError

from curate.config import Config
from curate.errors import ConfigError, InputError
from curate.schema import SCHEMA_METADATA_KEY
from curate.store import Manifest, Store, load_manifest
from curate.store.manifest import update_manifest
from curate.validation import parameters
from curate.validation.dataset import DatasetTally, KeptClusters, accounting_frame, kept_clusters
from curate.validation.outcome import SCHEMA_CHECK, SCHEMA_CHECK_NOTES, GateResult, Observation, Outcome
from curate.validation.record import manifest_entry, write_folder
from curate.validation.shards import ShardPool, ShardView, Target, split_parts
from curate.validation.suites import fingerprint, load_suites
from curate.validation.views import INDEX

if TYPE_CHECKING:
    from curate.validation.gx_run import GxRunner

SUITE = {"article": "article_rows", "reject": "rejects"}
VALIDATION_FOLDER = "validation"


@dataclass
class _Run:
    """One gate run: outcomes so far, flat views waiting to be validated, dataset-level tallies."""

    config: Config
    params: dict[str, Any]
    runner: GxRunner
    outcomes: dict[str, Outcome]
    tally: DatasetTally
    pending: dict[str, list[pa.Table]] = field(default_factory=lambda: {kind: [] for kind in SUITE})
    counts: dict[str, Counter[str]] = field(default_factory=lambda: {"split": Counter(), "status": Counter(),
                                                                      "reason": Counter(), "input": Counter()})
    shards: dict[str, str] = field(default_factory=dict)
    rows: Counter[str] = field(default_factory=Counter)

    def add_part(self, found: ShardView) -> None:
        """Record a shard's schema check and counts (from its first part); validate the part's view
        once enough rows wait."""
        target = found.part.target
        check = self.outcomes[f"{SUITE[target.kind]}.{SCHEMA_CHECK}"]
        if found.part.first:
            self.shards[target.label] = found.sha256
            for column, counted in found.counts.items():
                self.counts[column].update(counted)
            check.add(Observation(SCHEMA_CHECK, check.kwargs, success=not found.schema_problems, rows=found.rows,
                                  unexpected=found.rows if found.schema_problems else 0,
                                  samples=[f"{target.label}: {p}" for p in found.schema_problems],
                                  errors=[found.error] if found.error else []))
        elif found.error:
            check.add(Observation(SCHEMA_CHECK, check.kwargs, success=False, errors=[found.error]))
        if found.view is None or not found.view.num_rows:
            return
        self.rows[target.kind] += found.view.num_rows
        self.pending[target.kind].append(found.view)
        if sum(view.num_rows for view in self.pending[target.kind]) >= self.config.validation.chunk_rows:
            self.flush(target.kind)

    def flush(self, kind: str) -> None:
        """Validate the waiting views of `kind` as one chunk."""
        chunk, self.pending[kind] = self.pending[kind], []
        if not chunk:
            return
        frame = pa.concat_tables(chunk).to_pandas()
        self.observe(SUITE[kind], self.runner.run(SUITE[kind], frame, self.params, INDEX[kind]))
        if kind == "article":
            self.tally.add(frame)

    def observe(self, suite: str, seen: list[Observation], samples: dict[str, list[str]] | None = None) -> None:
        for observation in seen:
            column = observation.kwargs.get("column")
            detail = samples.get(column) if samples is not None and column else None
            self.outcomes[f"{suite}.{observation.name}"].add(observation, detail)

    def check_dataset(self, build: Config, manifest: Manifest | None) -> None:
        """The dataset-level suites, on their one-row tables (accounting: only with a manifest)."""
        splits = self.counts["split"]
        frame, samples = self.tally.frame(splits)
        bounds = parameters.split_share_bounds(build.splits, sum(splits.values()), self.config.validation)
        self.observe("dataset", self.runner.run("dataset", frame, self.params | bounds, []), samples)
        if manifest is not None:
            frame, samples = accounting_frame(manifest.accounting.model_dump(), manifest.inputs, self.counts)
            self.observe("accounting", self.runner.run("accounting", frame, self.params, []), samples)


def _outcomes(suites: dict[str, dict[str, Any]]) -> dict[str, Outcome]:
    outcomes = {f"{suite}.{SCHEMA_CHECK}": Outcome(suite, SCHEMA_CHECK, "arrow_schema_equals", {}, SCHEMA_CHECK_NOTES)
                for suite in SUITE.values()}
    for suite, spec in suites.items():
        for e in spec["expectations"]:
            outcomes[f"{suite}.{e['meta']['name']}"] = Outcome(suite, e["meta"]["name"], e["type"], e["kwargs"],
                                                              str(e.get("notes") or ""))
    return outcomes


def _check_waivers(config: Config, outcomes: dict[str, Outcome]) -> None:
    unknown = [w.expectation for w in config.validation.waivers if w.expectation not in outcomes]
    if unknown:
        raise ConfigError(f"validation.waivers name unknown expectations: {', '.join(unknown)} "
                          f"(known: {', '.join(outcomes)})")


def _waive(config: Config, outcomes: dict[str, Outcome]) -> list[dict[str, Any]]:
    """Attach each waiver to its failed expectation; the waivers as recorded, with `applied`."""
    recorded = []
    for waiver in config.validation.waivers:
        outcome = outcomes[waiver.expectation]
        applied = not outcome.success
        if applied:
            outcome.waiver = waiver.reason
        recorded.append({**waiver.model_dump(), "applied": applied})
    return recorded


def prepare_runner() -> GxRunner:
    """Great Expectations imported, with every suite registered, and what the split bounds import
    (`parameters.binomial_range`): the gate's fixed cost, which a standby process pays ahead of the
    version it will validate (`standby.py`)."""
    import scipy.special  # noqa: F401 - imported here for its later use, not used here

    from curate.validation.gx_run import GxRunner  # seconds to import

    return GxRunner(load_suites())


def _gate(targets: list[Target], config: Config, build: Config, manifest: Manifest | None,
          clusters: KeptClusters | None = None, runner: GxRunner | None = None) -> GateResult:
    """Validate `targets` against the suites (the accounting suite only with a version's manifest;
    near-duplicates across splits only with the version's `clusters`), with `runner` when one
    was prepared."""
    started = time.perf_counter()
    suites = {name: spec for name, spec in load_suites().items() if name != "accounting" or manifest is not None}
    outcomes = _outcomes(suites)
    _check_waivers(config, outcomes)
    parts = list(split_parts(targets, config.validation.chunk_rows))
    with ShardPool(parts, config.executor.workers) as found:
        if runner is None:
            from curate.validation.gx_run import GxRunner  # seconds to import: overlaps with the workers' reading

            runner = GxRunner(suites)
        run = _Run(config, parameters.row_parameters(config, build), runner, outcomes, DatasetTally(clusters))
        for part in found:
            run.add_part(part)
    for kind in SUITE:
        run.flush(kind)
    run.check_dataset(build, manifest)
    for outcome in outcomes.values():
        outcome.finish()
    return GateResult(
        outcomes=list(outcomes.values()),
        shards=run.shards,
        rows={"articles": run.rows["article"], "rejects": run.rows["reject"]},
        suites={name: fingerprint(spec) for name, spec in suites.items()},
        thresholds=parameters.thresholds(config, build),
        waivers=_waive(config, outcomes),
        validated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        seconds=time.perf_counter() - started,
    )


def _recorded_config(manifest: Manifest) -> Config:
    try:
        return Config.model_validate(manifest.config)
    except (KeyError, ValidationError) as exc:
        raise ConfigError(f"the manifest of {manifest.name} {manifest.version} has no usable "
                          f"build config: {exc}") from exc


def validate_version(store: Store, name: str, version: str, config: Config,
                     runner: GxRunner | None = None) -> tuple[GateResult, Path]:
    """Validate a stored version with the build config it records and `config`'s [validation];
    writes `validation/` into the version and the verdict into its manifest, under the dataset's
    lock. `runner`: one `prepare_runner` made ahead (else GX is imported now)."""
    with store.lock(name, f"validate {version}"):
        return _validate_version(store, name, version, config, runner)


def _validate_version(store: Store, name: str, version: str, config: Config,
                      runner: GxRunner | None) -> tuple[GateResult, Path]:
    folder = store.require(name, version)
    manifest = load_manifest(folder)
    # Each shard is checked against the schema its version was written under (an older version's
    # rejects are reject_v1, without raw_size).
    targets = [Target(folder / s.path, s.path, "article", manifest.schema_.name) for s in manifest.shards]
    targets += [Target(folder / s.path, s.path, "reject", manifest.reject_schema.name)
                for s in manifest.rejects]
    result = _gate(targets, config, _recorded_config(manifest), manifest, kept_clusters(folder, manifest), runner)
    write_folder(folder / VALIDATION_FOLDER, result, f"{name} {version}")
    update_manifest(folder, "validation", manifest_entry(result, VALIDATION_FOLDER))
    return result, folder / VALIDATION_FOLDER


def _kind(path: Path) -> str:
    """article or reject: by the schema a curate shard names in its metadata, else by its columns."""
    try:
        schema = pq.read_schema(path)
    except (OSError, pa.ArrowInvalid, UnicodeEncodeError) as exc:  # Arrow opens only UTF-8 file names
        raise InputError(f"{path} is not a readable Parquet file: {exc}") from exc
    named = (schema.metadata or {}).get(SCHEMA_METADATA_KEY, b"")
    if b"reject_v" in named or {"status", "reason"} <= set(schema.names):
        return "reject"
    return "article"


def validate_files(paths: list[Path], config: Config, out: Path | None = None) -> tuple[GateResult, Path | None]:
    """Validate Parquet files of the schema (hand-edited or produced elsewhere) with `config`
    standing in for the build config; writes results.json and the validation page to `out` when given."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise InputError(f"no such file: {', '.join(missing)}")
    targets = [Target(p, str(p), _kind(p)) for p in paths]
    result = _gate(targets, config, config, None)
    if out is not None:
        write_folder(out, result, f"{len(paths)} Parquet file{'s' if len(paths) != 1 else ''}")
    return result, out
