"""Text rewritten for the sentence encoder, with a map back to the text it came from.

The encoder reads a text with its emoji spelled out (:mod:`postguard.text.emoji`) and words that were
run together pulled apart (:mod:`postguard.text.runtogether`); both make the text longer. A
:class:`Rewrite` says, for every position in the new text, where a token that starts or ends there
starts or ends in the old one, so token offsets lead back to the document's sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rewrite:
    """``text`` rewritten; ``starts[j]`` / ``ends[j]``: the offset in the original text where a token
    that starts / ends at ``j`` in ``text`` starts / ends (both have ``len(text) + 1`` entries)."""

    text: str
    starts: list[int]
    ends: list[int]


def replace(text: str, edits: Iterable[tuple[int, int, str]]) -> Rewrite:
    """``text`` with each ``(start, end, new)`` edit applied (in order, not overlapping; ``start ==
    end`` inserts). A token inside a replacement maps to the whole span it replaced."""
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for start, end, new in edits:
        parts.append(text[last:start])
        starts.extend(range(last, start))
        ends.extend(range(last, start))
        if new:
            parts.append(new)
            starts.extend([start] * len(new))
            ends.extend([start] + [end] * (len(new) - 1))
        last = end
    parts.append(text[last:])
    starts.extend(range(last, len(text) + 1))
    ends.extend(range(last, len(text) + 1))
    return Rewrite("".join(parts), starts, ends)


def compose(first: Rewrite | None, then: Rewrite | None) -> Rewrite | None:
    """One rewrite for ``first`` followed by ``then`` (which rewrote ``first.text``); None stands for
    a rewrite that changed nothing."""
    if first is None or then is None:
        return then or first
    return Rewrite(then.text, [first.starts[j] for j in then.starts], [first.ends[j] for j in then.ends])
