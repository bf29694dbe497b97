"""The governance workflows through the REST API, as the issue's new user tries them: register an official
account, check a post that needs a written permission, submit it, self-approval refused, approved by
another, the post changed after approval (the approval lapses), an incident seen by its department's HR
Business Partner and not by another department's, a withdrawal exported for the proxy as a Squid ACL, the
log verified, then one row edited in the database and the verification failing. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

from .api_matrix import world
from .people import jpeg, soon

ANNOUNCEMENT = "We are delighted to announce that the Department of Chemistry has won a £2m grant for catalysis."


def _session(user: Any) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _call(client: Any, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    data = "" if body is None else json.dumps(body)
    response = client.generic(method, f"/api/v1{path}", data, content_type="application/json")
    return response.status_code, response.json()


def _user(username: str, role: str | None, person: Any = None) -> Any:
    from django.contrib.auth.models import Group, User

    from postguard.server.registry.models import Person

    user = User.objects.create_user(username, password=None)
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    if person is not None:
        Person.objects.filter(pk=person.pk).update(user=user)
    return user


def _chemistry_account(officer: Any, o: dict[str, Any]) -> tuple[int, Any]:
    """The chemistry department's official X account, registered by ``officer``: run by Cora of the
    communications office (its owner) with Olga as the other administrator."""
    return _call(
        officer,
        "POST",
        "/registry/accounts",
        {
            "platform": "x",
            "handle": "@oxchem",
            "kind": "official",
            "department_id": o["chemistry"].pk,
            "owners": [o["comms_person"].pk],
            "admins": [o["comms_person"].pk, o["olga"].pk],
            "two_factor": True,
            "recovery_contact": "it@chem.example.org",
            "last_reviewed": o["now"].date().isoformat(),
        },
    )


def test_a_post_goes_through_approval_and_an_incident_through_hr_to_the_proxy(db: str) -> None:
    from django.db import connection

    from postguard.server.access import SYSTEM
    from postguard.server.registry import services

    w = world(workflows=False)
    o, users = w.objects, w.users
    officer = _session(users["registry-officer"])
    comms = _session(users["communications-office"])
    admin = _session(users["administrator"])

    # Cora (the communications office) also runs the chemistry account: she may not approve her own post
    status, account = _chemistry_account(officer, o)
    assert status == 201 and account["security_gaps"] == []

    # her post, checked with a photo through the API: AU001 needs a written permission
    post = {"text": ANNOUNCEMENT, "account_id": account["id"], "scheduled_at": soon().isoformat()}
    response = comms.post("/api/v1/checks", {**post, "photos": [_named(jpeg(), "lab.jpg")]})
    assert response.status_code == 201, response.content
    check = response.json()
    assert check["verdict"] == "approval" and "AU001" in {f["code"] for f in check["report"]["findings"]}
    assert len(check["photos"]) == 1 and check["account_kind"] == "official"

    status, approval = _call(comms, "POST", "/approvals", {"check_id": check["id"]})
    assert status == 201 and approval["state"] == "draft"
    status, approval = _call(comms, "POST", f"/approvals/{approval['id']}/submit")
    assert status == 200 and approval["state"] == "submitted"
    roles = {r["role"] for r in approval["versions"][0]["routes"]}
    assert "communications-office" in roles
    decide = {"role": "communications-office", "decision": "approved"}
    status, body = _call(comms, "POST", f"/approvals/{approval['id']}/decide", decide)
    assert status == 403 and body["code"] == "PG640"  # nobody approves their own post: refused, like PG601
    assert "user:" not in body["message"]  # the message names the user, not an internal id
    for role in roles:  # another user decides every route: the administrator
        status, approval = _call(admin, "POST", f"/approvals/{approval['id']}/decide", decide | {"role": role})
        assert status == 200
    assert approval["state"] == "approved"

    # the post is changed after approval: its check's content hash differs, and the approval lapses
    response = comms.post("/api/v1/checks", {**post, "text": ANNOUNCEMENT + " Come and celebrate!"})
    changed = response.json()
    assert changed["content_hash"] != check["content_hash"]
    status, confirmed = _call(
        comms, "POST", f"/approvals/{approval['id']}/confirm", {"content_hash": changed["content_hash"]}
    )
    assert status == 200 and confirmed["stands"] is False
    assert confirmed["approval"]["state"] == "lapsed"
    assert confirmed["approval"]["versions"][-1]["reason"] == "the post changed after it was submitted"

    # Olga reports Alan (physics): physics' HR Business Partner sees it, chemistry's does not
    chem_partner = services.person_create(actor=SYSTEM, name="Chris Chem", kind="staff", department=o["chemistry"])
    chem_hr = _session(_user("chemhr", "hr-business-partner", chem_partner))
    status, _ = _call(
        officer, "PUT", f"/registry/departments/{o['chemistry'].pk}/hr-business-partners", {"people": [chem_partner.pk]}
    )
    assert status == 200
    olga = _session(users["other"])
    _user("alan", None, o["alan"])  # the name the proxy knows him by
    response = olga.post(
        "/api/v1/incidents", {"person": o["alan"].ref, "summary": "Abusive replies", "text": "Get lost, idiot."}
    )
    assert response.status_code == 201, response.content
    incident = response.json()
    # the reporter is not told whom the registry matched nor whom it went to
    assert incident["routed_to"] is None and incident["person_id"] is None and incident["actions"] == []
    physics_hr = _session(users["hr-business-partner"])
    status, seen = _call(physics_hr, "GET", f"/incidents/{incident['id']}")
    assert status == 200 and seen["routed_to"] == [o["hrbp"].pk] and seen["person_id"] == o["alan"].pk
    status, body = _call(chem_hr, "GET", f"/incidents/{incident['id']}")
    assert status == 404 and body["code"] == "PG675"
    assert _call(chem_hr, "GET", "/incidents")[1]["count"] == 0

    status, withdrawal = _call(
        physics_hr,
        "POST",
        f"/incidents/{incident['id']}/withdraw-access",
        {"domains": ["Example.COM", "bücher.example"], "ends": soon(24 * 7).isoformat(), "reason": "a week"},
    )
    assert status == 201 and withdrawal["domains"] == ["example.com", "xn--bcher-kva.example"]
    status, seen = _call(olga, "GET", f"/incidents/{incident['id']}")
    assert status == 200 and seen["actions"] == []  # the reporter sees her report, not HR's actions

    # the proxy polls the export with its own token (made by an administrator for the proxy's user)
    proxy_user = _user("squid", "access-proxy")
    status, token = _call(
        admin, "POST", "/tokens", {"name": "Squid", "scopes": ["proxy-export"], "user_id": proxy_user.pk}
    )
    assert status == 201
    from django.test import Client

    proxy = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {token['token']}")
    squid = proxy.get("/api/v1/withdrawals/export?format=squid")
    assert squid.status_code == 200 and squid["Content-Type"] == "text/plain; charset=utf-8"
    text = squid.content.decode()
    label = f"pg_aw_{withdrawal['id']}"
    assert f"acl {label}_users proxy_auth alan\n" in text
    assert f"acl {label}_sites dstdomain .example.com .xn--bcher-kva.example" in text
    assert f"http_access deny {label}_users {label}_sites" in text
    domains = proxy.get("/api/v1/withdrawals/export?format=domains")
    assert domains.content.decode() == "example.com\nxn--bcher-kva.example\n"
    status, body = _call(proxy, "GET", "/registry/people")  # the proxy's token reads nothing else
    assert status == 403 and body["code"] == "PG674"

    # the log verifies; one row edited behind the services' back, and it does not
    dpo = _session(users["data-protection"])
    status, verified = _call(dpo, "GET", "/auditlog/verify")
    assert status == 200 and verified["ok"] and verified["entries"] > 20
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE auditlog_entry SET object_id = %s WHERE action = %s",
            ["AP-999", "approvals.approval.decide"],
        )
    status, verified = _call(dpo, "GET", "/auditlog/verify")
    assert status == 200 and not verified["ok"] and verified["problem"] == "edited"


MARKDOWN_POST = "# Open day\n\n[Ask me](mailto:jane.doe@gmail.com) about the grant.\n"


def test_a_check_says_whether_it_was_markdown_and_names_its_origin_only_to_those_who_may_read_it(db: str) -> None:
    from postguard.server.access import Actor
    from postguard.server.checks.models import Check
    from postguard.server.checks.services import run_check
    from postguard.server.registry.models import Account

    w = world(workflows=False)
    o, users = w.objects, w.users
    author = _session(users["communications-office"])
    status, account = _chemistry_account(_session(users["registry-officer"]), o)
    assert status == 201

    # the same text as Markdown and as plain text: the link target is prose only in the plain one
    def codes(check: Any) -> set[str]:
        return {f["code"] for f in check["report"]["findings"]}

    plain = author.post("/api/v1/checks", {"text": MARKDOWN_POST}).json()
    marked = author.post("/api/v1/checks", {"text": MARKDOWN_POST, "markdown": "true"}).json()
    assert plain["markdown"] is False and "DP001" in codes(plain)
    assert marked["markdown"] is True and "DP001" not in codes(marked)
    assert plain["changed_from"] is None and marked["changed_from"] is None
    response = author.post("/api/v1/checks", {"text": MARKDOWN_POST, "markdown": "maybe"})
    assert response.status_code == 422 and response.json()["code"] == "PG671"

    # a post checked, then changed (as the web page records it), and the change submitted for approval
    post = {"text": ANNOUNCEMENT, "account_id": account["id"], "scheduled_at": soon().isoformat()}
    first = author.post("/api/v1/checks", post).json()
    changed = run_check(
        actor=Actor.of_user(users["communications-office"]),
        text=ANNOUNCEMENT + " Come and celebrate!",
        account=Account.objects.get(pk=account["id"]),
        scheduled_at=soon(),
        changed_from=Check.objects.get(pk=first["id"]),
    )
    status, approval = _call(author, "POST", "/approvals", {"check_id": changed.pk})
    assert status == 201 and _call(author, "POST", f"/approvals/{approval['id']}/submit")[0] == 200

    # its author and an administrator read the origin; another of the office, routed the change only, does not
    colleague = _session(_user("cora2", "communications-office"))
    for reader, origin in ((author, first["ref"]), (_session(users["administrator"]), first["ref"]), (colleague, None)):
        status, seen = _call(reader, "GET", f"/checks/{changed.pk}")
        assert status == 200 and seen["changed_from"] == origin and seen["markdown"] is False
        listed = {c["id"]: c for c in _call(reader, "GET", "/checks")[1]["items"]}
        assert listed[changed.pk]["changed_from"] == origin
    assert _call(colleague, "GET", f"/checks/{first['id']}")[0] == 404  # the origin is not the colleague's to read


def _named(data: bytes, name: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="image/jpeg")
