"""What a rule is: metadata, documentation in its docstring, and a ``check`` that turns evidence into hits.

A rule never runs a model and never writes. The engine gives it a :class:`RuleContext` holding the post,
its document, the evidence of the analyzers the rule ``needs``, and the pack's settings for the rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from postguard.codes import CODES, Status
from postguard.policy.pack import PolicyPack, RuleSettings
from postguard.text.document import Document
from postguard.types import AccountKind, Evidence, Fix, Post, Severity, Span, Where
from postguard.weights import analyzer_id

# The post model's id, read from the weights' manifest rather than imported from its analyzer, so that
# loading the rules (an audit's main process does, to key posts) never loads numpy.
POST_MODEL = analyzer_id("post")

FixAvailability = Literal["always", "sometimes", "never"]

SECTIONS = ("What it does", "Why it matters", "Example", "Use instead", "Fix safety")


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule reports before the engine adds severity, lifting and routing."""

    message: str
    where: Where
    evidence: Evidence
    fix: Fix | None = None


@dataclass(frozen=True, slots=True)
class RuleContext:
    post: Post
    doc: Document
    settings: RuleSettings
    pack: PolicyPack
    evidence: Mapping[str, Sequence[Evidence]] = field(default_factory=dict)
    bio_evidence: Mapping[str, Sequence[Evidence]] = field(default_factory=dict)
    # What the text analyzers found in the text read from each photo, by photo index
    photo_text_evidence: Mapping[int, Mapping[str, Sequence[Evidence]]] = field(default_factory=dict)
    # What the posting account's security settings lack, from the record source (the registry): SE002
    account_gaps: Sequence[str] = ()

    def of(self, analyzer: str, *labels: str) -> list[Evidence]:
        found = self.evidence.get(analyzer, ())
        return [e for e in found if not labels or e.label in labels]

    def in_photo_text(self, analyzer: str, *labels: str) -> list[Evidence]:
        """Evidence of ``analyzer`` in the text of any photo, with ``photo`` set to where it was read."""
        out = []
        for photo, found in self.photo_text_evidence.items():
            for e in found.get(analyzer, ()):
                if not labels or e.label in labels:
                    out.append(replace(e, photo=photo))
        return out

    def in_bio(self, analyzer: str, *labels: str) -> list[Evidence]:
        found = self.bio_evidence.get(analyzer, ())
        return [e for e in found if not labels or e.label in labels]

    def post_model_score(self, code: str) -> Evidence | None:
        """The post model's evidence for ``code``, when the model ran and knows the code."""
        for e in self.evidence.get(POST_MODEL, ()):
            if e.label == code:
                return e
        return None

    def threshold(self, default: float) -> float:
        return self.settings.threshold if self.settings.threshold is not None else default

    def where(self, span: Span | None) -> Where:
        return Where(text=span if span is not None else Span(0, len(self.doc.original)))

    def sentence_where(self, span: Span | None) -> Where:
        """The whole sentence around ``span`` (a span of the original text)."""
        if span is None:
            return self.where(None)
        return Where(text=self.doc.sentence_around(span.start) or span)


class Rule:
    """Base class. Subclasses set ``code`` and the class attributes below, and implement :meth:`check`;
    the name, clauses, default severities and status come from the code's row in
    :data:`postguard.codes.CODES`, the one place they are kept.

    The docstring of a subclass is its documentation, in the sections of :data:`SECTIONS`.
    """

    code: str
    name: str
    clauses: tuple[str, ...]
    default_severity: dict[AccountKind, Severity]
    status: Status = "active"
    needs: tuple[str, ...] = ()
    fix_availability: FixAvailability = "never"
    # Record kinds that lift the rule's findings when the post cites a valid one covering the code.
    lifted_by: tuple[str, ...] = ()
    # When true, each record lifts one finding (a consent per person shown), not all of them.
    one_record_per_finding: bool = False
    # Account kinds the rule applies to (all by default).
    accounts: tuple[AccountKind, ...] = tuple(AccountKind)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        row = CODES.get(cls.__dict__.get("code", ""))
        if row is not None:
            cls.name, cls.clauses, cls.default_severity, cls.status = row.name, row.clauses, row.severity, row.status
        if cls.post_model and POST_MODEL not in cls.needs:
            cls.needs = (*cls.needs, POST_MODEL)  # the engine runs the model for the rules that read it

    # How the post model (issue 26; :mod:`postguard.analyzers.post_model`) may join the rule's own reading;
    # the pack sets each rule's scores (``model_adds``, ``model_confirms``), and a part the pack sets no
    # score for is off. "adds": when the rule finds nothing, a model score at or above ``model_adds`` is a
    # finding (``model_message``); "confirms": the rule's own findings stand only while the model's score
    # is not below ``model_confirms`` (the model has read posts the cues misread).
    post_model: frozenset[str] = frozenset()
    model_message: str = ""

    def check(self, ctx: RuleContext) -> Iterator[Hit]:
        raise NotImplementedError(f"{self.code} is {self.status}: it checks nothing yet")
        yield  # pragma: no cover

    def evaluate(self, ctx: RuleContext, *, whole_post: bool = True) -> Iterator[Hit]:
        """The rule's hits on the post: :meth:`check`, then the post model's part in it (on the whole post
        only: the text read from a photo is checked by the rule alone)."""
        hits = list(self.check(ctx))
        model = ctx.post_model_score(self.code) if whole_post and self.post_model else None
        if model is not None:
            confirms, adds = ctx.settings.model_confirms, ctx.settings.model_adds
            if hits and "confirms" in self.post_model and confirms is not None and model.score < confirms:
                hits = []
            elif not hits and "adds" in self.post_model and adds is not None and model.score >= adds:
                hits = [self.model_hit(ctx, model)] if self.model_applies(ctx) else []
        yield from hits

    def model_applies(self, ctx: RuleContext) -> bool:
        """Whether the post's context lets the model's reading stand (OP001: an identified author with
        no "views my own" statement; PH002: a post with photos)."""
        return True

    def model_hit(self, ctx: RuleContext, evidence: Evidence) -> Hit:
        """The finding the model adds: on the whole post, with the rule's ``model_message``."""
        return Hit(self.model_message, ctx.where(None), evidence)


class PlannedRule(Rule):
    """A rule in the catalogue whose analyzers arrive in a later issue. It never reports anything."""
