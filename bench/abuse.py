"""The abuse classifier and rules RS001-RS003 (issue 4): accuracy and speed, one run.

    python bench/abuse.py [--limit N]

Prints:
1. held-out corpora: the test splits of the shippable training corpora (``training/abuse_data.py``;
   never trained on, never used for tuning), each text scored whole. Macro-F1 of the abusive head, for
   all corpora combined and per corpus; macro-F1 of hateful vs merely offensive on the abusive rows that
   say which; accuracy of the characteristic head and its recall per characteristic, on the hateful rows
   that name one.
2. functional cases (``bench/data/abuse_functional.yaml``, written by hand apart from the training
   pairs): each post goes through the whole engine and its outcome (RS002 > RS001 > RS003 > none) is
   compared with the expected one; accuracy per category, overall, and over the non-abusive categories.
   Failures are listed.
3. ordinary University posts (``bench/data/labelled_posts.yaml``, 531 posts, and the held-out
   ``heldout_posts.yaml``, 185, written after the rules were fixed): how many raise RS001-RS003, and
   which of their words the encoder reads as words run together (``postguard.text.runtogether``), and
   how far the abusive head moves between a post read in a list and read alone (0 with fixed scales).
4. statements about groups, two grids worded apart from the training pairs: short statements
   (``bench/data/abuse_short.yaml``: "{G} exist." / "{G} are not people.") and opinions, questions and
   stances (``bench/data/abuse_framing.yaml``: "I'd happily hire {g}." / "I'd never hire {g}."). Benign
   predicates that raise nothing and hateful ones that raise RS002, for every group; per predicate and
   overall.
5. speed of the abuse analyzer alone on 2,000 distinct posts (a fresh encoder, so nothing is cached):
   posts/s batched, and p50/p95 of one post at a time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "training"))

import abuse_data  # noqa: E402
from train_abuse import clean  # noqa: E402

from postguard import AccountKind, Post  # noqa: E402
from postguard.analyzers.abuse import AbuseAnalyzer  # noqa: E402
from postguard.analyzers.embeddings import Encoder  # noqa: E402
from postguard.engine import Engine  # noqa: E402
from postguard.text.document import make_document  # noqa: E402
from postguard.text.runtogether import runs_together  # noqa: E402

ABUSE_CODES = ("RS002", "RS001", "RS003")


def macro_f1(y: np.ndarray, p: np.ndarray) -> float:
    scores = []
    for c in (0, 1):
        tp = float(((p == c) & (y == c)).sum())
        fp = float(((p == c) & (y != c)).sum())
        fn = float(((p != c) & (y == c)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2


def corpora(analyzer: AbuseAnalyzer, limit: int) -> None:
    rows = [r for r in abuse_data.load() if r.split == "test" and r.abusive is not None]
    if limit:
        rows = rows[:limit]
    probs = analyzer.probabilities([clean(r.text) for r in rows])
    characteristics = list(analyzer._heads.outputs[4:]) if analyzer._heads else []  # noqa: SLF001
    y = np.array([r.abusive for r in rows])
    pred = (probs[:, 0] >= 0.5).astype(int)
    print(f"\n1. held-out corpora ({len(rows)} test rows)")
    print(f"   abusive vs acceptable, macro-F1, all corpora combined: {macro_f1(y, pred):.3f}")
    for name in dict.fromkeys(r.dataset for r in rows):
        m = np.array([r.dataset == name for r in rows])
        print(f"     {name:22s} n={m.sum():5d}  macro-F1 {macro_f1(y[m], pred[m]):.3f}")
    hate = np.array([r.abusive == 1 and r.hateful is not None for r in rows])
    yh = np.array([r.hateful or 0 for r in rows])[hate]
    ph = (probs[hate, 1] >= 0.5).astype(int)
    print(f"   hateful vs merely offensive (abusive rows that say, n={hate.sum()}): macro-F1 {macro_f1(yh, ph):.3f}")
    tgt = np.array([r.abusive == 1 and r.target is not None for r in rows])
    yt = np.array([int(r.target == "individual") for r in rows])[tgt]
    print(f"   individual vs group (n={tgt.sum()}): macro-F1 {macro_f1(yt, (probs[tgt, 2] >= 0.5).astype(int)):.3f}")
    named = [i for i, r in enumerate(rows) if r.hateful == 1 and r.characteristic in abuse_data.CHARACTERISTICS]
    if named and characteristics:
        guess = [characteristics[int(probs[i, 4:-1].argmax())].split(":", 1)[1] for i in named]
        truth = [rows[i].characteristic for i in named]
        right = sum(g == t for g, t in zip(guess, truth, strict=True))
        print(
            f"   characteristic named (hateful rows that name one, n={len(named)}): accuracy {right / len(named):.3f}"
        )
        for ch, n in Counter(truth).most_common():
            hits = sum(g == t == ch for g, t in zip(guess, truth, strict=True))
            flagged = sum(pred[i] for i, t in zip(named, truth, strict=True) if t == ch)
            print(f"     {ch:28s} n={n:5d}  named {hits / n:.3f}  flagged abusive {flagged / n:.3f}")


def outcome(codes: set[str]) -> str:
    return next((c for c in ABUSE_CODES if c in codes), "none")


def functional(engine: Engine) -> None:
    data = yaml.safe_load((ROOT / "bench/data/abuse_functional.yaml").read_text(encoding="utf-8"))["categories"]
    cases = [(cat, spec["kind"], c["text"], c["expect"]) for cat, spec in data.items() for c in spec["cases"]]
    reports = engine.check_many([Post(text, account=AccountKind.PERSONAL) for _, _, text, _ in cases])
    right: dict[str, list[bool]] = defaultdict(list)
    kinds: dict[str, str] = {}
    failures = []
    for (cat, kind, text, expect), report in zip(cases, reports, strict=True):
        got = outcome({f.code for f in report.findings})
        right[cat].append(got == expect)
        kinds[cat] = kind
        if got != expect:
            failures.append(f"     [{cat}] expected {expect}, got {got}: {text}")
    every = [ok for oks in right.values() for ok in oks]
    benign = [ok for cat, oks in right.items() if kinds[cat] == "non-abusive" for ok in oks]
    core = [ok for cat in ("identity-neutral", "identity-positive", "counter-speech", "negation") for ok in right[cat]]
    print(f"\n2. functional cases ({len(every)} cases, {len(right)} categories)")
    for cat, oks in right.items():
        print(f"     {cat:22s} {kinds[cat]:12s} n={len(oks):3d}  accuracy {sum(oks) / len(oks):.3f}")
    print(f"   overall accuracy {sum(every) / len(every):.3f}")
    print(f"   non-abusive categories {sum(benign) / len(benign):.3f}; neutral and positive identity, "
          f"counter-speech, negation {sum(core) / len(core):.3f}")  # fmt: skip
    print("   failures:")
    print("\n".join(failures) or "     none")


ORDINARY = ("labelled_posts.yaml", "heldout_posts.yaml")


def ordinary(engine: Engine) -> None:
    print("\n3. ordinary University posts")
    single = Engine()  # its own encoder cache, so each post is read alone
    for name in ORDINARY:
        groups = yaml.safe_load((ROOT / "bench/data" / name).read_text(encoding="utf-8"))
        posts = [Post(t, account=AccountKind(g.get("account", "personal"))) for g in groups for t in g["posts"]]
        reports = engine.check_many(posts)
        raised = Counter(f.code for r in reports for f in r.findings if f.code in ABUSE_CODES)
        hit = [p.text for p, r in zip(posts, reports, strict=True) if any(f.code in ABUSE_CODES for f in r.findings)]
        print(f"   {name}: {len(hit)} of {len(posts)} raise RS001-RS003 in one list {dict(raised)}")
        for text in hit[:10]:
            print(f"     {text[:110]}")
        alone = [p.text for p in posts if any(f.code in ABUSE_CODES for f in single.check(p).findings)]
        print(f"   {name}: {len(alone)} of {len(posts)} raise RS001-RS003 when each is checked alone")
        for text in alone[:10]:
            print(f"     {text[:110]}")
        split = [" ".join(words) for p in posts for _, words in runs_together(p.text)]
        print(f"   words read as words run together: {len(split)} {split[:10]}")
        batch_effect([p.text for p in posts])


def batch_effect(texts: list[str]) -> None:
    """The abusive head read in one list against each post read alone. The encoder's activation scales
    are fixed (training/calibrate_encoder.py), so this should print 0.000; with per-batch scales it
    reached 0.24, and a post's outcome depended on the posts read with it."""
    analyzer = AbuseAnalyzer(encoder=Encoder())
    together = analyzer.probabilities(texts)[:, 0]
    alone = []
    for t in texts:
        analyzer.encoder._cache.clear()  # noqa: SLF001 - read each post afresh, not from the list's run
        alone.append(analyzer.probabilities([t])[0, 0])
    diff = np.abs(together - np.array(alone))
    print(f"   abusive head, in one list vs each post alone: mean difference {diff.mean():.3f}, "
          f"p95 {np.percentile(diff, 95):.3f}, max {diff.max():.3f}")  # fmt: skip


