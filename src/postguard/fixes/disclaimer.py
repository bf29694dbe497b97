"""Append a "views are my own" statement in the style of the platform (safe)."""

from __future__ import annotations

from postguard.types import Applicability, Edit, Fix

# Character limits of the short-form platforms, and the statement that fits their style.
_SHORT = {"x": 280, "twitter": 280, "bluesky": 300, "threads": 500, "mastodon": 500}
_SHORT_TEXT = "Views my own, not the University's."
_LONG_TEXT = "The views in this post are my own and do not reflect those of the University of Oxford."
_BLOG_TEXT = "*The views expressed here are my own and do not represent those of the University of Oxford.*"


def disclaimer_text(platform: str, *, markdown: bool = False) -> str:
    key = platform.lower()
    if markdown or key in ("blog", "medium", "substack", "wordpress"):
        return _BLOG_TEXT if markdown else _BLOG_TEXT.strip("*")
    if key in _SHORT or key == "instagram":
        return _SHORT_TEXT
    return _LONG_TEXT


def add_disclaimer(text: str, *, platform: str, markdown: bool = False) -> Fix:
    statement = disclaimer_text(platform, markdown=markdown)
    end = len(text.rstrip())
    short = platform.lower() in _SHORT
    separator = " " if short else "\n\n"
    insertion = separator + statement + ("\n" if markdown else "")
    limit = _SHORT.get(platform.lower())
    if limit is not None and end + len(insertion) > limit:
        return Fix(
            Applicability.UNSAFE,
            f'Add "{statement}" (the post would exceed {limit} characters: shorten it, or add the '
            "statement to your bio instead)",
            (Edit(end, end, insertion),),
        )
    return Fix(Applicability.SAFE, f'Add "{statement}"', (Edit(end, end, insertion),))
