from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.photo_logo import ANALYZER_ID as LOGO
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.types import Where


class LogoOrCrest(Rule):
    """
    ## What it does
    Finds the University's logo or crest in a photo, by matching it against the brand assets the policy
    pack names (``brand_assets``). The base pack ships no asset: the University configures its own.

    ## Why it matters
    The University's brand guidelines govern how its logo and crest are used online (G33): on personal
    and professional accounts they suggest an official voice the post does not have.

    ## Example
    ```yaml
    text: "Our new banner for the open day."
    photos: ["tests/photos/crest-in-scene.jpg"]
    brand_assets: ["tests/photos/test-crest.png"]
    ```

    ## Use instead
    ```yaml
    text: "Our new banner for the open day."
    photos: ["tests/photos/plain.jpg"]
    brand_assets: ["tests/photos/test-crest.png"]
    ```

    ## Fix safety
    No automatic fix: remove the crest, or cite a written permission from the communications office.
    """

    code = "BR001"
    needs = (LOGO,)
    lifted_by = ("written-permission",)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        for e in ctx.of(LOGO, "logo"):
            yield Hit(
                message=f"Photo {(e.photo or 0) + 1} shows the University's logo or crest; its use online follows "
                "the brand guidelines and needs the communications office's permission.",
                where=Where(photo=e.photo, box=e.box),
                evidence=e,
            )
