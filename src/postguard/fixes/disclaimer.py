"""Append a "views are my own" statement in the style of the platform. The wording and the short
platforms' character limits come from the policy pack (``disclaimers``)."""

from __future__ import annotations

from postguard.policy.pack import Disclaimers
from postguard.types import Applicability, Edit, Fix


def disclaimer_text(wording: Disclaimers, platform: str, *, markdown: bool = False) -> str:
    key = platform.lower()
    if markdown:
        return f"*{wording.blog}*"
    if key in wording.blog_style:
        return wording.blog
    if key in wording.short_style:
        return wording.short
    return wording.long


def add_disclaimer(text: str, wording: Disclaimers, *, platform: str, markdown: bool = False) -> Fix:
    """Safe, unless the statement would take the post past the platform's character limit."""
    statement = disclaimer_text(wording, platform, markdown=markdown)
    end = len(text.rstrip())
    limit = wording.character_limits.get(platform.lower())
    separator = " " if limit is not None else "\n\n"
    insertion = separator + statement + ("\n" if markdown else "")
    if limit is not None and end + len(insertion) > limit:
        return Fix(
            Applicability.UNSAFE,
            f'Add "{statement}" (the post would exceed {limit} characters: shorten it, or add the '
            "statement to your bio instead)",
            (Edit(end, end, insertion),),
        )
    return Fix(Applicability.SAFE, f'Add "{statement}"', (Edit(end, end, insertion),))
