"""The quality report: `versions/V/report/index.html` (one self-contained page) and `summary.json`
with the same figures, computed by streaming the shards column by column.

    scan.py      record batches of only the needed columns; full rows for a few ids
    bounded.py   the only state kept while streaming: fixed-bin histograms, bounded top-k
    articles.py  per-source table, distributions, language mix, the viewer's sample
    removed.py   boilerplate removed: by kind, per source, most frequent lines
    claims.py    claims per document, status and kind mix, most cited sources
    rejects.py   documents not kept: by reason and source, examples (with duplicate_of), exact duplicates
    clusters.py  near-duplicate clusters: figures, the largest clusters, `find_cluster`
    changes.py   changes since the parent version (`compare_with_parent`)
    summary.py   all of the above into the summary dict
    style.py, html.py, charts.py   stylesheet, HTML helpers, inline SVG charts
    sections.py, audit.py, page.py the page's sections and the page
    documents.py rows by id: kept, dropped (from the rejects), or in a reference dataset
    viewer.py    one document with removed spans and claims marked
    cluster_page.py  one near-duplicate cluster, its members' texts side by side
    write.py     `write_report`, `write_document`, `write_cluster`: the files
"""

from curate.reporting.clusters import Cluster, find_cluster
from curate.reporting.documents import Document, find_document
from curate.reporting.write import ReportResult, write_cluster, write_document, write_report

__all__ = ["Cluster", "Document", "ReportResult", "find_cluster", "find_document", "write_cluster", "write_document",
           "write_report"]
