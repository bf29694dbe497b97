"""Semantic signals from sentence embeddings: small logistic heads trained by the project.

Labels: announcement, campaign, opinion, controversial, allegation, speaking-for, business,
unpublished-research. Each head is ``sigmoid(w · x + b)`` where ``x`` joins the 384-d MiniLM vector of a
chunk and its hashed word n-grams (:mod:`postguard.analyzers.ngrams`): the embedding carries meaning,
the n-grams carry the wording ("we will", "on behalf of") that mean pooling blurs.
A post's score for a label is the highest score of its chunks; the evidence points at the sentence
that scores highest inside that chunk. The heads (``assets/heads-v1.npz``) are rebuilt by
``training/train_heads.py``; their model card is ``assets/HEADS-MODEL-CARD.md``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from io import BytesIO

import numpy as np

from postguard.analyzers import ngrams
from postguard.analyzers.base import BaseTextAnalyzer
from postguard.analyzers.embeddings import Embedded, Encoder
from postguard.text.document import Document
from postguard.types import Evidence, Span
from postguard.weights import analyzer_id, read_asset

ANALYZER_ID = analyzer_id("semantic")  # "semantic.vN": N is the weights' version in assets/MODELS.json
HEADS_FILE = "heads-v1.npz"

LABELS = (
    "announcement",
    "campaign",
    "opinion",
    "controversial",
    "allegation",
    "speaking-for",
    "business",
    "unpublished-research",
)


class Heads:
    def __init__(self, labels: Sequence[str], weights: np.ndarray, bias: np.ndarray, meta: dict[str, object]) -> None:
        self.labels = tuple(labels)
        self.weights = weights.astype(np.float32)  # (k, embedding DIM + ngrams.DIM)
        self.bias = bias.astype(np.float32)  # (k,)
        self.meta = meta

    @classmethod
    def load(cls, file: str = HEADS_FILE, *, names: str = "labels") -> Heads:
        """Logistic heads saved as npz (``names``, weights, bias, meta): these, or the post model's."""
        raw = read_asset(file)
        with np.load(BytesIO(raw), allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls([str(x) for x in data[names]], data["weights"], data["bias"], meta)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """(n, features) to (n, k) probabilities."""
        out: np.ndarray = 1.0 / (1.0 + np.exp(-(x @ self.weights.T + self.bias)))
        return out

    def scores(self, vectors: np.ndarray, texts: Sequence[str]) -> np.ndarray:
        """(n, DIM) embeddings of ``texts`` to (n, k) probabilities."""
        return self.probabilities(np.hstack([vectors, ngrams.features(texts)]))


class SemanticAnalyzer(BaseTextAnalyzer):
    id = ANALYZER_ID
    reads_bio = False

    def __init__(self, *, encoder: Encoder | None = None) -> None:
        self.encoder = encoder or Encoder()
        self._heads: Heads | None = None

    def load(self) -> None:
        self.encoder.load()
        if self._heads is None:
            self._heads = Heads.load()

    def analyze(self, doc: Document) -> list[Evidence]:
        return self.analyze_many([doc])[0]

    def analyze_many(self, docs: Sequence[Document]) -> list[list[Evidence]]:
        self.load()
        heads = self._heads
        assert heads is not None
        embedded = self.encoder.embed_documents(docs)
        return [self._evidence(doc, items, heads) if items else [] for doc, items in zip(docs, embedded, strict=True)]

    def _evidence(self, doc: Document, items: list[Embedded], heads: Heads) -> list[Evidence]:
        """A label's score is the best of each chunk as a whole and of its sentences, so that one
        opinionated sentence in a long post is not averaged away; it points at the best sentence."""
        k = len(heads.labels)
        best = np.full(k, -1.0)
        where: list[Span | None] = [None] * k
        whole = heads.scores(np.stack([e.vector for e in items]), [e.chunk.text for e in items])
        for item, chunk_scores in zip(items, whole, strict=True):
            sentences = item.chunk.sentences
            if not sentences:
                continue
            if len(sentences) > 1:
                texts = [item.chunk.text[s.start : s.end] for s in sentences]
                per_sentence = heads.scores(item.sentence_vectors, texts)
            else:
                per_sentence = chunk_scores[None, :]
            top = per_sentence.argmax(0)
            scores = np.maximum(chunk_scores, per_sentence.max(0))
            for label in np.flatnonzero(scores > best):
                s = sentences[int(top[label])]
                best[label] = scores[label]
                where[label] = doc.span(item.chunk.offset + s.start, item.chunk.offset + s.end)
        return [Evidence(self.id, float(max(best[i], 0.0)), label=heads.labels[i], span=where[i]) for i in range(k)]
