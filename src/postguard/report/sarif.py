"""SARIF 2.1.0 output, so that code-scanning tools show findings on Markdown and text files.

What could not be checked is never silent here either: a post that could not be checked (verdict
``error``) is a tool execution notification of level error, with its error code, and the run's
invocation is not successful; a photo that could not be checked is a result of level warning under the
rule ``unchecked-photo`` (the post's verdict is at least ``warn`` for it), on the photo's file, and a
notification too."""

from __future__ import annotations

import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from postguard import __version__
from postguard.report.text import line_col, unchecked_photo
from postguard.rules.catalogue import CATALOGUE
from postguard.types import Report, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
UNCHECKED_PHOTO = "unchecked-photo"


def artifact_uri(name: str) -> str:
    """A file name as a SARIF artifact URI reference: its path, percent-encoded (``my post.md`` is
    ``my%20post.md``, a newline ``%0A``, ``é`` ``%C3%A9``); an absolute path stays one (``/srv/a.md``)."""
    return urllib.parse.quote(Path(name).as_posix(), safe="/", errors="surrogateescape")


def _rule_descriptor(code: str) -> dict[str, Any]:
    if code == UNCHECKED_PHOTO:
        return {
            "id": code,
            "name": code,
            "shortDescription": {"text": "A photo could not be checked"},
            "fullDescription": {"text": "Postguard could not read the photo, so nobody has checked it for what "
                                "the rules look for in photos: check it by eye, or give a photo it can read."},
            "defaultConfiguration": {"level": "warning"},
        }  # fmt: skip
    rule = CATALOGUE.get(code)
    if rule is None:  # a department's local rule
        return {"id": code, "name": code}
    doc = (rule.__doc__ or "").split("## What it does", 1)[-1].split("##", 1)[0]
    summary = " ".join(doc.split())
    return {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ")},
        "fullDescription": {"text": summary},
        "properties": {"clauses": list(rule.clauses)},
    }


def _notification(level: str, code: str | None, text: str, uri: str) -> dict[str, Any]:
    note: dict[str, Any] = {
        "level": level,
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
    }
    if code:
        note["descriptor"] = {"id": code}
    return note


def to_sarif(items: Sequence[tuple[str, str, Report]]) -> dict[str, Any]:
    """``items`` are (file name, text, report) triples; names become artifact URIs."""
    codes: list[str] = []
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for name, text, report in items:
        uri = artifact_uri(name)
        if report.error is not None:  # never checked: no findings, and no pass either
            notifications.append(_notification("error", report.error.code, report.error.message, uri))
            continue
        for e in report.photo_errors:
            if UNCHECKED_PHOTO not in codes:
                codes.append(UNCHECKED_PHOTO)
            message = f"photo {e.photo + 1} ({e.path}) {unchecked_photo(e.message)}"
            photo_uri = artifact_uri(e.path)
            results.append(
                {
                    "ruleId": UNCHECKED_PHOTO,
                    "level": "warning",
                    "message": {"text": f"{message} (attached to {name})"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": photo_uri}}}],
                    "relatedLocations": [{"id": 0, "physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            notifications.append(_notification("warning", None, message, photo_uri))
        for f in report.findings:
            if not f.counts:
                continue
            if f.code not in codes:
                codes.append(f.code)
            location: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if f.where.text is not None:
                start, end = f.where.text.start, f.where.text.end
                sl, sc = line_col(text, start)
                el, ec = line_col(text, end)
                location["region"] = {
                    "startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
                    "charOffset": start, "charLength": end - start,
                }  # fmt: skip
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": _LEVEL[f.severity],
                "message": {"text": f"{f.message} ({', '.join(f.clauses)})"},
                "locations": [{"physicalLocation": location}],
            }
            if f.fix is not None and f.fix.edits:
                result["fixes"] = [
                    {
                        "description": {"text": f"{f.fix.title} ({f.fix.applicability.value})"},
                        "artifactChanges": [
                            {
                                "artifactLocation": {"uri": uri},
                                "replacements": [
                                    {
                                        "deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                        "insertedContent": {"text": e.replacement},
                                    }
                                    for e in f.fix.edits
                                ],
                            }
                        ],
                    }
                ]
            results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "postguard",
                        "version": __version__,
                        "rules": [_rule_descriptor(c) for c in codes],
                    }
                },
                "invocations": [
                    {"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
