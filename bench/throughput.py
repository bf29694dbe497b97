"""Throughput and latency of the check, and the CLI's cold start.

    python bench/throughput.py [--posts 2400] [--single 300] [--cold 5]

Posts: the project's labelled University posts (bench/data) and generated ones (training/), mixed
with 5% long blog-style posts of 5-8 paragraphs, across all three account kinds; all distinct. Prints:
- batch: posts/s of ``Engine.check_many`` over all posts (models already loaded);
- single: p50 and p95 latency of ``Engine.check`` one post at a time, warm;
- cold start: median wall time of a fresh ``postguard check "hello"`` process.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

from generate_posts import generate  # noqa: E402

from postguard import AccountKind, Post  # noqa: E402
from postguard.engine import Engine  # noqa: E402


def corpus(n: int, seed: int = 7) -> list[Post]:
    rng = random.Random(seed)
    texts = [t for g in yaml.safe_load((ROOT / "bench/data/labelled_posts.yaml").read_text()) for t in g["posts"]]
    texts += [str(r["text"]) for r in generate(seed)]
    bios = ["", "Professor at Oxford", "DPhil student, University of Oxford. Views my own.", "Cyclist, reader."]
    posts = []
    seen: set[str] = set()
    for i in range(n):
        if rng.random() < 0.05:
            text = "\n\n".join(rng.sample(texts, rng.randint(5, 8)))
        else:
            text = rng.choice(texts)
        if text in seen:  # every post distinct, so the encoder's cache of recent chunks never helps
            text = f"{text} ({i})"
        seen.add(text)
        posts.append(Post(text, account=rng.choice(list(AccountKind)), bio=rng.choice(bios), id=str(i)))
    return posts


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=2400)
    parser.add_argument("--single", type=int, default=300)
    parser.add_argument("--cold", type=int, default=5)
    args = parser.parse_args()

    posts = corpus(args.posts)
    t0 = time.perf_counter()
    engine = Engine()
    engine.load()
    load_s = time.perf_counter() - t0
    engine.check_many(posts[:64])  # warm-up

    t0 = time.perf_counter()
    reports = engine.check_many(posts)
    batch_s = time.perf_counter() - t0
    chars = sum(len(p.text) for p in posts)
    flagged = sum(1 for r in reports if r.findings)

    latencies = []
    # posts the batch did not have, so that none is in the encoder's cache of recent chunks
    fresh = [dataclasses.replace(p, text=p.text + " #single") for p in corpus(args.single, seed=8)]
    for post in fresh:
        t0 = time.perf_counter()
        engine.check(post)
        latencies.append((time.perf_counter() - t0) * 1000)

    cold = []
    for _ in range(args.cold):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "postguard", "check", "hello"], check=True, capture_output=True)
        cold.append(time.perf_counter() - t0)

    print(f"model load (in process):  {load_s:.2f} s")
    print(
        f"batch check_many:         {len(posts)} posts ({chars / len(posts):.0f} chars mean) in {batch_s:.2f} s "
        f"= {len(posts) / batch_s:.0f} posts/s; {flagged} posts with findings"
    )
    print(
        f"single post, warm:        p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms "
        f"over {len(latencies)} posts"
    )
    print(
        f"cold start (CLI 'hello'): median {statistics.median(cold):.2f} s over {len(cold)} runs "
        f"(min {min(cold):.2f}, max {max(cold):.2f})"
    )


if __name__ == "__main__":
    main()