GRIDS = {"short statements": "abuse_short.yaml", "opinions, questions and stances": "abuse_framing.yaml"}


def statement_grids(engine: Engine) -> None:
    print("\n4. statements about groups")
    for title, name in GRIDS.items():
        grid_scores(engine, title, name)


def grid_scores(engine: Engine, title: str, name: str) -> None:
    grid = yaml.safe_load((ROOT / "bench/data" / name).read_text(encoding="utf-8"))
    groups = grid["groups"]
    print(f"   {title} ({name}, {len(groups)} groups)")
    for side, wanted in (("benign", "none"), ("hateful", "RS002")):
        texts = [p.format(G=g, g=g.lower()) for p in grid[side] for g in groups]
        reports = engine.check_many([Post(t, account=AccountKind.PERSONAL) for t in texts])
        right = [outcome({f.code for f in r.findings}) == wanted for r in reports]
        print(f"     {side} ({'raise nothing' if wanted == 'none' else 'raise RS002'}): "
              f"{sum(right)}/{len(right)} = {sum(right) / len(right):.3f}")  # fmt: skip
        for k, predicate in enumerate(grid[side]):
            part = right[k * len(groups) : (k + 1) * len(groups)]
            print(f"       {predicate:60s} {sum(part):2d}/{len(part)}")


