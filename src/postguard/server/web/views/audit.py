"""The audit log viewer: the entries the user may read (all of them for data protection, otherwise those
the user made), newest first, and the chain's verification status."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from postguard.server.auditlog.selectors import entries_visible_to, verify_log
from postguard.server.web.views.common import actor_of, page

PER_PAGE = 50


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    entries = entries_visible_to(actor).order_by("-seq")
    action = request.GET.get("action", "").strip()[:100]
    if action:
        entries = entries.filter(action__startswith=action)
    paginator = Paginator(entries, PER_PAGE)
    current = paginator.get_page(request.GET.get("page"))
    return page(
        request,
        "web/audit.html",
        "Audit log",
        entries=current,
        action=action,
        verification=verify_log(),
        reads_all=actor.can("read the audit log"),
    )
