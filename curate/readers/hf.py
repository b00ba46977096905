"""Hugging Face datasets on disk: a `save_to_disk` folder or a local dataset repository."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from curate.config import ReadersConfig
from curate.document import RawDoc
from curate.readers.parquet import row_doc

FORMAT = "hf"


def is_saved_dataset(path: Path) -> bool:
    """A `Dataset.save_to_disk` folder, or a `DatasetDict` one (each split a saved dataset)."""
    return (path / "state.json").is_file() or (path / "dataset_dict.json").is_file()


def read_hf(path: Path, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    """Every split's rows, in split order; `input_uri` is `<uri>/<split>#<row>`."""
    import datasets

    if is_saved_dataset(path):
        loaded = datasets.load_from_disk(str(path))
    else:
        loaded = datasets.load_dataset(str(path))
    splits = loaded if isinstance(loaded, datasets.DatasetDict) else {"train": loaded}
    for split in sorted(splits):
        for number, record in enumerate(splits[split]):
            yield row_doc(record, f"{uri}/{split}#{number}", FORMAT, config)
