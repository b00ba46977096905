"""Build the French, German and Spanish claims sets (scorer JSONL) from their marked-up articles.

    python benchmarks/claims_marked.py                       # rewrite tests/data/claims/{fr,de,es}.jsonl
    python benchmarks/claims_marked.py --check               # fail if a .jsonl differs from its .marked.txt
    python benchmarks/claims_marked.py --half held_out --output GOLD.jsonl fr

Each `LANG.marked.txt` holds articles headed `### ID`; an attribution's spans are written in place
as `⟦<n><role>|text⟧`, `n` numbering the attributions of one article and `role` one of `s`
(source), `c` (cue), `t` (content). A role marked twice gives a discontinuous span (a quotation
interrupted by its attribution). Writing the marks inline keeps the offsets right by
construction: the script strips them and computes every offset, in the format of the
attribution benchmark's `score.py` (Python str offsets, end-exclusive, hull plus segments).

The first half of each language's articles (by id) is where the rules were written from
(`half: "rules"`); the second half (`"held_out"`) only judges them.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "claims"
LANGUAGES = ("fr", "de", "es")
_MARK = re.compile(r"⟦(\d+)([sct])\|([^⟦⟧]*)⟧")
_HEADER = re.compile(r"^### (\S+)\n", re.MULTILINE)
_ROLES = {"s": "source", "c": "cue", "t": "content"}


def _article(article_id: str, marked: str) -> dict[str, Any]:
    """One scorer record: the text without marks, and its attributions with offsets."""
    parts: list[str] = []
    spans: dict[str, dict[str, list[list[int]]]] = {}
    length = last = 0
    for m in _MARK.finditer(marked):
        parts.append(marked[last : m.start()])
        length += m.start() - last
        number, role, inner = m.groups()
        spans.setdefault(number, {}).setdefault(_ROLES[role], []).append([length, length + len(inner)])
        parts.append(inner)
        length += len(inner)
        last = m.end()
    parts.append(marked[last:])
    text = "".join(parts)
    if "⟦" in text or "⟧" in text:
        raise SystemExit(f"{article_id}: a mark is not closed or nests another")
    attributions = []
    for number in sorted(spans, key=int):
        roles = spans[number]
        if "cue" not in roles or "content" not in roles:
            raise SystemExit(f"{article_id}: attribution {number} needs a cue and a content")
        item: dict[str, Any] = {}
        for role in ("source", "cue", "content"):
            segments = roles.get(role)
            hull = [segments[0][0], segments[-1][1]] if segments else None
            item[role] = hull
            item[f"{role}_text"] = text[hull[0] : hull[1]] if hull else None
            item[f"{role}_segments"] = segments or []
        attributions.append(item)
    return {"id": article_id, "text": text, "attributions": attributions}


def load(language: str) -> list[dict[str, Any]]:
    """The scorer records of one language's marked file, each with its `language` and `half`."""
    source = (DATA / f"{language}.marked.txt").read_text(encoding="utf-8")
    chunks = _HEADER.split(source)[1:]
    records = [_article(article_id, body.strip("\n") + "\n") for article_id, body in zip(chunks[::2], chunks[1::2])]
    records.sort(key=lambda r: r["id"])
    for n, record in enumerate(records):
        record["language"] = language
        record["half"] = "rules" if n < (len(records) + 1) // 2 else "held_out"
    return records


def dumps(records: list[dict[str, Any]]) -> str:
    """JSONL, one article a line, as committed."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("languages", nargs="*", default=list(LANGUAGES), help="fr, de, es (default: all)")
    parser.add_argument("--check", action="store_true", help="compare with the committed .jsonl, write nothing")
    parser.add_argument("--half", choices=("rules", "held_out"), help="only the articles of this half")
    parser.add_argument("--output", type=Path, help="write here (one language) instead of tests/data/claims")
    args = parser.parse_args()
    if set(args.languages) - set(LANGUAGES):
        parser.error(f"languages are {', '.join(LANGUAGES)}")
    if args.output and len(args.languages) != 1:
        parser.error("--output takes exactly one language")
    for language in args.languages:
        records = [r for r in load(language) if args.half in (None, r["half"])]
        target = args.output or DATA / f"{language}.jsonl"
        if args.check:
            if target.read_text(encoding="utf-8") != dumps(records):
                sys.exit(f"{target} is stale: run python benchmarks/claims_marked.py")
            continue
        target.write_text(dumps(records), encoding="utf-8")
        print(f"{target}: {len(records)} articles, {sum(len(r['attributions']) for r in records)} attributions")


if __name__ == "__main__":
    main()
