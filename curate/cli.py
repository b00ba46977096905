"""The `curate` command line: one subcommand per job, each a thin shell over the Python API."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Column, Table

from curate import __version__, api
from curate.config import Config, inherited_config, load_config
from curate.config_overrides import option_layers
from curate.errors import CurateError
from curate.schema import load_schema
from curate.store import Store, default_store, load_manifest, read_manifest
from curate.store.manifest import Verdict

if TYPE_CHECKING:
    from curate.api import Validation, VersionResult

app = typer.Typer(no_args_is_help=True, add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})
console = Console(soft_wrap=True)  # what a command made, for a person: silenced by --quiet
err = Console(stderr=True, soft_wrap=True)  # errors and the failed gate's next step: never silenced
_log_handler: logging.Handler | None = None

StoreOption = Annotated[Path | None, typer.Option("--store", envvar="CURATE_STORE",
                                                  help="Store root (default: data/curated).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the result as JSON on stdout, and nothing else there.")]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"curate {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                          help="Print curate's version and exit.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors, the failed gate's next step and "
                                                              "--json output; no progress.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Also log what curate does (the `curate` "
                                                                  "loggers, DEBUG) on stderr.")] = False,
) -> None:
    """Curate scraped news articles into a versioned, validated dataset.

    Exit codes: 0 done, 1 the quality gate failed (or a reproduction differs), 2 a usage or
    config error, a missing input or version.
    """
    global _log_handler
    if quiet and verbose:
        raise typer.BadParameter("--quiet and --verbose: one or the other")
    console.quiet = quiet
    logger = logging.getLogger("curate")
    if _log_handler is not None:  # a second command in one process (tests) replaces the first's
        logger.removeHandler(_log_handler)
    _log_handler = logging.StreamHandler(sys.stderr)
    _log_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(_log_handler)
    logger.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.WARNING)


def _store(path: Path | None) -> Store:
    return Store(path or default_store())


def _progress() -> bool | None:
    """The API's default display (on a terminal only), or none under --quiet."""
    return False if console.quiet else None


def _fail(exc: CurateError) -> typer.Exit:
    err.print(f"[red]error:[/red] {escape(str(exc))}")  # a message quotes what a user typed: never markup
    return typer.Exit(code=2)


def _print_json(data: Any) -> None:
    """Machine-readable output: plain JSON on stdout (no colour, not silenced by --quiet)."""
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


VersionOption = Annotated[str | None, typer.Option("--version", help="Version to create (default: next minor; "
                                                   "`auto`: numbered from the diff against the latest version, "
                                                   "see `curate diff`).")]
ConfigOption = Annotated[Path | None, typer.Option("--config", help="TOML config file.")]
WorkersOption = Annotated[int | None, typer.Option("--workers", help="Worker processes (default: one per core).")]
ExecutorOption = Annotated[str | None, typer.Option("--executor", help="Where the passes run: `local` (default), a "
                                                    "process pool here; `ray`, Ray Data (pip install 'curate[ray]').")]
RayAddressOption = Annotated[str | None, typer.Option("--ray-address", help="With --executor ray: the cluster to join "
                                                      "(`auto`, `HOST:6379`); default: a Ray started here.")]
ValidateOption = Annotated[bool, typer.Option("--validate/--no-validate",
                                              help="Run the quality gate on the new version (default).")]
ReportOption = Annotated[bool, typer.Option("--report/--no-report",
                                            help="Write the quality report (report/index.html) after the gate (default).")]
SetOption = Annotated[list[str], typer.Option("--set", help="Config override SECTION.KEY=VALUE, e.g. policy.min_words=80 "
                                                           "(repeatable; VALUE is read by the key's type: lists as "
                                                           "JSON or a,b,c; an empty VALUE clears an optional key).")]


