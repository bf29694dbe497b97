"""Whom a statement is about: the people named or referred to in its sentence, or in the sentence
before when this one goes on with a pronoun ("Tom wasn't in today. He has cancer.") or speaks to them
("Get well soon Sarah! Hope the chemo goes well for you.")."""

from __future__ import annotations

import re

from postguard.analyzers.people import ANALYZER_ID as PEOPLE
from postguard.rules.base import RuleContext
from postguard.types import Evidence, Span

_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his|hers|them|their|you|your|yours)\b", re.IGNORECASE)


def people_concerned(ctx: RuleContext, cue: Evidence) -> list[Evidence]:
    assert cue.span is not None
    sentences = ctx.doc.original_sentences or (Span(0, len(ctx.doc.original)),)
    index = ctx.doc.sentence_index(cue.span.start) or 0
    scope = [sentences[index]]
    here = ctx.doc.original[sentences[index].start : sentences[index].end]
    if index > 0 and _PRONOUN.search(here):
        scope.append(sentences[index - 1])
    return [
        p
        for p in ctx.of(PEOPLE, "person")
        if p.span is not None and any(s.start <= p.span.start < s.end for s in scope)
    ]


def one_per_sentence(ctx: RuleContext, cues: list[Evidence]) -> list[Evidence]:
    """The first cue of each sentence: one finding says what a sentence discloses."""
    kept: list[Evidence] = []
    seen: set[tuple[int, int]] = set()
    for cue in cues:
        where = ctx.sentence_where(cue.span).text
        key = (where.start, where.end) if where is not None else (-1, -1)
        if key not in seen:
            seen.add(key)
            kept.append(cue)
    return kept
