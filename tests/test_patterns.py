"""Tables of positive and negative strings for the pattern analyzers."""

from __future__ import annotations

import pytest

from postguard.analyzers.cues import CuesAnalyzer
from postguard.analyzers.secrets import SecretsAnalyzer
from postguard.text.document import make_document

SECRETS = [
    ("Wi-Fi password: Radcliffe2026!", "Radcliffe2026!"),
    ("the door code is 4821#", "4821#"),
    ("Passcode 662913", "662913"),
    ("api_key = 'a8F3kL9qZ2xV7mN4pR6tY1wB'", "a8F3kL9qZ2xV7mN4pR6tY1wB"),
    ("xoxb-2849302-99103847-Zk2pQ8rLmX0vB4nT", "xoxb-2849302-99103847-Zk2pQ8rLmX0vB4nT"),
    ("AIzaSyD4k9xQm2L8bN0vR3pT6wY1zC5eF7gH9jK", "AIzaSyD4k9xQm2L8bN0vR3pT6wY1zC5eF7gH9jK"),
    ("https://user:pa55word@host.example/x", "pa55word"),
    ("I changed my password to Blackwells123 today", "Blackwells123"),
    ("login is labuser / Oxford!Lab2025 for the PC", "Oxford!Lab2025"),
    ("The safe combination is 31-17-42", "31-17-42"),
    # issue 26: secrets as people write them in posts
    ("New code for the back gate on Walton Lane from tonight is 7-3-1-9 then the key symbol.", "7-3-1-9"),
    ("use the side door on the left, keypad is 5803 then hash", "5803"),
    ("the guest network is Kellogg-Guest and the key is Norham!2027 (capital N)", "Norham!2027"),
    ("Mungo1999 is not a password, people. Change it.", "Mungo1999"),
    ("    export CLINIC_API_TOKEN=2B7E151628AED2A6ABF7158809CF4F3C", "2B7E151628AED2A6ABF7158809CF4F3C"),
    ("https://files.example.org/share?id=91&access_token=q8Zr2LmX0vB4nT7w", "q8Zr2LmX0vB4nT7w"),
    (
        "alerts go to https://hooks.slack.com/services/T0AB12CD3/B0CD45EF6/aBcDeFgHiJkLmNoPqRsTuVwX now",
        "https://hooks.slack.com/services/T0AB12CD3/B0CD45EF6/aBcDeFgHiJkLmNoPqRsTuVwX",
    ),
    ("runner token glpat-x7Yz2Qw8Er5Ty1Ui0Op3As", "glpat-x7Yz2Qw8Er5Ty1Ui0Op3As"),
]
NOT_SECRETS = [
    "Your password is required.",
    "Password reset emails are sent automatically.",
    "Use a password manager.",
    "The postcode is OX1 2JD.",
    "Our API key policy is on the intranet.",
    "Enter the access code you were sent by email.",
    "The token economy in behavioural science is fascinating.",
    "The door code changes every term; ask the lodge.",
    "Wifi password: [REDACTED]",
    "password: ********",
    "PIN: xxxx",
    "Never reuse your Oxford password on shopping sites. If a site you use is breached, change it.",
    "A good password is a long one: three random words beat a clever one.",
    "The door code for the new building will be sent to staff by email.",
    "Set API_TOKEN in your environment; never paste it into a post.",
    "See https://www.ox.ac.uk/news?page=2&key=events for what's on.",
]


@pytest.mark.parametrize(("text", "secret"), SECRETS)
def test_secret_is_found_exactly(text: str, secret: str) -> None:
    found = SecretsAnalyzer().analyze(make_document(text))
    assert [text[e.span.start : e.span.end] for e in found if e.span] == [secret]


@pytest.mark.parametrize("text", NOT_SECRETS)
def test_ordinary_words_are_not_secrets(text: str) -> None:
    assert SecretsAnalyzer().analyze(make_document(text)) == []


CUES = [
    ("Views my own.", "disclaimer"),
    ("Opinions expressed are my own", "disclaimer"),
    ("These do not reflect the views of my employer", "disclaimer"),
    ("Professor at Oxford", "affiliation"),
    ("Fellow of Balliol College", "affiliation"),
    ("Lecturer, Department of Physics, University of Oxford", "affiliation"),
    ("DPhil (Oxon)", "affiliation"),
    ("strictly confidential", "confidential"),
    ("embargoed until 00:01 Tuesday", "confidential"),
    ("not for circulation", "confidential"),
    ("All rights reserved", "third-party"),
    ("Photo: Jane Smith", "attribution"),
]
NOT_CUES = [
    ("Oxford is lovely in the spring", "affiliation"),
    ("free and confidential counselling", "confidential"),
    ("the views from the tower are stunning", "disclaimer"),
    ("a photo of the quad", "attribution"),
]


@pytest.mark.parametrize(("text", "label"), CUES)
def test_cue_is_found(text: str, label: str) -> None:
    labels = {e.label for e in CuesAnalyzer().analyze(make_document(text))}
    assert label in labels


@pytest.mark.parametrize(("text", "label"), NOT_CUES)
def test_cue_is_not_found(text: str, label: str) -> None:
    labels = {e.label for e in CuesAnalyzer().analyze(make_document(text))}
    assert label not in labels


def test_disjoint_spans_agree_with_checking_every_pair() -> None:
    import random

    from postguard.analyzers.patterns import DisjointSpans
    from postguard.types import Span

    rng = random.Random(3)
    for _ in range(50):
        taken, kept = DisjointSpans(), []
        for _ in range(200):
            start = rng.randrange(1_000)
            span = Span(start, start + rng.randrange(1, 40))
            clash = any(k.start < span.end and span.start < k.end for k in kept)
            assert taken.overlaps(span) is clash
            assert taken.take(span) is not clash
            if not clash:
                kept.append(span)


@pytest.mark.parametrize(
    ("markdown", "secret"),
    [
        (
            "See [docs](https://example.com/?token=ghp_abcdefghijklmnopqrstuvwxyz0123456789)",
            "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
        ),
        ("![chart](https://jdoe:Quad2026secret@files.example.com/chart.png)", "Quad2026secret"),
        ("---\nguest wifi password: Radcliffe2026!\n---\nA lovely post.", "Radcliffe2026!"),
    ],
)
def test_a_secret_in_markdown_markup_is_still_a_secret(markdown: str, secret: str) -> None:
    found = SecretsAnalyzer().analyze(make_document(markdown, markdown=True))
    assert secret in [markdown[e.span.start : e.span.end] for e in found if e.span]
