"""The start page: what the signed-in user can do, and what needs their attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from postguard.server.approvals.selectors import awaiting_decision
from postguard.server.incidents.models import IncidentState
from postguard.server.incidents.selectors import incidents_handled_by
from postguard.server.registry.selectors import accounts_visible_to
from postguard.server.web.selectors import registry_summary
from postguard.server.web.views.common import actor_of, page


@login_required
def home(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    today = timezone.localdate()
    attention = [s for s in registry_summary(actor, today) if s["attention"]]
    return page(
        request,
        "web/home.html",
        "Start",
        roles=sorted(r.value for r in actor.roles if r.value != "signed-in"),
        accounts=list(accounts_visible_to(actor).order_by("platform", "handle")[:20]),
        attention=attention,
        awaiting=awaiting_decision(actor).count(),
        open_incidents=incidents_handled_by(actor).filter(state=IncidentState.OPEN).count(),
    )
