"""The realistic corpus (issue 26): its make-up, and the check's accuracy on it.

    python bench/realistic.py stats                 # per-code counts and the near-duplicate rate, per split
    python bench/realistic.py score --split dev     # precision and recall per code on a split
    python bench/realistic.py score --split test    # the held-out test split: score once per shipped model

The corpus is ``bench/data/realistic/{train,dev,test}/*.yaml``: posts written one by one by helpers that
saw only the guidance and RULES.md, never the code (the brief they followed is
``bench/data/realistic/BRIEF.md``), each labelled with every code a careful reviewer would raise.

Scoring counts a post's findings that count (not lifted) at warning or error, plus info findings for the
info-level codes (AU003, OP002, WB001, WK001), against its labels. A post with ``has_photo`` goes out
with ``tests/photos/plain.jpg`` (a drawn scene: no face, no text, no metadata), so PH002 and PH005 can
only come from what the text says. Codes that need a real photo or the registry (PH001, PH003, PH004,
PH006, BR001, SE002) are not labelled and not scored.

Near-duplicates: two posts whose word-trigram sets overlap by Jaccard >= 0.5 (every pair is compared,
after a cheap length filter).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from postguard import Post

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "realistic"
PHOTO = ROOT / "tests" / "photos" / "plain.jpg"
SCORED = (
    "DP001 DP002 DP003 DP004 DP005 SE001 RS001 RS002 RS003 OP001 OP002 AU001 AU002 AU003 AU004 "
    "IP001 IP002 WB001 WK001 PH002 PH005"
).split()
INFO_CODES = frozenset({"AU003", "OP002", "WB001", "WK001"})
NEAR = 0.5


def load(split: str) -> list[dict[str, object]]:
    posts: list[dict[str, object]] = []
    for path in sorted((DATA / split).glob("*.yaml")):
        posts.extend(yaml.safe_load(path.read_text("utf-8")) or [])
    return posts


def _trigrams(text: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))


def near_duplicates(posts: list[dict[str, object]]) -> list[tuple[str, str, float]]:
    grams = [(str(p["id"]), _trigrams(str(p["text"]))) for p in posts]
    out = []
    for (a, ga), (b, gb) in itertools.combinations(grams, 2):
        small, large = sorted((len(ga), len(gb)))
        if not small or small / large < NEAR:  # Jaccard <= small/large: cannot reach the bar
            continue
        jaccard = len(ga & gb) / len(ga | gb)
        if jaccard >= NEAR:
            out.append((a, b, jaccard))
    return out


def stats() -> int:
    every: list[dict[str, object]] = []
    for split in ("train", "dev", "test"):
        posts = load(split)
        every += posts
        if not posts:
            print(f"{split}: no posts")
            continue
        codes = Counter(c for p in posts for c in p.get("codes") or [])  # type: ignore[attr-defined]
        clean = sum(1 for p in posts if not p.get("codes"))
        kinds = Counter(str(p.get("account")) for p in posts)
        dups = near_duplicates(posts)
        print(f"{split}: {len(posts)} posts, {clean} clean ({clean / len(posts):.0%}), accounts {dict(kinds)}")
        print("  " + "  ".join(f"{c} {codes.get(c, 0)}" for c in SCORED))
        print(f"  near-duplicate pairs (trigram Jaccard >= {NEAR}): {len(dups)}")
        for a, b, j in dups[:5]:
            print(f"    {a} ~ {b} ({j:.2f})")
    across = near_duplicates(every)
    print(f"all splits: {len(every)} posts; near-duplicate pairs across them: {len(across)}")
    return 0


def build(p: dict[str, object]) -> Post:
    """The post a corpus entry describes (a ``has_photo`` post goes out with the plain drawn scene)."""
    from postguard import AccountKind, Post

    when = p.get("scheduled_at")
    return Post(
        str(p["text"]),
        photos=(str(PHOTO),) if p.get("has_photo") else (),
        account=AccountKind(str(p.get("account", "personal"))),
        bio=str(p.get("bio") or ""),
        platform=str(p.get("platform") or "generic"),
        scheduled_at=dt.datetime.fromisoformat(str(when)) if when else None,
        id=str(p["id"]),
    )


def score(split: str, details: bool) -> int:
    from postguard import Severity
    from postguard.engine import Engine

    posts = load(split)
    if not posts:
        print(f"{split}: no posts")
        return 1
    built = [build(p) for p in posts]
    reports = Engine().check_many(built)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    clean_flagged = []
    found_total = expected_total = 0
    for p, report in zip(posts, reports, strict=True):
        expected = set(p.get("codes") or []) & set(SCORED)  # type: ignore[call-overload]
        got = {
            f.code
            for f in report.findings
            if f.counts and (f.severity is not Severity.INFO or f.code in INFO_CODES) and f.code in SCORED
        }
        for code in SCORED:
            if code in got and code in expected:
                tp[code] += 1
            elif code in got:
                fp[code] += 1
                if details:
                    print(f"  FP {code} {p['id']}: {str(p['text'])[:100]!r}")
            elif code in expected:
                fn[code] += 1
                if details:
                    print(f"  FN {code} {p['id']}: {str(p['text'])[:100]!r}")
        found_total += len(got & expected)
        expected_total += len(expected)
        warned = [f for f in report.findings if f.counts and f.severity is not Severity.INFO]
        if not expected and warned:
            clean_flagged.append((p["id"], sorted({f.code for f in warned})))
    print(f"{split}: {len(posts)} posts")
    print(f"{'code':6s} {'pos':>4s} {'TP':>4s} {'FP':>4s} {'FN':>4s} {'precision':>9s} {'recall':>7s}")
    for code in SCORED:
        pos = tp[code] + fn[code]
        precision = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 1.0
        recall = tp[code] / pos if pos else 1.0
        print(f"{code:6s} {pos:4d} {tp[code]:4d} {fp[code]:4d} {fn[code]:4d} {precision:9.3f} {recall:7.3f}")
    clean = sum(1 for p in posts if not p.get("codes"))
    print(f"recall overall: {found_total / max(1, expected_total):.3f} ({found_total} of {expected_total} labels)")
    print(f"clean posts with a warning or error: {len(clean_flagged)} of {clean}")
    if details:
        for pid, codes in clean_flagged:
            print(f"  clean {pid}: {codes}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("stats")
    scoring = sub.add_parser("score")
    scoring.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    scoring.add_argument("--details", action="store_true")
    args = parser.parse_args()
    return stats() if args.command == "stats" else score(args.split, args.details)


if __name__ == "__main__":
    sys.exit(main())
