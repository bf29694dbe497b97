"""Text output shows what a post holds and never lets the terminal obey it: escape sequences, carriage
returns, other controls and bidirectional overrides are made visible; newlines and tabs are kept."""

from __future__ import annotations

import re

import pytest

from postguard.report.text import render
from postguard.types import Evidence, Finding, PhotoError, Report, Severity, Span, Verdict, Where

ESC = "\x1b"
# Any character a terminal acts on rather than shows, other than newline and tab.
OBEYED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _report(text: str, start: int, end: int, **extra: str) -> Report:
    span = Span(start, end)
    finding = Finding(
        code="DP001",
        name="personal-contact-details",
        severity=Severity.ERROR,
        message=extra.get("message", "The post contains a phone number."),
        clauses=("G18",),
        where=Where(text=span),
        evidence=Evidence("pii.v1", 1.0, label="phone", span=span),
        lifted_by=extra.get("lifted_by"),
    )
    return Report(
        verdict=Verdict.BLOCK,
        policy=extra.get("policy", "oxford-university@2026.1"),
        findings=(finding,),
        photo_errors=(PhotoError(0, extra.get("photo", "a.jpg"), "is empty (0 bytes)"),),
    )


def test_escape_sequences_in_the_post_are_shown_not_obeyed() -> None:
    text = f"Call {ESC}[2J{ESC}]8;;http://evil.example{ESC}\\07700 900123{ESC}]8;;{ESC}\\ now\x07"
    start = text.index("07700")
    out = render(_report(text, start, start + 12), text)
    assert ESC not in out and "\x07" not in out
    assert "␛[2J␛]8;;http://evil.example␛\\07700 900123" in out
    assert not OBEYED.search(out)


def test_a_carriage_return_cannot_overwrite_the_line() -> None:
    text = "Call 07700 900123\rNothing to see here, all fine"
    out = render(_report(text, 5, 17), text)
    assert "\r" not in out and "Call 07700 900123␍Nothing to see here" in out


def test_bidi_overrides_and_c1_controls_are_named() -> None:
    text = "Ring \u202e321009 00770\u202c or \u2066x\u2069 \x9b31m"
    out = render(_report(text, 0, 4), text)
    assert "<U+202E>321009 00770<U+202C>" in out and "<U+2066>x<U+2069>" in out and "<U+009B>31m" in out
    assert not OBEYED.search(out)


def test_newlines_and_tabs_are_kept_and_crlf_shows_no_cr() -> None:
    text = "first line\r\nname:\tJo\r\nphone\t07700 900123\r\n"
    start = text.index("07700")
    out = render(_report(text, start, start + 12), text)
    assert "phone\t07700 900123\n" in out and "␍" not in out and "\r" not in out
    # the carets line up under the number: the tab is repeated in the caret line
    line, carets = (x for x in out.splitlines() if x.strip().startswith(("3 |", "| ")))
    assert carets.index("^") == line.index("07700")
    assert carets.split("| ", 1)[1].startswith("     \t^^^^")


def test_carets_stay_under_the_span_after_a_named_character() -> None:
    text = "\u202eab 07700 900123"
    start = text.index("07700")
    out = render(_report(text, start, start + 12), text)
    line, carets = (x for x in out.splitlines() if "|" in x)
    assert line.index("07700") == carets.index("^") and carets.count("^") == 12


def test_fields_from_outside_the_post_are_made_visible_too() -> None:
    text = "07700 900123"
    report = _report(
        text,
        0,
        12,
        message=f"Quoted {ESC}[31mred",
        lifted_by=f"C-1{ESC}[0m",
        policy="dept\u202e@1",
        photo=f"evil{ESC}]0;title{ESC}\\.jpg",
    )
    out = render(report, text, name=f"post{ESC}[1A.md\nsecond")
    assert ESC not in out and "\u202e" not in out
    assert out.startswith("post␛[1A.md␤second: BLOCK")
    assert "Quoted ␛[31mred" in out and "dept<U+202E>@1" in out and "evil␛]0;title␛\\.jpg" in out


def test_visible_keeps_ordinary_text_whole() -> None:
    from postguard.report.text import visible

    ordinary = "Café — naïve 東京 \U0001f469\u200d\U0001f52c tab\there"
    assert visible(ordinary) == ordinary
    assert visible("a\nb") == "a␤b"
    assert visible("\ud800") == "<U+D800>"


@pytest.mark.slow
def test_a_post_that_normalisation_expands_past_the_limit_is_refused_before_it_is_read() -> None:
    """Found by the hostile run outside the project: 100,000 x U+FDFA is within the length limit, and NFKC
    makes it 1.8 million characters, which took 173 s to read (the encoder reads every chunk)."""
    from postguard import Post
    from postguard.engine import READ_MARGIN, Engine

    engine = Engine()
    report = engine.check(Post("\ufdfa" * 10_000))  # 180,000 characters once normalised
    assert report.error is not None and report.error.code == "PG147"
    assert "180,000 characters long once normalised" in report.error.message
    bio = engine.check(Post("Lovely day.", bio="\ufdfa" * 10_000))
    assert bio.error is not None and bio.error.code == "PG147" and "the bio is" in bio.error.message
    ellipses = "Long read\u2026 " * 8_000  # 96,000 characters, 112,000 once read: within the margin
    assert 100_000 < len("Long read... " * 8_000) <= 100_000 * READ_MARGIN
    assert Engine().check(Post(ellipses)).error is None
