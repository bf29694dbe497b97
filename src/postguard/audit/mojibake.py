"""Meta's mis-encoded UTF-8 (Facebook and Instagram "Download your information"): the text is encoded as
UTF-8 and then every byte above 0x7f is written as its own ``\\u00XX`` escape, so ``é`` arrives as
``\\u00c3\\u00a9``. Each run of such escapes is turned back into its bytes and decoded as UTF-8 before the
JSON is parsed; a run that is not valid UTF-8 is left as it was (then it was meant as Latin-1)."""

from __future__ import annotations

import re

# An escaped backslash is matched first, so "\\u00e9" (a backslash, then "u00e9") is never taken as one.
_RUN = re.compile(r"(\\\\)|((?:\\u00[89a-fA-F][0-9a-fA-F])+)")


def _repair(match: re.Match[str]) -> str:
    run = match.group(2)
    if run is None:
        return match.group(1)
    data = bytes(int(run[i + 4 : i + 6], 16) for i in range(0, len(run), 6))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return run


def repair_json_text(source: str) -> str:
    """The JSON text with its mis-encoded runs repaired (strings and keys alike)."""
    if "\\u00" not in source:
        return source
    return _RUN.sub(_repair, source)


def repair(value: str) -> str:
    """One string already parsed with the bug in it (``'Ã©'`` -> ``'é'``); unchanged if it was not."""
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value
