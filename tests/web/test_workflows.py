"""Approvals, incidents and the dashboard in a real browser: submit an official account's post, approve it
as another user (and see the author's own approval refused), see it lapse; an HR Business Partner sees
their department's incident and not another's, acts on it and withdraws access; the dashboard draws its
charts. Each page is screenshotted at phone and desktop widths and checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import Pages, make_user

pytestmark = pytest.mark.slow

ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."


def _organisation() -> dict[str, Any]:
    """Two departments with their HR Business Partners, an official account, and users for each part."""
    from postguard.server.access import SYSTEM, Actor
    from postguard.server.registry import services

    division = services.division_create(actor=SYSTEM, code="mpls", name="Mathematical, Physical and Life Sciences")
    physics = services.department_create(actor=SYSTEM, code="physics", name="Physics", division=division)
    chemistry = services.department_create(actor=SYSTEM, code="chemistry", name="Chemistry", division=division)

    def person(name: str, department: Any, username: str | None = None, *roles: str) -> Any:
        user = make_user(username, *roles) if username else None
        return services.person_create(actor=SYSTEM, name=name, kind="staff", department=department, user=user)

    # the author also works in the communications office: they may decide others' posts, never their own
    ada = person("Ada Author", physics, "ada", "communications-office")
    carol = person("Carol Comms", None, "carol", "communications-office")
    alan = person("Alan Turing", physics)
    grace = person("Grace Hopper", physics)
    hr_physics = person("Hana HR", physics, "hana", "hr-business-partner")
    hr_chemistry = person("Chen HR", chemistry, "chen", "hr-business-partner")
    services.hr_business_partners_set(actor=SYSTEM, unit=physics, people=[hr_physics])
    services.hr_business_partners_set(actor=SYSTEM, unit=chemistry, people=[hr_chemistry])
    account = services.account_create(
        actor=SYSTEM,
        platform="x",
        handle="@oxphysics",
        kind="official",
        department=physics,
        owners=[ada],
        admins=[ada, alan, grace],
        two_factor=True,
        recovery_contact="comms@physics.example.org",
        last_reviewed=dt.date.today() - dt.timedelta(days=30),
    )
    make_user("admin", superuser=True)
    consent = services.consent_record(actor=SYSTEM, subject=alan, given=dt.date.today() - dt.timedelta(days=1))
    return {"consent": consent, "account": account, "ada": ada, "carol": carol, "alan": alan, "physics": physics,
            "chemistry": chemistry, "actor": Actor.of_user(ada.user)}  # fmt: skip


def test_submit_approve_as_another_user_self_approval_refused_and_lapse(pages: Pages) -> None:
    org = _organisation()
    when = (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")

    # the author checks the official account's post and submits it
    page = pages.sign_in("ada")
    page.goto(f"{pages.base}/check/")
    page.get_by_role("textbox", name="Your post").fill(ANNOUNCEMENT)
    page.get_by_label("Post as").select_option(label=f"x:@oxphysics (official, A-{org['account'].pk})")
    page.get_by_label("Scheduled for").fill(when)
    page.get_by_label("Records the post cites").fill(org["consent"].ref)
    page.get_by_role("button", name="Check the post").click()
    page.get_by_role("heading", name="Result").wait_for(timeout=180_000)
    assert "/checks/" in page.url
    assert page.get_by_text("Verdict:").is_visible()
    assert pages.record(page, "check before approval") == []
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_role("heading", name=re.compile(r"Approval AP-\d+")).wait_for()
    approval_url = page.url
    assert page.get_by_text("submitted").first.is_visible()
    # the records it cites, as the registry has them
    cited = page.locator("li", has_text=org["consent"].ref)
    assert "consent covering DP001, DP003, PH001" in cited.inner_text()
    assert cited.get_by_text("in force when it goes out").is_visible()

    # the author holds a deciding role, yet is not offered a decision on their own post...
    assert page.get_by_text("You wrote this post: someone else decides on it.").is_visible()
    assert page.get_by_role("button", name="Approve").count() == 0
    assert pages.record(page, "approval as its author") == []
    # ...and a decision sent anyway is refused by the service
    token = page.evaluate("() => document.querySelector('input[name=csrfmiddlewaretoken]').value")
    body = page.evaluate(
        """async ([url, token]) => {
            const form = new URLSearchParams({csrfmiddlewaretoken: token, role: 'communications-office',
                                              decision: 'approved', comment: ''});
            const r = await fetch(url + 'decide/', {method: 'POST', body: form});
            return await r.text();
        }""",
        [approval_url, token],
    )
    assert "PG640" in body and "nobody approves their own post" in body
    from postguard.server.approvals.models import Approval, Decision

    approval = Approval.objects.get()
    assert approval.current().routes.get(role="communications-office").decision == Decision.PENDING

    # another member of the communications office approves it from the queue
    other = pages.sign_in("carol", width="phone")
    other.get_by_role("link", name="Approvals").first.click()
    assert pages.record(other, "approval queue") == []
    other.get_by_role("link", name=approval.ref).first.click()
    assert pages.record(other, "approval to decide") == []
    other.get_by_label("Comment").first.fill("Fine: the grant was announced by the funder yesterday.")
    other.get_by_role("button", name="Approve").first.click()
    other.get_by_text(re.compile(r"You approved the findings")).wait_for()
    approval.refresh_from_db()
    assert approval.state == "approved"
    assert other.locator("h1 .badge").inner_text() == "approved"

    # the approval lapses at the scheduled time; the page says so
    from postguard.server.access import SYSTEM
    from postguard.server.approvals.models import Version
    from postguard.server.approvals.services import lapse

    # time passes: the scheduled time is moved into the past (a future time lapses nothing: PG665)
    Version.objects.filter(approval=approval).update(scheduled_at=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1))
    lapse(actor=SYSTEM)
    page.goto(approval_url)
    assert page.locator("h1 .badge").inner_text() == "lapsed"
    assert page.get_by_text(re.compile("Lapsed:.*scheduled time passed")).is_visible()
    assert pages.record(page, "approval lapsed") == []
    page.goto(f"{pages.base}/approvals/")
    assert page.get_by_text("lapsed").first.is_visible()

    # the author changes the post and submits it again: a new version of the same approval
    page.goto(approval_url)
    page.get_by_role("link", name="Change the post and submit it again").click()
    assert page.get_by_role("textbox", name="Your post").input_value() == ANNOUNCEMENT
    page.get_by_role("textbox", name="Your post").fill(ANNOUNCEMENT.replace("£2m", "£3m"))
    page.get_by_label("Scheduled for").fill((dt.datetime.now() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Check the post").click()
    page.get_by_role("button", name=f"Submit as a new version of {approval.ref}").click()
    page.get_by_role("heading", name=re.compile(r"Approval AP-\d+")).wait_for()
    assert page.url == approval_url
    approval.refresh_from_db()
    assert approval.state == "submitted" and approval.current().number == 2


def test_an_hr_business_partner_sees_their_departments_incident_and_not_anothers(pages: Pages) -> None:
    org = _organisation()
    reporter = pages.sign_in("carol")
    reporter.goto(f"{pages.base}/incidents/new/")
    assert pages.record(reporter, "report misuse") == []
    reporter.get_by_label("Who").fill(org["alan"].ref)
    reporter.get_by_label("What happened").fill("Posted a colleague's home address in a reply.")
    reporter.get_by_label("The post's text").fill("You can find him at 12 Banbury Road, Oxford OX2 6NN.")
    reporter.get_by_label("A link to the post").fill("https://example.org/post/1")
    reporter.get_by_role("button", name="Save").click()
    reporter.get_by_role("heading", name=re.compile(r"Incident IN-\d+")).wait_for()
    # told only that it is passed on: not whom the registry matched, nor whom it went to
    assert reporter.get_by_text(re.compile(r"IN-\d+ is reported; it has been passed on\.")).is_visible()
    assert reporter.get_by_text("Hana HR").count() == 0 and reporter.get_by_text("Alan").count() == 0
    incident_url = reporter.url
    assert reporter.get_by_role("heading", name="Actions").count() == 0  # the reporter does not act on it

    # another department's HR Business Partner: not in their list, and not found
    chen = pages.sign_in("chen")
    chen.goto(f"{pages.base}/incidents/")
    assert chen.get_by_role("link", name=re.compile(r"IN-\d+")).count() == 0
    response = chen.goto(incident_url)
    assert response.status == 404

    # the department's HR Business Partner sees it and acts on it
    hana = pages.sign_in("hana")
    hana.goto(f"{pages.base}/incidents/")
    assert pages.record(hana, "incidents as hr") == []
    hana.get_by_role("link", name=re.compile(r"IN-\d+")).first.click()
    assert hana.get_by_text("Posted a colleague's home address").is_visible()
    assert pages.record(hana, "incident as hr") == []
    hana.get_by_label("Note, or how it ended").fill("Spoke to Alan; the reply is deleted.")
    hana.get_by_role("button", name="Add the note").click()
    hana.get_by_text("The note is added.").wait_for()
    hana.get_by_label("Domains").fill("example.org\nBücher.example")
    hana.get_by_label("Until").fill((dt.datetime.now() + dt.timedelta(days=7)).strftime("%Y-%m-%dT%H:%M"))
    hana.get_by_label("Reason").fill("Two weeks away from the site while HR looks into it.")
    hana.get_by_role("button", name="Withdraw access").click()
    hana.get_by_text(re.compile(r"AW-\d+: access to .* is withdrawn")).wait_for()
    assert hana.get_by_text("xn--bcher-kva.example").first.is_visible()
    hana.goto(f"{pages.base}/withdrawals/")
    assert hana.get_by_text("in force").is_visible()
    assert pages.record(hana, "access withdrawals") == []

    # the export, for those who may export (an administrator here)
    admin = pages.sign_in("admin")
    admin.goto(f"{pages.base}/withdrawals/")
    with admin.expect_download() as download:
        admin.get_by_role("link", name="list of domains").click()
    exported = Path(download.value.path()).read_text("utf-8")
    assert "example.org" in exported and "xn--bcher-kva.example" in exported


def test_the_dashboard_draws_its_charts(pages: Pages) -> None:
    org = _organisation()
    from postguard.server.checks.services import run_check

    actor = org["actor"]
    for text in ("The new fees policy is a disaster.", ANNOUNCEMENT, "Call me on 07700 900123 about the REF."):
        run_check(actor=actor, text=text, account=org["account"])
    run_check(actor=actor, text="Lovely sunset over the Radcliffe Camera tonight.", platform="x")
    page = pages.sign_in("ada")
    page.get_by_role("link", name="Dashboard").first.click()
    canvases = page.locator("canvas[data-chart]")
    assert canvases.count() == 6
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart]')].every(c => window.Chart && Chart.getChart(c))"
    )
    drawn = page.evaluate(
        "() => [...document.querySelectorAll('canvas[data-chart]')].map(c => Chart.getChart(c).data.labels.length)"
    )
    assert drawn[0] == 12 and drawn[1] >= 2  # twelve weeks; at least two rule codes
    assert page.get_by_text("4 checks").is_visible()
    assert pages.record(page, "dashboard") == []
    assert page.console_errors == [], page.console_errors[:4]
