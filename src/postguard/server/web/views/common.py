"""What the views share: the actor of a request, and turning a service's refusal into a page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from postguard.errors import GovernanceError, PostguardError
from postguard.server.access import Actor


def actor_of(request: HttpRequest) -> Actor:
    return Actor.of_user(request.user)


def refused(request: HttpRequest, exc: PostguardError) -> HttpResponse:
    """A service refused the action (the actor lacks the permission, or may never do it, as approving
    their own post): 403 with its one-line reason and code."""
    return render(request, "web/refused.html", {"title": "Not allowed", "error": exc}, status=403)


def error_text(exc: PostguardError) -> str:
    """A service's refusal as a form shows it: the message and its stable code."""
    return f"{exc} [{exc.code}]"


def page(request: HttpRequest, template: str, title: str, status: int = 200, **context: Any) -> HttpResponse:
    return render(request, template, {"title": title, **context}, status=status)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF check refused a form (``CSRF_FAILURE_VIEW``): a 403 page in the app's layout, with the
    reason and its code (PG699)."""
    error = GovernanceError("PG699", reason=reason.rstrip(".") or "no reason given")
    return render(request, "web/refused.html", {"title": "Form not accepted", "error": error}, status=403)
