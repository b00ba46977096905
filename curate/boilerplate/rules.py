"""The boilerplate line classifier: rules first, then the line model for the lines they leave.

Why this order: a line that is a known widget phrase, a stamp or a credit is decided alone and
cheaply; captions, duplicates, trailing headline lists and menus are only recognisable from the
lines around them, so they are decided afterwards on the whole document (with the teaser cards,
two-line credits, comment threads and author blurbs of `context.py`). Body text must never be
flagged: every rule is bounded by line length and sentence shape, and the context rules only
act outside the article's body paragraphs. The rules are precise but incomplete (site chrome in
any wording, teaser lists, author blurbs), so the lines they leave go to the line model
(`model.py`), which weighs shape and position cues and keeps the article's main block; on a
page's text an extractor chose (HTML inputs), that block is chosen already and only the rules act. A rule
gives its kind; a line only the model flags gets a kind from its shape (`navigation` for a
short item outside the main block) or the generic `other`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from curate.boilerplate import context, lexicon
from curate.boilerplate.model import DEFAULT_THRESHOLD, judge, load_model
from curate.boilerplate.scripts import document_scripts, foreign_letters, is_foreign
from curate.boilerplate.verdict import LineVerdict

RULES_VERSION = 5  # 2: the line model decides what the rules leave; 3: prompts, cards, threads, more languages;
# 4: on extracted text (HTML inputs) only the rules judge; 5: the rows of a Markdown table block are kept (tables.py)

_LEXICON = {kind: LineVerdict(kind, 0.95, f"lexicon_v1:{kind}") for kind in lexicon.WHOLE_LINE_PHRASES}
_SHAPE = {
    "teaser_marker": LineVerdict("teaser", 0.9, "shape_v1:teaser_marker"),
    "teaser_label": LineVerdict("teaser", 0.8, "shape_v1:teaser_label"),
    "ad_label": LineVerdict("advertising", 0.85, "shape_v1:ad_label"),
    "byline": LineVerdict("byline", 0.85, "shape_v1:byline"),
    "wire_trailer": LineVerdict("byline", 0.85, "shape_v1:wire_trailer"),
    "contact": LineVerdict("byline", 0.85, "shape_v1:contact"),
    "credit_line": LineVerdict("credit", 0.9, "shape_v1:credit_line"),
    "legal": LineVerdict("legal_footer", 0.9, "shape_v1:copyright"),
    "cookie": LineVerdict("cookie_consent", 0.9, "shape_v1:cookie_banner"),
}
_PROMPT = {
    "newsletter": LineVerdict("newsletter", 0.9, "shape_v1:prompt"),
    "follow": LineVerdict("follow_prompt", 0.9, "shape_v1:prompt"),
    "share": LineVerdict("share_widget", 0.9, "shape_v1:prompt"),
    "contact": LineVerdict("byline", 0.85, "shape_v1:prompt"),
    "pitch": LineVerdict("paywall", 0.85, "shape_v1:prompt"),
}
_BARE_NUMBER = LineVerdict("navigation", 0.8, "shape_v1:bare_number")
_BARE_URL = LineVerdict("navigation", 0.8, "shape_v1:bare_url")
_OTHER_LANGUAGE = LineVerdict("other_language", 0.9, "shape_v1:script")
_STAMP = LineVerdict("byline", 0.8, "shape_v1:timestamp")
_BYLINE_SEGMENTS = LineVerdict("byline", 0.8, "shape_v1:byline_segments")
_MENU_LINE = LineVerdict("navigation", 0.8, "shape_v1:menu_line")
_GLUED = LineVerdict("duplicate_line", 0.85, "shape_v1:glued_repeat")
_CREDIT_TAIL = LineVerdict("credit", 0.85, "shape_v1:credit_tail")
_CAPTION_REPEAT = LineVerdict("caption", 0.9, "context_v1:caption_repeat")
_DUPLICATE = LineVerdict("duplicate_line", 0.75, "context_v1:duplicate")
_HEADLINE_LIST = LineVerdict("headline_list", 0.75, "context_v1:headline_list")
_MENU_RUN = LineVerdict("navigation", 0.7, "context_v1:menu_run")
_SECTION = LineVerdict("navigation", 0.8, "context_v1:section_name")
_MENU_ITEM_WORDS = 3  # a model-flagged line this short outside the main block is a menu item
_CONTEXT_RULES = "context_v"  # the rules that judge a line by the lines around it
_INLINE_KINDS = frozenset({"teaser", "follow_prompt", "caption", "credit", "other_language"})
_PROMPT_MAX = 400  # longest reader prompt ("Follow ... on Twitter to ..."), in characters

_LEXICON_MAX = 120  # longest widget phrase worth trying, in characters
_SHORT_SHAPE_MAX = 250  # longest teaser, byline or credit line
_SHAPE_MAX = 800  # longest cookie banner or copyright footer
_TAIL_MAX = 300  # longest caption carrying a glued credit
_TERMINAL = ".!?"
_SENTENCE_END = ".!?\"'”’"
_CLOSERS = "\"'”’»)]"
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”]")
_ITEM_EXCLUDED = re.compile(r"[\d()]| vs?\.? ")
_URL = re.compile(r"https?://\S+\Z")


def classify_lines(
    lines: Sequence[str], language: str = "en", threshold: float = DEFAULT_THRESHOLD, extracted: bool = False
) -> list[LineVerdict | None]:
    """One verdict per input line (None = keep). `lines` are the normalized document's lines
    (blank lines are "" and get None). `threshold` is the least content probability the model
    keeps a line with: higher removes more, never less.

    `extracted`: an extractor already chose these lines as a page's main content (HTML inputs),
    and only the rules judge them. The model's work is finding the main block among a page's
    lines, which the extractor has done: a second opinion on its choice removed real body text
    (prose outside the model's block, code, list items and table rows) on pages of sites neither
    was tuned on, more than the leftovers it caught (BENCHMARKS.md, issue 14). What the rules
    know (widget phrases, prompts, stamps, credits, teaser lists, menus) is removed as from text,
    but never all of it on its neighbours' word (`_never_emptied`).
    """
    text = [line.strip() for line in lines]
    verdicts = rule_verdicts(text, language)
    if extracted:
        return _never_emptied(text, verdicts)
    model = load_model()
    judged = judge(text, [v is not None for v in verdicts], threshold, model,
                   [is_chrome(v) for v in verdicts], [is_inline(v) for v in verdicts])
    for i, decision in enumerate(judged):
        if decision is not None:
            probability, outside = decision
            verdicts[i] = _model_verdict(text[i], probability, outside, model.version)
    return verdicts


def _never_emptied(text: Sequence[str], verdicts: list[LineVerdict | None]) -> list[LineVerdict | None]:
    """The extractor found text, so the rules do not empty it on context alone: when every line
    is flagged, the verdicts given for the lines around a line (a headline list, a teaser card,
    a menu run) are withdrawn, and only what each line is by itself (a widget phrase, a stamp, a
    prompt) is removed."""
    if any(line and verdict is None for line, verdict in zip(text, verdicts)):
        return verdicts
    return [None if v is not None and v.rule.startswith(_CONTEXT_RULES) else v for v in verdicts]


def is_chrome(verdict: LineVerdict | None) -> bool:
    """Page chrome, which an extractor would have removed: a widget phrase or a menu. Prompts,
    credits, teasers and bylines are found inside extracted article text as well."""
    return verdict is not None and (verdict.rule.startswith("lexicon") or verdict.kind == "navigation")


def is_inline(verdict: LineVerdict | None) -> bool:
    """A leftover that interrupts an article rather than ends it: a teaser, an app or follow
    prompt, a caption or a credit."""
    return verdict is not None and verdict.kind in _INLINE_KINDS


def _model_verdict(line: str, probability: float, outside: bool, version: int) -> LineVerdict:
    """A kind from the line's shape: a short item outside the main block is navigation."""
    short = _words(line) <= _MENU_ITEM_WORDS and line[-1] not in _TERMINAL
    kind = "navigation" if outside and short else "other"
    where = "outside_block" if outside else "low_probability"
    return LineVerdict(kind, round(1.0 - probability, 4), f"model_v{version}:{where}")


def line_verdicts(text: Sequence[str], language: str) -> list[LineVerdict | None]:
    """The verdicts each stripped line earns on its own (lexicon, shapes, prompts, credits,
    other-language lines), before any rule looks at its neighbours."""
    scripts = document_scripts(language, text)
    foreign = foreign_letters(scripts)
    check_ascii = "latin" not in scripts
    return [(_remembered_verdict if len(line) <= _REMEMBERED_MAX else _line_verdict)(line, foreign, check_ascii)
            if line else None for line in text]


def rule_verdicts(text: Sequence[str], language: str) -> list[LineVerdict | None]:
    """The rules' verdicts for stripped lines: lexicon and shape per line, then context."""
    verdicts = line_verdicts(text, language)
    _caption_repeats(text, verdicts)
    context.credit_labels(text, verdicts)
    context.teaser_cards(text, verdicts)
    context.comment_threads(text, verdicts)
    body = _body_bounds(text, verdicts)
    if body is None:
        return verdicts
    context.author_blurbs(text, verdicts, body[1])
    _duplicates(text, verdicts, body)
    _trailing_headlines(text, verdicts)
    _menu_runs(text, verdicts, body)
    return verdicts


# A line's own verdict is a pure function of it, and the same lines come back: a site's widgets,
# menus and credits on every page of it, and every kept line once more when the policy checks that
# no kept line is boilerplate (`curate.validation.checks.lines_pass_boilerplate_rules`). Lines
# longer than the longest shape rule are cheap to judge (only the script check reads them), so
# the memory holds at most `_REMEMBERED_LINES` lines of up to `_REMEMBERED_MAX` characters.
_REMEMBERED_LINES = 4096
_REMEMBERED_MAX = _SHAPE_MAX


def _line_verdict(line: str, foreign: re.Pattern[str], check_ascii: bool) -> LineVerdict | None:
    """Rules that need only the line itself, cheapest and most certain first."""
    if (check_ascii or not line.isascii()) and is_foreign(line, foreign):
        return _OTHER_LANGUAGE
    size = len(line)
    if size <= _LEXICON_MAX:
        kind = lexicon.WHOLE_LINE.kind(line)
        if kind:
            return _LEXICON[kind]
    if size > _SHAPE_MAX:
        return None
    match = (lexicon.SHAPE if size <= _SHORT_SHAPE_MAX else lexicon.SHAPE_LONG).match(line)
    if match:
        return _SHAPE[cast(str, match.lastgroup)]  # every alternative is a named group
    if size <= _PROMPT_MAX:
        match = lexicon.PROMPT.match(line)
        if match:
            return _PROMPT[cast(str, match.lastgroup)]
    if size <= _LEXICON_MAX:
        verdict = _short_line_shape(line)
        if verdict:
            return verdict
    # A credit never ends a sentence, so lines ending like one skip the credit regexes.
    if size > _TAIL_MAX or line[-1] in _SENTENCE_END:
        return None
    if "/" in line and lexicon.SLASH_CREDIT.match(line):
        return _SHAPE["credit_line"]
    if line.count(" ") < 45 and not _QUOTE.search(line) and lexicon.CREDIT_TAIL.search(line, max(0, size - 110)):
        return _CREDIT_TAIL
    return None


_remembered_verdict = lru_cache(maxsize=_REMEMBERED_LINES)(_line_verdict)


def _short_line_shape(line: str) -> LineVerdict | None:
    """Stamps, bare numbers and links, byline/menu lines of joined segments, and phrases glued to
    themselves."""
    if line.isdigit() and len(line) <= 3:  # a counter, a page or gallery number
        return _BARE_NUMBER
    if _is_stamp(line):
        return _STAMP
    if line[0] == "h" and _URL.match(line):
        return _BARE_URL
    half, odd = divmod(len(line), 2)
    if not odd and half >= 4 and line[:half] == line[half:]:
        return _GLUED
    if line[-1] in _TERMINAL:
        return None
    segments = [s for s in lexicon.MENU_SEPARATOR.split(line) if s]
    if len(segments) < 2:
        return None
    if any(_is_stamp(s) or _is_byline(s) for s in segments) and all(s.count(" ") < 6 for s in segments):
        return _BYLINE_SEGMENTS
    if len(segments) >= 3 and all(s.count(" ") < 4 for s in segments):
        return _MENU_LINE
    return None


def _is_stamp(line: str) -> bool:
    """A date, time or reading-time stamp ("Published 10:32 AM", "Nov 18, 2019 • 2 min read")."""
    return bool(
        _DIGIT.search(line) and lexicon.STAMP_LINE.match(line) and lexicon.STAMP_ANCHOR.search(line)
    )


def _is_byline(line: str) -> bool:
    match = lexicon.SHAPE.match(line)
    return match is not None and match.lastgroup in ("byline", "wire_trailer")


def _caption_repeats(text: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    """A caption printed twice: the same line again right below (one blank line between at most),
    alone or with its credit glued on."""
    last = len(text) - 1
    for i in range(last):
        line = text[i]
        if not line or verdicts[i]:
            continue
        j = i + 1 if text[i + 1] or i + 1 == last else i + 2
        if not text[j].startswith(line) or not 3 <= line.count(" ") <= 40:
            continue
        if len(text[j]) == len(line):
            verdicts[i] = verdicts[j] = _CAPTION_REPEAT
        elif (below := verdicts[j]) is not None and below.kind == "credit":
            verdicts[i] = _CAPTION_REPEAT


def _body_bounds(text: Sequence[str], verdicts: Sequence[LineVerdict | None]) -> tuple[int, int] | None:
    """First and last index of the lines shaped like article paragraphs (None when there are none)."""
    size = len(text)
    first = next((i for i in range(size) if _is_body(text[i], verdicts[i])), None)
    if first is None:
        return None
    return first, next(i for i in range(size - 1, first - 1, -1) if _is_body(text[i], verdicts[i]))


def _duplicates(text: Sequence[str], verdicts: list[LineVerdict | None], body: tuple[int, int]) -> None:
    """A sentence-length line outside the body printed again after its first occurrence
    (a repeated teaser or headline). Inside the body repeats are left alone: articles repeat
    list items, recipe lines and interview questions on purpose."""
    first, last = body
    seen: set[str] = set()

    def visit(i: int) -> None:
        line = text[i]
        if line in seen and verdicts[i] is None and line.count(" ") >= 5 and len(line) >= 30:
            verdicts[i] = _DUPLICATE
        seen.add(line)

    for i in range(first):
        visit(i)
    seen.update(text[first:last + 1])
    for i in range(last + 1, len(text)):
        visit(i)


def _words(line: str) -> int:
    return line.count(" ") + 1


def _is_headline(line: str) -> bool:
    """Shaped like another article's title: 4-20 words, capitalised, no closing punctuation."""
    return 4 <= _words(line) <= 20 and line.rstrip(_CLOSERS)[-1:] not in ".!,;:" and line[0].isupper()


def _is_short_sentence(line: str) -> bool:
    """Shaped like an image caption or a teaser's summary: one short sentence."""
    return _words(line) <= 30 and line[-1] in ".!?" and line[0].isupper()


def _trailing_headlines(text: Sequence[str], verdicts: list[LineVerdict | None]) -> None:
    """Other articles' headlines (with their image captions) after the last body paragraph.

    Walking up from the end, headlines may alternate with single short sentences (captions,
    summaries); two sentences in a row are body text and end the list. The list must start
    at a headline and hold at least three; at least half of its headlines must read like
    sentences (distinct lines with function words, no parentheses), and it must not follow
    a kept line ending in ":", so an article's own closing list (fixtures, names, results,
    "The game includes:") survives.
    """
    start, headlines, after_sentence = len(text), 0, False
    worded: set[str] = set()
    for i in range(len(text) - 1, -1, -1):
        line = text[i]
        if not line or verdicts[i]:
            continue
        if _is_headline(line):
            headlines, after_sentence = headlines + 1, False
            if "(" not in line and lexicon.HEADLINE_WORDS.search(line):
                worded.add(line)
        elif _words(line) <= 3 and line[-1] not in _TERMINAL:
            after_sentence = False
        elif _is_short_sentence(line) and not after_sentence:
            after_sentence = True
        else:
            break
        start = i
    if len(worded) < 3 or 2 * len(worded) < headlines:
        return
    while not (text[start] and verdicts[start] is None and _is_headline(text[start])):
        start += 1
    lead_in = next((i for i in range(start - 1, -1, -1) if text[i]), None)
    if lead_in is not None and verdicts[lead_in] is None and text[lead_in].endswith(":"):
        return
    for i in range(start, len(text)):
        if text[i] and verdicts[i] is None:
            verdicts[i] = _HEADLINE_LIST


def _is_body(line: str, verdict: LineVerdict | None) -> bool:
    """A kept line shaped like an article paragraph."""
    return verdict is None and line.count(" ") >= 9 and line.rstrip(_CLOSERS)[-1:] in _TERMINAL


def _is_menu_item(line: str) -> bool:
    """A menu entry: one to three words; no digits, parentheses or "v", which mark an article's
    own tables and fixtures ("16th PREM", "WINNERS (six times)", "Wolves v Millwall")."""
    return len(line) <= 30 and _words(line) <= 3 and line[-1] not in ".!?:,;" and not _ITEM_EXCLUDED.search(line)


def _menu_runs(
    text: Sequence[str], verdicts: list[LineVerdict | None], body: tuple[int, int], min_items: int = 4
) -> None:
    """Menus before the first or after the last body paragraph: runs of at least `min_items`
    short item lines (blank and already flagged lines do not break a run), and single section
    names ("Opinion" above the title)."""
    for lo, hi in ((0, body[0]), (body[1] + 1, len(text))):
        run: list[int] = []
        for i in range(lo, hi + 1):
            if i < hi and (not text[i] or verdicts[i]):
                continue
            if i < hi and _is_menu_item(text[i]):
                run.append(i)
                if lexicon.SECTION_NAME.match(text[i]):
                    verdicts[i] = _SECTION
                continue
            if len(run) >= min_items:
                for k in run:
                    verdicts[k] = _MENU_RUN
            run = []
