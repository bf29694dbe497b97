"""Words run together pulled apart, for the sentence encoder: "ihatemuslims" -> "i hate muslims".

Running the words of a sentence together is a spelling trick that defeats the encoder: its word pieces
("iha", "##tem", "##us", ...) carry none of the words, and training on such spellings did not teach it
to read them. So before tokenising, a long run of letters that is no word is split into words, when the
split reads as a sentence:

- the run has at least seven letters and is not a word: not in the encoder's vocabulary, nor a
  vocabulary word with a common prefix or suffix ("unteachable", "postdocs"), nor two vocabulary words
  ("dishwasher"), so compounds, names and inflections stay whole;
- it splits into at least three pieces, each a vocabulary word of three letters or more (a plural, or
  one of a few words that abuse runs together and the vocabulary lacks), a common function word
  ("the", "are", "you"), or "i" at the start; at least one piece is a function word and one a word of
  four letters or more; two pieces of two letters or fewer never stand side by side, and the last
  piece is not "an";
- among the splits that do, the one of common words wins (the vocabulary lists words roughly from the
  most to the least frequent, and each piece costs the logarithm of its rank, plus a constant).

Written in capitals at word starts ("IHateMuslims", "#BanThemAll"), the run splits at the capitals
when that gives three or more words. The rules were tuned on the words of the abuse corpora and the
project's posts: what they split is almost all hashtags and handles ("draintheswamp",
"muslimsaretheenemy"); the University's own words stay whole.

The result is longer than the input: :func:`split_run_together` returns a
:class:`~postguard.text.rewrite.Rewrite`, whose map leads token offsets back to the document.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from postguard.text.rewrite import Rewrite, replace

MIN_LETTERS = 7
MIN_PIECES = 3
LONGEST_RUN = 60  # longer runs are no sentence anyone types; leaving them bounds the work
LONGEST_PIECE = 20
PIECE_COST = 1.0  # added per piece, so that fewer, longer words win over many short ones
RARE_SHORT = 5_000  # three-letter pieces must rank among this many vocabulary words

_RUN = re.compile(r"(?<![^\W\d_])[A-Za-z]+(?![^\W\d_])")
_CAPITALS = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
FUNCTION_WORDS = frozenset(
    "i am an are is was were be been the and or to of in on at all you your we they them their he she it its "
    "his her him should must can will not no go get out up for with like so just this that these those who "
    "what my me us our off back never only".split()
)
# Words that abuse runs together and the vocabulary lacks (it has "gay", "jews", "bitch", "whore").
EXTRA_WORDS = frozenset(
    "nigger nigga fag faggot tranny kike retard retarded spastic spaz paki wog coon chink spic cunt twat "
    "wanker slut scum vermin subhuman towelhead raghead muzzie libtard".split()
)
_PREFIXES = ("un", "in", "dis", "re", "pre", "mis", "over", "under", "inter", "non", "de", "anti", "sub", "super",
             "out")  # fmt: skip
_SUFFIXES = ("s", "es", "ies", "ed", "d", "ing", "er", "ers", "ist", "ists", "ism", "ly", "ness", "ment", "ful",
             "less", "able", "y", "ish", "al", "ate", "ion", "ions", "ive")  # fmt: skip
# Vocabulary entries that are word endings rather than words, never a piece of their own.
_NOT_PIECES = frozenset(
    "able less ions ion ian ians ism isms ist ists ing ings ment ments ness ship ful ous ity ate ates ive".split()
)


@cache
def _ranks() -> dict[str, int]:
    """Whole words of three letters or more in the encoder's vocabulary, by their position in it."""
    raw = resources.files("postguard.assets").joinpath("minilm-tokenizer.json").read_text("utf-8")
    vocab: dict[str, int] = json.loads(raw)["model"]["vocab"]
    words = sorted((i, w) for w, i in vocab.items() if len(w) >= 3 and w.isascii() and w.isalpha())
    return {w: rank for rank, (_, w) in enumerate(words)}


