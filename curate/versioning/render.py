"""The human forms of a `VersionDiff` and a `Reproduction`: rich tables for `curate diff` and
`curate reproduce` (their JSON forms are `to_dict()`)."""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table

from curate.pipeline.reproduce import Reproduction
from curate.versioning.diff import VersionDiff
from curate.versioning.lineage import Lineage

_SHOWN_INPUTS = 5


def _short(value: str | None) -> str:
    return "-" if value is None else value[:12]


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.4g}"


def _lineage_table(old: Lineage, new: Lineage) -> Table:
    table = Table("lineage", old.version, new.version, box=box.SIMPLE, pad_edge=False)
    rows = [("parent", old.parent, new.parent), ("rebuilt from", old.rebuilt_from, new.rebuilt_from),
            ("created", old.created, new.created), ("pipeline", old.pipeline_version, new.pipeline_version)]
    for label, before, after in rows:
        table.add_row(label, before or "-", after or "-")
    for label, before, after in [("inputs hash", old.inputs_hash, new.inputs_hash),
                                 ("config hash", old.config_hash, new.config_hash),
                                 ("schema", old.schema_fingerprint, new.schema_fingerprint)]:
        mark = "" if before == after else " [yellow]*[/yellow]"
        table.add_row(label, _short(before), _short(after) + mark)
    return table


def print_diff(console: Console, diff: VersionDiff) -> None:
    """Summary line, then documents, schema, statistics, lineage, config and inputs."""
    docs = diff.documents
    console.print(f"[bold]{diff.name} {diff.old.version} -> {diff.new.version}[/bold]: "
                  f"{diff.bump} ({diff.reason}); suggested version [bold]{diff.suggested_version}[/bold]")
    table = Table("documents", "count", "examples (id)", box=box.SIMPLE, pad_edge=False)
    for kind in ("added", "removed", "changed", "unchanged", "moved"):
        count = getattr(docs, kind)
        more = count - len(docs.examples.get(kind, []))
        examples = " ".join(docs.examples.get(kind, [])) + (f" (+{more})" if docs.examples.get(kind) and more else "")
        table.add_row("moved split" if kind == "moved" else kind, f"{count:,}", examples)
    console.print(table)

    schema = diff.schema
    if not schema.changes:
        same = "unchanged" if schema.comparable else "[yellow]not comparable[/yellow] (a version has no shard)"
        console.print(f"schema: {same} ({schema.new_name} {_short(schema.new_fingerprint)})")
    else:
        fields = Table("schema field", "change", diff.old.version, diff.new.version, box=box.SIMPLE, pad_edge=False)
        for change in schema.changes:
            label = f"[red]{change.change}[/red]" if change.breaking else change.change
            fields.add_row(change.path, label, change.old or "-", change.new or "-")
        console.print(fields)

    changed = [s for s in diff.stats if s.changed]
    if changed:
        stats = Table("statistic", diff.old.version, diff.new.version, box=box.SIMPLE, pad_edge=False)
        for stat in changed:
            stats.add_row(stat.key, _number(stat.old), _number(stat.new))
        console.print(stats)
    else:
        console.print("statistics: unchanged")

    console.print(_lineage_table(diff.old, diff.new))
    if not diff.descends:
        console.print(f"[yellow]note[/yellow]: {diff.new.version} does not descend from {diff.old.version}")
    if diff.config:
        config = Table("config", diff.old.version, diff.new.version, box=box.SIMPLE, pad_edge=False)
        for setting in diff.config:
            config.add_row(setting.key, repr(setting.old), repr(setting.new))
        console.print(config)
    for kind in ("added", "removed", "changed"):
        uris = getattr(diff.inputs, kind)
        if uris:
            more = f" (+{len(uris) - _SHOWN_INPUTS})" if len(uris) > _SHOWN_INPUTS else ""
            console.print(f"inputs {kind}: {', '.join(uris[:_SHOWN_INPUTS])}{more}")
    if diff.bump != "none" and diff.suggested_version != diff.new.version:
        console.print(f"to number a build this way: curate build ... --version {diff.suggested_version} "
                      f"(or --version auto)")


def print_reproduction(console: Console, result: Reproduction) -> None:
    """`reproduced: N shards byte-identical`, or each changed input, each differing shard and why."""
    if result.ok:
        console.print(f"[green]reproduced[/green]: {len(result.shards)} shards byte-identical "
                      f"({result.name} {result.version}, by {result.method})")
        return
    for item in result.inputs:
        if item.actual is None:
            what = f"missing (recorded sha256 {_short(item.expected)})"
        elif item.expected is None:
            what = f"not recorded (sha256 {_short(item.actual)})"
        else:
            what = f"changed: recorded sha256 {_short(item.expected)}, now {_short(item.actual)}"
        console.print(f"[red]input {item.uri}[/red] {what}")
    if result.inputs:
        console.print(f"[red]NOT reproduced[/red]: {result.name} {result.version}'s inputs are not as recorded; "
                      f"nothing was rebuilt")
        return
    bad = [check for check in result.shards if not check.ok]
    console.print(f"[red]NOT reproduced[/red]: {len(bad) + len(result.extra_shards)} of "
                  f"{len(result.shards)} shards differ ({result.name} {result.version}, by {result.method})")
    for check in bad:
        console.print(f"[red]shard {check.path}[/red]: {check.why} (recorded {_short(check.recorded)}, "
                      f"stored {_short(check.stored)}, reproduced {_short(check.rebuilt)})")
    for path in result.extra_shards:
        console.print(f"[red]shard {path}[/red]: written by the reproduction, not in the manifest")
    for cause in result.causes:
        console.print(f"[yellow]differs[/yellow]: {cause}")
