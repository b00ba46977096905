"""How many real articles each policy rule would drop, and how much junk it catches.

    python benchmarks/quality_rules.py [--bench ../shared/bench] [--sets dev,more/dragnet,...] [--json OUT]

Real articles, built through the build's own stages (`annotate_raw`):
- the BBC corpus (2,225 articles) and the claims bench (405), as JSONL records (text and title);
- the extraction bench's pages (`dev`, and `more/readability`, `more/cleanportaleval`,
  `more/dragnet`) whose gold text is an article: at least `min_words` words and no lorem-ipsum
  placeholder (the readability set's test fixtures are placeholder text). Each such page twice:
  from its gold text as a plain-text document (`gold`: the rules judged on the article itself)
  and from its HTML (`html`: on what extraction kept, as `curate build` does).
Junk: the documents of tests/policy/documents.py, one written for each rule.

For each rule it prints its setting and default, the paper's value where there is one (Gopher,
Rae et al. 2021; C4, Raffel et al. 2020), how many real documents of each corpus the rule alone
would drop with the default (0 is the target) and with the paper's value (or turned on, for a
rule off by default), how many junk documents
it catches alone, and the margin: of the real documents the rule keeps, the one nearest to its
threshold, its value and the distance. Rules other than the length ones are counted on documents
of an accepted length (an extraction that kept 3 words has ratios that mean nothing). Then every
real document the default policy drops, with its reason, and the policy's cost per document beside
the whole document pass.

The defaults were chosen looking at all these corpora, so their own drop counts are in-sample.
The held-out table says what the same recipe (the paper's value, moved just past the most extreme
real document where it would drop one) gives on a corpus it did not look at: each threshold
chosen on the other corpora, the held-out corpus's real documents it drops.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from curate.config import Config, PolicyConfig
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.policy import RULES, Rule, drop_reason
from curate.policy.quality import Limit

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
PAGE_SETS = ("dev", "more/readability", "more/cleanportaleval", "more/dragnet")
# The other value measured for each setting that has one: the paper's (Gopher, C4), or "on" for a
# rule off by default.
OTHER: dict[str, tuple[float | bool, str]] = {
    "drop_undetermined_language": (True, "on"),
    "drop_inconsistent_rows": (True, "on"),
    "max_curly_bracket_ratio": (0.0, "C4: any {"),
    "max_duplicate_paragraph_ratio": (0.2, "Gopher"),
    "max_duplicate_line_ratio": (0.2, "Gopher"),
    "max_top_2gram_ratio": (0.2, "Gopher"),
    "max_duplicate_5gram_ratio": (0.15, "Gopher"),
    "min_alpha_word_ratio": (0.8, "Gopher"),
    "min_mean_word_length": (3.0, "Gopher"),
    "max_mean_word_length": (10.0, "Gopher"),
    "max_symbol_ratio": (0.1, "Gopher"),
    "max_bullet_line_ratio": (0.9, "Gopher"),
    "max_ellipsis_line_ratio": (0.3, "Gopher"),
    "min_sentences": (5, "C4"),
}
# Gopher's own stop-word rule, which no ratio expresses: at least 2 of these 8 words.
GOPHER_STOPWORDS = frozenset("the be to of and that have with".split())


@dataclass
class Corpus:
    name: str
    rows: dict[str, dict[str, Any]] = field(default_factory=dict)  # document id -> row
    rejected: dict[str, str] = field(default_factory=dict)  # document id -> why no row was made (extraction)
    seconds: float = 0.0  # in annotate_raw


def _annotate(corpus: Corpus, docs: Iterator[RawDoc], ctx: PipelineContext) -> Corpus:
    for doc in docs:
        start = time.perf_counter()
        try:
            corpus.rows[doc.input_uri] = annotate_raw(doc, ctx)
        except DocumentError as error:
            corpus.rejected[doc.input_uri] = error.reason
        corpus.seconds += time.perf_counter() - start
    return corpus


def _records(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as lines:
        yield from (json.loads(line) for line in lines if line.strip())


def _record_docs(path: Path) -> Iterator[RawDoc]:
    for record in _records(path):
        yield RawDoc(input_uri=record["id"], input_format="jsonl", raw=b"", text=record["text"], title=record["title"])


def _is_article(row: dict[str, Any], policy: PolicyConfig) -> bool:
    quality = row["quality"]
    return quality["n_words"] >= policy.min_words and not quality["has_lorem_ipsum"]


def page_corpora(folder: Path, label: str, ctx: PipelineContext) -> tuple[Corpus, Corpus]:
    """(gold, html) rows of the pages of `folder` whose gold text is an article."""
    gold = _annotate(Corpus(f"{label} gold"), (
        RawDoc(input_uri=page, input_format="txt", raw=b"", text=truth["articleBody"])
        for page, truth in json.loads((folder / "ground_truth.json").read_text(encoding="utf-8")).items()), ctx)
    gold.rows = {page: row for page, row in gold.rows.items() if _is_article(row, ctx.config.policy)}
    pages = ((page, gzip.decompress((folder / "html" / f"{page}.html.gz").read_bytes()).decode("utf-8"))
             for page in gold.rows)
    html = _annotate(Corpus(f"{label} html"), (
        RawDoc(input_uri=page, input_format="html", raw=b"", html=markup) for page, markup in pages), ctx)
    return gold, html


def _junk() -> Corpus:
    """The tests' own junk (tests/policy/documents.py; pytest puts tests/ on the path too)."""
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from policy.documents import JUNK, annotated
    except ImportError:  # a copy of curate without its tests
        print("no tests/policy/documents.py here: junk not measured", file=sys.stderr)
        return Corpus("junk")
    return Corpus("junk", {reason: annotated(document) for reason, document in JUNK.items()})