def _report_build(result: VersionResult) -> None:
    manifest = result.manifest
    acc = manifest.accounting
    console.print(f"[green]built[/green] {result.name} {result.version} -> {escape(str(result.path))}")
    if bump := manifest.version_bump:
        console.print(f"numbered {bump['version']}: {bump['bump']} after {bump['from']} ({bump['reason']})")
    console.print(f"read {acc.read} = kept {acc.kept} + dropped {acc.dropped} + rejected {acc.rejected}"
                  f"  ({acc.read / max(result.seconds, 1e-9):,.0f} docs/s)")
    if others := acc.not_documents:
        kinds = ", ".join(f"{kind} {count}" for kind, count in others.items())
        console.print(f"and {sum(others.values())} records that hold no document ({escape(kinds)})")
    dedup = manifest.dedup or {}
    if dedup.get("enabled"):
        compared = ", ".join(f"{r['name']} {r['version']}" for r in dedup["references"])
        dropped = sum(dedup.get(key, 0) for key in ("near_duplicate", "near_duplicate_of_reference", "duplicate_content"))
        again = dedup.get("same_document", 0)
        console.print(f"near-duplicates: {dropped} dropped, {dedup['clusters'] - again} clusters of near-copies"
                      + (f", {again} documents found again by id" if again else "")
                      + (f" (compared with {escape(compared)} too)" if compared else " (within this build)"))
        for note in dedup["notes"]:
            console.print(f"[yellow]note[/yellow] {escape(note)}")
    resumed = manifest.resumed or {}
    if any(resumed.values()):
        console.print(f"resumed: {resumed['prepared_batches']} prepared and {resumed['annotated_batches']} annotated "
                      "batches taken from an interrupted build")
    _print_reasons(acc.by_reason)
    for skipped in manifest.skipped_inputs:
        console.print(f"[yellow]skipped[/yellow] {escape(skipped)}")  # file names are data: never markup


@app.command()
def build(
    inputs: Annotated[list[Path], typer.Argument(help="Input files or folders (read recursively).")],
    name: Annotated[str, typer.Option("--name", help="Dataset name.")],
    version: VersionOption = None,
    store: StoreOption = None,
    config: ConfigOption = None,
    source: Annotated[str | None, typer.Option("--source", help="Publisher name for documents nothing else names.")] = None,
    field: Annotated[list[str], typer.Option("--field", help="Record field mapping ROLE=PATH, e.g. text=body, "
                                             "text=article.body, id=doc_id (a dot inside a key: \\.).")] = [],  # noqa: B006
    workers: WorkersOption = None,
    executor: ExecutorOption = None,
    ray_address: RayAddressOption = None,
    set_: SetOption = [],  # noqa: B006
    validate: ValidateOption = True,
    report: ReportOption = True,
    resume: Annotated[bool, typer.Option("--resume/--no-resume", help="Take the batches an interrupted build of "
                                         "the same inputs finished (default), or discard them first.")] = True,
    dedup_against: Annotated[list[str], typer.Option(
        "--dedup-against", help="Also drop near-duplicates of the documents of this dataset of the store, NAME or "
                                "NAME@VERSION (repeatable; the parent version is compared by default).")] = [],  # noqa: B006
    as_json: JsonOption = False,
) -> None:
    """Build a new version of NAME from INPUTS, then run the quality gate on it and write its report.

    Exits with 1 when the gate fails (the version stays, with its failed verdict recorded). A build
    that was killed or crashed resumes from the batches it finished when run again.
    """
    try:
        cfg = load_config(config, layers=option_layers(source=source, fields=field, workers=workers, executor=executor,
                                                       ray_address=ray_address, dedup_against=dedup_against,
                                                       sets=set_))
        result = api.build(inputs, name, cfg, version=version, store=_store(store), resume=resume,
                           validate=validate, report=report, progress=_progress())
    except CurateError as exc:
        raise _fail(exc) from exc
    _made(result, as_json)


@app.command()
def rebuild(
    name: Annotated[str, typer.Argument(help="Dataset name.")],
    from_version: Annotated[str, typer.Argument(help="Version whose rows are re-annotated.")],
    version: VersionOption = None,
    store: StoreOption = None,
    config: ConfigOption = None,
    workers: WorkersOption = None,
    executor: ExecutorOption = None,
    ray_address: RayAddressOption = None,
    set_: SetOption = [],  # noqa: B006
    validate: ValidateOption = True,
    report: ReportOption = True,
    as_json: JsonOption = False,
) -> None:
    """Re-annotate FROM_VERSION's rows under its recorded config with --config and --set on top,
    without the inputs.

    Rows keep their removed spans, so another boilerplate threshold, template setting or policy
    can be applied to a version whose raw inputs are gone; every setting not named again stays as
    FROM_VERSION had it. Ends with the quality gate, as build does.
    """
    try:
        cfg = inherited_config(_store(store), name, from_version, config,
                               layers=option_layers(workers=workers, executor=executor, ray_address=ray_address,
                                                    sets=set_))
        result = api.rebuild(name, from_version, cfg, version=version, store=_store(store), validate=validate,
                             report=report, progress=_progress())
    except CurateError as exc:
        raise _fail(exc) from exc
    _made(result, as_json)


