"""``python -m linter``: the healthlint command line."""

from .cli import main

main()
