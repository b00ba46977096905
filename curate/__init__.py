"""curate: scraped news articles in, a schema-validated, versioned Parquet dataset out.

>>> import curate
>>> ds = curate.load("sample", split="train")   # doctest: +SKIP

Importing the package is cheap: heavy libraries load only in the functions that need them.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("curate")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

from curate.api import build, diff, load, publish, reproduce
from curate.config import Config, load_config
from curate.schema import load_schema

__all__ = ["Config", "__version__", "build", "diff", "load", "load_config", "load_schema", "publish", "reproduce"]
