"""The API: one NinjaAPI at ``/api/v1`` with a router per area.

A later area adds its router with one line in :data:`ROUTERS` (its prefix and its router).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Router
from ninja.openapi.docs import Swagger

from postguard.server.api import problems
from postguard.server.api.auth import AUTH
from postguard.server.api.parser import JsonParser
from postguard.server.api.routers import (
    accounts,
    approvals,
    auditlog,
    audits,
    authorisations,
    checks,
    consents,
    departments,
    incidents,
    licences,
    people,
    permissions,
    session,
    tokens,
    withdrawals,
)

ROUTERS: tuple[tuple[str, Router], ...] = (
    ("/session", session.router),
    ("/tokens", tokens.router),
    ("/registry/people", people.router),
    ("/registry", departments.router),
    ("/registry/accounts", accounts.router),
    ("/registry/consents", consents.router),
    ("/registry/written-permissions", permissions.router),
    ("/registry/authorisations", authorisations.router),
    ("/registry/licences", licences.router),
    ("/auditlog", auditlog.router),
    ("/checks", checks.router),
    ("/approvals", approvals.router),
    ("/incidents", incidents.router),
    ("/withdrawals", withdrawals.router),
    ("/audits", audits.router),
)

DESCRIPTION = """The governance service's REST API: the registry, the audit log, checks of posts, approvals
of official accounts' posts, misuse reports, access withdrawals and their export for the web proxy, and API
tokens.

Authenticate with an API token (`Authorization: Bearer pgt_...`, made at `POST /api/v1/tokens` from a
signed-in session or with `postguard token create`), or with the browser's session (sign in at
`POST /api/v1/session`; changes then need the `csrftoken` cookie's value in the `X-CSRFToken` header).
A token acts for its user within its scopes: `read`, `write`, `check`, `proxy-export`.

Every error is `{"code": "PG6xx", "message": "..."}`; the codes are stable (docs/api.md lists them).
"""


# The docs page's own Content-Security-Policy: Swagger UI's files come from the package like every other
# (no external origin, no inline script); it sets style attributes and draws a few icons from data: URLs.
DOCS_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class LocalSwagger(Swagger):
    """Swagger UI from the installed django-ninja package, under its own Content-Security-Policy."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        response = super().render_page(request, api, **kwargs)
        response["Content-Security-Policy"] = DOCS_POLICY
        return response


def build_api() -> NinjaAPI:
    api = NinjaAPI(
        title="Postguard governance API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api-v1",
        auth=AUTH,
        parser=JsonParser(),
        docs=LocalSwagger(),
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    problems.install(api)
    for prefix, router in ROUTERS:
        api.add_router(prefix, router)
    return api


api = build_api()
