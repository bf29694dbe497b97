from __future__ import annotations

from collections.abc import Iterator

from postguard.analyzers.abuse import ANALYZER_ID as ABUSE
from postguard.rules.abuse_signals import CHARACTERISTIC_NAMES, abuse_signal
from postguard.rules.base import Hit, Rule, RuleContext


class DiscriminatoryContent(Rule):
    """
    ## What it does
    Finds hateful or demeaning content about people for a characteristic the Equality Act 2010
    protects (age, disability, gender reassignment, marriage or civil partnership, pregnancy or maternity,
    race, religion or belief, sex, sexual orientation), and names the characteristic. It reads slurs,
    dehumanising comparisons, threats against a group, stereotypes stated as fact, and the same with
    spelling tricks (leetspeak, spaced-out letters, look-alike characters, words run together). It
    leaves alone neutral or warm mentions of an identity ("proud to be gay", "Eid Mubarak"), hate quoted
    or reported in order to condemn it, negated claims, reclaimed terms and the innocent senses of words
    that are also slurs.

    ## Why it matters
    Anything that could be interpreted as discriminatory under the Equality Act 2010 is especially
    important to avoid (G25), and social media must not be used to post discriminatory material (G49).

    ## Example
    ```yaml
    text: "Muslims are vermin and should be thrown out of this country."
    ```

    ## Use instead
    ```yaml
    text: "Eid Mubarak to all our Muslim students and staff!"
    ```

    ## Fix safety
    No fix: the post should not be published. Someone who receives such content can report it through the
    Harassment Policy.
    """

    code = "RS002"
    post_model = frozenset({"adds", "confirms"})
    model_message = (
        "The post appears to demean people for a characteristic the Equality Act 2010 protects (such as age, "
        "disability, race, religion, sex or sexual orientation)."
    )
    needs = (ABUSE,)

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        signal = abuse_signal(ctx)
        if signal is None or signal.discriminatory < ctx.threshold(0.5):
            return
        named = CHARACTERISTIC_NAMES.get(signal.characteristic, "a protected characteristic")
        yield Hit(
            message=f"The post demeans people for their {named}, a characteristic the Equality Act 2010 "
            "protects; the guidance forbids posting discriminatory material.",
            where=ctx.where(signal.span),
            evidence=signal.evidence(f"discriminatory:{signal.characteristic}", signal.discriminatory),
        )
