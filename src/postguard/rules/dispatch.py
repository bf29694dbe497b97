"""Run the active rules over one post's evidence and turn their hits into findings.

A hit becomes a finding with the pack's severity for the account kind, lifted by a record where one
applies (:mod:`postguard.records.lifting`). Text rules also run on the text read from each photo, as a
document of its own; their hits are placed on the photo's lines (:meth:`PhotoText.place`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from postguard.analyzers.photo_text import PhotoText
from postguard.policy.pack import PolicyPack
from postguard.records.lifting import Lifter
from postguard.rules.base import Hit, RuleContext
from postguard.rules.catalogue import ActiveRule
from postguard.text.document import Document
from postguard.types import Evidence, Finding, Post

EvidenceMap = Mapping[str, Sequence[Evidence]]


@dataclass(frozen=True, slots=True)
class PostEvidence:
    """Everything the analyzers found for one post."""

    post: Post
    doc: Document
    evidence: EvidenceMap
    bio_evidence: EvidenceMap = field(default_factory=dict)
    # each photo's text, and what the text analyzers found in it
    photo_texts: Sequence[tuple[PhotoText, EvidenceMap]] = ()
    # what the posting account's security settings lack, as the record source knows it (SE002)
    account_gaps: Sequence[str] = ()


def decide(
    rules: Sequence[ActiveRule], seen: PostEvidence, pack: PolicyPack, lifter: Lifter, text_analyzers: set[str]
) -> list[Finding]:
    """The findings of every rule that applies to the post's account kind, most severe first."""
    findings: list[Finding] = []
    post = seen.post
    by_photo = {text.photo: found for text, found in seen.photo_texts}
    for active in rules:
        rule = active.rule
        if post.account not in rule.accounts:
            continue
        ctx = RuleContext(
            post, seen.doc, active.settings, pack, seen.evidence, seen.bio_evidence, by_photo, seen.account_gaps
        )
        findings.extend(_finding(active, hit, post, lifter) for hit in rule.evaluate(ctx))
    for text, found in seen.photo_texts:
        for active in rules:
            rule = active.rule
            if not rule.needs or not set(rule.needs) <= text_analyzers or post.account not in rule.accounts:
                continue
            ctx = RuleContext(post, text.doc, active.settings, pack, found, seen.bio_evidence)
            for hit in rule.evaluate(ctx, whole_post=False):
                where, blur = text.place(hit.where.text)
                findings.append(_finding(active, Hit(hit.message, where, hit.evidence, blur), post, lifter))
    findings.sort(key=lambda f: (-f.severity.rank, f.where.text.start if f.where.text is not None else -1, f.code))
    return findings


def _finding(active: ActiveRule, hit: Hit, post: Post, lifter: Lifter) -> Finding:
    rule = active.rule
    lifting = lifter.lift(rule.code, rule.lifted_by, one_per_finding=rule.one_record_per_finding)
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=active.settings.severity[post.account],
        message=hit.message,
        clauses=rule.clauses,
        where=hit.where,
        evidence=hit.evidence,
        fix=hit.fix,
        lifted_by=lifting.lifted_by,
        route=lifting.route,
    )
