"""Boilerplate: decide which lines of a document are page leftovers, and remove them as typed,
scored spans that keep the document reconstructible."""

from curate.boilerplate.spans import Span, reconstruct
from curate.boilerplate.stage import KINDS, NAME, VERSION, BoilerplateResult, remove_boilerplate, warm

__all__ = ["KINDS", "NAME", "VERSION", "BoilerplateResult", "Span", "reconstruct", "remove_boilerplate", "warm"]
