"""Articles and their near-copies for the dedup tests, edited as make_scaled.py edits the corpus."""

from __future__ import annotations

import random
import re

from curate.normalize.text import normalize_text

_SYLLABLES = "ba ko ri ten sal mor vi du pe lan go shi ra ne tor ul fa mi zo ker".split()
VOCABULARY = sorted({"".join(random.Random(i).choices(_SYLLABLES, k=3)) for i in range(3000)})


def article(rng: random.Random, paragraphs: int = 6) -> str:
    """Paragraphs of random words with figures (some in £ or quoted): two such articles share no 5-gram."""
    def sentence() -> str:
        words = rng.choices(VOCABULARY, k=rng.randint(10, 18))
        figure = rng.randint(2, 2005)
        words.insert(rng.randrange(len(words)), rng.choice([str(figure), f"£{figure}m", f"“{figure}%”"]))
        return " ".join(words).capitalize() + "."

    return "\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(paragraphs))


def near_copy(text: str, rng: random.Random) -> str:
    """`text` as the scaled corpus perturbs a copy: a digit changed in some figures, a paragraph
    dropped or two swapped, whitespace noise, and CRLF, HTML entities or mojibake; then curate's
    normalizer (which repairs the last three), as the build does before dedup."""
    text = re.sub(r"\d+", lambda m: _change_digit(m.group(), rng) if rng.random() < 0.3 else m.group(), text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 4 and rng.random() < 0.5:
        del paragraphs[rng.randrange(1, len(paragraphs))]
    elif len(paragraphs) > 3:
        i = rng.randrange(1, len(paragraphs) - 1)
        paragraphs[i], paragraphs[i + 1] = paragraphs[i + 1], paragraphs[i]
    text = "\n\n".join(p.replace(" ", rng.choice(["  ", " \u00a0", "\t", " "]), 3) for p in paragraphs)
    damage = rng.choice(["crlf", "entities", "mojibake", "none"])
    if damage == "crlf":
        text = text.replace("\n", "\r\n")
    elif damage == "entities":
        text = text.replace("&", "&amp;").replace('"', "&quot;")
    elif damage == "mojibake":
        data = text.encode("utf-8")
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    return normalize_text(text)


def _change_digit(number: str, rng: random.Random) -> str:
    i = rng.randrange(len(number))
    return number[:i] + str((int(number[i]) + rng.randint(1, 9)) % 10) + number[i + 1:]
