"""The page's own address and site name, the fallback when trafilatura finds none."""

from __future__ import annotations

import pytest

from curate.extract.page_meta import address_and_site_name

HEAD = """<html><head><title>Deals – Gadget Weekly</title>
<meta property="article:publisher" content="https://www.facebook.com/GadgetWeekly">
<meta property='og:site_name' content='Gadget Weekly &amp; Co'>
<meta property="og:url" content="https://gadgets.example/2019/11/deals/">
<link rel="stylesheet" href="/s.css"><link rel="canonical" href="https://gadgets.example/deals/">
</head><body><p>Text</p></body></html>"""


def test_canonical_link_wins_and_entities_are_decoded() -> None:
    assert address_and_site_name(HEAD) == ("https://gadgets.example/deals/", "Gadget Weekly & Co")


@pytest.mark.parametrize(("page", "expected"), [
    ('<meta property="og:url" content="https://a.example/x"><meta name="application-name" content="A News">',
     ("https://a.example/x", "A News")),
    ('<link rel="canonical" href="/relative/path"><meta name=publisher content=https://a.example>', (None, None)),
    ("<p>No head at all</p>", (None, None)),
])
def test_only_absolute_addresses_and_plain_names(page: str, expected: tuple[str | None, str | None]) -> None:
    assert address_and_site_name(page) == expected
