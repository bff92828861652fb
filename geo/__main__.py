"""`python -m geo` runs the CLI."""

from geo.cli import main

main()
