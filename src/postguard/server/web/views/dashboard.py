"""The dashboard: findings over time, by rule, by department and by account; approvals' turnaround; open
incidents, drawn with Chart.js (served by the app), each with its figures in a table."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from postguard.server.web.dashboard import figures
from postguard.server.web.views.common import actor_of, page

CHARTS = (
    ("over_time", "Findings over time", "line", "Findings and checks per week (the week starting)"),
    ("by_rule", "Findings by rule", "bar", "Findings by rule code"),
    ("by_department", "Findings by department", "bar", "Findings by department"),
    ("by_account", "Findings by account", "bar", "Findings by account"),
    ("turnaround", "How long approvals took", "bar", "Decided approvals by how long they took"),
    ("incidents", "Open incidents", "bar", "Open incidents by department"),
)


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    data = figures(actor_of(request))
    charts = []
    for key, title, kind, caption in CHARTS:
        series = data[key]
        rows: list[tuple[object, ...]]
        if key == "over_time":
            rows = list(zip(series["labels"], series["findings"], series["checks"], strict=True))
        else:
            rows = list(zip(series["labels"], series["values"], strict=True))
        charts.append({"key": key, "title": title, "kind": kind, "caption": caption, "rows": rows})
    from postguard.server.audits.selectors import recent_audits

    audits = recent_audits(actor_of(request))  # the archive audits stored from postguard audit run --store
    return page(
        request, "web/dashboard.html", "Dashboard", data=data, charts=charts, totals=data["totals"], audits=audits
    )
