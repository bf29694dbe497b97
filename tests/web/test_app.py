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


ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."


@pytest.mark.slow
def test_a_changed_check_names_its_origin_to_those_who_may_read_it_and_offers_the_next_version(client: Any) -> None:
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from postguard.server.access import SYSTEM, Actor
    from postguard.server.approvals import services as approvals
    from postguard.server.checks.services import run_check
    from postguard.server.registry import services

    division = services.division_create(actor=SYSTEM, code="mpls", name="Mathematical, Physical and Life Sciences")
    physics = services.department_create(actor=SYSTEM, code="physics", name="Physics", division=division)
    ada = services.person_create(actor=SYSTEM, name="Ada Author", kind="staff", department=physics,
                                 user=make_user("ada"))  # fmt: skip
    make_user("carol", "communications-office")
    others = [services.person_create(actor=SYSTEM, name=n, kind="staff", department=physics) for n in ("Al", "Gr")]
    account = services.account_create(
        actor=SYSTEM, platform="x", handle="@oxphysics", kind="official", department=physics, owners=[ada],
        admins=[ada, *others], two_factor=True, recovery_contact="comms@physics.example.org",
        last_reviewed=dt.date.today() - dt.timedelta(days=30),
    )  # fmt: skip
    actor = Actor.of_user(ada.user)
    when = timezone.now() + dt.timedelta(days=3)

    def check(text: str = ANNOUNCEMENT, changed_from: Any = None) -> Any:
        return run_check(actor=actor, text=text, account=account, scheduled_at=when, changed_from=changed_from)

    first = check()
    approval = approvals.approval_submit(actor=actor, approval=approvals.approval_draft(actor=actor, check=first))
    second = check(ANNOUNCEMENT.replace("£2m", "£3m"), changed_from=first)
    assert client.login(username="ada", password="a long test password 1")
    page = client.get(reverse("web:check-detail", args=[second.pk])).content.decode()
    assert f'Changed from <a href="/checks/{first.pk}/">CK-{first.pk}</a>' in page
    assert f"Submit as a new version of AP-{approval.pk}" in page and "Submit for approval" not in page
    odd = client.get(reverse("web:check-detail", args=[second.pk]) + "?approval=1%C2%B2x").content.decode()
    assert f"Submit as a new version of AP-{approval.pk}" in odd and "AP-1²x" not in odd  # only an id is taken
    response = client.post(reverse("web:check-submit", args=[second.pk]), {"approval": str(approval.pk)})
    assert response.status_code == 302 and response["Location"] == reverse("web:approval", args=[approval.pk])
    approval.refresh_from_db()
    assert approval.current().post_check_id == second.pk and approval.versions.count() == 2
    # a check changed from one that was never submitted: a plain submission; the approver routed to it
    # sees it, but not the draft it came from, which is not named to them
    draft = check("Physics wins a grant. More soon.")
    final = check("Physics wins a grant for quantum sensing. More soon.", changed_from=draft)
    page = client.get(reverse("web:check-detail", args=[final.pk])).content.decode()
    assert f"CK-{draft.pk}</a>" in page and "Submit for approval" in page and "new version" not in page
    approvals.approval_submit(actor=actor, approval=approvals.approval_draft(actor=actor, check=final))
    client.logout()
    assert client.login(username="carol", password="a long test password 1")
    seen = client.get(reverse("web:check-detail", args=[final.pk]))
    assert seen.status_code == 200 and "Changed from" not in seen.content.decode()
    assert f"CK-{draft.pk}" not in seen.content.decode()
    assert client.get(reverse("web:check-detail", args=[draft.pk])).status_code == 404
    assert "Changed from" in client.get(reverse("web:check-detail", args=[second.pk])).content.decode()  # routed
