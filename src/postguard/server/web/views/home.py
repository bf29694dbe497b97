"""The start page: what the signed-in user can do, and what needs their attention."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from postguard.server.web.checking import usable_accounts
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
        roles=sorted(r.value for r in actor.roles),
        accounts=usable_accounts(actor)[:20],
        attention=attention,
    )
