"""An audit's outputs, built in one pass over its partitions in order once every partition is written:

- ``reports.jsonl``: one line per post, in the archives' order: ``id`` (``platform:account:id``),
  ``platform``, ``account``, ``kind``, ``created_at``, ``url``, ``text``, ``media`` (the archive's names
  of its photos), ``shared`` (true when an identical post earlier in the run was checked and its report
  given to this one) and ``report`` (the report JSON of ``docs/report.schema.json``, with the post's id;
  a photo error names the photo as the archive does, not the temporary copy that was checked);
- ``findings.csv``: one row per finding, with the post's columns and the words the finding points at;
- ``skipped.jsonl``: each archive entry that could not be imported (``member``, ``entry``, ``code``,
  ``reason``);
- ``report.html``: :mod:`postguard.audit.report_html`, from the counts gathered here (:class:`Totals`).

Memory stays flat whatever the number of posts: counts per rule, account and month, and the few worst
posts, are all that is kept.
"""

from __future__ import annotations

import csv
import heapq
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from postguard.audit.model import ImportProblem
from postguard.audit.store import Store, atomic_file

if TYPE_CHECKING:
    from postguard.audit.run import AuditSummary

WORST = 50  # posts shown in full in the HTML report
EXAMPLES = 20  # posts that could not be checked, and skipped entries, listed by name
SEVERITIES = ("error", "warning", "info")
VERDICT_RANK = {"error": 0, "pass": 1, "warn": 2, "approval": 3, "block": 4}
SEVERITY_WEIGHT = {"error": 10_000, "warning": 100, "info": 1}
CSV_COLUMNS = (
    "post_id",
    "platform",
    "account",
    "kind",
    "created_at",
    "url",
    "verdict",
    "code",
    "name",
    "severity",
    "counts",
    "lifted_by",
    "route",
    "clauses",
    "start",
    "end",
    "photo",
    "excerpt",
    "message",
    "analyzer",
    "score",
)
# A cell a spreadsheet would read as a formula is written with a leading apostrophe (OWASP's advice on
# CSV injection): the archive's words are not to be trusted.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXCERPT_CHARS = 200


@dataclass(slots=True)
class Totals:
    """The counts the HTML report draws, gathered over every post."""

    posts: int = 0
    shared: int = 0
    errors: int = 0
    findings: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    # code -> severity -> counting findings; code -> name; code -> findings lifted by a record
    rules: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    rule_names: dict[str, str] = field(default_factory=dict)
    lifted: Counter[str] = field(default_factory=Counter)
    # "platform account" -> posts, flagged posts, findings by severity
    accounts: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    # "YYYY-MM" (or "no date") -> posts, flagged posts, findings by severity
    months: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    worst: list[tuple[tuple[int, ...], int, dict[str, Any]]] = field(default_factory=list)
    unchecked: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[ImportProblem] = field(default_factory=list)
    skipped_codes: Counter[str] = field(default_factory=Counter)
    _seq: int = 0

    def add(self, line: dict[str, Any]) -> None:
        report = line["report"]
        self.posts += 1
        self.shared += bool(line.get("shared"))
        verdict = report["verdict"]
        self.verdicts[verdict] += 1
        account = f"{line['platform']} {line['account']}".strip()
        month = (line.get("created_at") or "")[:7] or "no date"
        self.accounts[account]["posts"] += 1
        self.months[month]["posts"] += 1
        if verdict == "error":
            self.errors += 1
            if len(self.unchecked) < EXAMPLES:
                self.unchecked.append(line)
            return
        counting = [f for f in report["findings"] if f.get("lifted_by") is None]
        if counting:
            self.accounts[account]["flagged"] += 1
            self.months[month]["flagged"] += 1
        for finding in report["findings"]:
            code = finding["code"]
            self.rule_names[code] = finding["name"]
            if finding.get("lifted_by") is not None:
                self.lifted[code] += 1
                continue
            self.findings += 1
            self.rules[code][finding["severity"]] += 1
            self.accounts[account][finding["severity"]] += 1
            self.months[month][finding["severity"]] += 1
        if counting or report.get("photo_errors"):
            score = (
                VERDICT_RANK.get(verdict, 0),
                sum(SEVERITY_WEIGHT.get(f["severity"], 0) for f in counting),
            )
            self._seq += 1
            entry = (score, -self._seq, line)  # among equals, the earlier post stays
            if len(self.worst) < WORST:
                heapq.heappush(self.worst, entry)
            elif entry[:2] > self.worst[0][:2]:
                heapq.heapreplace(self.worst, entry)

    def worst_posts(self) -> list[dict[str, Any]]:
        return [line for _, _, line in sorted(self.worst, key=lambda e: e[:2], reverse=True)]


