"""Near-duplicate detection: MinHash signatures of word n-grams, LSH bands, union-find clusters.

Workers call `signatures(texts, params)` on their batches; the parent feeds them, in input order,
to a `CandidateIndex`, which appends them to a file, spills band keys to sorted runs on disk and,
after the last batch, gives `Clusters`: per document, the smallest index of its cluster.

Hashing: `xxhash` (XXH3-64) hashes each word, numpy combines words into n-grams and applies the
MinHash family (`signatures.py`). Measured on the same 3,000 scaled-corpus news texts in one run
(`benchmarks/dedup_signatures.py`, 150 hashes, CPU time of one core): this path 5,300 documents/s;
the n-gram strings hashed one by one with xxh3, 4,000; rensa 0.5 on the n-gram strings, 6,900
(10,100 on our n-gram hashes); datasketch 2.0, 1,500. rensa is faster, but this path clears the
3,000/s target with room, needs no new package (xxhash comes with `datasets` already), and its
values are ours to keep: XXH3 is a frozen specification and the MinHash family is defined here,
pinned by a test, while rensa 0.5 changed its algorithm and says digests of earlier versions
must not be compared, which would silently break deduplication against signatures stored by an
earlier version of a dataset. Bump `VERSION` whenever a signature can change.
"""

from curate.dedup.clusters import Clusters
from curate.dedup.index import CandidateIndex
from curate.dedup.params import MinHashParams
from curate.dedup.signatures import signatures, similarity

NAME = "dedup"
VERSION = 1

__all__ = ["NAME", "VERSION", "CandidateIndex", "Clusters", "MinHashParams", "signatures", "similarity"]
