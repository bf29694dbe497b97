"""The engine: orchestrates a check, and does nothing else.

For a batch of posts it checks each post's fields (:mod:`postguard.post_input`), runs each text
analyzer the active rules need once over the batch (batched where the analyzer batches: the sentence
encoder), runs the photo analyzers over each post's photos one photo at a time
(:mod:`postguard.photos.analysis`), reads the text found in photos through the text analyzers,
dispatches the rules (:mod:`postguard.rules.dispatch`) with the records that may lift their findings
and the posting account's security gaps, both from the record source (:mod:`postguard.records`), and
builds the reports. A post that cannot be checked gets a report with an
``error`` and no findings; it never stops the batch.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from postguard.analyzers.base import Analyzer, TextAnalyzer
from postguard.analyzers.photo_text import ANALYZER_ID as PHOTO_TEXT
from postguard.analyzers.photo_text import PhotoText, photo_text
from postguard.analyzers.registry import AnalyzerRegistry, default_registry
from postguard.errors import InputError, PostguardError, UsageError
from postguard.photos.analysis import PhotoResults, analyze_photos
from postguard.policy.pack import PolicyPack, load_pack
from postguard.post_input import check_limits, checked
from postguard.records import CitedRecords, RecordSource, candidates
from postguard.records.lifting import Lifter
from postguard.report.verdict import verdict_of
from postguard.rules.catalogue import active_rules
from postguard.rules.dispatch import EvidenceMap, PostEvidence, decide
from postguard.text.document import Document, make_document
from postguard.types import Evidence, InputProblem, Post, Report, Verdict, text_digest

__all__ = ["Engine", "default_engine", "verdict_of"]

# Where the records that may lift a post's findings come from: by default, those the post cites.
RecordSourceFor = Callable[[Post], RecordSource]


def cited_records(post: Post) -> RecordSource:
    return CitedRecords(post.records)


@dataclass(slots=True)
class _Work:
    """One post on its way through the check."""

    index: int
    post: Post
    doc: Document
    bio: Document | None
    evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    bio_evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    photos: PhotoResults = field(default_factory=PhotoResults)
    photo_texts: list[tuple[PhotoText, EvidenceMap]] = field(default_factory=list)


class Engine:
    def __init__(
        self,
        pack: PolicyPack | None = None,
        *,
        analyzers: Sequence[Analyzer] | AnalyzerRegistry | None = None,
        records: RecordSourceFor = cited_records,
    ) -> None:
        self.pack = pack or load_pack()
        if isinstance(analyzers, AnalyzerRegistry):
            self.registry = analyzers
        else:
            self.registry = default_registry(self.pack) if analyzers is None else AnalyzerRegistry(analyzers)
        self.records = records
        self.rules = active_rules(self.pack)
        needed = {a for r in self.rules for a in r.rule.needs}
        self._text = self.registry.text(needed)
        self._photo = self.registry.photo(needed)

    def load(self) -> None:
        for text in self._text:
            text.load()
        for photo in self._photo:
            photo.load()

    def check(self, post: Post) -> Report:
        return self.check_many([post])[0]

    def check_many(self, posts: Sequence[Post]) -> list[Report]:
        started = time.perf_counter()
        reports: list[Report | None] = [None] * len(posts)
        work: list[_Work] = []
        for i, given in enumerate(posts):
            try:
                post = checked(given)
                check_limits(post, self.pack)
            except (InputError, UsageError) as exc:
                reports[i] = self._error_report(given, exc)
                continue
            doc = make_document(post.text, markdown=post.markdown)
            if not doc.text.strip() and not post.photos:  # Markdown that is all front matter and markup
                reports[i] = self._error_report(given, InputError("PG107"))
                continue
            bio = make_document(post.bio) if post.bio.strip() else None
            read_limit = int(self.pack.max_text_chars * READ_MARGIN)
            if len(doc.text) > read_limit or (bio is not None and len(bio.text) > read_limit):
                which, read = ("post", doc) if len(doc.text) > read_limit else ("bio", bio)
                assert read is not None
                problem = InputError("PG147", which=which, length=len(read.text), limit=read_limit)
                reports[i] = self._error_report(given, problem)
                continue
            work.append(_Work(i, post, doc, bio))
        self._analyze_text(work)
        self._analyze_photos(work)
        elapsed_each = (time.perf_counter() - started) * 1000 / max(1, len(work))
        text_ids = {a.id for a in self._text}
        for w in work:
            source = self.records(w.post)
            gaps = tuple(source.security_gaps(w.post.account_id)) if w.post.account_id is not None else ()
            seen = PostEvidence(w.post, w.doc, w.evidence, w.bio_evidence, w.photo_texts, gaps)
            day = (w.post.scheduled_at or dt.datetime.now(dt.UTC)).date()
            lifter = Lifter(candidates(w.post, source, w.photos.hashes), day, self.pack.approvers)
            findings = decide(self.rules, seen, self.pack, lifter, text_ids)
            w.timings["total"] = elapsed_each if len(work) > 1 else (time.perf_counter() - started) * 1000
            verdict = verdict_of(findings)
            if w.photos.errors and verdict is Verdict.PASS:
                verdict = Verdict.WARN  # a photo nobody could check does not pass
            notice = self.pack.photo_notice if w.post.photos else None
            reports[w.index] = Report(
                verdict=verdict,
                policy=self.pack.label,
                findings=tuple(findings),
                timings_ms=w.timings,
                post_id=w.post.id,
                notices=(notice,) if notice else (),
                photo_errors=tuple(w.photos.errors),
                text_sha256=text_digest(w.post.text),
            )
        return [r for r in reports if r is not None]

    def _analyze_text(self, work: list[_Work]) -> None:
        if not work:
            return
        for analyzer in self._text:
            t0 = time.perf_counter()
            todo = [w for w in work if w.post.photos] if analyzer.only_with_photos else work
            for w, found in zip(todo, analyzer.analyze_many([w.doc for w in todo]), strict=True):
                w.evidence[analyzer.id] = found
            if analyzer.reads_bio:
                by_bio: dict[str, list[Evidence]] = {}  # posts of one account share a bio
                for w in work:
                    if w.bio is not None:
                        if w.bio.original not in by_bio:
                            by_bio[w.bio.original] = analyzer.analyze_bio(w.bio)
                        w.bio_evidence[analyzer.id] = by_bio[w.bio.original]
            each = (time.perf_counter() - t0) * 1000 / len(work)
            for w in work:
                w.timings[analyzer.id] = each

    def _analyze_photos(self, work: list[_Work]) -> None:
        """The photo analyzers over each post's photos; then the text read from each photo through the
        text analyzers, as a document of its own (batched across the posts)."""
        with_photos = [w for w in work if w.post.photos]
        if not with_photos or not self._photo:
            return
        t0 = time.perf_counter()
        for w in with_photos:
            w.photos = analyze_photos(w.post.photos, self._photo)
            w.evidence.update(w.photos.evidence)
        texts = [
            (w, t)
            for w in with_photos
            for i in range(len(w.post.photos))
            if (t := photo_text(w.evidence.get(PHOTO_TEXT, []), i)) is not None
        ]
        found: list[dict[str, list[Evidence]]] = [{} for _ in texts]
        for analyzer in self._text:
            for k, result in enumerate(_run_text(analyzer, [t.doc for _, t in texts])):
                found[k][analyzer.id] = result
        for (w, t), evidence in zip(texts, found, strict=True):
            w.photo_texts.append((t, evidence))
        for w in work:
            w.timings["photos"] = (time.perf_counter() - t0) * 1000 / len(work)

    def _error_report(self, post: Post, exc: PostguardError) -> Report:
        post_id = post.id if isinstance(post, Post) and isinstance(post.id, str) else None
        return self.error_report(exc, post_id=post_id)

    def error_report(self, exc: PostguardError, *, post_id: str | None = None) -> Report:
        """The report of a post that could not be checked: verdict ``error``, no findings, and why."""
        return Report(
            verdict=Verdict.ERROR,
            policy=self.pack.label,
            findings=(),
            post_id=post_id,
            error=InputProblem(exc.kind, str(exc), exc.code),
        )


# The text the analyzers read is the post normalised (NFKC): "\ufdfa" is 18 letters, so 100,000 of them were
# 1.8 million characters to read, 173 s. What is read may exceed the pack's limit by this much ("..." for
# an ellipsis, "fi" for a ligature), no more.
READ_MARGIN = 1.25


def _run_text(analyzer: TextAnalyzer, docs: list[Document]) -> list[list[Evidence]]:
    return analyzer.analyze_many(docs) if docs else []


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """One engine per process for :func:`postguard.check`, with the embedded base pack."""
    return Engine()