def _made(result: VersionResult, as_json: bool) -> None:
    """What a build made, its gate's verdict and its report; exit 1 when the gate failed."""
    if as_json:
        _print_json(result.to_dict())
    else:
        _report_build(result)
        if result.validation is not None:
            _print_gate(result.validation)
        if result.report is not None:
            console.print(f"[green]report[/green] -> {escape(str(result.report))}")
    _exit_on_failure(result.validation)


def _exit_on_failure(validation: Validation | None) -> None:
    """A failed gate: one line on stderr saying what to do next, and exit code 1."""
    if validation is not None and not validation.passed:
        err.print(f"[red]error:[/red] {escape(validation.next_step or '')}")
        raise typer.Exit(code=1)


@app.command()
def report(name: Annotated[str, typer.Argument(help="Dataset name.")],
           version: Annotated[str, typer.Argument(help="Version.")],
           store: StoreOption = None) -> None:
    """Write the quality report of version V of NAME: report/index.html (one self-contained page,
    with document pages under report/docs/) and report/summary.json with the same figures."""
    try:
        result = api.report(name, version, store=_store(store), progress=_progress())
    except CurateError as exc:
        raise _fail(exc) from exc
    console.print(f"[green]report[/green] -> {escape(str(result.index))}  ({result.seconds:.1f} s)")


def _print_gate(validation: Validation) -> None:
    """The verdict, and per failure its counts and samples: ids, file names and values from the
    data, escaped (a file named `[/].txt` is not Rich markup)."""
    from curate.validation.gate import SUITE
    from curate.validation.record import PAGE

    result, folder = validation.gate, validation.folder
    where = f" -> {escape(str(folder / PAGE))}" if folder is not None else ""
    shards = len(result.shards)
    shape = (f"{len(result.outcomes)} expectations, {shards} shard{'s' if shards != 1 else ''} "
             f"({result.rows['articles']} articles, {result.rows['rejects']} rejects), {result.seconds:.1f} s")
    if result.passed:
        console.print(f"[green]validation passed[/green]: {shape}{where}")
    else:
        console.print(f"[red]validation FAILED[/red]: {len(result.failed)} of {shape}{where}")
        table = Table("expectation", "unexpected rows, sample ids or detail", box=box.SIMPLE, pad_edge=False)
        for outcome in result.failed:
            if outcome.errors:
                lines = ["[red]validator error[/red]", *map(escape, outcome.errors[:1])]
            else:
                per_row = outcome.suite in SUITE.values()  # dataset-level tables have one row: no count
                lines = ([f"{outcome.unexpected} of {outcome.rows} rows"] if per_row else []) + [
                    escape(sample) for sample in outcome.samples[:3]]
            table.add_row(outcome.key, "\n".join(lines))
        console.print(table)
    for outcome in result.waived:
        console.print(f"[yellow]waived[/yellow] {outcome.key} ({outcome.unexpected} unexpected): "
                      f"{escape(outcome.waiver or '')}")


