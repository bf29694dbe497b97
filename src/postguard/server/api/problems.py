"""Errors as the API reports them: a body ``{"code", "message"}`` with the HTTP status its code maps to.

Every exception a route can meet becomes one of these (never a 500 with a page): the product's own errors
(a service's ``PG6xx``, an input's ``PG1xx``), ninja's validation and parsing errors, Django's refusals
(a body too big, too many fields), and the database's constraint errors. Anything else is an internal
error: the traceback goes to the server's log under a reference, the body names the reference only.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent, TooManyFilesSent
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from postguard.errors import MESSAGES, AccessDenied, GovernanceError, PostguardError, shown

logger = logging.getLogger("postguard.api")

# The HTTP status of each code the API gives (other codes: 403 for an action the actor may not take, 400
# for anything else the product refuses).
STATUS: dict[str, int] = {
    "PG670": 400,
    "PG671": 422,
    "PG672": 401,
    "PG673": 401,
    "PG674": 403,
    "PG675": 404,
    "PG676": 413,
    "PG677": 409,
    "PG678": 403,
    "PG679": 429,
    "PG680": 403,
    "PG683": 409,
    "PG685": 401,
    "PG686": 405,
    "PG687": 500,
    "PG626": 409,  # a record already revoked
    "PG632": 409,  # a person already erased
    "PG633": 409,  # a person under an access withdrawal not yet ended
    "PG666": 409,  # a report that already names a person in the registry
    "PG640": 403,  # nobody approves their own post: a refusal like PG601
}

# What every route documents besides its success (the statuses above that a route can give).
ERROR_STATUSES = frozenset({400, 401, 403, 404, 405, 409, 413, 422, 429})


class ApiError(GovernanceError):
    """An error the API itself raises (``PG67x``-``PG68x``): its status comes from :data:`STATUS`."""

    kind = "api"


def status_of(error: PostguardError) -> int:
    if error.code in STATUS:
        return STATUS[error.code]
    return 403 if isinstance(error, AccessDenied) else 400


def error_body(code: str, message: str) -> dict[str, str]:
    return {"code": code, "message": " ".join(message.split())}


def error_response(error: PostguardError) -> JsonResponse:
    return JsonResponse(error_body(error.code, str(error)), status=status_of(error))


def message(code: str, **values: Any) -> str:
    return MESSAGES[code].format(**{k: shown(v) for k, v in values.items()})


def _validation(exc: ValidationError) -> ApiError:
    first: dict[str, Any] = exc.errors[0] if exc.errors else {}
    loc = [str(part) for part in first.get("loc", ()) if str(part)]
    where = ".".join(loc) or "the request"
    reason = str(first.get("msg") or "not valid")
    more = len(exc.errors) - 1
    if more > 0:
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return ApiError("PG671", where=where, reason=reason)


def _parse_reason(exc: BaseException | None) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return "not UTF-8"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    text = str(exc).splitlines()[0] if exc is not None and str(exc) else "cannot be read"
    return text[:200]


def as_error(request: HttpRequest, exc: Exception) -> PostguardError:
    """The product error an exception is reported as."""
    if isinstance(exc, PostguardError):
        return exc
    if isinstance(exc, ValidationError):
        return _validation(exc)
    if isinstance(exc, AuthenticationError):
        return ApiError("PG672")
    if isinstance(exc, HttpError):
        if exc.status_code == 400:  # ninja could not parse the body
            return ApiError("PG670", reason=_parse_reason(exc.__cause__))
        if exc.status_code == 404:
            return ApiError("PG675", what="this object")
        return ApiError("PG671", where="the request", reason=str(exc))
    if isinstance(exc, Http404):
        return ApiError("PG675", what="this object")
    if isinstance(exc, RequestDataTooBig):
        size = int(request.META.get("CONTENT_LENGTH") or 0)
        from django.conf import settings

        return ApiError("PG676", size=size, limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        from django.conf import settings

        many = "fields" if isinstance(exc, TooManyFieldsSent) else "files"
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS if many == "fields" else settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return ApiError("PG671", where="the request", reason=f"more than {limit:,} {many}")
    if isinstance(exc, MultiPartParserError | UnreadablePostError):
        return ApiError("PG671", where="the request", reason="not valid multipart/form-data")
    if isinstance(exc, SuspiciousOperation):
        return ApiError("PG671", where="the request", reason=str(exc).splitlines()[0] if str(exc) else "refused")
    if isinstance(exc, IntegrityError):
        return ApiError("PG677", what="a row with these values")
    if isinstance(exc, DataError):
        return ApiError("PG671", where="the request", reason="a value the database cannot store")
    reference = secrets.token_hex(4)
    logger.error("internal error %s on %s %s", reference, request.method, request.path, exc_info=exc)
    return ApiError("PG687", reference=reference)


def install(api: NinjaAPI) -> None:
    """Route every exception through :func:`as_error`."""

    def handler(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        error = exc if isinstance(exc, Exception) else exc()
        return error_response(as_error(request, error))

    for cls in (Exception, Http404, HttpError, ValidationError):  # replaces ninja's own handlers
        api.add_exception_handler(cls, handler)
