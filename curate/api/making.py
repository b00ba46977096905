"""The calls that make something: a version (`build`, `rebuild`) and, after it, its gate and
report; a gate run (`validate`, `validate_files`), a report, a publication, a reproduction.

`build` and `rebuild` run build -> gate -> report in that order, as the command line does: the
report is written also when the gate fails (it shows why), and a failed gate leaves the version
in the store with its verdict recorded (`curate.load` then refuses it).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.api.options import ConfigLike, StoreLike, build_config, open_store, version_config
from curate.api.progress import PipelineProgress, Progress, ProgressCallback, displayed, step
from curate.api.results import Validation, VersionResult
from curate.config import Config
from curate.errors import CurateError, DocumentError
from curate.store import Store
from curate.store.manifest import MANIFEST, Manifest

if TYPE_CHECKING:
    from curate.pipeline.build import BuildResult
    from curate.pipeline.reproduce import Reproduction
    from curate.publishing import PublishResult
    from curate.reporting.write import ReportResult
    from curate.validation.standby import StandbyGate

log = logging.getLogger(__name__)


def build(inputs: Sequence[str | Path], name: str, config: ConfigLike = None, *,
          overrides: Mapping[str, Any] | None = None, version: str | None = None, store: StoreLike = None,
          resume: bool = True, validate: bool = True, report: bool = True, progress: Progress = None,
          executor: str | None = None, ray_address: str | None = None) -> VersionResult:
    """Build a new version of `name` from files or folders, then run its quality gate and write its
    report. `version`: default the next minor, `auto` numbered from the diff against the latest.
    A build of the same inputs that was killed or crashed resumes from the batches it finished.
    `executor`: `local` or `ray` (Ray Data: the cluster at `ray_address`, or a Ray started here)."""
    from curate.pipeline.build import build as run_build

    where, cfg = open_store(store), build_config(config, _run_on(overrides, executor, ray_address))
    return _make(where, name, cfg, validate, report, progress, lambda on_progress: run_build(
        [Path(p) for p in inputs], name, cfg, store=where, version=version, on_progress=on_progress, resume=resume))


def rebuild(name: str, from_version: str, config: ConfigLike = None, *, overrides: Mapping[str, Any] | None = None,
            version: str | None = None, store: StoreLike = None, validate: bool = True, report: bool = True,
            progress: Progress = None, executor: str | None = None, ray_address: str | None = None) -> VersionResult:
    """Re-annotate `from_version`'s rows, without the inputs, under its recorded config with a TOML
    file (`config`) and `overrides` on top; then the gate and the report, as `build`."""
    from curate.pipeline.rebuild import rebuild as run_rebuild

    where = open_store(store)
    cfg = version_config(where, name, from_version, config, _run_on(overrides, executor, ray_address))
    return _make(where, name, cfg, validate, report, progress, lambda on_progress: run_rebuild(
        name, from_version, cfg, store=where, version=version, on_progress=on_progress))


def _run_on(overrides: Mapping[str, Any] | None, executor: str | None,
            ray_address: str | None) -> Mapping[str, Any] | None:
    """`overrides` with the `executor` and `ray_address` arguments in its `[executor]` section."""
    chosen = {key: value for key, value in (("engine", executor), ("ray_address", ray_address)) if value is not None}
    if not chosen:
        return overrides
    given = dict(overrides or {})
    return {**given, "executor": {**given.get("executor", {}), **chosen}}


def _make(store: Store, name: str, config: Config, validate: bool, report: bool, progress: Progress,
          make: Callable[[Callable[[str, int], None]], BuildResult]) -> VersionResult:
    log.debug("building %s (config %s)", name, config.content_hash())
    # The gate's fixed cost (importing Great Expectations) is paid beside the build, in a process
    # started before the display's thread is.
    with _standby(validate) as standby, displayed(progress) as show:
        started = time.perf_counter()
        made = make(PipelineProgress(show))
        seconds = time.perf_counter() - started
        version = str(made.manifest["version"])
        log.info("built %s %s -> %s", name, version, made.path)
        try:
            validation = _validate(store, name, version, config, show, standby) if validate else None
            written = _report(store, name, version, show).index if report else None
        except CurateError as exc:
            raise _after_build(exc, name, version) from exc
    return VersionResult(name, made.path, Manifest.parse(made.manifest, made.path / MANIFEST), validation, written, seconds)


def _after_build(exc: CurateError, name: str, version: str) -> CurateError:
    """The same error, saying that the version was built and stays (only its gate or report failed)."""
    if isinstance(exc, DocumentError):
        return exc
    return type(exc)(f"{name} {version} was built and stays in the store, but: {exc}")


def validate(name: str, version: str | None = None, config: ConfigLike = None, *,
             overrides: Mapping[str, Any] | None = None, store: StoreLike = None, report: bool | None = None,
             progress: Progress = None) -> Validation:
    """Run the quality gate on a stored version (default: the latest) with the config it recorded,
    a TOML file and `overrides` on top (thresholds, waivers). Writes validation/ into the version
    and the verdict into its manifest; rewrites its report when it has one (`report=None`), or
    always (True), or never (False)."""
    from curate.reporting.write import REPORT

    where = open_store(store)
    version = version or _latest(where, name)
    cfg = version_config(where, name, version, config, overrides)
    with displayed(progress) as show:
        result = _validate(where, name, version, cfg, show)
        if report or (report is None and (where.require(name, version) / REPORT / "index.html").is_file()):
            return replace(result, report=_report(where, name, version, show).index)
    return result


def validate_files(paths: Sequence[str | Path], config: ConfigLike = None, *,
                   overrides: Mapping[str, Any] | None = None, out: str | Path | None = None,
                   progress: Progress = None) -> Validation:
    """Run the quality gate on Parquet files of the schema (shards of a version, or files made
    elsewhere); with `out`, write results.json and the validation page there."""
    from curate.validation import validate_files as run_validate_files

    cfg = build_config(config, overrides)
    with displayed(progress) as show, step(show, "validation"):
        gate, folder = run_validate_files([Path(p) for p in paths], cfg, Path(out) if out else None)
    _log_verdict(Validation(gate, folder), "the files")
    return Validation(gate, folder)


def _standby(validate: bool) -> AbstractContextManager[StandbyGate | None]:
    """The gate being prepared while the build runs, when the job validates."""
    from curate.validation.standby import StandbyGate

    return StandbyGate() if validate else nullcontext()


def _validate(store: Store, name: str, version: str, config: Config, show: ProgressCallback,
              standby: StandbyGate | None = None) -> Validation:
    from curate.validation.standby import validate_with

    with step(show, "validation"):
        gate, folder = validate_with(standby, store, name, version, config)
    result = Validation(gate, folder, name, version)
    _log_verdict(result, f"{name} {version}")
    return result


def _log_verdict(result: Validation, what: str) -> None:
    """At INFO, failed or not: a verdict is what the call returns, not an incident."""
    if result.passed:
        log.info("validation of %s passed -> %s", what, result.folder)
    else:
        log.info("validation of %s failed: %s", what, result.next_step)


def report(name: str, version: str | None = None, *, store: StoreLike = None,
           progress: Progress = None) -> ReportResult:
    """Write the quality report of a version (default: the latest): report/index.html, one
    self-contained page with document pages under report/docs/, and report/summary.json."""
    where = open_store(store)
    with displayed(progress) as show:
        return _report(where, name, version or _latest(where, name), show)


def _report(store: Store, name: str, version: str, show: ProgressCallback) -> ReportResult:
    from curate.reporting import write_report

    with step(show, "report"):
        result = write_report(store, name, version)
    log.info("report of %s %s -> %s", name, version, result.index)
    return result


def publish(name: str, version: str | None = None, *, to: str | Path | None = None, store: StoreLike = None,
            dry_run: bool = False, private: bool | None = None) -> PublishResult:
    """Publish a version whose gate passed (default: the latest) to `to`: a local folder or
    `hf://datasets/ORG/NAME` (default: the local repository STORE/NAME/hub). Publishing the same
    version to the same target again does nothing. A Hub repository it creates is private unless
    `private=False` (publishers own scraped news); `private` with a local target is a PublishError."""
    from curate.publishing import publish as run_publish

    result = run_publish(open_store(store), name, version, str(to) if to is not None else None, dry_run=dry_run,
                         private=private)
    log.info("%s %s %s -> %s", "planned" if dry_run else result.action, name, result.tag, result.target)
    return result


def reproduce(name: str, version: str, *, store: StoreLike = None, inputs: Sequence[str | Path] | None = None,
              workers: int | None = None, progress: Progress = None) -> Reproduction:
    """Rebuild `version` from its recorded inputs (or `inputs`, where they are now) and config;
    `.ok` when every shard is byte-identical."""
    from curate.pipeline.reproduce import reproduce as run_reproduce

    with displayed(progress) as show:
        return run_reproduce(open_store(store), name, version, inputs=[Path(p) for p in inputs] if inputs else None,
                             workers=workers, on_progress=PipelineProgress(show))


def _latest(store: Store, name: str) -> str:
    from curate.errors import StoreError

    latest = store.latest(name)
    if latest is None:
        raise StoreError(f"dataset {name!r} has no versions in {store.root}")
    return latest
