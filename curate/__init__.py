"""curate: scraped news articles in, a schema-validated, versioned Parquet dataset out.

>>> import curate
>>> built = curate.build(["data/raw"], "sample", "curate.toml")   # doctest: +SKIP
>>> built.version, built.passed, built.report                      # doctest: +SKIP
>>> ds = curate.load("sample", split="train")                      # doctest: +SKIP

Importing the package is cheap: heavy libraries load only in the functions that need them.
The library logs to `logging.getLogger("curate")` and never prints.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("curate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from curate.api import (
    Validation,
    VersionInfo,
    VersionResult,
    build,
    diff,
    load,
    publish,
    rebuild,
    report,
    reproduce,
    validate,
    validate_files,
    versions,
)
from curate.config import Config, load_config
from curate.schema import load_schema

__all__ = ["Config", "Validation", "VersionInfo", "VersionResult", "__version__", "build", "diff", "load",
           "load_config", "load_schema", "publish", "rebuild", "report", "reproduce", "validate", "validate_files",
           "versions"]
