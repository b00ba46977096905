"""Claims: who said, reported, believes or found what, with offsets into the clean text."""

from curate.claims.claim import Claim
from curate.claims.stage import LANGUAGES, NAME, VERSION, attempted, find_claims

__all__ = ["LANGUAGES", "NAME", "VERSION", "Claim", "attempted", "find_claims"]
