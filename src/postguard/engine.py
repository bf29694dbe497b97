"""The engine: validate posts, run each needed analyzer once per post, dispatch rules, build reports.

``Engine.check_many`` batches the analyzers that batch (the sentence encoder), so a batch loads models
once and embeds in a few large forward passes. A post that cannot be checked gets a report with an
``error`` and no findings; it never stops the batch.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol, runtime_checkable

from postguard.analyzers.abuse import AbuseAnalyzer
from postguard.analyzers.cues import CuesAnalyzer, SceneCuesAnalyzer
from postguard.analyzers.embeddings import Encoder
from postguard.analyzers.people import PeopleAnalyzer
from postguard.analyzers.photo_faces import PhotoFacesAnalyzer
from postguard.analyzers.photo_logo import PhotoLogoAnalyzer
from postguard.analyzers.photo_metadata import PhotoMetadataAnalyzer
from postguard.analyzers.photo_nudity import PhotoNudityAnalyzer
from postguard.analyzers.photo_text import ANALYZER_ID as PHOTO_TEXT
from postguard.analyzers.photo_text import PhotoText, PhotoTextAnalyzer, photo_text
from postguard.analyzers.pii import PiiAnalyzer
from postguard.analyzers.secrets import SecretsAnalyzer
from postguard.analyzers.semantic import SemanticAnalyzer
from postguard.errors import InputError
from postguard.photos.load import LoadedPhoto, load_photo
from postguard.policy.pack import LocalRule, PolicyPack, load_pack
from postguard.rules.base import Hit, Rule, RuleContext
from postguard.rules.catalogue import CATALOGUE
from postguard.text.document import Document, make_document
from postguard.types import (
    PARTLY_CHECKED,
    AccountKind,
    Applicability,
    Evidence,
    Finding,
    Fix,
    InputProblem,
    PhotoError,
    PhotoOperation,
    Post,
    Record,
    Report,
    Severity,
    Verdict,
    Where,
)

PHOTO_THREADS = 2


@runtime_checkable
class TextAnalyzer(Protocol):
    id: str

    def load(self) -> None: ...

    def analyze(self, doc: Document) -> list[Evidence]: ...


@runtime_checkable
class PhotoAnalyzer(Protocol):
    id: str

    def load(self) -> None: ...

    def analyze_photo(self, photo: LoadedPhoto) -> list[Evidence]: ...


Analyzer = TextAnalyzer | PhotoAnalyzer


def _default_analyzers(pack: PolicyPack) -> list[Analyzer]:
    encoder = Encoder()  # one pass per chunk serves both the semantic and the abuse heads
    return [
        SecretsAnalyzer(),
        CuesAnalyzer(),
        SceneCuesAnalyzer(),
        PiiAnalyzer(university_formats=pack.university_numbers or None),
        PeopleAnalyzer(),
        SemanticAnalyzer(encoder=encoder),
        AbuseAnalyzer(encoder=encoder),
        # photo analyzers, heaviest first: two run at once
        PhotoTextAnalyzer(),
        PhotoFacesAnalyzer(),
        PhotoLogoAnalyzer(pack.brand_assets),
        PhotoNudityAnalyzer(),
        PhotoMetadataAnalyzer(),
    ]


@dataclass(slots=True)
class _Work:
    index: int
    post: Post
    doc: Document
    bio: Document | None
    evidence: dict[str, list[Evidence]]
    bio_evidence: dict[str, list[Evidence]]
    timings: dict[str, float]
    photos: list[LoadedPhoto] = field(default_factory=list)
    photo_errors: list[PhotoError] = field(default_factory=list)
    # Text read from each photo, and what the text analyzers found in it
    photo_texts: list[tuple[PhotoText, dict[str, list[Evidence]]]] = field(default_factory=list)


def _check_fields(post: Post) -> None:
    """The fields a caller of the Python API could get wrong, each with its own message (the CLI and
    JSON lines build posts that pass)."""
    if not isinstance(post.text, str):
        raise InputError("the post text must be a string")
    if isinstance(post.photos, str | bytes) or not all(isinstance(p, str | os.PathLike) for p in post.photos):
        raise InputError("photos must be a sequence of paths (a single path still goes in a list or tuple)")
    if post.account not in tuple(AccountKind):
        kinds = ", ".join(k.value for k in AccountKind)
        raise InputError(f"unknown account kind {post.account!r}; use one of {kinds}")
    if not isinstance(post.platform, str):
        raise InputError("the platform must be a string")
    if post.scheduled_at is not None and not isinstance(post.scheduled_at, dt.datetime):
        raise InputError("scheduled_at must be a datetime.datetime (or None)")
    if isinstance(post.records, str | bytes) or not all(isinstance(r, Record) for r in post.records):
        raise InputError("records must be a sequence of postguard.Record")
    if post.id is not None and not isinstance(post.id, str):
        raise InputError("the post id must be a string (or None)")


def validate(post: Post, pack: PolicyPack) -> None:
    """Raise :class:`InputError` with a one-line reason when the post cannot be checked."""
    _check_fields(post)
    if len(post.text) > pack.max_text_chars:
        raise InputError(
            f"the post is {len(post.text):,} characters long; the limit is {pack.max_text_chars:,} "
            "(split it, or raise limits.max_text_chars in the policy pack)"
        )
    if not isinstance(post.bio, str) or len(post.bio) > pack.max_text_chars:
        raise InputError(f"the bio must be a string of at most {pack.max_text_chars:,} characters")
    if not post.text.strip() and not post.photos:
        raise InputError("there is nothing to check: the post has no text and no photos")
    if "\x00" in post.text:
        raise InputError("the post text contains NUL characters: is it a binary file?")
    if len(post.photos) > pack.max_photos:
        raise InputError(f"the post has {len(post.photos)} photos; the limit is {pack.max_photos}")


def _analyzer_failed(analyzer: PhotoAnalyzer, photo: LoadedPhoto, exc: Exception) -> PhotoError:
    """A photo analyzer's failure on one photo as a problem with that photo: the photo is reported as not
    fully checked (so the post cannot pass), and its other analyzers' findings still stand."""
    task = getattr(analyzer, "task", f"the {analyzer.id} analyzer")
    first_line = (str(exc).splitlines() or [""])[0][:80]
    if isinstance(exc, MemoryError):
        reason = "out of memory"
    else:
        reason = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    return PhotoError(photo.index, photo.path, f"{PARTLY_CHECKED}: {task} failed ({reason})")


