"""The benchmark data the figures are quoted on: committed sets match their generators and sizes."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import yaml

BENCH = Path(__file__).parents[1] / "bench"


def test_uk_set_is_what_its_generator_writes() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from generate_uk_pii import generate
    finally:
        sys.path.remove(str(BENCH))
    committed = [json.loads(line) for line in (BENCH / "data" / "uk_pii_posts.jsonl").read_text("utf-8").splitlines()]
    assert committed == generate()
    assert len(committed) >= 1000
    for row in committed:
        for span in row["spans"]:
            assert row["text"][span["start"] : span["end"]] == span["value"]


def test_foundation_set_has_forty_positives_and_negatives_per_rule() -> None:
    groups = yaml.safe_load((BENCH / "data" / "labelled_posts.yaml").read_text("utf-8"))
    positives: Counter[str] = Counter()
    total = 0
    for group in groups:
        total += len(group["posts"])
        for code in group["expect"]:
            positives[code] += len(group["posts"])
    for code in ("DP004", "SE001", "AU003", "AU004", "OP001", "OP002", "WB001", "IP001", "IP002"):
        assert positives[code] >= 40, code
    # AU002: read against RULES.md, most of the set's petitions are aimed at the University, not run on its
    # behalf; they stay as hard negatives, and the realistic corpus carries the campaign positives.
    # AU001 likewise lost the official account's ordinary notices, which its standing permissions cover.
    assert positives["AU002"] >= 6
    assert positives["AU001"] >= 35
    for code in positives:
        assert total - positives[code] >= 40, code
