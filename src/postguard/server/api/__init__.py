"""The REST API (django-ninja) at ``/api/v1``: typed requests and responses, OpenAPI at
``/api/v1/openapi.json``, its docs page at ``/api/v1/docs`` (served from the installed package, no CDN).

Every route resolves its caller (a signed-in session, with CSRF on changes, or an API token with the scope
the route needs), then calls the services and selectors with that :class:`~postguard.server.access.Actor`:
the API holds no business logic. Errors are a body ``{"code": "PG6xx", "message": "..."}`` with stable
codes (:mod:`postguard.server.api.problems`).
"""
