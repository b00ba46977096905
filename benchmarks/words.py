"""Measure characters per word for the scripts written without spaces, and the error of
`curate.signals.words.count_words` against a real segmenter on text the ratios were not fitted on.

    python benchmarks/words.py [--ud FILE.conllu ...] [--segmented LANG:FILE ...] [--pages GROUND_TRUTH.json ...]

Segmenters (measurement only, not dependencies of curate): jieba (zh), fugashi + unidic-lite (ja),
pythainlp (th, newmm), khmer-nltk (km); a language without one installed is skipped. Texts:

- `--ud`: Universal Dependencies treebanks (`# text =` lines; zh, ja, th by file name); their own
  tokens are reported too, as a second reference. Files with `test` in the name are fitted on,
  the rest held out; a single file (th_pud) is split: even documents fitted, odd held out.
- `--segmented LANG:FILE`: a hand-segmented corpus, one sentence a line, words separated by
  spaces, optionally `word/TAG` (khPOS for km, myPOS for my); `LANG:FIT:FILE` marks the fitting file.
- `--pages`: the extraction bench's ground truths (`articleBody`), always held out; only pages
  whose text is mostly one of these scripts are used.

The figures in curate/signals/words.py were measured with

    python benchmarks/words.py --ud zh_gsdsimp-ud-{test,dev}.conllu ja_gsd-ud-{test,dev}.conllu th_pud-ud-test.conllu \
        --segmented km:FIT:khPOS/train1.word km:khPOS/OPEN-TEST.word my:FIT:myPOS/partaa my:myPOS/otest.word

from UniversalDependencies UD_Chinese-GSDSimp (eb3aed31), UD_Japanese-GSD (7bc20119), UD_Thai-PUD
(516638d3), ye-kyaw-thu/khPOS corpus-draft-ver-1.0/data/before-replace (0211405c) and
ye-kyaw-thu/myPOS corpus-draft-ver-1.0/data (8f715697), plus the bench pages (held out).

Sentences are grouped into documents of about 1,000 characters (a short article). For each
language it prints the fitted characters per word of each script, then on held-out documents the
estimate's error against the segmenter: mean absolute error per document in percent, and the
bias of the total.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from curate.signals import words

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench" / "extraction"
DEFAULT_PAGES = [BENCH / "dev" / "ground_truth.json", BENCH / "more" / "readability" / "ground_truth.json"]
DOC_CHARS = 1000
_WORD = re.compile(r"\w")


@dataclass
class Doc:
    language: str
    text: str
    fit: bool
    gold: list[str] | None = None  # a treebank's or corpus's own tokens


def _segmenters() -> dict[str, Callable[[str], list[str]]]:
    found: dict[str, Callable[[str], list[str]]] = {}
    try:
        import jieba

        jieba.setLogLevel(60)
        found["zh"] = lambda text: list(jieba.cut(text))
    except ImportError:
        pass
    try:
        import fugashi

        tagger = fugashi.Tagger()
        found["ja"] = lambda text: [w.surface for w in tagger(text)]
    except (ImportError, RuntimeError):
        pass
    try:
        from pythainlp.tokenize import word_tokenize as thai

        found["th"] = lambda text: thai(text, engine="newmm")
    except ImportError:
        pass
    try:
        from khmernltk import word_tokenize as khmer

        found["km"] = lambda text: khmer(text)
    except ImportError:
        pass
    return found


def _grouped(language: str, sentences: Iterator[tuple[str, list[str]]], fit: Callable[[int], bool]) -> Iterator[Doc]:
    text, gold, n = "", [], 0
    for sentence, tokens in sentences:
        text += sentence + ("" if language in ("zh", "ja") else " ")
        gold += tokens
        if len(text) >= DOC_CHARS:
            yield Doc(language, text.strip(), fit(n), gold)
            text, gold, n = "", [], n + 1
    if text:
        yield Doc(language, text.strip(), fit(n), gold)


def _conllu(path: Path) -> Iterator[tuple[str, list[str]]]:
    text, tokens = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# text = "):
            text, tokens = line[len("# text = "):], []
        elif line and not line.startswith("#"):
            cells = line.split("\t")
            if cells[0].isdigit():
                tokens.append(cells[1])
        elif not line and text is not None:
            yield text, tokens
            text = None


def ud_docs(path: Path, single: bool) -> Iterator[Doc]:
    language = path.name[:2]
    fit = (lambda n: n % 2 == 0) if single else (lambda n: "test" in path.name)
    yield from _grouped(language, _conllu(path), fit)


def segmented_docs(language: str, path: Path, fit: bool) -> Iterator[Doc]:
    def sentences() -> Iterator[tuple[str, list[str]]]:
        for line in path.read_text(encoding="utf-8").splitlines():
            tokens = [t.rsplit("/", 1)[0].replace("~", "") for t in line.split()]
            if tokens:
                yield "".join(tokens), tokens

    yield from _grouped(language, sentences(), lambda n: fit)


def page_docs(path: Path) -> Iterator[Doc]:
    for page in json.loads(path.read_text(encoding="utf-8")).values():
        text = page["articleBody"]
        counts = words.script_chars(text)
        letters = sum(map(str.isalpha, text)) or 1
        if sum(counts.values()) < 0.5 * letters:
            continue
        kana = counts.get("hiragana", 0) + counts.get("katakana", 0)
        top = max(counts, key=counts.__getitem__)
        language = "ja" if kana else {"han": "zh", "thai": "th", "khmer": "km", "myanmar": "my", "lao": "lo"}[top]
        yield Doc(language, text, fit=False)


def _counted(tokens: list[str]) -> list[str]:
    """The tokens a word count counts: those with a letter or digit (no punctuation, no spaces)."""
    return [t for t in tokens if _WORD.search(t)]


def _attributed(tokens: list[str]) -> tuple[Counter[str], Counter[str]]:
    """(characters, words) per script: each token's one word shared among its scripts by characters."""
    chars: Counter[str] = Counter()
    share: Counter[str] = Counter()
    for token in tokens:
        counts = words.script_chars(token)
        total = sum(counts.values())
        for name, n in counts.items():
            chars[name] += n
            share[name] += n / total
    return chars, share


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ud", type=Path, nargs="*", default=[])
    parser.add_argument("--segmented", nargs="*", default=[], help="LANG:FILE (held out) or LANG:FIT:FILE")
    parser.add_argument("--pages", type=Path, nargs="*", default=[p for p in DEFAULT_PAGES if p.exists()])
    args = parser.parse_args()
    docs: list[Doc] = []
    by_language = Counter(path.name[:2] for path in args.ud)
    for path in args.ud:
        docs += ud_docs(path, single=by_language[path.name[:2]] == 1)
    for spec in args.segmented:
        language, _, rest = spec.partition(":")
        fit, _, name = rest.partition(":") if rest.startswith("FIT:") else ("", "", rest)
        docs += segmented_docs(language, Path(name), fit == "FIT")
    for path in args.pages:
        docs += page_docs(path)
    segmenters = _segmenters()

    for language in sorted({d.language for d in docs}):
        mine = [d for d in docs if d.language == language]
        references = {"gold": [d.gold for d in mine]}
        if language in segmenters:
            references = {"segmenter": [segmenters[language](d.text) for d in mine], **references}
        for label, tokens in references.items():
            fitted = [_counted(t) for d, t in zip(mine, tokens) if d.fit and t is not None]
            held = [(d, _counted(t)) for d, t in zip(mine, tokens) if not d.fit and t is not None]
            if not fitted or not held:
                continue
            chars: Counter[str] = Counter()
            share: Counter[str] = Counter()
            for counted in fitted:
                c, s = _attributed(counted)
                chars += c
                share += s
            ratios = {name: chars[name] / share[name] for name in chars if share[name]}
            shipped = words.chars_per_word(chars)
            print(f"{language} vs {label}: fitted on {len(fitted)} documents ({sum(chars.values()):,} characters): "
                  + ", ".join(f"{name} {ratio:.2f} (shipped {shipped[name]:.2f})" for name, ratio in sorted(ratios.items())))
            truth = [len(counted) for _, counted in held]
            guess = [words.count_words(d.text) for d, _ in held]
            split = [len(d.text.split()) for d, _ in held]
            print(f"   held out {len(held)} documents ({sum(truth):,} words), count_words: mean abs error "
                  f"{_mean_error(guess, truth):.1f} %, total {100 * (sum(guess) - sum(truth)) / sum(truth):+.1f} %; "
                  f"str.split(): mean abs error {_mean_error(split, truth):.0f} %")


def _mean_error(guess: list[int], truth: list[int]) -> float:
    return 100 * sum(abs(g - t) / t for g, t in zip(guess, truth)) / len(truth)

if __name__ == "__main__":
    main()
