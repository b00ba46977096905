"""The whole-line lexicon: matching by first-letter bucket, compiled on first use, must answer
exactly as one regex holding every phrase would."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.boilerplate import lexicon

LINES = [
    "Share this article", "TweetTweet", "Facebook Twitter WhatsApp Email", "SubscribeSign In",
    "Send in e-mailSend in e-mail", "Compartir en Facebook", "Follow us on Instagram", "Subscribe now",
    "$2.99/month", "Already a subscriber? Sign in", "Forgot your password?", "Iniciar sesión",
    "Enter your email address", "Related Articles", "Lesen Sie auch: Der Streit um die Rente geht weiter",
    "12 comments", "Advertisement", "Поделиться", "Читайте также", "Подпишитесь на нашу рассылку",
    "Udostępnij", "Baca juga", "Lees ook", "İlgili haberler", "関連記事", "シェアする", "コメント",
    "관련기사", "공유하기", "댓글 쓰기", "相关新闻", "分享到", "· Share ·", "— Print —", "42",
    "The council met on Tuesday.", "Sign in to read the council's full budget and the mayor's reply",
    "Ölçüm", "Éditorial", "",
]


def _one_regex(phrases: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """Every phrase of every kind in one alternation, no buckets: the slow reference."""
    probe = lexicon.WholeLine(phrases)
    by_kind: dict[str, list[str]] = {}
    for kind, branch, _ in probe._branches:
        by_kind.setdefault(kind, []).append(branch)
    first = "|".join(f"(?P<{kind}>{'|'.join(bs)})" for kind, bs in by_kind.items())
    edge = lexicon.WholeLine._EDGE
    return re.compile(rf"(?i:{edge}(?:{first})(?:{edge}+(?:{probe._glued}))*{edge})\Z")


@pytest.fixture(scope="module")
def reference() -> re.Pattern[str]:
    return _one_regex(lexicon.WHOLE_LINE_PHRASES)


@pytest.mark.parametrize("line", LINES)
def test_buckets_answer_as_one_regex_would(line: str, reference: re.Pattern[str]) -> None:
    match = reference.match(line)
    assert lexicon.WHOLE_LINE.kind(line) == (match.lastgroup if match else None)


def test_regexes_compile_on_first_use_and_warm_compiles_them_all() -> None:
    whole_line = lexicon.WholeLine(lexicon.WHOLE_LINE_PHRASES)
    assert not whole_line._firsts and not vars(whole_line).keys() & {"_tail", "_whole"}
    assert whole_line.kind("Share this article") == "share_widget"
    assert list(whole_line._firsts) == ["s"] and "_tail" in vars(whole_line) and "_whole" not in vars(whole_line)
    whole_line.warm()
    compiled = set(whole_line._firsts)
    assert {None, "*", "s", "f"} <= compiled and len(compiled) <= 28  # a-z, other scripts, none
    assert "_whole" in vars(whole_line)
    assert whole_line.kind("Поделиться") == "share_widget" and set(whole_line._firsts) == compiled
    assert whole_line._tail.groups == 0  # the kind is the first phrase's group, as in the one regex


def test_a_first_phrase_the_tail_cannot_follow_asks_the_one_regex() -> None:
    """"Sign in" starts the line but prose follows: only the one regex can say that no other
    phrase, and no other end of this one, covers the line."""
    whole_line = lexicon.WholeLine(lexicon.WHOLE_LINE_PHRASES)
    assert whole_line.kind("Sign in to read the council's full budget and the mayor's reply") is None
    assert "_whole" in vars(whole_line)


_FRAGMENTS = st.sampled_from([
    "Share", "share this", "Tweet", "Email", "E-mail", "Facebook", "Twitter", "WhatsApp", "Sign in", "Sign up",
    "Log in", "Subscribe", "now", "this article", "this story", "Print", "comments", "12", "Comment", "Advertisement",
    "Related", "Articles", "Read more", "newsletter", "for our", "Follow us on", "Instagram", "the council",
    "met on Tuesday", "Поделиться", "Читайте также", "$2.99/month", "Already a subscriber?", "·", "|", "—",
])
_SEPARATORS = st.sampled_from(["", " ", " · ", " | ", ": ", "\t", " — ", "/"])


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(_FRAGMENTS, _SEPARATORS), min_size=1, max_size=6))
def test_two_steps_answer_as_one_regex_would(parts: list[tuple[str, str]], reference: re.Pattern[str]) -> None:
    """Lines of phrases, glued buttons, prose and marks in any order: the first phrase, then the
    tail from where it ended (then the whole regex when that fails) give the one regex's kind."""
    line = "".join(fragment + separator for fragment, separator in parts)
    match = reference.match(line)
    assert lexicon.WHOLE_LINE.kind(line) == (match.lastgroup if match else None)
