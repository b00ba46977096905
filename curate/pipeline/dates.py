"""Publication dates to ISO 8601 (YYYY-MM-DD); anything unparseable becomes None."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = _ISO_DAY.match(value)
    if match:
        year, month, day = (int(g) for g in match.groups())
        try:
            return datetime(year, month, day).date().isoformat()
        except ValueError:
            return None
    try:  # RFC 2822, as in HTTP headers and RSS
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