class Engine:
    def __init__(self, pack: PolicyPack | None = None, *, analyzers: Sequence[Analyzer] | None = None) -> None:
        self.pack = pack or load_pack()
        self.analyzers = {a.id: a for a in (analyzers if analyzers is not None else _default_analyzers(self.pack))}
        self.rules: list[Rule] = []
        for code, rule in CATALOGUE.items():
            settings = self.pack.settings(code)
            if rule.status == "active" and settings is not None and settings.enabled:
                self.rules.append(rule)
        needed = {a for r in self.rules for a in r.needs}  # local rules read the document directly
        self._needed = [self.analyzers[a] for a in self.analyzers if a in needed]

    def load(self) -> None:
        for analyzer in self._needed:
            analyzer.load()

    def check(self, post: Post) -> Report:
        return self.check_many([post])[0]

    def check_many(self, posts: Sequence[Post]) -> list[Report]:
        started = time.perf_counter()
        reports: list[Report | None] = [None] * len(posts)
        work: list[_Work] = []
        for i, post in enumerate(posts):
            try:
                validate(post, self.pack)
            except InputError as exc:
                reports[i] = self._error_report(post, exc)
                continue
            bio = make_document(post.bio) if post.bio.strip() else None
            work.append(_Work(i, post, make_document(post.text, markdown=post.markdown), bio, {}, {}, {}))
        if any(isinstance(a, PhotoAnalyzer) for a in self._needed):
            self._load_photos(work)
        self._analyze(work)
        self._analyze_photos(work)
        self._analyze_photo_text(work)
        elapsed_each = (time.perf_counter() - started) * 1000 / max(1, len(work))
        for w in work:
            findings = self._decide(w)
            w.timings["total"] = elapsed_each if len(work) > 1 else (time.perf_counter() - started) * 1000
            verdict = verdict_of(findings)
            if w.photo_errors and verdict is Verdict.PASS:
                verdict = Verdict.WARN  # a photo nobody could check does not pass
            reports[w.index] = Report(
                verdict=verdict,
                policy=self.pack.label,
                findings=tuple(findings),
                timings_ms=w.timings,
                post_id=w.post.id,
                notices=_notices(w.post),
                photo_errors=tuple(w.photo_errors),
            )
            w.photos.clear()  # decoded pixels are not kept beyond the check
        return [r for r in reports if r is not None]

    def _load_photos(self, work: list[_Work]) -> None:
        t0 = time.perf_counter()
        for w in work:
            for i, path in enumerate(w.post.photos):
                loaded = load_photo(i, path)
                if isinstance(loaded, PhotoError):
                    w.photo_errors.append(loaded)
                else:
                    w.photos.append(loaded)
        for w in work:
            w.timings["photos.load"] = (time.perf_counter() - t0) * 1000 / len(work)

    def _analyze(self, work: list[_Work]) -> None:
        if not work:
            return
        for analyzer in self._needed:
            t0 = time.perf_counter()
            if isinstance(analyzer, PhotoAnalyzer):
                continue  # below, all photo analyzers together
            todo = [w for w in work if w.post.photos] if getattr(analyzer, "only_with_photos", False) else work
            results = _run_text(analyzer, [w.doc for w in todo])
            for w, found in zip(todo, results, strict=True):
                w.evidence[analyzer.id] = found
            if getattr(analyzer, "reads_bio", False):
                by_bio: dict[str, list[Evidence]] = {}  # posts of one account share a bio
                for w in work:
                    if w.bio is not None:
                        if w.bio.original not in by_bio:
                            read = getattr(analyzer, "analyze_bio", analyzer.analyze)
                            by_bio[w.bio.original] = read(w.bio)
                        w.bio_evidence[analyzer.id] = by_bio[w.bio.original]
            each = (time.perf_counter() - t0) * 1000 / len(work)
            for w in work:
                w.timings[analyzer.id] = each

    def _analyze_photos(self, work: list[_Work]) -> None:
        """Every photo analyzer on every photo. Two analyzers run at once (the models release the
        interpreter lock: onnxruntime, OpenCV, dlib), but each analyzer works through the photos alone,
        since a model wrapper need not be safe to call from two threads."""
        analyzers = [a for a in self._needed if isinstance(a, PhotoAnalyzer)]
        photos = [(w, photo) for w in work for photo in w.photos]
        if not analyzers or not photos:
            return
        for analyzer in analyzers:
            analyzer.load()  # once, before the threads

        def run(analyzer: PhotoAnalyzer) -> None:
            for w in work:
                found = []
                for photo in w.photos:
                    try:
                        found.extend(analyzer.analyze_photo(photo))
                    except Exception as exc:  # noqa: BLE001 - a model failing on one photo must not stop the check
                        w.photo_errors.append(_analyzer_failed(analyzer, photo, exc))
                w.evidence[analyzer.id] = found

        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=PHOTO_THREADS) as pool:
            list(pool.map(run, analyzers))  # list() re-raises an exception of the engine's own here
        for w in work:
            w.photo_errors.sort(key=lambda e: (e.photo, e.message))  # the threads append in any order
        for w in work:
            w.timings["photos"] = (time.perf_counter() - t0) * 1000 / len(work)

    def _analyze_photo_text(self, work: list[_Work]) -> None:
        """Read the text of each photo through every text analyzer, as a document of its own."""
        texts = [
            (w, t)
            for w in work
            for i in range(len(w.post.photos))
            if (t := photo_text(w.evidence.get(PHOTO_TEXT, []), i)) is not None
        ]
        if not texts:
            return
        found: list[dict[str, list[Evidence]]] = [{} for _ in texts]
        for analyzer in self._needed:
            if isinstance(analyzer, PhotoAnalyzer):
                continue
            for k, result in enumerate(_run_text(analyzer, [t.doc for _, t in texts])):
                found[k][analyzer.id] = result
        for (w, t), evidence in zip(texts, found, strict=True):
            w.photo_texts.append((t, evidence))

    def _photo_text_findings(self, w: _Work, day: dt.date) -> list[Finding]:
        """Text rules on each photo's text; findings point at the region of the photo."""
        out = []
        text_analyzers = {a.id for a in self._needed if not isinstance(a, PhotoAnalyzer)}
        for text, evidence in w.photo_texts:
            for rule in self.rules:
                if not rule.needs or not set(rule.needs) <= text_analyzers or w.post.account not in rule.accounts:
                    continue
                settings = self.pack.settings(rule.code)
                assert settings is not None
                ctx = RuleContext(w.post, text.doc, settings, self.pack, evidence, w.bio_evidence)
                for hit in rule.check(ctx):
                    span = hit.where.text
                    box = text.box_of(span) if span is not None else None
                    blur = (
                        Fix(
                            Applicability.UNSAFE,
                            f"Blur the region in photo {text.photo + 1}",
                            photo_operations=(PhotoOperation(text.photo, "blur", (box,)),),
                        )
                        if box
                        else None
                    )
                    placed = Hit(hit.message, Where(photo=text.photo, box=box), hit.evidence, blur)
                    out.append(self._finding(rule, placed, w.post, settings.severity[w.post.account], day))
        return out

    def _decide(self, w: _Work) -> list[Finding]:
        findings: list[Finding] = []
        day = (w.post.scheduled_at or dt.datetime.now(dt.UTC)).date()
        for rule in self.rules:
            if w.post.account not in rule.accounts:
                continue
            settings = self.pack.settings(rule.code)
            assert settings is not None
            photo_text = {t.photo: found for t, found in w.photo_texts}
            ctx = RuleContext(w.post, w.doc, settings, self.pack, w.evidence, w.bio_evidence, photo_text)
            used: set[str] = set()
            for hit in rule.check(ctx):
                finding = self._finding(rule, hit, w.post, settings.severity[w.post.account], day, used)
                findings.append(finding)
        findings.extend(self._photo_text_findings(w, day))
        for local in self.pack.local_rules:
            findings.extend(_local_findings(local, w))
        findings.sort(key=lambda f: (-f.severity.rank, _position(f), f.code))
        return findings

    def _finding(
        self, rule: Rule, hit: Hit, post: Post, severity: Severity, day: dt.date, used: set[str] | None = None
    ) -> Finding:
        """``used`` collects the records already spent on this rule's findings, where one record lifts one."""
        lifted_by = None
        route = None
        if rule.lifted_by:
            for record in post.records:
                if rule.one_record_per_finding and used is not None and record.id in used:
                    continue
                if record.kind in rule.lifted_by and rule.code in record.covers and record.valid_on(day):
                    lifted_by = record.id
                    if rule.one_record_per_finding and used is not None:
                        used.add(record.id)
                    break
            if lifted_by is None:
                route = self.pack.approvers.get(rule.lifted_by[0])
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=severity,
            message=hit.message,
            clauses=rule.clauses,
            where=hit.where,
            evidence=hit.evidence,
            fix=hit.fix,
            lifted_by=lifted_by,
            route=route,
        )

    def _error_report(self, post: Post, exc: InputError) -> Report:
        return Report(
            verdict=Verdict.BLOCK,
            policy=self.pack.label,
            findings=(),
            post_id=post.id,
            error=InputProblem(exc.kind, str(exc)),
        )


