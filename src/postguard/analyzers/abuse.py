"""Abuse: harassment, hateful content and discourtesy, from a classifier the project trained (issue 4).

The project's encoder (:mod:`postguard.analyzers.embeddings`: all-MiniLM-L6-v2 fine-tuned end to end on
the abuse corpora and the project's contrast pairs, ``training/train_abuse.py``) is shared with the
semantic heads, so a post costs one encoder pass for both; the abuse heads (``assets/abuse-heads-v1.npz``)
are linear layers over the final state of its first ([CLS]) token. Each chunk of whole sentences (up to about 480
characters: most posts are one chunk) is scored whole, and the evidence points at the most abusive
chunk, with one item per head:

- ``abusive``: probability that the text abuses, insults, threatens or demeans anyone
- ``hateful``: probability, given abuse, that it targets a protected group or a person for a protected
  characteristic (rather than being merely offensive)
- ``individual``: probability, given abuse, that it is aimed at an individual rather than a group
- ``profanity``: probability that the text swears, whoever it is aimed at (its own most profane span)
- ``characteristic:<name>``: the characteristic attacked, over the Equality Act's nine and ``none``

The rules combine these (:mod:`postguard.rules.abuse_signals`). Spelling tricks are undone before the
encoder reads the text (:mod:`postguard.text.obfuscation`). Model card: ``assets/ABUSE-MODEL-CARD.md``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from io import BytesIO

import numpy as np

from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.embeddings import Chunk, Embedded, Encoder
from postguard.text.document import Document
from postguard.types import Evidence
from postguard.weights import analyzer_id, read_asset

ANALYZER_ID = analyzer_id("abuse")  # "abuse.vN": N is the weights' version in assets/MODELS.json
HEADS_FILE = "abuse-heads-v1.npz"
BINARY = ("abusive", "hateful", "individual", "profanity")


class AbuseHeads:
    def __init__(self, outputs: Sequence[str], weights: np.ndarray, bias: np.ndarray, meta: dict[str, object]) -> None:
        self.outputs = tuple(outputs)
        self.weights = weights.astype(np.float32)  # (outputs, DIM)
        self.bias = bias.astype(np.float32)
        self.meta = meta

    @classmethod
    def load(cls) -> AbuseHeads:
        raw = read_asset(HEADS_FILE)
        with np.load(BytesIO(raw), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls([str(x) for x in data["outputs"]], data["weights"], data["bias"], meta)

    def probabilities(self, states: np.ndarray) -> np.ndarray:
        """(n, DIM) [CLS] states to (n, outputs): sigmoids for the binary heads, a softmax
        over the characteristics."""
        logits = states @ self.weights.T + self.bias
        k = len(BINARY)
        out = np.empty_like(logits)
        out[:, :k] = 1.0 / (1.0 + np.exp(-logits[:, :k]))
        rest = np.exp(logits[:, k:] - logits[:, k:].max(1, keepdims=True))
        out[:, k:] = rest / rest.sum(1, keepdims=True)
        return out


class AbuseAnalyzer(BaseTextAnalyzer):
    id = ANALYZER_ID
    reads_bio = False

    def __init__(self, *, encoder: Encoder | None = None) -> None:
        self.encoder = encoder or Encoder()
        self._heads: AbuseHeads | None = None

    def load(self) -> None:
        self.encoder.load()
        if self._heads is None:
            self._heads = AbuseHeads.load()

    def analyze(self, doc: Document) -> list[Evidence]:
        return self.analyze_many([doc])[0]

    def analyze_many(self, docs: Sequence[Document]) -> list[list[Evidence]]:
        self.load()
        embedded = self.encoder.embed_documents(docs)
        return [self._evidence(doc, items) if items else [] for doc, items in zip(docs, embedded, strict=True)]

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Each text scored whole (truncated at the encoder's limit): for benchmarks and training."""
        self.load()
        assert self._heads is not None
        if not texts:
            return np.zeros((0, len(self._heads.outputs)), dtype=np.float32)
        embedded = self.encoder.embed([Chunk(i, 0, t, ()) for i, t in enumerate(texts)])
        return self._heads.probabilities(np.stack([e.first for e in embedded]))

    def _evidence(self, doc: Document, items: list[Embedded]) -> list[Evidence]:
        """Score every chunk whole, as the heads were trained (a sentence read alone would lose the
        context that makes a quotation counter-speech); report the most abusive chunk's heads."""
        heads = self._heads
        assert heads is not None
        probs = heads.probabilities(np.stack([item.first for item in items]))
        spans = [doc.span(i.chunk.offset, i.chunk.offset + len(i.chunk.text)) for i in items]
        worst = int(probs[:, 0].argmax())
        out = [Evidence(self.id, float(probs[worst, k]), label=BINARY[k], span=spans[worst]) for k in range(3)]
        profane = int(probs[:, 3].argmax())
        out.append(Evidence(self.id, float(probs[profane, 3]), label="profanity", span=spans[profane]))
        for k, name in enumerate(heads.outputs[len(BINARY) :], start=len(BINARY)):
            label, _, characteristic = name.partition(":")  # "characteristic:race"
            score = float(probs[worst, k])
            out.append(Evidence(self.id, score, label=label, category=characteristic or None, span=spans[worst]))
        return out
