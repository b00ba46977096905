"""What the extractor left out of an HTML page, as typed blocks of the page's document.

The extractor keeps the article and drops the rest of the page unrecorded; without this, an HTML
page's boilerplate ratio would be 0 and its flags false. Here the visible text of the tree the
extractor read is cut into blocks (the text of each block-level element, in page order; the page is
parsed once, `curate.extract.html.page_tree`); the blocks found, in order, in the
extracted document are the ones it kept, the others are what it left out. Each left-out block gets
a kind from where it sat (`<nav>`, `<aside>`, `class="comments"`, ...) and what it says (the line
rules' lexicon and shapes), and its place: the paragraph of the extracted document it came before.

Why alignment rather than the extractor's own choice: the extractor does not say which elements it
kept, and the extracted document may come from any extractor; text order is what they all keep.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from lxml.html import HtmlElement

from curate.boilerplate.page import RULE_PREFIX, RemovedBlock
from curate.boilerplate.rules import line_verdicts
from curate.boilerplate.verdict import LineVerdict
from curate.normalize import normalize_text

VERSION = 1
_RULE = f"{RULE_PREFIX}{VERSION}"

# Elements whose text a reader never sees as page text.
_INVISIBLE = frozenset({"head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object",
                        "embed", "canvas", "video", "audio", "map"})
# Elements that start a new block of text (the rest are inline: their text joins the block's).
_BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "html", "legend", "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "summary",
    "table", "td", "th", "tr", "ul",
})
# Elements whose class/id describe the whole page or article, not a part of it ("page-with-sidebar").
_WRAPPERS = frozenset({"html", "body", "main", "article"})
# What an element's tag or role says it holds. Strong: kept over what the block's text says.
_STRONG_TAGS = {"nav": "navigation", "figcaption": "caption"}
_WEAK_TAGS = {"aside": "sidebar", "footer": "navigation", "header": "navigation"}  # a footer is mostly links
_STRONG_ROLES = {"navigation": "navigation", "menu": "navigation", "menubar": "navigation"}
_WEAK_ROLES = {"complementary": "sidebar", "contentinfo": "navigation", "banner": "navigation"}
# Words of class, id and role names (`cookie-banner`, `commentList`, `nav__item`) by kind, the more
# specific first; a word starting with one of them counts (`comments`, `sharebar`, `menuitem`).
_STRONG_NAMES: tuple[tuple[str, str], ...] = (
    ("cookie_consent", r"cookie|consent|gdpr|onetrust|didomi|cmp"),
    ("newsletter", r"newsletter|signup|mailinglist"),
    ("share_widget", r"share|sharing|social"),
    ("comments", r"comment|disqus|discussion|respond|replies"),
    ("paywall", r"paywall"),
    ("login", r"login|signin"),
    ("advertising", r"ad|ads|advert|advertisement|sponsor|sponsored|dfp|gpt|adslot"),
    ("headline_list", r"related|recommend|trending|popular|mostread|outbrain|taboola|readmore|morestories"),
    ("navigation", r"nav|navbar|navigation|menu|breadcrumb|breadcrumbs|pagination|pager|masthead|skip"),
    ("caption", r"caption|credit"),
    ("legal_footer", r"copyright|colophon|disclaimer"),
)
_WEAK_NAMES: tuple[tuple[str, str], ...] = (
    ("sidebar", r"sidebar|rail|widget|aside"),
    ("navigation", r"footer"),
    ("byline", r"byline|dateline|author"),
)
_NAME_WORD = re.compile(r"[a-z][a-z0-9]*")


def _name_patterns(names: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """One regex over an element's name words; the group that matched is the kind. Short words
    (`ad`, `cmp`, `nav`) must be the whole word, longer ones may begin it."""
    groups = []
    for kind, words in names:
        exact = [w for w in words.split("|") if len(w) <= 3]
        prefix = [w for w in words.split("|") if len(w) > 3]
        alternatives = [rf"(?:{'|'.join(exact)})\b"] if exact else []
        alternatives += [rf"(?:{'|'.join(prefix)})\w*"] if prefix else []
        groups.append(rf"(?P<{kind}>{'|'.join(alternatives)})")
    return re.compile(rf"\b(?:{'|'.join(groups)})")


_STRONG_NAME = _name_patterns(_STRONG_NAMES)
_WEAK_NAME = _name_patterns(_WEAK_NAMES)
_WORD = re.compile(r"\w+")
_SEARCH_AHEAD = 200  # characters of extracted text a short block may be found beyond the last kept one
_LONG_BLOCK = 60  # a block this long (folded) is specific enough to be found anywhere further on
_TITLE_SHARE = 0.5  # a block holding at least this share of the title is the page's headline


@dataclass(frozen=True, slots=True)
class _Hint:
    """What an element's tag, role or names say about the text inside it."""

    kind: str
    strong: bool


