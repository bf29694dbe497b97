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
# A letter, then digits or @ $ ! standing for letters, then a letter: "g4y", "d1sgusting", "tr@nnies".
_MIXED = re.compile(r"\b(?=\w*[^\W\d_][0-9@$!]+[^\W\d_])[\w@$!]+")
_HANDLE = re.compile(r"(?<![\w@])@\w[\w.]*\w|(?<![\w@])@\w")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def unmask(text: str) -> str:
    text = _URL.sub(lambda m: _fit("http", m.group(0)), text)
    text = _EMAIL.sub(lambda m: _fit("email", m.group(0)), text)
    text = _HANDLE.sub(lambda m: _fit("@user", m.group(0)), text)
    text = _SPACED.sub(lambda m: _fit(m.group(0).replace(" ", ""), m.group(0)), text)
    return _MIXED.sub(lambda m: m.group(0).translate(_LEET), text)


def _fit(replacement: str, original: str) -> str:
    """``replacement`` padded with spaces to the length of ``original`` (which it keeps if shorter)."""
    return replacement.ljust(len(original)) if len(replacement) <= len(original) else original
