"""SARIF 2.1.0 output, so that code-scanning tools show findings on Markdown and text files."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from postguard import __version__
from postguard.report.text import line_col
from postguard.rules.catalogue import CATALOGUE
from postguard.types import Report, Severity

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule_descriptor(code: str) -> dict[str, Any]:
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


def to_sarif(items: Sequence[tuple[str, str, Report]]) -> dict[str, Any]:
    """``items`` are (artifact uri, text, report) triples."""
    codes: list[str] = []
    results: list[dict[str, Any]] = []
    for uri, text, report in items:
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
                "results": results,
            }
        ],
    }
