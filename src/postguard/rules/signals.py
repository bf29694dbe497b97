"""How the semantic rules decide: a head's score, helped by phrase cues.

A rule fires when the semantic score for its label reaches the pack's threshold, or when a strong cue
for the label is present and the semantic score is within ``CUE_MARGIN`` of the threshold. The finding
points at the sentence of the cue when there is one, else at the sentence the head scored highest.
"""

from __future__ import annotations

from dataclasses import dataclass

from postguard.analyzers.cues import ANALYZER_ID as CUES
from postguard.analyzers.semantic import ANALYZER_ID as SEMANTIC
from postguard.rules.base import RuleContext
from postguard.types import Evidence, Where

CUE_MARGIN = 0.25


@dataclass(frozen=True, slots=True)
class Signal:
    score: float
    where: Where
    evidence: Evidence
    cue: Evidence | None


def semantic_signal(ctx: RuleContext, label: str, cue_label: str, *, default_threshold: float) -> Signal | None:
    semantic = ctx.of(SEMANTIC, label)
    if not semantic:
        return None
    head = semantic[0]
    threshold = ctx.threshold(default_threshold)
    cues = sorted(ctx.of(CUES, cue_label), key=lambda e: -e.score)
    cue = cues[0] if cues else None
    fires = head.score >= threshold or (cue is not None and cue.score >= 0.75 and head.score >= threshold - CUE_MARGIN)
    if not fires:
        return None
    if cue is not None:
        where = ctx.sentence_where(cue.span)
        evidence = Evidence(SEMANTIC, head.score, label=label, pattern_name=cue.pattern_name, span=cue.span)
    else:
        where = ctx.where(head.span)
        evidence = head
    return Signal(head.score, where, evidence, cue)
