"""Renderers of a :class:`~postguard.types.Report`: JSON (the contract), text (terminals), SARIF (CI)."""
