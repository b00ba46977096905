"""Records that share an id: one is kept, the others are dropped (`policy_duplicate_id`).

An id hashes the canonical URL (else the input uri), so two records with one URL are one
document: a re-crawl with corrected text, or the same page in two dumps. Kept both, they would be
two rows of one id, which the gate refuses for good. The corpus pass notes every prepared
document's id and its place in input order (24 bytes a document in memory; its input uri goes to
a file on disk); once it is over, each repeated id keeps its latest record in input order (or its
first: `policy.keep_duplicate_id`), decided before any row is made, so the document pass can drop
the others with the input uri of the one kept.
"""

from __future__ import annotations

from array import array
from pathlib import Path
from typing import Literal

import numpy as np

from curate.pipeline.text_log import TextLog


class IdLedger:
    """Ids, input order and input uris of the prepared documents, batch by batch."""

    def __init__(self, uri_file: Path) -> None:
        self._ids = bytearray()
        self._order = array("q")
        self._batch_starts: list[int] = []
        self._uris = TextLog(uri_file)

    @property
    def batches(self) -> int:
        return len(self._batch_starts)

    def add(self, ids: list[str], uris: list[str], order: list[int] | None = None) -> None:
        """One batch's prepared documents; `order` defaults to the order they are added in."""
        start = len(self._order)
        self._batch_starts.append(start)
        self._ids += b"".join(bytes.fromhex(doc_id) for doc_id in ids)
        self._order.extend(order if order is not None else range(start, start + len(ids)))
        for uri in uris:
            self._uris.append(uri)

    def superseded(self, keep: Literal["latest", "first"]) -> dict[int, dict[int, str]]:
        """batch number -> {position in the batch: input uri of the record kept instead}."""
        count = len(self._order)
        if count < 2:
            return {}
        ids = np.frombuffer(bytes(self._ids), dtype=">u8").reshape(count, -1)
        order = np.frombuffer(self._order, dtype=np.int64)
        # stable: records of one id in input order; ties (none in a build) keep the order added
        ranked = np.lexsort((order, *(ids[:, column] for column in reversed(range(ids.shape[1])))))
        same = np.all(ids[ranked[1:]] == ids[ranked[:-1]], axis=1)
        starts = np.flatnonzero(np.concatenate(([True], ~same)))
        ends = np.append(starts[1:], count)
        batch_starts = np.array(self._batch_starts)
        found: dict[int, dict[int, str]] = {}
        for start, end in zip(starts[ends - starts > 1], ends[ends - starts > 1]):
            members = ranked[start:end]
            kept = members[-1] if keep == "latest" else members[0]
            kept_uri = self._uris[int(kept)]
            for member in members:
                if member != kept:
                    batch = int(np.searchsorted(batch_starts, member, side="right")) - 1
                    found.setdefault(batch, {})[int(member - batch_starts[batch])] = kept_uri
        return found

    def close(self) -> None:
        self._uris.close()
