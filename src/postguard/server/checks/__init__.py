"""Stored checks (``CK-n``): a post checked by the library's engine with the registry as its record source,
kept with its photos (by sha256), its report and its verdict, so that an approval or an incident can rely
on exactly what was checked."""
