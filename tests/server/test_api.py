"""The REST API as a script and a browser use it: tokens (made, used, scoped, revoked, expired; only
their digest kept; audit entries without the secret), sessions with CSRF and the sign-in rate limit,
hostile requests answered with a 4xx and one line, and the docs served from the package. On SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .api_matrix import OWNER_PASSWORD, world

HOST = {"HTTP_HOST": "127.0.0.1"}


def _client(**extra: Any) -> Any:
    from django.test import Client

    return Client(**HOST, **extra)


def _bearer(secret: str) -> Any:
    return _client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _json(client: Any, method: str, path: str, body: Any = None, **extra: Any) -> tuple[int, Any]:
    content_type = "application/json"
    if isinstance(body, tuple):  # (content type, raw body)
        content_type, body = body
    data = body if isinstance(body, str | bytes) else ("" if body is None else json.dumps(body))
    response = client.generic(method, f"/api/v1{path}", data, content_type=content_type, **extra)
    return response.status_code, response.json()


def _is_error(body: Any, code: str) -> bool:
    return set(body) == {"code", "message"} and body["code"] == code and "\n" not in body["message"]


def test_a_token_made_from_a_session_works_once_shown_and_is_kept_as_a_digest(db: str) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.tokens.models import ApiToken

    w = world(workflows=False)
    browser = _client()
    browser.force_login(w.users["registry-officer"])
    status, made = _json(browser, "POST", "/tokens", {"name": "nightly import", "scopes": ["write"], "days": 7})
    assert status == 201 and made["token"].startswith("pgt_") and len(made["token"]) == 47
    secret = made["token"]
    stored = ApiToken.objects.get(pk=made["id"])
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)
    status, listed = _json(browser, "GET", "/tokens")
    assert status == 200 and "token" not in listed["items"][0] and listed["items"][0]["prefix"] == secret[:12]
    entry = Entry.objects.filter(action="tokens.create").order_by("-seq").first()
    officer = f"user:{w.users['registry-officer'].pk}"
    assert entry is not None and entry.object_id == made["ref"] and entry.actor == officer
    assert secret not in json.dumps(entry.payload) and entry.payload["scopes"] == ["write"]

    script = _bearer(secret)
    status, me = _json(script, "GET", "/session")
    assert status == 200 and me["via"] == "token" and me["roles"] == ["registry-officer", "signed-in"]
    assert me["token"]["scopes"] == ["write"]
    status, person = _json(script, "POST", "/registry/people", {"name": "Tom Token", "kind": "intern"})
    assert status == 201 and person["ref"].startswith("P-")  # write includes read: it sees what it changes
    assert Entry.objects.order_by("-seq").first().actor == f"user:{w.users['registry-officer'].pk}"  # type: ignore[union-attr]
    assert ApiToken.objects.get(pk=made["id"]).last_used_at is not None
    status, body = _json(script, "GET", "/tokens")  # a token never manages tokens
    assert status == 403 and _is_error(body, "PG680")

    status, revoked = _json(browser, "POST", f"/tokens/{made['id']}/revoke")
    assert status == 200 and revoked["revoked_at"] is not None
    assert Entry.objects.order_by("-seq").first().action == "tokens.revoke"  # type: ignore[union-attr]
    status, body = _json(script, "GET", "/registry/people")
    assert status == 401 and _is_error(body, "PG673")
    status, body = _json(browser, "POST", f"/tokens/{made['id']}/revoke")
    assert status == 409 and _is_error(body, "PG683")


def test_a_token_acts_only_within_its_scopes_and_its_users_roles(db: str) -> None:
    from postguard.server.access import SYSTEM
    from postguard.server.tokens.services import token_create

    w = world(workflows=False)
    officer = w.users["registry-officer"].pk
    reader = token_create(actor=SYSTEM, user_id=officer, name="reader", scopes=["read"]).secret
    status, body = _json(_bearer(reader), "POST", "/registry/divisions", {"code": "hum", "name": "Humanities"})
    assert status == 403 and _is_error(body, "PG674") and "'write'" in body["message"]
    writer = token_create(actor=SYSTEM, user_id=officer, name="writer", scopes=["write"]).secret
    status, _ = _json(_bearer(writer), "POST", "/registry/divisions", {"code": "hum", "name": "Humanities"})
    assert status == 201
    status, body = _json(  # the officer's roles do not grant written permissions, whatever the scope
        _bearer(writer),
        "POST",
        "/registry/written-permissions",
        {"kind": "announcement", "granted_by_id": w.objects["comms_person"].pk, "given": "2026-12-03"},
    )
    assert status == 403 and _is_error(body, "PG601")
    officer_name = w.users["registry-officer"].get_username()  # the message names the user, not "user:12"
    assert body["message"].startswith(f"{officer_name} may not ") and "user:" not in body["message"]
    checker = token_create(actor=SYSTEM, user_id=officer, name="checker", scopes=["check"]).secret
    status, body = _json(_bearer(checker), "GET", "/registry/people")
    assert status == 403 and _is_error(body, "PG674")


def test_expired_malformed_and_unknown_tokens_are_refused_alike(db: str) -> None:
    from postguard.server.access import SYSTEM
    from postguard.server.tokens.models import ApiToken
    from postguard.server.tokens.services import token_create

    w = world(workflows=False)
    new = token_create(actor=SYSTEM, user_id=w.users["owner"].pk, name="old", scopes=["read"], days=1)
    ApiToken.objects.filter(pk=new.token.pk).update(expires_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    for secret in (new.secret, "pgt_" + "A" * 43, "pgt_short", "", "x" * 5000, "pgt_" + "é" * 43):
        status, body = _json(_bearer(secret), "GET", "/registry/people")
        assert status == 401 and _is_error(body, "PG673"), secret
    w.users["owner"].is_active = False
    w.users["owner"].save()
    live = token_create(actor=SYSTEM, user_id=w.users["administrator"].pk, name="live", scopes=["read"])
    assert _json(_bearer(live.secret), "GET", "/registry/people")[0] == 200
    status, body = _json(_client(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz"), "GET", "/registry/people")
    assert status == 401 and _is_error(body, "PG672")


def test_tokens_for_others_are_an_administrators_and_lifetimes_are_bounded(db: str) -> None:
    w = world(workflows=False)
    owner = _client()
    owner.force_login(w.users["owner"])
    other_id = w.users["other"].pk
    status, body = _json(owner, "POST", "/tokens", {"name": "x", "scopes": ["read"], "user_id": other_id})
    assert status == 403 and _is_error(body, "PG601")
    for bad in ({"days": 0}, {"days": 367}, {"scopes": []}, {"scopes": ["admin"]}, {"name": ""}, {"extra": 1}):
        status, body = _json(owner, "POST", "/tokens", {"name": "x", "scopes": ["read"]} | bad)
        assert status == 422 and _is_error(body, "PG671"), bad
    admin = _client()
    admin.force_login(w.users["administrator"])
    status, made = _json(admin, "POST", "/tokens", {"name": "for other", "scopes": ["read"], "user_id": other_id})
    assert status == 201 and made["user_id"] == other_id
    status, body = _json(owner, "POST", f"/tokens/{made['id']}/revoke")
    assert status == 404 and _is_error(body, "PG675")  # not hers: not even told it exists
    other = _client()
    other.force_login(w.users["other"])
    assert _json(other, "POST", f"/tokens/{made['id']}/revoke")[0] == 200


def test_a_session_change_needs_the_csrf_token(db: str) -> None:
    world(workflows=False)
    browser = _client(enforce_csrf_checks=True)
    status, me = _json(browser, "GET", "/session")
    assert status == 200 and me["authenticated"] is False
    csrf = browser.cookies["csrftoken"].value
    status, body = _json(browser, "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD})
    assert status == 403 and _is_error(body, "PG678")
    status, me = _json(
        browser, "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD}, HTTP_X_CSRFTOKEN=csrf
    )
    assert status == 200 and me["authenticated"] and me["via"] == "session" and me["username"] == "owner"
    csrf = browser.cookies["csrftoken"].value  # rotated at sign-in
    status, _ = _json(browser, "GET", "/registry/accounts")
    assert status == 200  # reading needs no CSRF token
    status, body = _json(browser, "POST", "/tokens", {"name": "mine", "scopes": ["read"]})
    assert status == 403 and _is_error(body, "PG678")
    status, _ = _json(browser, "POST", "/tokens", {"name": "mine", "scopes": ["read"]}, HTTP_X_CSRFTOKEN=csrf)
    assert status == 201
    status, _ = _json(browser, "DELETE", "/session", HTTP_X_CSRFTOKEN=csrf)
    assert status == 200
    status, body = _json(browser, "GET", "/registry/accounts")
    assert status == 401 and _is_error(body, "PG672")


def test_failed_sign_ins_are_limited_per_account(db: str) -> None:
    from postguard.server.tokens.models import SignInFailure
    from postguard.server.tokens.services import MAX_FAILURES_PER_ACCOUNT

    world(workflows=False)
    browser = _client()
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        status, body = _json(browser, "POST", "/session", {"username": "owner", "password": "wrong"})
        assert status == 401 and _is_error(body, "PG685")
    status, body = _json(browser, "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD})
    assert status == 429 and _is_error(body, "PG679") and "account" in body["message"]
    assert SignInFailure.objects.count() == MAX_FAILURES_PER_ACCOUNT
    SignInFailure.objects.update(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # the window passes
    status, me = _json(browser, "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD})
    assert status == 200 and me["authenticated"] and SignInFailure.objects.count() == 0


def test_the_web_sign_in_shares_the_limit(db: str) -> None:
    from postguard.server.tokens.services import MAX_FAILURES_PER_ACCOUNT

    world(workflows=False)
    browser = _client()
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        page = browser.post("/signin/", {"username": "owner", "password": "wrong"})
        assert page.status_code == 200 and b"PG679" not in page.content
    page = browser.post("/signin/", {"username": "owner", "password": OWNER_PASSWORD})
    assert page.status_code == 200 and b"too many failed sign-ins for this account" in page.content
    assert _json(browser, "GET", "/session")[1]["authenticated"] is False
    status, body = _json(browser, "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD})
    assert status == 429 and _is_error(body, "PG679")


def test_failed_sign_ins_are_limited_per_address(db: str) -> None:
    from django.utils import timezone

    from postguard.server.tokens.models import SignInFailure
    from postguard.server.tokens.services import MAX_FAILURES_PER_ADDRESS

    world(workflows=False)
    now = timezone.now()
    SignInFailure.objects.bulk_create(
        SignInFailure(username=f"guess{i}", address="127.0.0.1", at=now) for i in range(MAX_FAILURES_PER_ADDRESS)
    )
    status, body = _json(_client(), "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD})
    assert status == 429 and _is_error(body, "PG679") and "address" in body["message"]
    status, _ = _json(
        _client(REMOTE_ADDR="10.0.0.9"), "POST", "/session", {"username": "owner", "password": OWNER_PASSWORD}
    )
    assert status == 200


HOSTILE: list[tuple[str, str, Any, int, str]] = [
    ("POST", "/registry/divisions", "{not json", 400, "PG670"),
    ("POST", "/registry/divisions", b"\xff\xfe{}", 400, "PG670"),
    ("POST", "/registry/divisions", "[" * 100_000 + "]" * 100_000, 400, "PG670"),
    ("POST", "/registry/divisions", '{"code": ' + "9" * 10_000 + "}", 400, "PG670"),
    ("POST", "/registry/divisions", "[]", 422, "PG671"),
    ("POST", "/checks", ("multipart/form-data", b"--x\r\n"), 422, "PG671"),
    ("POST", "/checks", ("application/x-www-form-urlencoded", b"a=1" + b"&b" * 2000), 422, "PG671"),
    ("POST", "/registry/divisions", "", 422, "PG671"),
    ("POST", "/registry/divisions", {"code": "hum", "name": "Humanities", "admin": True}, 422, "PG671"),
    ("POST", "/registry/divisions", {"code": 5, "name": ["x"]}, 422, "PG671"),
    ("POST", "/registry/divisions", {"code": "a b", "name": "Humanities"}, 422, "PG671"),
    ("POST", "/registry/divisions", {"code": "hum", "name": "x" * 201}, 422, "PG671"),
    ("POST", "/registry/divisions", {"code": "hum", "name": "nul\x00"}, 422, "PG671"),
    ("POST", "/registry/divisions", '{"code": "hum", "name": "\\ud800"}', 422, "PG671"),
    ("POST", "/registry/divisions", {"code": "mpls", "name": "Again"}, 409, "PG677"),
    ("POST", "/registry/divisions", "x" * (1024 * 1024 + 1), 413, "PG676"),
    ("GET", "/registry/people/abc", None, 422, "PG671"),
    ("GET", "/registry/people/0", None, 422, "PG671"),
    ("GET", "/registry/people/-1", None, 422, "PG671"),
    ("GET", "/registry/people/99999999999999999999999", None, 422, "PG671"),
    ("GET", "/registry/people/9223372036854775807", None, 404, "PG675"),
    ("GET", "/registry/people?limit=100000", None, 422, "PG671"),
    ("GET", "/registry/people?offset=-3", None, 422, "PG671"),
    ("GET", "/registry/nowhere", None, 404, "PG675"),
    ("DELETE", "/registry/people", None, 405, "PG686"),
    ("POST", "/registry/consents", {"subject_id": 1, "given": "2026-02-30"}, 422, "PG671"),
    ("POST", "/registry/consents", {"subject_id": 1, "given": "2026-12-03", "photos": ["x"] * 51}, 422, "PG671"),
    (
        "POST",
        "/registry/licences",
        {"work": "w", "licensor": "l", "terms": "t", "given": "2026-12-03", "expires": "2026-01-01"},
        400,
        "PG625",
    ),  # fmt: skip
    ("POST", "/registry/consents", {"subject_id": "@ada", "given": "2026-12-03", "photos": ["not hex"]}, 400, "PG624"),
    ("PUT", "/registry/accounts/{account}/admins", {"admins": ["@ada"]}, 400, "PG623"),
    ("PUT", "/registry/accounts/{account}/standing-permissions", {"codes": ["ZZ999"]}, 400, "PG621"),
    ("POST", "/registry/accounts", {"platform": "myspace", "handle": "x", "kind": "personal"}, 422, "PG671"),
]


def test_a_hostile_request_gets_a_4xx_and_one_line(db: str) -> None:
    from django.db import transaction

    w = world(workflows=False)
    wrong = {}
    for method, path, body, status, code in HOSTILE:
        path = path.replace("{account}", str(w.objects["account"].pk))
        if isinstance(body, dict):
            body = json.dumps(body).replace('"@ada"', str(w.objects["ada"].pk))
        with transaction.atomic():
            admin = _client()
            admin.force_login(w.users["administrator"])
            got, answer = _json(admin, method, path, body)
            transaction.set_rollback(True)
        if (got, answer.get("code")) != (status, code) or not _is_error(answer, code) or len(answer["message"]) > 400:
            wrong[f"{method} {path} {str(body)[:60]!r}"] = (got, answer)
    assert wrong == {}


def test_the_docs_and_schema_are_served_from_the_package(db: str) -> None:
    from django.contrib.auth import get_user_model

    client = _client()
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Postguard governance API"
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    refused = schema["paths"]["/api/v1/registry/people"]["post"]["responses"]
    assert {"201", "401", "403", "422"} <= set(refused)
    assert refused["403"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    page = client.get("/api/v1/docs")
    policy = dict(d.strip().split(" ", 1) for d in page["Content-Security-Policy"].split(";"))
    assert page.status_code == 200 and policy["script-src"] == "'self'" and "http" not in str(policy)
    html = page.content.decode()
    assert re.findall(r'(?:src|href)="([^"]*)"', html) and not re.findall(r'(?:src|href)="(?!/static/)', html)
    assert "/static/ninja/swagger-ui-bundle.js" in html
    client.force_login(get_user_model().objects.create_user("reader"))
    assert 'data-api-csrf="true"' in client.get("/api/v1/docs").content.decode()  # "try it out" sends it
    script = client.get("/static/ninja/swagger-ui-bundle.js")
    assert script.status_code == 200 and b"SwaggerUI" in b"".join(script.streaming_content)
    script.close()


def test_an_erasure_through_the_api_keeps_the_chain_verifiable(db: str) -> None:
    w = world(workflows=False)
    dpo = _client()
    dpo.force_login(w.users["data-protection"])
    status, erased = _json(dpo, "POST", f"/registry/people/{w.objects['ada'].pk}/erase")
    assert status == 200 and erased["person"]["erased"] and erased["audit_fields_erased"] >= 2
    status, verified = _json(dpo, "GET", "/auditlog/verify")
    assert status == 200 and verified["ok"] and verified["summary"].startswith("OK: ")
    status, body = _json(dpo, "POST", f"/registry/people/{w.objects['ada'].pk}/erase")
    assert status == 409 and _is_error(body, "PG632")
    status, entries = _json(dpo, "GET", "/auditlog/entries?limit=500")
    created = [e for e in entries["items"] if e["object_id"] == w.objects["ada"].ref and e["action"].endswith("create")]
    assert created and set(created[0]["erased"]) == {"name", "email"} and "name" not in created[0]["payload"]


def test_a_consent_with_its_evidence_file(db: str) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from postguard.server.api.routers.consents import MAX_EVIDENCE_BYTES
    from postguard.server.registry.models import Consent

    w = world(workflows=False)
    officer = _client()
    officer.force_login(w.users["registry-officer"])
    fields = {"subject_id": w.objects["ada"].pk, "given": "2026-12-03", "channels": ["x", "bluesky"]}
    scan = SimpleUploadedFile("../../etc/signed form.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    response = officer.post("/api/v1/registry/consents/with-evidence", {**fields, "evidence": scan})
    assert response.status_code == 201 and response.json()["evidence"] is True
    stored = Consent.objects.get(pk=response.json()["id"])
    assert stored.channels == ["bluesky", "x"] and stored.evidence.name.startswith("evidence/consents/signed")
    assert "/etc/" not in stored.evidence.name and stored.evidence.read() == b"%PDF-1.4 signed"
    stored.evidence.close()
    big = SimpleUploadedFile("big.pdf", b"x" * (MAX_EVIDENCE_BYTES + 1))
    response = officer.post("/api/v1/registry/consents/with-evidence", {**fields, "evidence": big})
    assert response.status_code == 413 and _is_error(response.json(), "PG676")
    response = officer.post("/api/v1/registry/consents/with-evidence", fields)
    assert response.status_code == 422 and _is_error(response.json(), "PG671")


def test_the_permission_scope_table_covers_every_permission(db: str) -> None:
    from postguard.server.access import PERMISSIONS
    from postguard.server.tokens.scopes import PERMISSION_SCOPES

    assert set(PERMISSIONS) - set(PERMISSION_SCOPES) == set()


def _postguard(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTGUARD_")} | {"POSTGUARD_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "postguard", *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.mark.slow
def test_tokens_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert _postguard("db", "upgrade", data=data).returncode == 0
    import sqlite3

    missing = _postguard("token", "create", "--user", "nobody", "--scope", "read", data=data)
    assert missing.returncode == 2 and "error [PG684]" in missing.stderr
    database = sqlite3.connect(data / "postguard.sqlite3")
    with database:
        database.execute(
            "INSERT INTO auth_user (username, password, is_superuser, is_staff, is_active, first_name, last_name,"
            " email, date_joined) VALUES ('proxy', '!', 0, 0, 1, '', '', '', '2026-12-03 10:00:00')"
        )
    made = _postguard("token", "create", "--user", "proxy", "--scope", "proxy-export", "--days", "30", data=data)
    assert made.returncode == 0, made.stderr
    secret = made.stdout.strip()
    assert secret.startswith("pgt_") and "TK-1 for proxy (proxy-export)" in made.stderr
    listed = _postguard("token", "list", data=data)
    assert listed.returncode == 0 and listed.stdout.startswith("TK-1\tproxy\tpgt_") and secret not in listed.stdout
    digest = database.execute("SELECT digest FROM tokens_apitoken").fetchone()[0]
    assert digest == hashlib.sha256(secret.encode()).hexdigest()
    assert _postguard("token", "revoke", "TK-1", data=data).returncode == 0
    again = _postguard("token", "revoke", "1", data=data)
    assert again.returncode == 2 and "error [PG683]" in again.stderr
    assert "revoked" in _postguard("token", "list", "--user", "proxy", data=data).stdout
    assert _postguard("log", "verify", data=data).stdout.startswith("OK: 2 entries")
