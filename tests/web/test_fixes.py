"""The defects a new user found in the web app (issue 28), each tested through the pages without a browser:
changing an approved post goes on in its approval, and the other fixes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from .helpers import PASSWORD
from .test_workflows import ANNOUNCEMENT, _organisation


@pytest.fixture
def client(site: str) -> Any:
    from django.test import Client

    return Client(SERVER_NAME="localhost")


def _check(client: Any, org: dict[str, Any], text: str, **extra: str) -> str:
    when = (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {"text": text, "account": str(org["account"].pk), "platform": "x", "scheduled_at": when,
            "records": org["consent"].ref, **extra}  # fmt: skip
    response = client.post("/check/", data)
    assert response.status_code == 302, response.content[:2000]
    return str(response["Location"])


def test_changing_an_approved_post_makes_a_new_version_not_a_second_approval(client: Any) -> None:
    from postguard.server.access import Actor
    from postguard.server.approvals import services
    from postguard.server.approvals.models import Approval, Version

    org = _organisation()
    assert client.login(username="ada", password=PASSWORD)
    first = _check(client, org, ANNOUNCEMENT)
    pk = int(re.findall(r"/checks/(\d+)/", first)[0])
    assert client.post(f"/checks/{pk}/submit/").status_code == 302
    approval = Approval.objects.get()
    services.approval_decide(actor=Actor.of_user(org["carol"].user), approval=approval,
                             role="communications-office", decision="approved")  # fmt: skip
    approval.refresh_from_db()
    assert approval.state == "approved"

    # "Check it again" from the approved check, with the text changed: the new check goes on in AP-1
    again = _check(client, org, ANNOUNCEMENT.replace("£2m", "£3m"), **{"from": str(pk)})
    assert again.endswith(f"?approval={approval.pk}")
    page = client.get(again).content.decode()
    assert f"Submit as a new version of {approval.ref}" in page and "Submit for approval" not in page
    # times say their zone, and the time input the zone it is read in
    assert re.search(r"to go out \d{4}-\d\d-\d\d \d\d:\d\d (GMT|BST)", page)
    assert "Scheduled for (Europe/London time)" in page
    shown = client.get(f"/approvals/{approval.pk}/").content.decode()
    assert re.search(r"<dt>Goes out</dt><dd>\d{4}-\d\d-\d\d \d\d:\d\d (GMT|BST)</dd>", shown)
    new = int(re.findall(r"/checks/(\d+)/", again)[0])
    assert client.post(f"/checks/{new}/submit/", {"approval": str(approval.pk)}).status_code == 302
    assert Approval.objects.count() == 1
    first_version, second = Version.objects.filter(approval=approval).order_by("number")
    assert (first_version.state, first_version.reason) == ("lapsed", "the post changed after it was submitted")
    assert second.state == "submitted" and second.post_check_id == new


def test_divisions_departments_and_their_hr_business_partners_from_the_registry_pages(client: Any) -> None:
    from postguard.server.access import SYSTEM
    from postguard.server.auditlog.models import Entry
    from postguard.server.registry import services
    from postguard.server.registry.models import Department, Division

    from .helpers import make_user

    make_user("reg", "registry-officer")
    make_user("someone")
    hana = services.person_create(actor=SYSTEM, name="Hana HR", kind="staff")
    assert client.login(username="someone", password=PASSWORD)
    assert client.get("/registry/organisation/").status_code == 200
    refused = client.post("/registry/divisions/new/", {"code": "mpls", "name": "MPLS"})
    assert refused.status_code == 403 and b"PG601" in refused.content and not Division.objects.exists()

    assert client.login(username="reg", password=PASSWORD)
    made = client.post("/registry/divisions/new/", {"code": "mpls", "name": "Mathematical, Physical and Life Sciences"})
    assert made.status_code == 302 and made["Location"] == "/registry/organisation/"
    division = Division.objects.get(code="mpls")
    again = client.post("/registry/divisions/new/", {"code": "mpls", "name": "Again"})
    assert again.status_code == 200 and b"A unit with this code exists already." in again.content
    data = {"code": "physics", "name": "Physics", "division": division.pk, "hr_business_partners": [hana.pk]}
    assert client.post("/registry/departments/new/", data).status_code == 302
    physics = Department.objects.get(code="physics")
    assert list(physics.hr_business_partners.all()) == [hana]
    page = client.get("/registry/organisation/").content.decode()
    assert "Physics" in page and "Hana HR" in page
    # an existing department's partners change on its page
    assert client.post(f"/registry/departments/{physics.pk}/", {"hr_business_partners": []}).status_code == 302
    assert not physics.hr_business_partners.exists()
    assert client.post(f"/registry/divisions/{division.pk}/", {"hr_business_partners": [hana.pk]}).status_code == 302
    assert list(division.hr_business_partners.all()) == [hana]
    actions = set(Entry.objects.values_list("action", flat=True))
    assert {"registry.division.create", "registry.department.create", "registry.hr-business-partners.set"} <= actions


def test_a_form_without_its_csrf_token_gets_the_apps_403_page_with_a_code(site: str) -> None:
    from django.test import Client

    from postguard.server.web.middleware import POLICY

    client = Client(SERVER_NAME="localhost", enforce_csrf_checks=True)
    response = client.post("/signin/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "[PG699]" in body and "CSRF token" in body and "Form not accepted" in body
    assert "web/app.css" in body and " style=" not in body  # the app's layout, nothing the policy blocks
    assert response["Content-Security-Policy"] == POLICY


def test_the_sign_in_lockout_says_its_code(client: Any) -> None:
    from .helpers import make_user

    make_user("locked")
    for _ in range(5):
        assert b"PG679" not in client.post("/signin/", {"username": "locked", "password": "wrong"}).content
    body = client.post("/signin/", {"username": "locked", "password": PASSWORD}).content.decode()
    assert "too many failed sign-ins for this account" in body and "[PG679]" in body


@pytest.mark.slow
def test_layout_evidence_photo_in_its_frame_action_boxes_apart_tables_scroll(pages: Any) -> None:
    """At 1280 px the incident's evidence photo stays in its frame and its two action boxes keep apart; at
    390 px the audit log's table keeps its words whole and scrolls sideways in its box; axe stays clean."""
    from pathlib import Path

    org = _organisation()
    photo = Path(__file__).parents[1] / "photos" / "plain.jpg"
    hana = pages.sign_in("hana")
    hana.goto(f"{pages.base}/incidents/new/")
    hana.get_by_label("Who").fill(org["alan"].ref)
    hana.get_by_label("What happened").fill("Posted a photo of a colleague's badge.")
    hana.get_by_label("Screenshots or photos").set_input_files(str(photo))
    hana.get_by_role("button", name="Save").click()
    hana.get_by_role("heading", name=re.compile(r"Incident IN-\d+")).wait_for()
    inside = hana.evaluate(
        """() => [...document.querySelectorAll('figure.photo')].map(f => {
            const img = f.querySelector('img').getBoundingClientRect(), box = f.getBoundingClientRect();
            return img.left >= box.left && img.right <= box.right; })"""
    )
    assert inside == [True]
    gap = hana.evaluate(
        """() => { const [a, b] = document.querySelectorAll('form.card');
                   return b.getBoundingClientRect().top - a.getBoundingClientRect().bottom; }"""
    )
    assert gap >= 8
    assert pages.record(hana, "incident with a photo") == []

    admin = pages.sign_in("admin", width="phone")
    admin.goto(f"{pages.base}/audit/")
    scrolls = admin.evaluate(
        """() => { const box = document.querySelector('.table-scroll');
                   const cell = box.querySelector('td.mono');
                   return [box.scrollWidth > box.clientWidth, getComputedStyle(cell).whiteSpace]; }"""
    )
    assert scrolls == [True, "nowrap"]
    assert pages.record(admin, "audit log at phone width") == []


