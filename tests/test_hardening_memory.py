"""Memory that stays flat in the number of posts (issue 25, last round): the encoder's cache of chunk
results is bounded, yet a batch's chunks stay in it for the next analyzer; ``check_many`` reads its
posts a batch at a time. ``bench/jsonl.py`` measures the whole: peak RSS over 1,000 and 10,000 posts."""

from __future__ import annotations

import pytest

import postguard
from postguard import Post
from postguard.analyzers import embeddings
from postguard.analyzers.embeddings import Chunk, Encoder


def _chunks(start: int, count: int) -> list[Chunk]:
    return [Chunk(0, 0, f"Note {k}: the library opens at nine.", ()) for k in range(start, start + count)]


def test_the_encoder_cache_is_bounded() -> None:
    assert embeddings.CACHE_CHUNKS == 2_048  # was 20,000: about 100 MB more over a long batch


def test_the_cache_keeps_only_the_most_recent_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "CACHE_CHUNKS", 8)
    encoder = Encoder(threads=1)
    for start in range(0, 20, 5):
        encoder.embed(_chunks(start, 5))
    assert len(encoder._cache) == 8
    assert {text for text, _ in encoder._cache} == {c.text for c in _chunks(12, 8)}


def test_a_batch_larger_than_the_cache_stays_whole_for_the_next_analyzer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "CACHE_CHUNKS", 8)
    encoder = Encoder(threads=1)
    batch = _chunks(100, 12)
    first = encoder.embed(batch)
    assert {text for text, _ in encoder._cache} == {c.text for c in batch}
    again = encoder.embed(batch)  # every one a hit: the same vectors, not computed again
    assert all(a.vector is b.vector for a, b in zip(first, again, strict=True))
    encoder.embed(_chunks(200, 2))
    assert len(encoder._cache) == 8


@pytest.mark.slow
def test_check_many_takes_a_generator_and_keeps_order_across_batches() -> None:
    pulled: list[int] = []

    def posts() -> object:
        for k in range(postguard.BATCH + 3):
            pulled.append(k)
            yield Post(f"Lovely day at the Rad Cam, number {k}." if k != 5 else "")

    reports = postguard.check_many(posts())  # type: ignore[arg-type]
    assert len(reports) == postguard.BATCH + 3 and len(pulled) == postguard.BATCH + 3
    assert [r.error is not None for r in reports[:7]] == [False] * 5 + [True, False]
