from __future__ import annotations

from curate.config import SourcesConfig
from curate.pipeline.dates import iso_date
from curate.pipeline.publisher import resolve_publisher

SOURCES = SourcesConfig(default="Fallback", folders={"txt": "Txt Co", "txt/a": "A Times"},
                        domains={"b.example": "B Daily"})


def test_publisher_order() -> None:
    assert resolve_publisher("txt/a/x.txt", None, "Page Name", SOURCES) == "A Times"
    assert resolve_publisher("txt/other/x.txt", None, None, SOURCES) == "Txt Co"
    assert resolve_publisher("w.jsonl#2", "news.b.example", "Page", SOURCES) == "B Daily"
    assert resolve_publisher("w.jsonl#2", "c.example", "Page", SOURCES) == "Page"
    assert resolve_publisher("w.jsonl#2", None, None, SOURCES) == "Fallback"
    forced = SourcesConfig(default="Forced", override=True, folders={"txt": "Txt Co"})
    assert resolve_publisher("txt/x.txt", None, "Page", forced) == "Forced"


def test_iso_date() -> None:
    assert iso_date("2024-03-02T10:00:00Z") == "2024-03-02"
    assert iso_date("Tue, 05 Mar 2024 10:00:00 GMT") == "2024-03-05"
    assert iso_date("2024-02-30") is None
    assert iso_date("yesterday") is None
    assert iso_date(None) is None
