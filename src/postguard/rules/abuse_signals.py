"""How the abuse rules (RS001-RS003) read the abuse classifier's heads.

The heads are conditional (:mod:`postguard.analyzers.abuse`): "hateful" and "individual" say what kind
of abuse it is, given that it is abuse. The rules need exclusive outcomes, so they combine them:

- discriminatory (RS002): abusive x hateful
- harassment (RS001): abusive x not hateful x aimed at an individual
- offensive (RS003): abusive x not hateful x aimed at a group or a thing; or profanity on its own

Each rule compares its own probability with its threshold in the policy pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from postguard.analyzers.abuse import ANALYZER_ID as ABUSE
from postguard.rules.base import RuleContext
from postguard.types import Evidence, Span

# How each characteristic is named in a finding's message.
CHARACTERISTIC_NAMES = {
    "age": "age",
    "disability": "disability",
    "gender-reassignment": "gender reassignment (being trans)",
    "marriage-civil-partnership": "marriage or civil partnership",
    "pregnancy-maternity": "pregnancy or maternity",
    "race": "race, nationality or ethnic origin",
    "religion-belief": "religion or belief",
    "sex": "sex",
    "sexual-orientation": "sexual orientation",
}


@dataclass(frozen=True, slots=True)
class AbuseSignal:
    discriminatory: float
    harassment: float
    offensive: float
    profanity: float
    characteristic: str  # the protected characteristic the hateful head most likely means
    span: Span | None
    profanity_span: Span | None

    def evidence(self, label: str, score: float, span: Span | None = None) -> Evidence:
        return Evidence(ABUSE, round(score, 4), label=label, span=span if span is not None else self.span)


def threshold_of(ctx: RuleContext, code: str, default: float = 0.5) -> float | None:
    """The pack's threshold for another abuse rule, or None when the pack turns that rule off."""
    settings = ctx.pack.settings(code)
    if settings is None or not settings.enabled:
        return None
    return settings.threshold if settings.threshold is not None else default


def abuse_signal(ctx: RuleContext) -> AbuseSignal | None:
    found = ctx.of(ABUSE)
    heads = {e.label: e for e in found if e.label != "characteristic"}
    if "abusive" not in heads:
        return None
    abusive = heads["abusive"].score
    hateful = heads["hateful"].score
    individual = heads["individual"].score
    characteristics = {e.category: e.score for e in found if e.label == "characteristic" and e.category}
    protected = {k: v for k, v in characteristics.items() if k in CHARACTERISTIC_NAMES}
    profanity = heads.get("profanity")
    return AbuseSignal(
        discriminatory=abusive * hateful,
        harassment=abusive * (1 - hateful) * individual,
        offensive=abusive * (1 - hateful) * (1 - individual),
        profanity=profanity.score if profanity else 0.0,
        characteristic=max(protected, key=lambda k: protected[k]) if protected else "none",
        span=heads["abusive"].span,
        profanity_span=profanity.span if profanity else None,
    )
