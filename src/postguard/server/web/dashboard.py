"""The dashboard's figures, read through the checks', approvals' and incidents' selectors (so each user's
dashboard counts what they may see): findings over time, by rule, by department and by account; how long
approvals took; open incidents by department.

A finding counts when no record lifted it. Weeks are ISO weeks (Monday first), in the service's time zone.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.utils import timezone

from postguard.server.access import Actor
from postguard.server.approvals.models import Decision, Route
from postguard.server.approvals.selectors import approvals_visible_to
from postguard.server.checks.selectors import checks_visible_to
from postguard.server.incidents.models import IncidentState
from postguard.server.incidents.selectors import incidents_handled_by, incidents_visible_to

WEEKS = 12
TOP = 12
# How long approvals took, in buckets a person reads at a glance
TURNAROUND = (("under 1 hour", 1), ("1 to 4 hours", 4), ("4 to 24 hours", 24), ("1 to 3 days", 72))
TURNAROUND_LAST = "over 3 days"


def _week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _series(counter: Counter[str], limit: int = TOP) -> dict[str, list[Any]]:
    pairs = counter.most_common(limit)
    return {"labels": [k for k, _ in pairs], "values": [v for _, v in pairs]}


def _decisions(actor: Actor, since: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Each decided version's submission and decision times: decided when one route rejected it (then) or
    every route approved it (at the last approval), whatever became of it after (a decided post may lapse
    or be withdrawn, and it was still decided)."""
    routes = (
        Route.objects.filter(version__approval__in=approvals_visible_to(actor), version__submitted_at__isnull=False)
        .order_by("version_id")
        .values_list("version_id", "version__submitted_at", "decision", "decided_at")
    )
    by_version: dict[int, list[tuple[dt.datetime, str, dt.datetime | None]]] = {}
    for version, submitted, decision, decided_at in routes:
        assert submitted is not None  # filtered above
        by_version.setdefault(version, []).append((submitted, decision, decided_at))
    found = []
    for rows in by_version.values():
        submitted = rows[0][0]
        rejected = [at for _, decision, at in rows if decision == Decision.REJECTED and at is not None]
        if rejected:
            decided = min(rejected)
        elif all(decision == Decision.APPROVED and at is not None for _, decision, at in rows):
            decided = max(at for _, _, at in rows if at is not None)
        else:
            continue
        if decided >= since:
            found.append((submitted, decided))
    return found


def figures(actor: Actor, today: dt.date | None = None) -> dict[str, Any]:
    day = today or timezone.localdate()
    first = _week_start(day) - dt.timedelta(weeks=WEEKS - 1)
    weeks = [first + dt.timedelta(weeks=i) for i in range(WEEKS)]
    since = timezone.make_aware(dt.datetime.combine(first, dt.time()))
    checks = checks_visible_to(actor).filter(created_at__gte=since)
    checks = checks.select_related("account__department", "author_person__department").order_by("created_at")
    per_week: Counter[dt.date] = Counter()
    checks_per_week: Counter[dt.date] = Counter()
    by_rule: Counter[str] = Counter()
    by_department: Counter[str] = Counter()
    by_account: Counter[str] = Counter()
    total_checks = 0
    for check in checks.iterator(chunk_size=500):
        total_checks += 1
        week = _week_start(timezone.localdate(check.created_at))
        checks_per_week[week] += 1
        findings = check.report.get("findings", []) if isinstance(check.report, dict) else []
        counting = [f for f in findings if isinstance(f, dict) and f.get("lifted_by") is None]
        if not counting:
            continue
        per_week[week] += len(counting)
        by_rule.update(str(f.get("code")) for f in counting)
        department = (check.account.department if check.account else None) or (
            check.author_person.department if check.author_person else None
        )
        by_department[department.name if department else "no department"] += len(counting)
        account = f"{check.account.platform}:{check.account.handle}" if check.account else "personal accounts"
        by_account[account] += len(counting)

    turnaround: Counter[str] = Counter({label: 0 for label, _ in TURNAROUND} | {TURNAROUND_LAST: 0})
    hours_all: list[float] = []
    for submitted, closed in _decisions(actor, since):
        hours = (closed - submitted).total_seconds() / 3600
        hours_all.append(hours)
        label = next((name for name, limit in TURNAROUND if hours < limit), TURNAROUND_LAST)
        turnaround[label] += 1
    hours_all.sort()
    median = hours_all[len(hours_all) // 2] if hours_all else None

    # those the actor acts on by department (awaiting triage: not yet known); their own reports of others'
    # in one count, so that the department does not tell a reporter whom the registry matched
    open_incidents = incidents_visible_to(actor).filter(state=IncidentState.OPEN).select_related("department")
    handled = set(incidents_handled_by(actor).values_list("pk", flat=True))
    incidents_by_department: Counter[str] = Counter(
        (i.department.name if i.department else "awaiting triage" if i.person_id is None else "no department")
        if i.pk in handled
        else "reported by you"
        for i in open_incidents
    )
    return {
        "over_time": {
            "labels": [w.isoformat() for w in weeks],
            "findings": [per_week[w] for w in weeks],
            "checks": [checks_per_week[w] for w in weeks],
        },
        "by_rule": _series(by_rule),
        "by_department": _series(by_department),
        "by_account": _series(by_account),
        "turnaround": {
            "labels": [label for label, _ in TURNAROUND] + [TURNAROUND_LAST],
            "values": [turnaround[label] for label, _ in TURNAROUND] + [turnaround[TURNAROUND_LAST]],
        },
        "incidents": _series(incidents_by_department),
        "totals": {
            "checks": total_checks,
            "findings": sum(per_week.values()),
            "decided": len(hours_all),
            "median_hours": round(median, 1) if median is not None else None,
            "open_incidents": sum(incidents_by_department.values()),
            "since": first.isoformat(),
        },
    }