def _judged(corpus: Corpus, policy: PolicyConfig) -> dict[str, dict[str, Any]]:
    """The rows whose length the policy accepts: the others are dropped as too short or too long
    whatever the other rules say (an extraction that kept 3 words has ratios that mean nothing)."""
    return {doc: row for doc, row in corpus.rows.items()
            if policy.min_words <= row["quality"]["n_words"] <= policy.max_words}


def _drops(rule: Rule, policy: PolicyConfig, corpus: Corpus) -> list[str]:
    rows = corpus.rows if rule.setting in ("min_words", "max_words") else _judged(corpus, policy)
    return [doc for doc, row in rows.items() if rule.check(row, policy) is not None]


def _gopher_stopwords(row: dict[str, Any]) -> bool:
    return row["language"] == "en" and sum(w in GOPHER_STOPWORDS for w in row["text"].lower().split()) < 2


def _other_drops(rule: Rule, policy: PolicyConfig, corpus: Corpus) -> int | None:
    if rule.name == "few_stopwords":
        return sum(map(_gopher_stopwords, _judged(corpus, policy).values()))
    if rule.setting not in OTHER:
        return None
    return len(_drops(rule, policy.model_copy(update={rule.setting: OTHER[rule.setting][0]}), corpus))


def _nearest_kept(limit: Limit, policy: PolicyConfig, real: list[Corpus]) -> tuple[str, float, float] | None:
    """(document, value, distance to the threshold) of the real document the rule keeps that is
    nearest to its threshold: how far the default is from dropping a real article."""
    threshold = getattr(policy, limit.setting)
    above = limit.setting.startswith("max_")
    values = [(row["quality"][limit.signal], f"{corpus.name}:{doc}") for corpus in real
              for doc, row in _judged(corpus, policy).items()
              if limit.applies(row["language"]) and limit(row, policy) is None]
    if not values:
        return None
    value, doc = max(values) if above else min(values)
    return doc, value, threshold - value if above else value - threshold


def _grouped(real: list[Corpus]) -> list[tuple[str, list[Corpus]]]:
    """Columns of the table: BBC, claims, dev gold, dev html, then the `more` sets together."""
    groups: dict[str, list[Corpus]] = {}
    for corpus in real:
        label = corpus.name if not corpus.name.startswith("more/") else f"more {corpus.name.rsplit(' ', 1)[1]}"
        groups.setdefault(label, []).append(corpus)
    return list(groups.items())


def rule_table(policy: PolicyConfig, real: list[Corpus], junk: Corpus) -> tuple[list[str], list[list[str]]]:
    groups = _grouped(real)
    head = ["rule", "setting = default", "other value", *(f"{label} ({sum(len(c.rows) for c in cs)})" for label, cs in groups),
            "other value drops (same columns)", f"junk caught ({len(junk.rows)})", "nearest real document kept",
            "margin"]
    lines = []
    for rule in RULES:
        limit = rule.check if isinstance(rule.check, Limit) else None
        other = OTHER.get(rule.setting)
        other_drops = [[_other_drops(rule, policy, c) for c in cs] for _, cs in groups]
        nearest = _nearest_kept(limit, policy, real) if limit else None
        lines.append([
            f"`{rule.reason}`", f"{rule.setting} = {getattr(policy, rule.setting)}",
            f"{other[0]:g} ({other[1]})" if other and other[1] != "on" else (
                "on" if other else "2 of 8 words (Gopher)" if rule.name == "few_stopwords" else "-"),
            *(str(sum(len(_drops(rule, policy, c)) for c in cs)) for _, cs in groups),
            "-" if other_drops[0][0] is None else " / ".join(str(sum(d or 0 for d in ds)) for ds in other_drops),
            str(len(_drops(rule, policy, junk))),
            f"{nearest[0]} = {nearest[1]:.3g}" if nearest else "-",
            f"{nearest[2]:.3g}" if nearest else "-"])
    return head, lines


def _held_out_threshold(limit: Limit, policy: PolicyConfig, others: list[Corpus]) -> float:
    """The threshold the defaults' own recipe gives without the held-out corpus: the paper's value
    (the default where there is none), moved just far enough to keep every real document of
    `others` where it would drop one."""
    start = OTHER.get(limit.setting, (getattr(policy, limit.setting), ""))[0]
    values = [row["quality"][limit.signal] for corpus in others for row in _judged(corpus, policy).values()
              if limit.applies(row["language"])]
    if not values:
        return float(start)
    return max(float(start), max(values)) if limit.setting.startswith("max_") else min(float(start), min(values))