def is_word(word: str, *, prefixed: bool = True) -> bool:
    """``word`` (lower case) is in the vocabulary, or is a vocabulary word with a common prefix or
    suffix, or two vocabulary words that are no function words ("dishwasher"): such words stay whole."""
    ranks = _ranks()
    if word in ranks or word in FUNCTION_WORDS or word in EXTRA_WORDS:
        return True
    if prefixed and any(
        word.startswith(p) and len(word) - len(p) >= 4 and is_word(word[len(p) :], prefixed=False) for p in _PREFIXES
    ):
        return True
    for suffix in _SUFFIXES:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            if stem in ranks or stem in EXTRA_WORDS or stem + "e" in ranks:
                return True
            if suffix == "ies" and stem + "y" in ranks:
                return True
    return prefixed and any(
        word[:k] in ranks and is_word(word[k:], prefixed=False) and not {word[:k], word[k:]} & FUNCTION_WORDS
        for k in range(3, len(word) - 2)
    )


def _piece_cost(piece: str, first: bool) -> float | None:
    """What ``piece`` costs as one word of a split, or None where it may not be one."""
    if piece == "i":
        return 1.0 if first else None
    if piece in FUNCTION_WORDS:
        return 1.5
    if piece in _NOT_PIECES or len(piece) < 3:
        return None
    ranks = _ranks()
    stem = piece
    if piece not in ranks:
        for suffix, ending in (("s", ""), ("es", ""), ("ies", "y")):
            base = piece[: -len(suffix)] + ending
            if piece.endswith(suffix) and base in EXTRA_WORDS:
                return 6.5
            if piece.endswith(suffix) and base in ranks:
                stem = base
                break
        else:
            return 6.0 if piece in EXTRA_WORDS else None
    rank = ranks[stem]
    if len(piece) == 3 and rank >= RARE_SHORT:
        return None
    return math.log(rank + 100) / 2


def segment(run: str) -> list[str] | None:
    """The words of ``run`` (letters only) when it reads as words run together, else None."""
    if len(run) < MIN_LETTERS or len(run) > LONGEST_RUN:
        return None
    capitals = _CAPITALS.findall(run)
    if len(capitals) >= MIN_PIECES and "".join(capitals) == run and all(is_word(w.lower()) for w in capitals):
        return capitals
    word = run.lower()
    if is_word(word):
        return None
    n = len(word)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(math.inf, 0)] * n
    for j in range(1, n + 1):
        for i in range(max(0, j - LONGEST_PIECE), j):
            if best[i][0] == math.inf:
                continue
            cost = _piece_cost(word[i:j], i == 0)
            if cost is not None and best[i][0] + cost + PIECE_COST < best[j][0]:
                best[j] = (best[i][0] + cost + PIECE_COST, i)
    if best[n][0] == math.inf:
        return None
    pieces: list[str] = []
    j = n
    while j > 0:
        i = best[j][1]
        pieces.append(run[i:j])
        j = i
    pieces.reverse()
    return pieces if _reads_as_words([p.lower() for p in pieces]) else None


def _reads_as_words(pieces: list[str]) -> bool:
    if len(pieces) < MIN_PIECES or pieces[-1] in ("an", "a"):
        return False
    if not any(p in FUNCTION_WORDS for p in pieces) or not any(p not in FUNCTION_WORDS and len(p) >= 4 for p in pieces):
        return False
    for a, b in zip(pieces, pieces[1:], strict=False):
        if len(a) <= 2 and len(b) <= 2:
            return False
        if a == "an" and b[0] not in "aeiou":
            return False
    return True


def runs_together(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each run of letters in ``text`` that :func:`segment` splits: where it starts, and its words."""
    for m in _RUN.finditer(text):
        pieces = segment(m.group(0))
        if pieces:
            yield m.start(), pieces


def split_run_together(text: str) -> Rewrite | None:
    """``text`` with the runs of words that :func:`segment` splits pulled apart by spaces, or None
    when there are none (the common case)."""
    edits: list[tuple[int, int, str]] = []
    for at, pieces in runs_together(text):
        for piece in pieces[:-1]:
            at += len(piece)
            edits.append((at, at, " "))
    return replace(text, edits) if edits else None
