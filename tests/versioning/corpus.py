"""Tiny plain-text corpora for version tests: distinct, policy-passing articles written on demand."""

from __future__ import annotations

import random
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


_SUBJECTS = ["the harbor board", "a group of residents", "the regional auditor", "local shopkeepers", "the union",
             "the transport authority", "two council members", "the fire department", "a citizens' panel",
             "the planning office", "farmers from the valley", "the school district", "a parents' association",
             "the water company", "retired engineers", "the chamber of commerce", "the ferry operator",
             "volunteers at the food bank", "the police chief", "a coalition of tenants"]
_VERBS = ["questioned", "approved", "postponed", "criticized", "welcomed", "reviewed", "rejected", "funded",
          "challenged", "defended", "inspected", "proposed changes to", "asked for details on", "voted against",
          "published a report on", "raised concerns about", "signed off on", "called for a delay to",
          "demanded an audit of", "praised"]
_OBJECTS = ["the drainage contract", "a plan for night buses", "the library renovation", "new parking rules",
            "the harbor dredging", "a pilot for solar roofs", "the winter road budget", "rent controls",
            "the ambulance schedule", "a tax on empty homes", "the marina lease", "cycle lanes on the main road",
            "the landfill closure", "a youth sports grant", "the flood barrier design", "hospital staffing",
            "a new bridge toll", "the fishing quota", "broadband for rural streets", "the market square redesign"]
_WHEN = ["on Monday", "late on Tuesday", "at a crowded meeting", "after weeks of delay", "in a written statement",
         "during a site visit", "before the summer recess", "at the town hall", "in a public letter",
         "following a heated debate", "at dawn", "over the weekend", "in a closed session", "on local radio",
         "ahead of the budget vote", "after a petition", "in front of reporters", "at a packed hearing",
         "last month", "this spring"]


def article(n: int, edition: int = 0) -> str:
    """Title line, then three paragraphs of plain news prose, unique to `n` < 100 (and `edition`).

    Sentences are drawn, seeded by `n`, from 20 subjects x 20 verbs x 20 objects x 20 settings, so
    two articles share almost no five-word run (estimated Jaccard well under near-duplicate
    thresholds, as two real articles are), while `edition` only adds a sentence. Every line names
    a different person: the template pass ignores digits, and would take lines that differ only
    in numbers for a site template.
    """
    chance = random.Random(f"article-{n}")
    town, topic = _TOWNS[n % len(_TOWNS)], _TOPICS[(n * 3) % len(_TOPICS)]
    person = f"{_FIRST[n % 10]} {_LAST[n // 10 % 10]}"

    def sentence() -> str:
        text = (f"{chance.choice(_SUBJECTS)} {chance.choice(_VERBS)} {chance.choice(_OBJECTS)} "
                f"{chance.choice(_WHEN)}")
        return text[0].upper() + text[1:] + "."

    fix = f" A correction issued in edition {edition} adjusted the figures reported earlier." if edition else ""
    return (
        f"{town} council debates {topic}, {person} reports\n\n"
        f"Members of the {town} council met to discuss {topic}, which residents say has dominated local "
        f"conversation for {n + 3} weeks, and {person} was among the speakers. "
        + " ".join(sentence() for _ in range(4)) + f"{fix}\n\n"
        f"Deputy mayor {person} told reporters that the council would publish a detailed plan. "
        + " ".join(sentence() for _ in range(4)) + "\n\n"
        f"Business owners in {town} who spoke to {person} said they worried about disruption. "
        + " ".join(sentence() for _ in range(4)) + "\n"
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