@dataclass(frozen=True, slots=True)
class _Block:
    text: str
    hint: _Hint | None


def _own_hint(tag: str, attributes: Mapping[str, str]) -> _Hint | None:
    if not attributes:
        return _tag_hint(tag, "", "")
    names = f"{attributes.get('class') or ''} {attributes.get('id') or ''}"
    return _tag_hint(tag, (attributes.get("role") or "").strip().lower(), names)


@lru_cache(maxsize=4096)
def _tag_hint(tag: str, role: str, names: str) -> _Hint | None:
    """The hint of an element's tag, role and class/id names (pages repeat them: cached)."""
    if tag in _STRONG_TAGS:
        return _Hint(_STRONG_TAGS[tag], True)
    if role in _STRONG_ROLES:
        return _Hint(_STRONG_ROLES[role], True)
    if tag not in _WRAPPERS:
        names = " ".join(_NAME_WORD.findall(_split_camel(names)))
        if names:
            found = _STRONG_NAME.search(names)
            if found:
                return _Hint(str(found.lastgroup), True)
            found = _WEAK_NAME.search(names)
            if found:
                return _Hint(str(found.lastgroup), False)
    if tag in _WEAK_TAGS:
        return _Hint(_WEAK_TAGS[tag], False)
    if role in _WEAK_ROLES:
        return _Hint(_WEAK_ROLES[role], False)
    return None


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _split_camel(names: str) -> str:
    """`commentList` -> `comment list`, lower-cased: a name's words, however they are joined."""
    return _CAMEL.sub(" ", names).lower()


_HIDING = frozenset({"hidden", "aria-hidden", "style"})  # the attributes that can hide an element


def _hidden(element: HtmlElement) -> bool:
    names = element.keys()
    if not names or _HIDING.isdisjoint(names):  # most elements: one set operation, no lookups
        return False
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
        return True
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _page_blocks(root: HtmlElement) -> list[_Block]:
    """The page's visible text cut into blocks, in page order, each with the hint of the innermost
    element that gives one. One pass over the parsed tree in document order (`iter`, in C), with
    the open elements on a stack, so deeply nested markup costs no recursion. An element's hint
    is worked out only when a block ends inside it: most elements (links, inline markup, empty
    wrappers) close before any block does, and their names are never read. A hidden element
    ends the block before it (when it is a block) but not the one after it: its tail joins on.
    A block of whitespace only is no block, and is dropped without joining its pieces
    (indentation between tags is most of a page's text nodes)."""
    blocks: list[_Block] = []
    pieces: list[str] = []
    opened: list[HtmlElement] = []  # every open element, outermost first
    visible: list[HtmlElement] = []  # the visible ones among them
    hints: list[_Hint | None] = [None]  # hints[k + 1]: the hint in force inside visible[k], as far as known
    hidden_at = -1  # the place in `opened` of the hidden element the walk is inside, if any
    worded = False  # whether a piece holds more than whitespace

    def flush() -> None:
        nonlocal worded
        if not worded:  # whitespace only: no block, nothing to join
            pieces.clear()
            return
        text = " ".join("".join(pieces).split())
        pieces.clear()
        worded = False
        for element in visible[len(hints) - 1:]:
            hints.append(_own_hint(element.tag, element.attrib) or hints[-1])
        blocks.append(_Block(text, hints[-1]))

    for element in itertools.chain(root.iter(), (None,)):  # None: the end, where every element closes
        parent = element.getparent() if element is not None else None
        while opened and opened[-1] is not parent:
            done = opened.pop()
            if hidden_at >= 0:
                if len(opened) > hidden_at:
                    continue
                hidden_at = -1
            else:
                if pieces and done.tag in _BLOCKS:
                    flush()
                visible.pop()
                del hints[len(visible) + 1:]
            if tail := done.tail:
                pieces.append(tail)
                worded = worded or not tail.isspace()
        if element is None:
            break
        opened.append(element)
        if hidden_at >= 0:
            continue
        tag = element.tag
        if pieces and tag in _BLOCKS:
            flush()
        if not isinstance(tag, str) or tag in _INVISIBLE or _hidden(element):
            hidden_at = len(opened) - 1
            continue
        visible.append(element)
        if text := element.text:
            pieces.append(text)
            worded = worded or not text.isspace()
    flush()
    return blocks


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _is_heading(folded: str, heading: str) -> bool:
    """The block is the title or dek (kept in `title` / `subtitle`), or most of it."""
    return bool(heading) and bool(folded) and folded in heading and len(folded) >= _TITLE_SHARE * len(heading)


