"""The report as JSON: one model, the one place a report's JSON is built, and the source of
``docs/report.schema.json`` (``postguard schema`` writes it; a test checks the file is current).

The same contract serves the CLI (``--format json``, ``--jsonl``), the library (``Report.to_json()``) and
the API. Keys that have nothing to say are left out (``id``, ``notices``, ``photo_errors``, ``error``,
``line``); a finding always has all its keys, ``null`` where empty.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from postguard.types import REPORT_VERSION, Evidence, Finding, Fix, PhotoError, Report, Verdict, Where

NonNegative = Annotated[int, Field(ge=0)]
Box = Annotated[list[int], Field(min_length=4, max_length=4)]
CODE_PATTERN = r"^([A-Z]{2}[0-9]{3}|L[A-Z]{2,10}-[0-9]{3})$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WhereJSON(_Model):
    text: Annotated[list[NonNegative], Field(min_length=2, max_length=2)] | SkipJsonSchema[None] = None
    photo: NonNegative | SkipJsonSchema[None] = None
    box: Box | SkipJsonSchema[None] = None


class EvidenceJSON(_Model):
    analyzer: str = Field(description="The analyzer and the version of its model: abuse.v1, pii.v1.")
    score: float = Field(ge=0, le=1)
    label: str | SkipJsonSchema[None] = None
    pattern: str | SkipJsonSchema[None] = Field(default=None, description="How it was found.")
    validator: str | SkipJsonSchema[None] = None


class EditJSON(_Model):
    start: NonNegative
    end: NonNegative
    replacement: str


class PhotoOperationJSON(_Model):
    photo: NonNegative
    operation: Literal["strip-metadata", "blur"]
    boxes: list[Box] | SkipJsonSchema[None] = None


class FixJSON(_Model):
    applicability: Literal["safe", "unsafe", "display-only"]
    title: str
    edits: list[EditJSON]
    photo_operations: list[PhotoOperationJSON] | SkipJsonSchema[None] = None


class FindingJSON(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    severity: Literal["info", "warning", "error"]
    message: str = Field(min_length=1)
    clauses: list[Annotated[str, Field(pattern=r"^G[0-9]{2}$")]]
    where: WhereJSON
    evidence: EvidenceJSON
    fix: FixJSON | None
    lifted_by: str | None = Field(description="The id of the registry record that lifts the finding.")
    route: str | None = Field(description="Who may grant the record that would lift it.")


class ErrorJSON(_Model):
    kind: str
    message: str
    code: str | SkipJsonSchema[None] = Field(default=None, pattern=r"^PG[0-9]{3}$", description="See errors.py.")


class PhotoErrorJSON(_Model):
    photo: NonNegative
    path: str
    message: str


class ReportJSON(_Model):
    model_config = ConfigDict(
        extra="forbid",
        title="Postguard report",
        json_schema_extra={
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"postguard/report-{REPORT_VERSION}.schema.json",
            "description": "One report per checked post, the same for the CLI (--format json, --jsonl), the "
            "library and the API.",
        },
    )

    version: Literal["1.0"]
    id: str | SkipJsonSchema[None] = Field(default=None, description="The post's id, echoed back when given.")
    verdict: Literal["pass", "warn", "approval", "block", "error"] = Field(
        description="block: an error-level finding; approval: a warning a registry record would lift; warn: "
        "warnings to change; pass: none, or info only; error: the post could not be checked (see 'error')."
    )
    policy: str = Field(pattern=r"^[a-z0-9-]+@.+$")
    findings: list[FindingJSON]
    timings_ms: dict[str, Annotated[float, Field(ge=0)]]
    notices: list[str] | SkipJsonSchema[None] = None
    photo_errors: list[PhotoErrorJSON] | SkipJsonSchema[None] = Field(
        default=None,
        description="Photos that could not be checked, or were only partly checked (a step failed on them), and "
        "why; the rest of the post still was.",
    )
    error: ErrorJSON | SkipJsonSchema[None] = None
    line: Annotated[int, Field(ge=1)] | SkipJsonSchema[None] = Field(
        default=None, description="With --jsonl: the input line this report answers."
    )


def _where(w: Where) -> WhereJSON:
    if w.text is not None:
        return WhereJSON(text=[w.text.start, w.text.end])
    out: dict[str, Any] = {}
    if w.photo is not None:
        out["photo"] = w.photo
    if w.box is not None:
        out["box"] = list(w.box)
    return WhereJSON(**out)


def _evidence(e: Evidence) -> EvidenceJSON:
    out: dict[str, Any] = {"analyzer": e.analyzer, "score": round(e.score, 3)}
    for key, value in (("label", e.full_label), ("pattern", e.explanation), ("validator", e.validator)):
        if value is not None:
            out[key] = value
    return EvidenceJSON(**out)


def _fix(f: Fix) -> FixJSON:
    edits = [EditJSON(start=e.start, end=e.end, replacement=e.replacement) for e in f.edits]
    if not f.photo_operations:
        return FixJSON(applicability=f.applicability.value, title=f.title, edits=edits)
    operations = []
    for op in f.photo_operations:
        fields: dict[str, Any] = {"photo": op.photo, "operation": op.operation}
        if op.boxes:
            fields["boxes"] = [list(b) for b in op.boxes]
        operations.append(PhotoOperationJSON(**fields))
    return FixJSON(applicability=f.applicability.value, title=f.title, edits=edits, photo_operations=operations)


def _finding(f: Finding) -> FindingJSON:
    return FindingJSON(
        code=f.code,
        name=f.name,
        severity=f.severity.value,
        message=f.message,
        clauses=list(f.clauses),
        where=_where(f.where),
        evidence=_evidence(f.evidence),
        fix=_fix(f.fix) if f.fix else None,
        lifted_by=f.lifted_by,
        route=f.route,
    )


def report_json(report: Report, *, line: int | None = None) -> dict[str, Any]:
    """The report's JSON object (with ``line`` for a report answering a JSON line)."""
    out: dict[str, Any] = {"version": REPORT_VERSION}
    if report.post_id is not None:
        out["id"] = report.post_id
    out["verdict"] = Verdict.ERROR.value if report.error is not None else report.verdict.value
    out["policy"] = report.policy
    out["findings"] = [_finding(f) for f in report.findings]
    out["timings_ms"] = {k: round(v, 2) for k, v in report.timings_ms.items()}
    if report.notices:
        out["notices"] = list(report.notices)
    if report.photo_errors:
        out["photo_errors"] = [_photo_error(e) for e in report.photo_errors]
    if report.error is not None:
        problem = report.error
        fields = {"kind": problem.kind, "message": problem.message}
        out["error"] = ErrorJSON(**fields, **({"code": problem.code} if problem.code else {}))
    if line is not None:
        out["line"] = line
    return ReportJSON(**out).model_dump(mode="json", exclude_unset=True)


def error_json(
    message: str, *, policy: str, post_id: str | None = None, line: int | None = None, code: str | None = None
) -> dict[str, Any]:
    """The report of an input that never became a post (a JSON line that is not a post)."""
    from postguard.types import InputProblem

    report = Report(Verdict.ERROR, policy, (), post_id=post_id, error=InputProblem("input", message, code))
    return report_json(report, line=line)


def _photo_error(e: PhotoError) -> PhotoErrorJSON:
    return PhotoErrorJSON(photo=e.photo, path=e.path, message=e.message)


def schema() -> dict[str, Any]:
    """The JSON Schema of a report, generated from :class:`ReportJSON`."""
    return ReportJSON.model_json_schema(mode="serialization")


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
