"""The authorisation matrix (tests/server/api_matrix.py): every route, every kind of caller, allowed or
refused as the table says, on SQLite and on PostgreSQL. Each call runs in a transaction rolled back after
it, so every caller meets the same world."""

from __future__ import annotations

import json
import re
from typing import Any

from .api_matrix import KINDS, MATRIX, Row, World, path_of, world


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


def _call(kind: str, row: Row, w: World) -> tuple[int, dict[str, Any]]:
    from django.db import transaction

    with transaction.atomic():
        client = _client(kind, row, w)
        body = row.body(w.objects)
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
