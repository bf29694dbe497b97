"""Fix operators: each builds a :class:`~postguard.types.Fix`; :mod:`apply` applies fixes to text."""
