from __future__ import annotations

from postguard.fixes.apply import apply_edits, unified_diff
from postguard.fixes.disclaimer import add_disclaimer
from postguard.fixes.mask import mask
from postguard.fixes.redact import redact
from postguard.policy.pack import load_pack
from postguard.types import Applicability, Edit, Span

WORDING = load_pack().disclaimers
assert WORDING is not None


def test_apply_edits_in_order_and_skips_overlaps() -> None:
    text = "abc def ghi"
    edits = [Edit(8, 11, "X"), Edit(0, 3, "Y"), Edit(1, 2, "Z"), Edit(0, 3, "Y")]
    assert apply_edits(text, edits) == "Y def X"


def test_redact_and_mask() -> None:
    text = "card 4111 1111 1111 1234 ok"
    span = Span(5, 24)
    assert apply_edits(text, redact(span, title="t").edits) == "card [REDACTED] ok"
    assert apply_edits(text, mask(text, span, title="t").edits) == "card •••• •••• •••• 1234 ok"


def test_disclaimer_follows_the_platform() -> None:
    short = add_disclaimer("The REF is a farce.", WORDING, platform="x")
    assert short.applicability is Applicability.SAFE
    assert apply_edits("The REF is a farce.", short.edits) == "The REF is a farce. Views my own, not the University's."
    long = add_disclaimer("The REF is a farce.\n", WORDING, platform="linkedin")
    assert apply_edits("The REF is a farce.\n", long.edits).endswith("those of the University of Oxford.\n")
    blog = add_disclaimer("# Post\n\nText.\n", WORDING, platform="blog", markdown=True)
    assert "*The views expressed here are my own" in apply_edits("# Post\n\nText.\n", blog.edits)


def test_disclaimer_that_would_overflow_a_short_post_is_unsafe() -> None:
    fix = add_disclaimer("x" * 270, WORDING, platform="twitter")
    assert fix.applicability is Applicability.UNSAFE and "280" in fix.title


def test_unified_diff_shows_the_change() -> None:
    diff = unified_diff("a\nb\n", "a\nc\n", name="post.md")
    assert "--- a/post.md" in diff and "-b" in diff and "+c" in diff
