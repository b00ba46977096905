"""Tiny plain-text corpora for version tests: distinct, policy-passing articles written on demand."""

from __future__ import annotations

import shutil
from pathlib import Path

from curate.config import Config, load_config
from curate.signals.identity import document_id

_TOWNS = ["Harrow", "Linden", "Marsh Bay", "Oakridge", "Pinecrest", "Quarry Hill", "Redfield", "Stonebrook",
          "Tideport", "Upton", "Vale", "Westmoor"]
_FIRST = ["Ana", "Ben", "Carla", "Dev", "Elif", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
_LAST = ["Abbott", "Brennan", "Castillo", "Dunmore", "Eriksen", "Fairley", "Gallo", "Hartmann", "Ibarra", "Jansen"]
_TOPICS = ["the new ferry timetable", "a delayed bridge repair", "the school budget", "water rationing",
           "a planned wind farm", "the hospital expansion", "a strike at the port", "road tolls"]


def article(n: int, edition: int = 0) -> str:
    """Title line, then three paragraphs of plain news prose, unique to `n` < 100 (and `edition`).

    Every line names a different person: the template pass ignores digits, and would take lines
    that differ only in numbers for a site template.
    """
    town, topic = _TOWNS[n % len(_TOWNS)], _TOPICS[(n * 3) % len(_TOPICS)]
    person = f"{_FIRST[n % 10]} {_LAST[n // 10 % 10]}"
    fix = f" A correction issued in edition {edition} adjusted the figures reported earlier." if edition else ""
    return (
        f"{town} council debates {topic}, {person} reports\n\n"
        f"Members of the {town} council met on Tuesday evening to discuss {topic}, which residents say has "
        f"dominated local conversation for {n + 3} weeks. The meeting ran late into the night as speakers "
        f"queued, {person} among them, to describe how the proposal would change their daily "
        f"routines.{fix}\n\n"
        f"Deputy mayor {person} told reporters that the council would publish a detailed plan before the end "
        f"of the month. Officials estimated the cost at {n + 11} million dollars, a figure that opposition members "
        f"described as optimistic and incomplete.\n\n"
        f"Several business owners in {town} who spoke to {person} said they supported the idea in principle "
        f"but worried about disruption during construction. A final vote is expected after public hearing "
        f"number {n + 2} next spring.\n"
    )


def prose(n: int, edition: int = 0) -> str:
    """`article(n, edition)` without its title line: a body for records that carry the title in
    a field of their own."""
    return article(n, edition).split("\n\n", 1)[1]


def write_corpus(folder: Path, docs: dict[int, int]) -> Path:
    """`folder` holding `doc-<n>.txt` for every n -> edition in `docs` (emptied first)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for n, edition in docs.items():
        (folder / f"doc-{n:03d}.txt").write_text(article(n, edition), encoding="utf-8")
    return folder


def doc_id(n: int) -> str:
    """The id `write_corpus`'s document n gets (no URL: the id hashes the input uri)."""
    return document_id(None, f"doc-{n:03d}.txt")


def tiny_config(**sections: dict[str, object]) -> Config:
    return load_config(None, {"executor": {"workers": 1, "batch_size": 8}, **sections})
