"""Publishing: a validated version as a Hugging Face dataset repository (card, Croissant file,
Parquet shards), one commit and one tag per release.

    publisher.py   `publish()`: the gate check, one decision, the manifest's `published` entry
    plan.py        what a publish will do (nothing / finish / publish), shared by the dry run
    release.py     stage one version in the Hub layout
    card.py        README.md: YAML metadata and the reader's page
    markdown.py    the card's escaping: values from data and config as text, never markup
    croissant.py   croissant.json (Croissant 1.0 JSON-LD)
    contents.py    kept articles per publisher and language, from the shards
    local_repo.py  target: a local git repository (the default, `STORE/NAME/hub`)
    hub.py         target: `hf://datasets/ORG/NAME` through huggingface_hub
"""

from curate.publishing.publisher import PublishResult, publish

__all__ = ["PublishResult", "publish"]
