"""Sentence embeddings from the project's encoder: all-MiniLM-L6-v2 fine-tuned on abuse data
(``training/train_abuse.py``), int8 ONNX in ``assets/encoder-v1.onnx``; no torch at run time. The
activations are quantised with fixed scales (``training/calibrate_encoder.py``), so a chunk's results
do not depend on the other chunks in its batch or on their padding: batching only saves time.

One forward pass per chunk of text gives the chunk vector (mean of its tokens after [CLS]), a vector
per sentence (mean of that sentence's tokens in the same pass), so locating the sentence that carries a
signal costs nothing extra, and the final state of [CLS]. Fine-tuning put the abuse reading into [CLS]
and held the other tokens near the base model's states, so the semantic heads read the pooled vectors
and the abuse heads read [CLS]; the :class:`Encoder` keeps the results of recent
chunks, so when both ask for the same chunk the model runs once.

Text is prepared before tokenising (:func:`postguard.text.for_encoder.prepare`: leetspeak and spaced-out
letters undone, words run together pulled apart, emoji spelled out as their names), and the map that
comes with it brings token offsets back to the chunk. The tokenizer
(``assets/minilm-tokenizer.json``, Apache-2.0, from the base model's own files) ships in this package.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from postguard.errors import ModelError
from postguard.text.document import Document
from postguard.text.for_encoder import prepare
from postguard.text.rewrite import Rewrite
from postguard.types import Span
from postguard.weights import file_id, read_asset

MODEL_FILE = "encoder-v1.onnx"
MODEL_ID = file_id(MODEL_FILE)  # "encoder.vN", from assets/MODELS.json
TOKENIZER_FILE = "minilm-tokenizer.json"
DIM = 384
MAX_TOKENS = 128
CHUNK_CHARS = 480  # about 100 tokens of English: chunks rarely hit the token limit
BATCH = 32
# Results kept for chunks seen recently (a few KB each), beyond those of the call being answered: every
# analyzer that reads the encoder embeds the same chunks of a batch, and finds the first one's here. At
# 20,000 a long JSON-lines batch grew by about 100 MB before the cache was full (bench/jsonl.py).
CACHE_CHUNKS = 2_048

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
    first: Vector  # (DIM,): the final state of the first ([CLS]) token, which the abuse heads read


def _windows(text: str, sentences: Sequence[Span], max_chars: int) -> list[Span]:
    """Sentences, with any longer than ``max_chars`` cut at whitespace into windows, so that a long
    text without full stops is read whole rather than truncated at the model's token limit."""
    out: list[Span] = []
    for s in sentences:
        start = s.start
        while s.end - start > max_chars:
            cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
            cut = cut if cut > start else start + max_chars
            out.append(Span(start, cut))
            start = cut
            while start < s.end and text[start].isspace():
                start += 1
        if start < s.end:
            out.append(Span(start, s.end))
    return out