def held_out_table(policy: PolicyConfig, real: list[Corpus]) -> tuple[list[str], list[list[str]]]:
    """Leave one corpus out: each threshold chosen on the other corpora by the recipe of the
    defaults (`_held_out_threshold`), the real documents of the held-out corpus it then drops."""
    groups = _grouped(real)
    limits = [rule for rule in RULES if isinstance(rule.check, Limit)]
    head = ["rule", *(f"{label} held out ({sum(len(c.rows) for c in cs)})" for label, cs in groups)]
    cells: dict[str, list[str]] = {rule.reason: [] for rule in limits}
    totals = []
    for label, held in groups:
        others = [c for other, cs in groups if other != label for c in cs]
        dropped: set[str] = set()
        for rule in limits:
            threshold = _held_out_threshold(rule.check, policy, others)
            chosen = policy.model_copy(update={rule.setting: threshold})
            drops = {f"{c.name}:{doc}" for c in held for doc in _drops(rule, chosen, c)}
            dropped |= drops
            cells[rule.reason].append(f"{len(drops)} (at {threshold:.3g})")
        totals.append(str(len(dropped)))
    return head, [*([f"`{reason}`", *row] for reason, row in cells.items()), ["any of them", *totals]]


def _markdown(head: list[str], lines: list[list[str]]) -> str:
    rows = [head, ["---"] * len(head), *lines]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in rows)


def _policy_cost(policy: PolicyConfig, corpora: list[Corpus]) -> tuple[float, float]:
    """(microseconds of drop_reason per document, its share of the document pass), best of 3."""
    rows = [row for corpus in corpora for row in corpus.rows.values()]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for row in rows:
            drop_reason(row, policy)
        best = min(best, time.perf_counter() - start)
    annotating = sum(c.seconds for c in corpora)
    return best / len(rows) * 1e6, best / (best + annotating)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=BENCH)
    parser.add_argument("--sets", default=",".join(PAGE_SETS), help="extraction bench sets, comma-separated")
    parser.add_argument("--json", type=Path, help="write every figure here too")
    args = parser.parse_args()
    ctx = PipelineContext.create(Config())
    policy = ctx.config.policy
    real = [_annotate(Corpus("BBC"), _record_docs(args.bench / "corpus" / "news.jsonl.gz"), ctx),
            _annotate(Corpus("claims"), _record_docs(args.bench / "claims" / "dev.jsonl"), ctx)]
    for page_set in filter(None, args.sets.split(",")):
        real.extend(page_corpora(args.bench / "extraction" / page_set, page_set, ctx))
    junk = _junk()
    head, lines = rule_table(policy, real, junk)
    print(_markdown(head, lines))
    print("\nA max_ setting drops what is above it, a min_ setting what is below it: a margin of 0 is a real document "
          "at the threshold, still kept. Other value: the paper's (Gopher, C4), or on for a rule off by default; "
          "its drops are counted in the same columns.")
    held_head, held_lines = held_out_table(policy, real)
    print("\nLeave one corpus out: each threshold chosen without the corpus by the defaults' recipe (the paper's "
          "value, moved just past the most extreme real document of the other corpora where it would drop one); "
          "the real documents of the held-out corpus it then drops (a gold and an html document of one page count "
          "as two).\n")
    print(_markdown(held_head, held_lines))
    dropped = {f"{c.name}:{doc}": verdict for c in real for doc, row in c.rows.items()
               if (verdict := drop_reason(row, policy)) is not None}
    rejected = {f"{c.name}:{doc}": reason for c in real for doc, reason in c.rejected.items()}
    if rejected:
        print(f"\nPages the build rejects before the policy (no row to judge): {rejected}")
    print(f"\nReal documents the default policy drops: {len(dropped)} of {sum(len(c.rows) for c in real)}")
    for doc, (reason, why) in sorted(dropped.items()):
        print(f"- {doc}: {reason}: {why[:160]}")
    missed = {reason: verdict for reason, row in junk.rows.items() if (verdict := drop_reason(row, policy)) is None
              or verdict[0] != reason}
    print(f"\nJunk documents dropped by the rule written for them: {len(junk.rows) - len(missed)} of {len(junk.rows)}"
          + (f"; not: {missed}" if missed else ""))
    micros, share = _policy_cost(policy, real)
    print(f"\nPolicy: {micros:.0f} µs a document, {share:.1%} of the document pass (annotate + policy), "
          f"over {sum(len(c.rows) for c in real)} real documents")
    if args.json:
        args.json.write_text(json.dumps({"head": head, "rules": lines, "held_out": held_lines, "dropped": dropped,
                                         "junk_missed": missed,
                                         "policy_us_per_doc": micros, "policy_share": share}, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
