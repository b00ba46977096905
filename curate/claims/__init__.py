"""Claims: who said, reported, believes or found what, with offsets into the clean text."""

from curate.claims.claim import Claim
from curate.claims.stage import NAME, VERSION, find_claims

__all__ = ["NAME", "VERSION", "Claim", "find_claims"]