def test_a_refused_photo_upload_leaves_no_folder(client: Any) -> None:
    from postguard.server.checks.content import PHOTO_FOLDER, media_root

    from .helpers import make_user

    make_user("pat")
    assert client.login(username="pat", password=PASSWORD)
    folder = media_root() / PHOTO_FOLDER
    before = {p.name for p in folder.iterdir()} if folder.exists() else set()
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("not-a-photo.jpg", b"these bytes are no image at all", content_type="image/jpeg")
    response = client.post("/check/", {"text": "Hello", "account": "personal", "platform": "x", "photos": [bad]})
    assert response.status_code == 200 and b"PG642" in response.content
    assert {p.name for p in folder.iterdir()} == before


def test_the_dashboard_counts_a_decision_whatever_became_of_the_post_after(client: Any) -> None:
    from postguard.server.access import Actor
    from postguard.server.approvals import services
    from postguard.server.approvals.models import Approval
    from postguard.server.web.dashboard import figures

    org = _organisation()
    assert client.login(username="ada", password=PASSWORD)
    pk = int(re.findall(r"/checks/(\d+)/", _check(client, org, ANNOUNCEMENT))[0])
    assert client.post(f"/checks/{pk}/submit/").status_code == 302
    approval = Approval.objects.get()
    services.approval_decide(actor=Actor.of_user(org["carol"].user), approval=approval,
                             role="communications-office", decision="approved")  # fmt: skip
    # the post changes after its approval: the approval lapses (it was still decided)
    assert not services.approval_confirm(actor=Actor.of_user(org["ada"].user), approval=approval, content_hash="0" * 64)
    approval.refresh_from_db()
    assert approval.state == "lapsed"
    shown = figures(Actor.of_user(org["ada"].user))
    assert shown["totals"]["decided"] == 1 and shown["turnaround"]["values"][0] == 1  # under an hour
    assert "1 approval decided" in client.get("/dashboard/").content.decode()


