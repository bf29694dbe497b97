"""Someone else's material: copyright notices, stock images, copied works, and the credit lines that
cure weak signals."""

from __future__ import annotations

import re

from postguard.analyzers.patterns import NamedPattern


def _long_quotation(m: re.Match[str]) -> bool:
    return len(m.group("q").split()) >= 40


THIRD_PARTY: tuple[NamedPattern, ...] = (
    NamedPattern("all-rights-reserved", r"\ball\s+rights\s+reserved\b", 0.9, "third-party"),
    NamedPattern("copyright-notice", r"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{4}|[A-Z][\w&.' -]{2,40})", 0.8, "third-party"),
    NamedPattern("lyrics", r"\b(?:lyrics|verse\s+\d|chorus:)|[♪♫🎵🎶]", 0.75, "third-party"),
    NamedPattern(
        "stock-image",
        r"\b(?:getty\s+images|shutterstock|alamy|istock(?:photo)?|adobe\s+stock|"
        r"stock\s+(?:photo|image|footage)|watermark(?:ed)?)\b",
        0.8,
        "third-party",
    ),
    NamedPattern(
        "full-reproduction",
        r"\b(?:full\s+(?:text|article|chapter|paper|report|transcript)\s+(?:below|here|"
        r"pasted|copied|attached)|(?:copied|pasted|reproduced|reposting)\s+(?:in\s+full|the\s+(?:whole|entire|"
        r"full))|(?:whole|entire|full)\s+(?:article|chapter|paper|report)\s+(?:pasted|copied|below)|"
        r"paywall(?:ed)?|behind\s+the\s+paywall|(?:full|whole|entire|complete|free)\s+(?:pdf|scan|copy)s?\s+of\s+"
        r"(?:the|a|this|my|our|their)\s+(?:[\w-]+\s+){0,4}?(?:book|textbook|chapter|novel|monograph|paper|article|"
        r"report|album|film)|pdf\s+of\s+the\s+(?:whole|entire|full)\s+(?:book|textbook))\b",
        0.85,
        "third-party",
    ),
    NamedPattern(
        "long-quotation",
        r"[\"“](?P<q>[^\"“”]{200,})[\"”]",  # one character class: linear, no backtracking
        0.7,
        "third-party",
        group="q",
        validator=_long_quotation,
        validator_name="40-words",
    ),
    NamedPattern(
        "reposted-without-credit",
        r"\b(?:found\s+(?:this|it|these)\b[^.\n]{0,30}?\bonline|not\s+my\s+"
        r"(?:own\s+)?(?:photo|image|video|picture|pic|work|content|drawing)|(?:photo|image|picture|video|pic|"
        r"drawing)\s+(?:isn't|is\s+not)\s+mine|(?:no\s+idea|don'?t\s+know)\s+who\s+(?:made|took|drew|wrote|"
        r"created)|(?:credit|creator|artist|photographer|author)\s+unknown|(?:saved|downloaded|grabbed|"
        r"screenshotted|took|copied|lifted)\b[^.\n]{0,25}?\bfrom\s+(?:a\s+stranger|someone|somebody|google|"
        r"instagram|facebook|tiktok|reddit|pinterest|twitter|x\.com|the\s+publisher|their\s+(?:site|website|"
        r"feed)|a\s+search|the\s+internet|the\s+web))",
        0.8,
        "third-party",
    ),
    NamedPattern(
        "whole-work-copied",
        r"\b(?:copied|copying|pasted|pasting|reproduc\w+|screenshot(?:ted)?|reposting|"
        r"uploading)\b[^.\n]{0,40}?\b(?:whole|entire|full|in\s+full|complete)\b|\b(?:whole|entire|full|"
        r"complete)\s+(?:[\w-]+\s+){0,3}?(?:article|chapter|book|e-?book|paper|report|transcript|notes|"
        r"lecture\s+notes|text|comic|strip|score|album)\b[^.\n]{0,40}?\b(?:copied|pasted|reproduc\w+|"
        r"attached|below|here)\b",
        0.8,
        "third-party",
    ),
)

ATTRIBUTION: tuple[NamedPattern, ...] = (
    NamedPattern(
        "credit",
        r"\b(?:(?:photo|image|illustration|video|picture|artwork)\s*(?:by|credit|:)|"
        r"credit\s*(?::|to|-)|source\s*:|courtesy\s+of)\s*\S+",
        0.8,
        "attribution",
    ),
    NamedPattern(
        "licence",
        r"\b(?:CC[- ](?:BY|0)(?:[- ](?:SA|NC|ND))*|creative\s+commons|public\s+domain|"
        r"licensed\s+under|used\s+(?:with|under)\s+(?:permission|licence|license)|reproduced\s+with\s+"
        r"(?:kind\s+)?permission|with\s+permission\s+(?:from|of))\b",
        0.9,
        "attribution",
    ),
    NamedPattern("via", r"\bvia\s+@\w+|\b(?:h/t|hat\s+tip)\s+@?\w+", 0.7, "attribution"),
)
