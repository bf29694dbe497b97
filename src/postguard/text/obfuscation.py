"""Undo the spelling tricks used to slip abuse past filters, before text reaches the sentence encoder.

The normaliser (:mod:`postguard.text.normalize`) already drops zero-width characters and folds
look-alike letters. This goes further, in ways that would be wrong for pattern analyzers (so its output
is only read by the encoder and never shown):

- letters spaced out one by one ("v e r m i n") are joined ("vermin");
- digits and symbols inside words stand for letters ("g4y", "kn0w", "tr@nny"); a word that has digits
  only at its ends (postcodes "OX1", roads "A34", "4x4") is left alone;
- @handles become ``@user``, e-mail addresses ``email`` and links ``http``, as in the training corpora,
  so names carry no signal.

The result has the same length as the input (what is removed becomes trailing spaces), so offsets into
it are offsets into the document. ``training/train_abuse.py`` applies the same function.
"""

from __future__ import annotations

import re

_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"})
# Runs of at least three single letters, each followed by one space: "v e r m i n".
_SPACED = re.compile(r"(?<![\w])(?:[^\W\d_] ){2,}[^\W\d_](?![\w])")
# Words, and inside one: a letter, then digits or @ $ ! standing for letters, then a letter ("g4y",
# "d1sgusting", "tr@nnies"). Words longer than any real one are left alone, which also bounds the work.
_WORD = re.compile(r"[\w@$!]+")
_LEET_INSIDE = re.compile(r"[^\W\d_][0-9@$!]+[^\W\d_]")
_LONGEST_WORD = 40
_HANDLE = re.compile(r"(?<![\w@])@\w[\w.]*\w|(?<![\w@])@\w")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def unmask(text: str) -> str:
    text = _URL.sub(lambda m: _fit("http", m.group(0)), text)
    text = _EMAIL.sub(lambda m: _fit("email", m.group(0)), text)
    text = _HANDLE.sub(lambda m: _fit("@user", m.group(0)), text)
    text = _SPACED.sub(lambda m: _fit(m.group(0).replace(" ", ""), m.group(0)), text)
    return _WORD.sub(_unleet, text)


def _unleet(match: re.Match[str]) -> str:
    word = match.group(0)
    if len(word) > _LONGEST_WORD or not _LEET_INSIDE.search(word):
        return word
    return word.translate(_LEET)


def _fit(replacement: str, original: str) -> str:
    """``replacement`` padded with spaces to the length of ``original`` (which it keeps if shorter)."""
    return replacement.ljust(len(original)) if len(replacement) <= len(original) else original
