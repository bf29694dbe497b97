"""The authorisation matrix (tests/server/api_matrix.py): every route, every kind of caller, allowed or
refused as the table says, on SQLite and on PostgreSQL. Each call runs in a transaction rolled back after
it, so every caller meets the same world."""

from __future__ import annotations

import json
import re
from typing import Any

from .api_matrix import KINDS, MATRIX, SIGNED_IN, Cited, Row, World, path_of, world

# An id no row of the world has (a positive 64-bit number, as the API takes)
MISSING = 987_654_321


def _client(kind: str, row: Row, w: World) -> Any:
    from django.test import Client

    if kind.startswith("token-"):
        scope = row.scope or "read"
        secret = w.tokens[scope if kind == "token-with-scope" else f"not {scope}"]
        return Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")
    client = Client(HTTP_HOST="127.0.0.1")
    if kind != "anonymous":
        client.force_login(w.users[kind])
    return client


def _call(kind: str, row: Row, w: World, body: Any = None) -> tuple[int, dict[str, Any]]:
    from django.db import transaction

    with transaction.atomic():
        client = _client(kind, row, w)
        body = row.body(w.objects) if body is None else body
        if row.form:
            response = client.post(path_of(row, w), body)
        else:
            data = json.dumps(body) if body is not None else ""
            response = client.generic(row.method, path_of(row, w), data, content_type="application/json")
        transaction.set_rollback(True)
    if not response["Content-Type"].startswith("application/json"):
        return response.status_code, {}
    return response.status_code, response.json()


def test_every_caller_is_allowed_or_refused_as_the_table_says(db: str) -> None:
    w = world()  # built once: every call is rolled back, so each meets it as it was
    wrong = {}
    for row in MATRIX:
        for kind in KINDS:
            status, body = _call(kind, row, w)
            got = (status, body.get("code") if status >= 400 else None)
            if got != row.expected(kind):
                wrong[f"{row.route} as {kind}"] = f"got {got}, expected {row.expected(kind)}: {body}"
    assert wrong == {}


def test_the_table_names_every_route_once(db: str) -> None:
    from django.test import Client

    schema = Client(HTTP_HOST="127.0.0.1").get("/api/v1/openapi.json").json()
    documented = sorted(
        f"{method.upper()} " + re.sub(r"{[a-z_]+}", "{}", path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        for method in operations
    )
    assert sorted(row.route for row in MATRIX) == documented


def test_whoever_is_allowed_sees_every_object_the_body_names() -> None:
    for row in MATRIX:
        for cited in row.cites:
            if not cited.extra:
                assert row.allowed - {"anonymous"} <= cited.visible | {"token-with-scope", "token-without-scope"}, (
                    f"{row.route}: {cited.field}"
                )


def _answer(status: int, body: dict[str, Any], ids: tuple[int, ...]) -> tuple[int, str | None, str]:
    """The status, code and message, with the ids the body named written as N (a message names the id
    it was given, whichever it is)."""
    message = str(body.get("message", ""))
    for pk in ids:
        message = re.sub(rf"\b{pk}\b", "N", message)
    return status, body.get("code") if status >= 400 else None, message


def _bodies(row: Row, cited: Cited, w: World) -> tuple[Any, Any, tuple[int, ...]]:
    """The row's body naming the cited object, the same body naming nothing, and the ids the first names."""
    body = row.body(w.objects) or {}
    value = cited.value(w.objects)
    missing = [MISSING] if isinstance(value, list) else MISSING
    named = tuple(value) if isinstance(value, list) else (value,)
    return {**body, cited.field: value}, {**body, cited.field: missing}, named


def test_an_id_in_a_body_the_caller_may_not_see_is_answered_as_one_that_names_nothing(db: str) -> None:
    """For every id a body names: a caller who may not see its object gets the status, code and message
    (but for the id) that an id of no object gets, so the answer does not tell whether it exists; a
    caller who sees it gets 404 (PG675) for the id of nothing, so the lookup is the one being tested."""
    w = world()
    wrong = {}
    checked = 0
    for row in MATRIX:
        for cited in row.cites:
            naming, naming_nothing, ids = _bodies(row, cited, w)
            for kind in KINDS:
                where = f"{row.route} {cited.field} as {kind}"
                status, body = _call(kind, row, w, naming_nothing)
                nothing = _answer(status, body, (MISSING, *ids))
                sees = kind == "token-with-scope" or kind in cited.visible
                if kind in SIGNED_IN and kind not in row.hidden and sees:
                    if nothing[:2] != (404, "PG675"):
                        wrong[where] = f"an id of nothing got {nothing}"
                elif kind in SIGNED_IN and not sees:
                    status, body = _call(kind, row, w, naming)
                    got = _answer(status, body, (MISSING, *ids))
                    checked += 1
                    if got != nothing:
                        wrong[where] = f"an invisible object got {got}, an id of nothing {nothing}"
    assert wrong == {}
    assert checked > 50  # the table names enough invisible objects for this to mean something


def test_no_route_looks_an_id_up_outside_the_callers_selectors() -> None:
    """Every id a route reads (in its path or its body) is looked up in a selector's rows, never in a
    model's whole table, so that what the caller may not see answers as what does not exist."""
    from pathlib import Path

    routers = Path(__file__).parents[2] / "src" / "postguard" / "server" / "api" / "routers"
    for path in sorted(routers.glob("*.py")):
        assert ".objects." not in path.read_text("utf-8"), path.name
