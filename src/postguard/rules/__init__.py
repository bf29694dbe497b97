"""The rule catalogue: one module per rule, registered in :mod:`postguard.rules.catalogue`."""
