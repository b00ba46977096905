"""`python -m curate` runs the command line."""

from curate.cli import app

app()
