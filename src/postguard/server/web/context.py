"""What every page's template gets: the main navigation for the signed-in user."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

# (label, url name, the URL prefix that marks it current)
NAV: tuple[tuple[str, str, str], ...] = (
    ("Home", "web:home", "/"),
    ("Check a post", "web:check", "/check"),
    ("Approvals", "web:approvals", "/approvals/"),
    ("Incidents", "web:incidents", "/incidents/"),
    ("Dashboard", "web:dashboard", "/dashboard/"),
    ("Registry", "web:registry", "/registry/"),
    ("Audit log", "web:audit", "/audit/"),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {"nav": []}
    items = []
    for label, name, prefix in NAV:
        current = request.path == "/" if prefix == "/" else request.path.startswith(prefix)
        items.append({"label": label, "url": reverse(name), "current": current})
    return {"nav": items}