def test_the_approval_page_names_the_author_shows_the_photos_and_refuses_with_a_403(client: Any) -> None:
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    from postguard.server.approvals.models import Approval

    org = _organisation()
    assert client.login(username="ada", password=PASSWORD)
    photo = SimpleUploadedFile("plain.jpg", (Path(__file__).parents[1] / "photos" / "plain.jpg").read_bytes())
    pk = int(re.findall(r"/checks/(\d+)/", _check(client, org, ANNOUNCEMENT, photos=photo))[0])  # type: ignore[arg-type]
    assert client.post(f"/checks/{pk}/submit/").status_code == 302
    approval = Approval.objects.get()
    # deciding one's own post: a 403 page with the code, and nothing decided
    own = client.post(f"/approvals/{approval.pk}/decide/", {"role": "communications-office", "decision": "approved"})
    assert own.status_code == 403 and b"[PG640]" in own.content
    page = client.get(f"/approvals/{approval.pk}/").content.decode()
    assert "Withdraw the post from approval" in page and "Why it is withdrawn" in page

    assert client.login(username="carol", password=PASSWORD)
    page = client.get(f"/approvals/{approval.pk}/").content.decode()
    assert f'<dt>Author</dt><dd>Ada Author <span class="mono">{org["ada"].ref}</span>' in page
    assert f'src="/checks/{pk}/photos/1/"' in page
    assert client.get(f"/checks/{pk}/photos/1/")["Content-Type"] == "image/jpeg"
    # deciding for a role one does not hold: a 403 page with the code
    other = client.post(f"/approvals/{approval.pk}/decide/", {"role": "safeguarding-lead", "decision": "approved"})
    assert other.status_code == 403 and b"[PG601]" in other.content
    approval.refresh_from_db()
    assert approval.state == "submitted"

    assert client.login(username="admin", password=PASSWORD)
    person = client.get(f"/registry/people/{org['ada'].pk}/").content.decode()
    assert '<dt>User</dt><dd><span class="mono">ada</span>' in person
