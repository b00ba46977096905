"""Corpus-level templates: lines that repeat across many documents of one source.

A site's footer or its "Click the alert icon to follow topics:" shows up in a large share of that
site's pages and in almost no article body. A corpus pass counts, per source, in how many
documents each line occurs (`TemplateCounter`); the result is a small `TemplateTable` handed to
the per-document boilerplate stage, which flags those lines as `template_line`.
"""

NAME = "templates"
VERSION = 1

from curate.templates.counter import TemplateCounter  # noqa: E402
from curate.templates.keys import line_key, line_keys  # noqa: E402
from curate.templates.table import TemplateTable  # noqa: E402

__all__ = ["NAME", "VERSION", "TemplateCounter", "TemplateTable", "line_key", "line_keys"]
