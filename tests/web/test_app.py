"""The web app without a browser: its vendored scripts are the pinned files, every page needs a signed-in
user, every response carries the Content-Security-Policy, and the check page's service refuses what it
should (accounts that are not yours, unknown record ids, photos it cannot read)."""

from __future__ import annotations

from typing import Any

import pytest

from postguard.errors import GovernanceError
from postguard.server.web import vendor
from postguard.server.web.middleware import POLICY

from .helpers import make_user


def test_the_vendored_scripts_are_the_pinned_files() -> None:
    assert vendor.problems() == []
    assert {a.package for a in vendor.ASSETS} == {"htmx.org", "chart.js", "@kurkle/color", "axe-core"}
    # axe-core (MPL-2.0) is a test tool: never in the package's static files
    assert all(a.for_tests for a in vendor.ASSETS if a.licence == "MPL-2.0")


def test_the_policy_names_no_other_origin() -> None:
    for directive in POLICY.split("; "):
        sources = directive.split()[1:]
        assert set(sources) <= {"'self'", "'none'"}, directive


@pytest.fixture
def client(site: str) -> Any:
    from django.test import Client

    return Client(SERVER_NAME="localhost")


PAGES = ["/", "/check/", "/approvals/", "/incidents/", "/incidents/new/", "/withdrawals/", "/dashboard/",
         "/registry/", "/registry/accounts/", "/registry/people/", "/registry/consents/", "/registry/permissions/",
         "/registry/authorisations/", "/audit/", "/registry/organisation/", "/registry/consents/new/"]  # fmt: skip


def test_every_page_needs_a_signed_in_user_and_carries_the_policy(client: Any) -> None:
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/signin/"), url
        assert response["Content-Security-Policy"] == POLICY
    make_user("ann")
    assert client.login(username="ann", password="a long test password 1")
    for url in PAGES[:-1]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Security-Policy"] == POLICY
        assert b"<script>" not in response.content and b" style=" not in response.content
    assert client.get("/registry/consents/new/").status_code == 403  # not a registry officer
    assert client.get("/favicon.ico")["Location"] == "/static/web/favicon.svg"
    assert client.post("/signout/").status_code == 302
    assert client.get("/").status_code == 302


def test_record_ids_and_the_person_a_report_names(site: str) -> None:
    from postguard.server.access import SYSTEM
    from postguard.server.registry import services
    from postguard.server.web import checking
    from postguard.server.web.selectors import person_to_report

    with pytest.raises(GovernanceError) as refused:
        checking.parse_records("C-1, consent 2")
    assert refused.value.code == "PG693"
    assert checking.parse_records("c-1; WP-2\nC-1") == ["C-1", "WP-2"]
    ada = services.person_create(actor=SYSTEM, name="Ada Lovelace", kind="staff", email="ada@example.org")
    assert person_to_report(ada.ref) == ada
    assert person_to_report(" ADA@example.org ") == ada
    assert person_to_report("Ada Lovelace") is None  # an exact key only: the form lists nobody
    services.person_erase(actor=SYSTEM, person=ada)
    assert person_to_report(ada.ref) is None