@app.command()
def validate(
    targets: Annotated[list[str], typer.Argument(metavar="TARGET",
                                                 help="NAME VERSION of a stored version, or with --data the Parquet files.")],
    data: Annotated[bool, typer.Option("--data", help="Validate Parquet files of the schema instead.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="With --data: write results.json and the validation "
                                                            "page (index.html) here.")] = None,
    store: StoreOption = None,
    config: Annotated[Path | None, typer.Option("--config", help="TOML config file: the gate's thresholds and "
                                                                 "waivers (with --data also the build's).")] = None,
    workers: WorkersOption = None,
    set_: SetOption = [],  # noqa: B006
    as_json: JsonOption = False,
) -> None:
    """Run the quality gate: every shard and the dataset-level checks against expectations/.

    Writes validation/results.json and validation/index.html (every expectation and what it found)
    into the version, records the verdict in its manifest and rewrites its quality report, if it
    has one. Exits with 1 when an expectation fails or a validator breaks.
    """
    if not data and len(targets) != 2:
        raise typer.BadParameter("expected NAME VERSION (or --data FILE...)")
    try:  # a stored version's gate starts from the config it recorded (thresholds, waivers)
        layers = option_layers(workers=workers, sets=set_)
        if data:
            result = api.validate_files(targets, load_config(config, layers=layers), out=out, progress=_progress())
        else:
            name, version = targets
            cfg = inherited_config(_store(store), name, version, config, layers=layers)
            result = api.validate(name, version, cfg, store=_store(store), progress=_progress())
    except CurateError as exc:
        raise _fail(exc) from exc
    if as_json:
        _print_json(result.to_dict())
    else:
        _print_gate(result)
        if result.report is not None:
            console.print(f"[green]report[/green] -> {escape(str(result.report))}")
    _exit_on_failure(result)


def _print_reasons(reasons: dict[str, int]) -> None:
    if not reasons:
        return
    table = Table("reason", "documents", title="not kept, by reason")
    for reason, count in reasons.items():
        table.add_row(reason, str(count))
    console.print(table)


@app.command()
def versions(name: Annotated[str, typer.Argument(help="Dataset name.")], store: StoreOption = None,
             as_json: JsonOption = False) -> None:
    """List the versions of NAME, with their gate's verdict."""
    try:
        found = api.versions(name, store=_store(store))
        if not found:
            raise CurateError(f"dataset {name!r} has no versions in {_store(store).root}")
    except CurateError as exc:
        raise _fail(exc) from exc
    if as_json:
        _print_json([info.to_dict() for info in found])
        return
    table = Table("version", "parent", "created", "kept", "dropped", "rejected", "gate")
    for info in found:
        acc = info.accounting
        table.add_row(info.version, info.parent or "-", info.created, str(acc.kept), str(acc.dropped),
                      str(acc.rejected), info.gate)
    console.print(table)


@app.command()
def show(
    name: Annotated[str, typer.Argument(help="Dataset name.")],
    version: Annotated[str, typer.Argument(help="Version.")],
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the manifest as JSON.")] = False,
    doc_id: Annotated[str | None, typer.Option("--id", help="With --html: the document to show.")] = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="A near-duplicate cluster, by its id or any "
                                                                  "member's id: print its members (--json: as "
                                                                  "JSON; --html: write its side-by-side page).")] = None,
    html: Annotated[bool, typer.Option("--html", help="Write the document viewer page of --id (removed spans "
                                                      "and claims marked), or the page of --cluster, and print "
                                                      "its path.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="With --html: write the page here instead of "
                                                           "report/docs/ in the version.")] = None,
) -> None:
    """Summarize version V of NAME: accounting, shards, rejects by reason; or one document as HTML;
    or one near-duplicate cluster."""
    if cluster is not None:
        if doc_id is not None:
            raise typer.BadParameter("--id and --cluster: one at a time")
        _show_cluster(_store(store), name, version, cluster, html=html, out=out, as_json=as_json)
        return
    if html or doc_id is not None:
        _show_document(_store(store), name, version, doc_id, html, out)
        return
    try:
        folder = _store(store).require(name, version)
        manifest = load_manifest(folder)
    except CurateError as exc:
        raise _fail(exc) from exc
    if as_json:
        _print_json(read_manifest(folder))  # as written, in its order
        return
    acc = manifest.accounting
    console.print(f"[bold]{name} {version}[/bold] (parent {manifest.parent or '-'}, created "
                  f"{manifest.created}, schema {manifest.schema_.name}, config {manifest.config_hash})")
    console.print(f"read {acc.read} = kept {acc.kept} + dropped {acc.dropped} + rejected {acc.rejected}")
    gate = manifest.validation
    if gate is None:
        console.print(f"quality gate: not run (curate validate {escape(name)} {escape(version)})")
    else:
        verdict = "[green]passed[/green]" if gate.passed else f"[red]failed[/red]: {', '.join(gate.failed)}"
        console.print(f"quality gate: {verdict} at {gate.validated_at} ({_validation_page(folder, gate)})")
    shards = Table("shard", "split", "rows", "bytes")
    for shard in manifest.data_files:
        shards.add_row(shard.path, getattr(shard, "split", "rejects"), str(shard.rows), f"{shard.bytes:,}")
    console.print(shards)
    _print_reasons(acc.by_reason)


