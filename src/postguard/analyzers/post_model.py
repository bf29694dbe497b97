"""The post model: one multi-label classifier over the encoder pass every post already gets (issue 26).

For each rule code it can read from text it gives a probability that a careful reviewer applying the
guidance would raise that code: ``sigmoid(w · x + b)`` where ``x`` joins the mean of the post's chunk
vectors (the same encoder pass the semantic and abuse heads read, from the cache) and the post's hashed
word n-grams. It is trained on the realistic corpus (``bench/data/realistic/train``, posts written blind
to the code) by ``training/train_post_model.py``; the model card is ``assets/POST-MODEL-CARD.md``.

It is text only, by design: the rules keep the context (account kind, bio, records, who the subject is)
and the pattern analyzers keep exact spans; the model supplies what cues cannot. How each rule uses it
is in :mod:`postguard.rules.post_model`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from postguard.analyzers import ngrams
from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.embeddings import DIM, Encoder
from postguard.analyzers.semantic import Heads
from postguard.text.document import Document
from postguard.types import Evidence
from postguard.weights import analyzer_id

ANALYZER_ID = analyzer_id("post")  # "post.vN": N is the weights' version in assets/MODELS.json
HEADS_FILE = "post-heads-v1.npz"


def features(encoder: Encoder, docs: Sequence[Document]) -> npt.NDArray[np.float32]:
    """What the heads read, the same at training and at run time: the mean chunk vector of each post
    (zeros for a post with no words) joined with its hashed word n-grams."""
    embedded = encoder.embed_documents(docs)
    vectors = np.zeros((len(docs), DIM), dtype=np.float32)
    for i, items in enumerate(embedded):
        if items:
            vectors[i] = np.mean([e.vector for e in items], axis=0)
    return np.hstack([vectors, ngrams.features([d.text for d in docs])]).astype(np.float32)


class PostModelAnalyzer(BaseTextAnalyzer):
    """One evidence per code the model knows, its score the model's probability (label: the code)."""

    id = ANALYZER_ID

    def __init__(self, *, encoder: Encoder | None = None) -> None:
        self.encoder = encoder or Encoder()
        self._heads: Heads | None = None

    def load(self) -> None:
        self.encoder.load()
        if self._heads is None:
            self._heads = Heads.load(HEADS_FILE, names="codes")  # the semantic heads' kind, per code

    def analyze(self, doc: Document) -> list[Evidence]:
        return self.analyze_many([doc])[0]

    def analyze_many(self, docs: Sequence[Document]) -> list[list[Evidence]]:
        self.load()
        heads = self._heads
        assert heads is not None
        if not docs:
            return []
        probabilities = heads.probabilities(features(self.encoder, docs))
        return [
            [Evidence(self.id, float(row[k]), label=code) for k, code in enumerate(heads.labels)]
            for row in probabilities
        ]
