"""``python -m postguard`` runs the CLI."""

from postguard.cli import main

main()