def output_line(line: dict[str, Any]) -> dict[str, Any]:
    """A partition's line as ``reports.jsonl`` writes it: the post's fields, then its report with its
    id, and photo errors naming the archive's photo."""
    post = line["post"]
    report = dict(line["report"])
    ordered: dict[str, Any] = {"version": report.pop("version")}
    if post.get("id") is not None:
        ordered["id"] = post["id"]
    ordered.update(report)
    media = post.get("media") or []
    if ordered.get("photo_errors"):
        ordered["photo_errors"] = [
            {**e, "path": media[e["photo"]] if 0 <= e["photo"] < len(media) else e["path"]}
            for e in ordered["photo_errors"]
        ]
    return {**post, "shared": bool(line.get("shared")), "report": ordered}


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def finding_rows(line: dict[str, Any]) -> Iterable[list[Any]]:
    report = line["report"]
    text = line.get("text") or ""
    for f in report["findings"]:
        where = f.get("where") or {}
        span = where.get("text")
        start, end = (span[0], span[1]) if span else (None, None)
        excerpt = text[start:end][:EXCERPT_CHARS] if span else ""
        evidence = f.get("evidence") or {}
        row = [
            line.get("id"),
            line.get("platform"),
            line.get("account"),
            line.get("kind"),
            line.get("created_at"),
            line.get("url"),
            report["verdict"],
            f["code"],
            f["name"],
            f["severity"],
            "no" if f.get("lifted_by") else "yes",
            f.get("lifted_by"),
            f.get("route"),
            ";".join(f.get("clauses") or []),
            start,
            end,
            where.get("photo"),
            excerpt,
            f["message"],
            evidence.get("analyzer"),
            evidence.get("score"),
        ]
        yield [_cell(v) for v in row]


def write_outputs(
    store: Store,
    partition_ids: Sequence[str],
    problems: Sequence[ImportProblem],
    *,
    summary: AuditSummary,
    settings: dict[str, Any],
) -> Totals:
    """Write the outputs from the partitions, in order; the HTML report last."""
    from postguard.audit.report_html import write_html

    # a notice (a photo the platform keeps outside the export) skipped nothing: listed, never counted
    totals = Totals(skipped=list(problems[:EXAMPLES]), skipped_codes=Counter(p.code for p in problems if not p.notice))
    root = store.root
    with (
        atomic_file(root / "reports.jsonl") as reports,
        atomic_file(root / "findings.csv", newline="") as findings,
    ):
        writer = csv.writer(findings)
        writer.writerow(CSV_COLUMNS)
        for partition in partition_ids:
            for raw in store.read_partition(partition):
                line = output_line(raw)
                reports.write(json.dumps(line, ensure_ascii=False) + "\n")
                writer.writerows(finding_rows(line))
                totals.add(line)
    with atomic_file(root / "skipped.jsonl") as skipped:
        for problem in problems:
            skipped.write(json.dumps(problem.to_json(), ensure_ascii=False) + "\n")
    summary.posts = totals.posts
    summary.errors = totals.errors
    summary.verdicts = dict(sorted(totals.verdicts.items()))
    summary.findings = totals.findings
    write_html(root / "report.html", totals, summary=summary, settings=settings)
    return totals