def chunk_text(doc_index: int, text: str, sentences: Sequence[Span], max_chars: int = CHUNK_CHARS) -> list[Chunk]:
    """Group consecutive sentences into chunks of at most about ``max_chars`` characters."""
    sentences = _windows(text, sentences, max_chars)
    if len(text) <= max_chars or not sentences:
        start = sentences[0].start if sentences else 0
        end = sentences[-1].end if sentences else len(text)
        rel = tuple(Span(s.start - start, s.end - start) for s in sentences)
        return [Chunk(doc_index, start, text[start:end], rel)]
    chunks: list[Chunk] = []
    group: list[Span] = []
    for s in sentences:
        if group and s.end - group[0].start > max_chars:
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
        self._inputs: set[str] = set()
        self._cache: OrderedDict[tuple[str, tuple[Span, ...]], tuple[Vector, Vector, Vector]] = OrderedDict()

    def load(self) -> None:
        if self._session is not None:
            return
        try:
            import onnxruntime as ort
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - an install problem, not a user's
            raise ModelError("PG405", module=exc.name) from None
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads or min(4, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(read_asset(MODEL_FILE), options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in session.get_inputs()}
        self._session = session
        tokenizer = Tokenizer.from_str(read_asset(TOKENIZER_FILE).decode("utf-8"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer = tokenizer

    def embed(self, chunks: Sequence[Chunk]) -> list[Embedded]:
        """Embed ``chunks``, batching by length to keep padding small; results in input order.
        Chunks embedded recently (the same text and sentences) are not run again."""
        self.load()
        tokenizer = self._tokenizer
        assert tokenizer is not None
        results: list[Embedded | None] = [None] * len(chunks)
        todo: list[int] = []
        for i, c in enumerate(chunks):
            hit = self._cache.get((c.text, c.sentences))
            if hit is None:
                todo.append(i)
            else:
                self._cache.move_to_end((c.text, c.sentences))
                results[i] = Embedded(c, *hit)
        prepared = [prepare(chunks[i].text) for i in todo]
        encodings = tokenizer.encode_batch([text for text, _ in prepared])  # type: ignore[attr-defined]
        order = sorted(range(len(todo)), key=lambda k: len(encodings[k].ids))
        for b in range(0, len(order), BATCH):
            ks = order[b : b + BATCH]
            hidden, masks = self._forward([encodings[k] for k in ks])
            for row, k in enumerate(ks):
                chunk = chunks[todo[k]]
                e = self._pool(chunk, encodings[k], prepared[k][1], hidden[row], masks[row])
                results[todo[k]] = e
                self._cache[(chunk.text, chunk.sentences)] = (e.vector, e.sentence_vectors, e.first)
        keep = max(CACHE_CHUNKS, len(chunks))  # a batch's chunks stay for the next analyzer, however many
        while len(self._cache) > keep:
            self._cache.popitem(last=False)
        return [r for r in results if r is not None]

    def embed_documents(self, docs: Sequence[Document]) -> list[list[Embedded]]:
        """Each document cut into chunks (:func:`chunk_text`) and embedded, its chunks in order; a blank
        document has none. Every analyzer that reads the encoder goes through here, so they chunk alike
        and the second one finds the first one's chunks in the cache."""
        chunks = [c for i, d in enumerate(docs) if d.text.strip() for c in chunk_text(i, d.text, d.sentences)]
        out: list[list[Embedded]] = [[] for _ in docs]
        for e in self.embed(chunks) if chunks else []:
            out[e.chunk.doc].append(e)
        return out

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
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = session.run(None, {k: v for k, v in feed.items() if k in self._inputs})  # type: ignore[attr-defined]
        return hidden.astype(np.float32), mask

    @staticmethod
    def _pool(
        chunk: Chunk, encoding: object, rewrite: Rewrite | None, hidden: Vector, mask: npt.NDArray[np.int64]
    ) -> Embedded:
        m = mask[:, None].astype(np.float32)
        m[0] = 0.0  # [CLS] carries the abuse heads' reading; the meaning is pooled from the other tokens
        mean = ((hidden * m).sum(0) / max(1.0, float(m.sum()))).astype(np.float32)
        offsets = encoding.offsets  # type: ignore[attr-defined]
        if rewrite is not None:  # offsets into the prepared text, back to the chunk's
            offsets = [(rewrite.starts[a], rewrite.ends[b]) for a, b in offsets]
        special = encoding.special_tokens_mask  # type: ignore[attr-defined]
        sentence_means = np.zeros((len(chunk.sentences), DIM), dtype=np.float32)
        for k, s in enumerate(chunk.sentences):
            rows = [t for t, (a, b) in enumerate(offsets) if not special[t] and a >= s.start and b <= s.end and b > a]
            sentence_means[k] = hidden[rows].mean(0) if rows else mean
        vectors = _normalise(sentence_means) if len(chunk.sentences) else sentence_means
        return Embedded(chunk, _normalise(mean[None, :])[0], vectors, hidden[0].astype(np.float32))
