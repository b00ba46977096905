"""The index page renders any summary safely: data is escaped, long lists are cut."""

from __future__ import annotations

import copy

from curate.reporting import ReportResult
from curate.reporting.page import render_index
from curate.reporting.sections import MAX_SOURCE_ROWS

HOSTILE = '<script>alert("x")</script>'


def test_data_is_escaped(sample_report: ReportResult) -> None:
    summary = copy.deepcopy(sample_report.summary)
    summary["sources"][0]["source"] = HOSTILE
    summary["boilerplate"]["top_lines"][0]["line"] = HOSTILE
    summary["claims"]["top_sources"][0]["source"] = HOSTILE
    summary["rejects"][0]["examples"][0]["message"] = HOSTILE
    summary["dataset"]["name"] = HOSTILE
    html = render_index(summary)
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") >= 5


def test_a_long_source_list_is_cut(sample_report: ReportResult) -> None:
    summary = copy.deepcopy(sample_report.summary)
    row = summary["sources"][0]
    summary["sources"] = [{**row, "source": f"site-{i:04d}"} for i in range(MAX_SOURCE_ROWS + 5)]
    html = render_index(summary)
    assert f"site-{MAX_SOURCE_ROWS - 1:04d}" in html and f"site-{MAX_SOURCE_ROWS:04d}</td>" not in html
    assert "5 smaller sources are listed in summary.json only." in html