def _run_text(analyzer: TextAnalyzer, docs: list[Document]) -> list[list[Evidence]]:
    """A text analyzer over many documents: in one batch where it batches (the sentence encoder)."""
    many = getattr(analyzer, "analyze_many", None)
    return many(docs) if many is not None else [analyzer.analyze(d) for d in docs]


def _position(f: Finding) -> int:
    return f.where.text.start if f.where.text is not None else -1


def _notices(post: Post) -> tuple[str, ...]:
    if post.photos:
        return (
            "photos are checked for faces and children (PH001, PH002), text (PH003, and every text rule on what it "
            "says), metadata (PH004), research (PH005), nudity (PH006) and the brand assets the pack names (BR001)",
        )
    return ()


def _local_findings(rule: LocalRule, w: _Work) -> list[Finding]:
    if w.post.account not in rule.accounts:
        return []
    for pattern in rule.patterns:
        m = pattern.search(w.doc.text)
        if m is not None:
            span = w.doc.span(m.start(), m.end())
            return [
                Finding(
                    code=rule.code,
                    name=rule.name,
                    severity=rule.severity,
                    message=rule.message,
                    clauses=rule.clauses,
                    where=Where(text=span),
                    evidence=Evidence("pack.local.v1", 1.0, label=rule.code, pattern=pattern.pattern, span=span),
                )
            ]
    return []


def verdict_of(findings: Sequence[Finding]) -> Verdict:
    counting = [f for f in findings if f.counts]
    if any(f.severity is Severity.ERROR for f in counting):
        return Verdict.BLOCK
    warnings = [f for f in counting if f.severity is Severity.WARNING]
    if any(f.route is not None for f in warnings):
        return Verdict.APPROVAL
    if warnings:
        return Verdict.WARN
    return Verdict.PASS


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """One engine per process for :func:`postguard.check`, with the embedded base pack."""
    return Engine()