def _validation_page(folder: Path, gate: Verdict) -> str:
    """Where the gate's page is; a version validated by an older curate has only GX Data Docs,
    which may run markup from the data (see curate.validation.record)."""
    if gate.page:
        return f"page: {escape(str(folder / gate.page))}"
    return "no validation page: validate again to write one (the older Data Docs may run markup from the data)"


def _show_document(store: Store, name: str, version: str, doc_id: str | None, html: bool, out: Path | None) -> None:
    if doc_id is None or not html:
        raise typer.BadParameter("--id ID and --html go together: curate show NAME V --id ID --html")
    from curate.reporting import write_document

    try:
        path = write_document(store, name, version, doc_id, out)
    except CurateError as exc:
        raise _fail(exc) from exc
    typer.echo(str(path))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _plain(value: object) -> str:
    """A value from the data as terminal text: no console markup, no control character (an input
    file name could hold an escape sequence that rewrites the terminal)."""
    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(value)))


def _show_cluster(store: Store, name: str, version: str, cluster_id: str, *, html: bool, out: Path | None,
                  as_json: bool) -> None:
    from curate.reporting import find_cluster, write_cluster
    from curate.reporting.clusters import clusters_note

    try:
        note = clusters_note(load_manifest(store.require(name, version)))
        if note is not None:  # dedup was off, or the version is older than its clusters: nothing failed
            console.print(f"{_plain(name)} {_plain(version)}: {_plain(note)}")
            return
        if html:
            typer.echo(str(write_cluster(store, name, version, cluster_id, out)))
            return
        found = find_cluster(store, name, version, cluster_id)
    except CurateError as exc:
        raise _fail(exc) from exc
    if as_json:
        members = [{**m, "similarity": round(m["similarity"], 4)} for m in found.members]
        _print_json({"cluster": found.id, "members": members})
        return
    table = Table(Column("id", no_wrap=True, min_width=len(found.id)), Column("input", overflow="fold"),
                  "status", "similarity", "split", box=box.SIMPLE, pad_edge=False,
                  title=f"cluster {_plain(found.id)} of {_plain(name)} {_plain(version)}: {len(found.members)} "
                        f"members, split {_plain(found.split)}, the kept document first")
    for m in found.members:
        status = "reference" if m["reference"] else ("kept" if m["kept"] else "dropped")
        table.add_row(_plain(m["id"]), _plain(m["input_uri"] or "-"), status, f"{m['similarity']:.3f}",
                      _plain(m["split"]))
    console.print(table)


@app.command()
def diff(
    name: Annotated[str, typer.Argument(help="Dataset name.")],
    old: Annotated[str, typer.Argument(help="The earlier version.")],
    new: Annotated[str, typer.Argument(help="The later version.")],
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the diff as JSON.")] = False,
) -> None:
    """What changed from OLD to NEW: documents, schema fields, key statistics, lineage, and the
    version number the changes call for (pass it to `curate build --version`)."""
    from curate.versioning.render import print_diff

    try:
        result = api.diff(name, old, new, store=_store(store))
    except CurateError as exc:
        raise _fail(exc) from exc
    _emit(result.to_dict(), as_json, lambda: print_diff(console, result))


def _emit(data: dict[str, Any], as_json: bool, human: Callable[[], None]) -> None:
    """A result as JSON (`--json`), or in its human form."""
    if as_json:
        _print_json(data)
    else:
        human()


