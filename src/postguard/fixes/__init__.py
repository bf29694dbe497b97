"""Fix operators, one module each (after presidio-anonymizer's ``operators/``): :mod:`.redact`,
:mod:`.mask`, :mod:`.blur`, :mod:`.strip_metadata`, :mod:`.disclaimer`. Each builds a
:class:`~postguard.types.Fix`, which is data; rules call them, and :mod:`.apply` applies chosen fixes."""
