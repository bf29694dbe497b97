"""Hashed word n-gram features: the lexical half of the semantic heads' input.

Lower-cased word unigrams and bigrams (plus a few symbols: £ $ % ! ? # @) are hashed with CRC-32 into
``DIM`` buckets, set to 1 and scaled to length ``SCALE``. CRC-32 is stable across processes and
machines, unlike Python's ``hash``, so training and run time agree.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

DIM = 8192
SCALE = 1.5
_TOKEN = re.compile(r"[a-z0-9']+|[£$%!?#@]")


def features(texts: Sequence[str]) -> npt.NDArray[np.float32]:
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        tokens = _TOKEN.findall(text.lower())
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        if not grams:
            continue
        for g in grams:
            out[row, zlib.crc32(g.encode("utf-8")) % DIM] = 1.0
        out[row] *= SCALE / float(np.linalg.norm(out[row]))
    return out
