"""A view of text with spoken digits written as digits ("oh seven seven double oh" -> "0 7 7 00"), keeping
an offset map, so that numbers partly written in words are found like any other."""

from __future__ import annotations

import re

_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_TOKEN = r"(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double|triple|\d+)"
_RUN = re.compile(rf"\b{_TOKEN}(?:[\s,.-]+{_TOKEN}\b){{3,}}", re.IGNORECASE)


def spoken_digits(text: str) -> tuple[str, list[int], list[int]] | None:
    """``(view, starts, ends)``: ``view[i]`` stands for ``text[starts[i]:ends[i]]`` (a spoken digit stands
    for its whole word). ``None`` when the text has no run of four or more number tokens containing a
    spoken digit."""
    runs = [m for m in _RUN.finditer(text) if re.search(r"[a-z]", m.group(), re.IGNORECASE)]
    if not runs:
        return None
    out: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    cursor = 0
    for m in runs:
        out.append(text[cursor : m.start()])
        origin.extend(range(cursor, m.start()))
        ends.extend(range(cursor + 1, m.start() + 1))
        repeat = 1
        for t in re.finditer(r"[A-Za-z]+|\d+|[^A-Za-z\d]+", m.group()):
            word = t.group().lower()
            at = m.start() + t.start()
            if word in ("double", "triple"):
                repeat = 2 if word == "double" else 3
                continue
            if word in _WORDS:
                digit = _WORDS[word] * repeat
                out.append(digit)
                origin.extend([at] * len(digit))
                ends.extend([at + len(word)] * len(digit))
                repeat = 1
            else:  # a digit group as written, or a pause between spoken digits (", ") read as a space
                piece = t.group() if t.group().isdigit() else " " * len(t.group())
                out.append(piece)
                origin.extend(range(at, at + len(piece)))
                ends.extend(range(at + 1, at + len(piece) + 1))
        cursor = m.end()
    out.append(text[cursor:])
    origin.extend(range(cursor, len(text)))
    ends.extend(range(cursor + 1, len(text) + 1))
    return "".join(out), origin, ends
