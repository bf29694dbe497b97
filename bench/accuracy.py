"""Precision and recall of each rule on the project's labelled University posts.

    python bench/accuracy.py [--data FILE] [--details]

Reads ``bench/data/labelled_posts.yaml`` (hand-written, never used for training; used as the development
set while the cues and thresholds were tuned) or, with ``--data bench/data/heldout_posts.yaml``, the
held-out set written after tuning, and prints per rule the true and false positives, false negatives,
precision and recall. WK001 is measured on the clean personal posts of the set, scheduled at times
inside and outside working hours.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from postguard import AccountKind, Post
from postguard.engine import Engine

DATA = Path(__file__).parent / "data" / "labelled_posts.yaml"
FOUNDATION = (
    "DP004",
    "SE001",
    "AU001",
    "AU002",
    "AU003",
    "AU004",
    "OP001",
    "OP002",
    "WK001",
    "WB001",
    "IP001",
    "IP002",
)
INSIDE = ["2026-11-23T09:30:00", "2026-11-24T12:15:00", "2026-11-25T15:45:00", "2026-11-27T17:10:00"]
OUTSIDE = ["2026-11-23T08:30:00", "2026-11-24T17:45:00", "2026-11-28T12:00:00", "2026-11-29T10:00:00"]


def load_cases(data: Path = DATA) -> list[tuple[Post, set[str], str]]:
    """(post, expected codes, group) triples. The scheduled copies of the clean posts count for WK001 only."""
    cases = []
    for group in yaml.safe_load(data.read_text("utf-8")):
        account = AccountKind(group["account"])
        for text in group["posts"]:
            post = Post(text, account=account, bio=group.get("bio", ""))
            cases.append((post, set(group["expect"]), group["name"]))
    # WK001: clean personal posts, scheduled inside and outside working hours.
    clean = [c for c in cases if c[2].startswith("clean posts") and c[0].account is AccountKind.PERSONAL]
    for k, (post, _, _) in enumerate(clean):
        for when, expect in ((INSIDE[k % 4], {"WK001"}), (OUTSIDE[k % 4], set())):
            timed = Post(post.text, account=post.account, bio=post.bio, scheduled_at=dt.datetime.fromisoformat(when))
            label = "scheduled " + ("inside" if expect else "outside") + " working hours"
            cases.append((timed, expect, label))
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA, help="a labelled set (default: the development set)")
    parser.add_argument("--details", action="store_true", help="print every miss and false alarm")
    args = parser.parse_args()
    cases = load_cases(args.data)
    labelled = sorted({code for _, expect, _ in cases for code in expect})
    measured = [c for c in FOUNDATION if c in labelled] if set(labelled) <= set(FOUNDATION) else labelled
    reports = Engine().check_many([c[0] for c in cases])
    print(f"{'rule':6s} {'pos':>4s} {'neg':>4s} {'TP':>4s} {'FP':>4s} {'FN':>4s} {'precision':>9s} {'recall':>7s}")
    worst = 1.0
    for code in measured:
        tp = fp = fn = tn = pos = 0
        for (post, expect, group), report in zip(cases, reports, strict=True):
            if group.startswith("scheduled") and code != "WK001":
                continue
            got = {f.code for f in report.findings}
            pos += code in expect
            if code in got and code in expect:
                tp += 1
            elif code in got:
                fp += 1
                if args.details:
                    print(f"  FP {code} [{group}] {post.text[:90]}")
            elif code in expect:
                fn += 1
                if args.details:
                    print(f"  FN {code} [{group}] {post.text[:90]}")
            else:
                tn += 1
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        worst = min(worst, precision, recall)
        neg = tp + fp + fn + tn - pos
        print(f"{code:6s} {pos:4d} {neg:4d} {tp:4d} {fp:4d} {fn:4d} {precision:9.3f} {recall:7.3f}")
    print(f"posts: {len(cases)} (with the scheduled copies for WK001); lowest precision or recall: {worst:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