def speed(n: int) -> None:
    rows = [clean(r.text) for r in abuse_data.load() if r.split == "test"][:n]
    analyzer = AbuseAnalyzer(encoder=Encoder())
    analyzer.load()
    docs = [make_document(t) for t in rows]
    started = time.perf_counter()
    analyzer.analyze_many(docs)
    batched = len(docs) / (time.perf_counter() - started)
    single_docs = [make_document(t + " (again)") for t in rows[:300]]  # not in the encoder's cache
    times = []
    for d in single_docs:
        t0 = time.perf_counter()
        analyzer.analyze(d)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"\n5. speed of the abuse analyzer ({len(docs)} posts, mean {statistics.mean(map(len, rows)):.0f} chars)")
    print(f"   batched: {batched:.0f} posts/s; one post at a time: p50 {times[len(times) // 2]:.1f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=0, help="score only this many corpus test rows")
    parser.add_argument("--speed-posts", type=int, default=2000)
    args = parser.parse_args()
    if not abuse_data.DATA.is_dir():
        sys.exit(f"no abuse data at {abuse_data.DATA}")
    analyzer = AbuseAnalyzer()
    corpora(analyzer, args.limit)
    engine = Engine()
    engine.load()
    functional(engine)
    ordinary(engine)
    statement_grids(engine)
    speed(args.speed_posts)


if __name__ == "__main__":
    main()
