"""Near-duplicate detection: MinHash signatures of word n-grams, LSH bands, union-find clusters.

Workers call `signatures(texts, params)` on their batches; the parent feeds them to a
`CandidateIndex`, which spills band keys to sorted runs on disk and, after the last batch, gives
`Clusters`: per document, the smallest index of its cluster.

Hashing: `xxhash` (XXH3-64, a frozen specification) hashes each word, numpy combines words into
n-grams and applies the MinHash family. Measured on the same news texts in one run
(`benchmarks/dedup_signatures.py`), per core: this path, rensa and datasketch; see that script's
docstring for the figures and why this one was chosen.
"""

from curate.dedup.clusters import Clusters
from curate.dedup.index import CandidateIndex
from curate.dedup.params import MinHashParams
from curate.dedup.signatures import signatures, similarity

NAME = "dedup"
VERSION = 1

__all__ = ["NAME", "VERSION", "CandidateIndex", "Clusters", "MinHashParams", "signatures", "similarity"]
