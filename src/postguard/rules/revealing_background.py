from __future__ import annotations

import re
from collections.abc import Iterator

from postguard.analyzers.photo_text import ANALYZER_ID as PHOTO_TEXT
from postguard.analyzers.photo_text import photo_text
from postguard.fixes.blur import blur
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Span, Where

MIN_CHARS = 20  # a few words: a sign saying "EXIT" is not a revealing background
_NUMBER = re.compile(r"\d[\d\s-]{5,}\d")


class RevealingBackground(Rule):
    """
    ## What it does
    Finds readable text in a photo: screens, whiteboards, documents, badges, labels. A line or two of
    words, or any long number, counts; a single short sign does not. The text read is also checked by
    every text rule, whose findings point at the region of the photo (a phone number on a whiteboard is
    DP001 there, besides this finding).

    ## Why it matters
    Be mindful of what a photo reveals, for example in the background (G20), including anything about the
    University's work (G34).

    ## Example
    ```yaml
    text: "Great brainstorm with the team today!"
    photos: ["tests/photos/whiteboard.png"]
    ```

    ## Use instead
    ```yaml
    text: "Great brainstorm with the team today!"
    photos: ["tests/photos/plain.jpg"]
    ```

    ## Fix safety
    Unsafe: the regions with text are blurred in a new copy of the photo; look at it before posting.
    """

    code = "PH003"
    needs = (PHOTO_TEXT,)
    fix_availability = "always"

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        evidence = ctx.of(PHOTO_TEXT)
        for index in sorted({e.photo for e in evidence if e.photo is not None}):
            text = photo_text(evidence, index)
            if text is None:
                continue
            content = text.doc.original
            if len(content.replace("\n", " ").strip()) < MIN_CHARS and not _NUMBER.search(content):
                continue
            boxes = tuple(box for _, box in text.lines)
            whole = text.box_of(Span(0, len(content)))
            first = next(e for e in evidence if e.photo == index)
            yield Hit(
                message=f"Photo {index + 1} shows readable text ({len(text.lines)} line"
                f"{'s' if len(text.lines) != 1 else ''}); check what the background reveals before posting.",
                where=Where(photo=index, box=whole),
                evidence=first,
                fix=blur(index, boxes, title=f"Blur the text in photo {index + 1}"),
            )
