"""Guards in front of the API's routes: a body over the limit is refused before it is read, and Django's
own 404 and 405 answers under ``/api/`` become the API's error body."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from postguard.server.api.problems import ApiError, error_response

API_PREFIX = "/api/"
MAX_JSON_BODY = 1024 * 1024  # a JSON request: 1 MiB
# a multipart request (a check or a misuse report with photos; each photo at most 20 MB, their number the
# pack's): 50 MiB in all
MAX_MULTIPART_BODY = 50 * 1024 * 1024


def body_limit(request: HttpRequest) -> int:
    multipart = request.META.get("CONTENT_TYPE", "").lower().startswith("multipart/form-data")
    return MAX_MULTIPART_BODY if multipart else MAX_JSON_BODY


class ApiGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        limit = body_limit(request)
        if size > limit:
            return error_response(ApiError("PG676", size=size, limit=limit))
        response = self.get_response(request)
        if isinstance(response, JsonResponse) or response.get("Content-Type", "").startswith("application/json"):
            return response
        if response.status_code == 404:
            return error_response(ApiError("PG675", what=f"the path {request.path}"))
        if response.status_code == 405:
            allowed = response.get("Allow", "")
            refused = error_response(ApiError("PG686", method=request.method, path=request.path, allowed=allowed))
            refused["Allow"] = allowed
            return refused
        return response