class _Extracted:
    """The extracted document's words as one folded string, with where each paragraph starts in
    it, so that a block's place is the paragraph the search has reached."""

    def __init__(self, document: str) -> None:
        folded, self.starts, self.places, size, offset = [" "], [], [], 1, 0
        for paragraph in document.split("\n\n"):
            self.starts.append(size - 1)
            self.places.append(offset)
            folded.append(_fold(paragraph) + " ")
            size += len(folded[-1])
            offset += len(paragraph) + 2
        self.text = "".join(folded)
        self.end = len(document)
        self.position = 0  # the space before the next word not yet matched

    def take(self, folded: str) -> bool:
        """Whether the block is the extracted text's next (advancing past it)."""
        needle = f" {folded} "
        long = len(folded) >= _LONG_BLOCK
        found = self.text.find(needle, self.position, None if long else self.position + _SEARCH_AHEAD + len(needle))
        if found < 0 and long:  # a short block ("Reuters") may have matched inside this paragraph
            paragraph = self.starts[max(0, bisect.bisect_right(self.starts, self.position) - 1)]
            found = self.text.find(needle, paragraph, self.position + len(needle))
        if found < 0:
            return False
        self.position = found + len(needle) - 1
        return True

    def place(self) -> int:
        """The offset of the first paragraph not yet begun (the document's end after the last)."""
        index = bisect.bisect_left(self.starts, self.position)
        return self.places[index] if index < len(self.places) else self.end


def page_removed(tree: HtmlElement | None, document: str, title: str | None, subtitle: str | None,
                 max_chars: int) -> list[RemovedBlock]:
    """The blocks of the page `tree` (the one its extractor read) the extracted, normalized
    `document` does not hold, at most `max_chars` characters of them (`_within`), each with its
    verdict and its place in `document`. The page's headline and dek are not blocks: they are the
    row's title and subtitle."""
    if max_chars <= 0 or tree is None:
        return []
    blocks = _page_blocks(tree.getroottree().getroot())  # the whole page: `tree` may be its body's only child
    extracted = _Extracted(document)
    headings = [_fold(title or ""), _fold(subtitle or "")]
    left: list[tuple[int, str, _Hint | None]] = []
    for block in blocks:
        folded = _fold(block.text)
        if folded and not extracted.take(folded) and not any(_is_heading(folded, h) for h in headings):
            left.append((extracted.place(), block.text, block.hint))
    lines = [(at, " ".join(normalize_text(text).split()), hint) for at, text, hint in _within(left, max_chars)]
    lines = [line for line in lines if line[1]]
    unsure = [k for k, (_, _, hint) in enumerate(lines) if hint is None or not hint.strong]
    said = dict(zip(unsure, line_verdicts([lines[k][1] for k in unsure], "und")))
    return [RemovedBlock(at, text, _verdict(hint, said.get(k))) for k, (at, text, hint) in enumerate(lines)]


def _verdict(hint: _Hint | None, said: LineVerdict | None) -> LineVerdict:
    """Where the block sat, when that is specific; else what its text says; else where it sat."""
    if hint is not None and hint.strong:
        return _shared_verdict(hint.kind, 0.9, f"dom_{hint.kind}")
    if said is not None and said.kind != "other_language":
        return _shared_verdict(said.kind, 0.9, f"text_{said.kind}")
    if hint is not None:
        return _shared_verdict(hint.kind, 0.8, f"dom_{hint.kind}")
    return _shared_verdict("other", 0.7, "left_out")


@lru_cache(maxsize=256)
def _shared_verdict(kind: str, score: float, rule: str) -> LineVerdict:
    """One object per verdict: a page's hundreds of blocks share a few, so the checkpoint that
    holds them pickles each once and reading it back builds each once (dev pages: reading the
    prepared batches back took 114 ms, now 14)."""
    return LineVerdict(kind, score, f"{_RULE}:{rule}")


def _within(blocks: list[tuple[int, str, _Hint | None]], max_chars: int) -> list[tuple[int, str, _Hint | None]]:
    """At most `max_chars` characters of `blocks`, shared fairly between the kinds their places
    hint at (the smaller ones whole), so that a huge menu cannot crowd out the comments; each
    kind keeps its first blocks, the last one cut at a word."""
    sizes: dict[str | None, int] = {}
    for _, text, hint in blocks:
        key = hint.kind if hint else None
        sizes[key] = sizes.get(key, 0) + len(text)
    if sum(sizes.values()) <= max_chars:
        return blocks
    budget, left = {}, max_chars
    for n, (key, size) in enumerate(sorted(sizes.items(), key=lambda item: item[1])):
        budget[key] = min(size, left // (len(sizes) - n))
        left -= budget[key]
    kept = []
    for at, text, hint in blocks:
        key = hint.kind if hint else None
        if budget[key] <= 0:
            continue
        if len(text) > budget[key]:
            text = text[:budget[key]].rpartition(" ")[0]
        budget[key] -= len(text) + 1
        if text:
            kept.append((at, text, hint))
    return kept
