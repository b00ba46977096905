"""The Python API, at parity with the command line (which is a thin shell over it): every call is
a plain function that can be called any number of times in one process.

    making.py    build, rebuild (each followed by the gate and the report), validate,
                 validate_files, report, publish, reproduce
    reading.py   versions, load (refuses a version its gate does not vouch for), diff
    results.py   what they return: VersionResult, Validation, VersionInfo
    progress.py  the progress callback `(stage, done, total)` and the tqdm / rich display
    options.py   the store and config arguments every call shares

No module here, or anywhere in curate, is named like a function of the API: importing a module
binds it on its package, which would replace the function (tests/test_api.py imports them all).
"""

from __future__ import annotations

from curate.api.making import build, publish, rebuild, report, reproduce, validate, validate_files
from curate.api.progress import ProgressCallback
from curate.api.reading import diff, load, versions
from curate.api.results import Validation, VersionInfo, VersionResult

__all__ = ["ProgressCallback", "Validation", "VersionInfo", "VersionResult", "build", "diff", "load", "publish",
           "rebuild", "report", "reproduce", "validate", "validate_files", "versions"]