@app.command()
def reproduce(
    name: Annotated[str, typer.Argument(help="Dataset name.")],
    version: Annotated[str, typer.Argument(help="Version to rebuild and check.")],
    inputs: Annotated[list[Path], typer.Option(
        "--inputs", help="Where the recorded inputs are now, when they moved (repeatable; default: the "
                         "recorded paths).")] = [],  # noqa: B006
    store: StoreOption = None,
    workers: WorkersOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
) -> None:
    """Rebuild version V from its recorded inputs and config and compare every shard's sha256.

    Inputs are checked against their recorded sha256 first. Exits with 1 when an input changed or
    a shard differs (each is named, with what differs: pipeline version, config hash, schema).
    """
    from curate.versioning.render import print_reproduction

    try:
        result = api.reproduce(name, version, store=_store(store), inputs=inputs or None, workers=workers,
                               progress=_progress())
    except CurateError as exc:
        raise _fail(exc) from exc
    _emit(result.to_dict(), as_json, lambda: print_reproduction(console, result))
    if not result.ok:
        raise typer.Exit(code=1)


@app.command()
def publish(
    name: Annotated[str, typer.Argument(help="Dataset name.")],
    version: Annotated[str | None, typer.Argument(help="Version (default: the latest).")] = None,
    to: Annotated[str | None, typer.Option("--to", help="A local folder (a git repository) or hf://datasets/ORG/NAME "
                                                        "(default: STORE/NAME/hub).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would be done, change nothing.")] = False,
    private: Annotated[bool | None, typer.Option("--private/--public",
                                                 help="Visibility of a Hub repository this creates (default: "
                                                      "private: publishers own scraped news); hf:// only.")] = None,
    store: StoreOption = None,
) -> None:
    """Publish a validated version as a Hugging Face dataset: one commit, tagged vVERSION.

    Refused when the version's gate did not pass or a shard changed since; publishing the same
    version to the same target again does nothing.
    """
    try:
        result = api.publish(name, version, to=to, store=_store(store), dry_run=dry_run, private=private)
    except CurateError as exc:
        raise _fail(exc) from exc
    if dry_run:
        console.print(f"[bold]dry run[/bold]: publishing {name} {result.tag} to {escape(result.target)} would")
        for step in result.plan:
            console.print(f"  - {escape(step)}")
        return
    state = "[green]published[/green]" if result.created else "already published"
    console.print(f"{state} {name} {result.tag} -> {escape(result.target)} (commit {result.commit})")
    if result.target.startswith("hf://"):
        console.print(escape(f"load it: datasets.load_dataset({result.repo_id!r}, revision={result.tag!r})"))
    else:
        console.print(escape(f"load it: datasets.load_dataset({result.repo_id!r})  "
                             f"(other versions: git -C {result.repo_id} checkout vX.Y.Z)"))


@app.command()
def schema(
    fmt: Annotated[str, typer.Option("--format", help="arrow | features | jsonschema | fields")] = "jsonschema",
    name: Annotated[str, typer.Option("--name", help="Schema id: article or reject.")] = "article",
) -> None:
    """Print the dataset schema, derived from schemas/<name>_v1.json."""
    spec = load_schema(name)
    if fmt == "arrow":
        typer.echo(spec.arrow().to_string(show_field_metadata=False, show_schema_metadata=False))
    elif fmt == "features":
        typer.echo(json.dumps(spec.features().to_dict(), indent=2))
    elif fmt == "jsonschema":
        typer.echo(json.dumps(spec.json_schema(), indent=2, ensure_ascii=False))
    elif fmt == "fields":
        for path, type_name, description in spec.field_table():
            typer.echo(f"{path}\t{type_name}\t{description}")
    else:
        raise typer.BadParameter(f"--format {fmt!r}: expected arrow, features, jsonschema or fields")


@app.command("config")
def config_(
    schema_: Annotated[bool, typer.Option("--schema", help="Print the JSON schema of the config instead.")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Show this TOML file merged over the defaults.")] = None,
    set_: SetOption = [],  # noqa: B006
) -> None:
    """Print the config as TOML: the defaults (with --config and --set: what they make), every
    key with its description; or with --schema the JSON schema every config file is checked against."""
    from curate.config_toml import config_toml

    if schema_:
        _print_json(Config.model_json_schema())
        return
    try:
        cfg = load_config(config, layers=option_layers(sets=set_))
    except CurateError as exc:
        raise _fail(exc) from exc
    typer.echo(config_toml(cfg), nl=False)
