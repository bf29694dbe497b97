"""Misuse reports: anyone signed in reports with an evidence snapshot; the report goes to the HR Business
Partners of the reported person's department (the division's when it has none, G30); an HR Business
Partner sees and acts on their departments' incidents only; erasing a person keeps the log verifiable (on
SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import ANONYMOUS, Actor, Role

from .helpers import DPO, OFFICER
from .people import jpeg, member, soon


def _world() -> dict[str, Any]:
    """Two divisions: physics (its own HR Business Partner) and chemistry (none: the division's), and
    history in another division with its own partner."""
    from postguard.server.registry import services

    mpls = services.division_create(actor=OFFICER, code="mpls", name="MPLS")
    hum = services.division_create(actor=OFFICER, code="hum", name="Humanities")
    physics = services.department_create(actor=OFFICER, code="physics", name="Physics", division=mpls)
    chemistry = services.department_create(actor=OFFICER, code="chemistry", name="Chemistry", division=mpls)
    history = services.department_create(actor=OFFICER, code="history", name="History", division=hum)
    hr_physics = member("Hana Physics-HR", Role.HR_BUSINESS_PARTNER)
    hr_mpls = member("Max Division-HR", Role.HR_BUSINESS_PARTNER)
    hr_history = member("Hugo History-HR", Role.HR_BUSINESS_PARTNER)
    services.hr_business_partners_set(actor=OFFICER, unit=physics, people=[hr_physics.person])
    services.hr_business_partners_set(actor=OFFICER, unit=mpls, people=[hr_mpls.person])
    services.hr_business_partners_set(actor=OFFICER, unit=history, people=[hr_history.person])
    return {
        "physics": physics, "chemistry": chemistry, "history": history, "hr_physics": hr_physics,
        "hr_mpls": hr_mpls, "hr_history": hr_history,
        "pat": member("Pat Physicist", department=physics), "cam": member("Cam Chemist", department=chemistry),
        "hal": member("Hal Historian", department=history), "rita": member("Rita Reporter", department=history),
    }  # fmt: skip


def _report(w: dict[str, Any], who: str, **evidence: Any) -> Any:
    from postguard.server.incidents.services import incident_report

    values = {"text": "A post naming a student and their marks."} | evidence
    return incident_report(actor=w["rita"].actor, person=w[who].person, summary=f"Misuse by {who}", **values)


def test_a_report_goes_to_the_departments_hr_business_partner_else_the_divisions(db: str) -> None:
    from postguard.server.auditlog.models import Entry

    w = _world()
    physics = _report(w, "pat")
    assert list(physics.routed_to.all()) == [w["hr_physics"].person] and physics.department == w["physics"]
    chemistry = _report(w, "cam")  # chemistry has no partner of its own
    assert list(chemistry.routed_to.all()) == [w["hr_mpls"].person]
    about_hr = _report(w, "hr_physics")  # a partner with no department: nobody to route to but administrators
    assert list(about_hr.routed_to.all()) == []
    entry = Entry.objects.filter(action="incidents.incident.report").order_by("seq").first()
    assert (
        entry is not None
        and entry.object_id == physics.ref
        and entry.payload["routed_to"] == [w["hr_physics"].person.ref]
    )
    from postguard.server.incidents.services import hr_partners_for
    from postguard.server.registry import services

    services.hr_business_partners_set(actor=OFFICER, unit=w["physics"], people=[w["pat"].person])
    assert hr_partners_for(w["pat"].person) == [w["hr_mpls"].person]  # never the reported person themselves


def test_an_hr_business_partner_sees_their_departments_incidents_only(db: str) -> None:
    from postguard.server.incidents.selectors import incidents_handled_by, incidents_visible_to

    w = _world()
    pat, cam, hal = _report(w, "pat"), _report(w, "cam"), _report(w, "hal")
    assert set(incidents_visible_to(w["hr_physics"].actor)) == {pat}
    assert set(incidents_visible_to(w["hr_mpls"].actor)) == {cam}  # physics has its own partner
    assert set(incidents_visible_to(w["hr_history"].actor)) == {hal}
    assert set(incidents_visible_to(w["rita"].actor)) == {pat, cam, hal}  # the reporter sees their reports
    assert set(incidents_handled_by(w["rita"].actor)) == set()  # and acts on none
    assert set(incidents_visible_to(w["pat"].actor)) == set() and set(incidents_visible_to(ANONYMOUS)) == set()
    admin = Actor("user:999", frozenset({Role.ADMINISTRATOR}), user_id=999)
    assert set(incidents_visible_to(admin)) == {pat, cam, hal}
    from postguard.server.registry import services

    services.hr_business_partners_set(actor=OFFICER, unit=w["physics"], people=[])
    assert set(incidents_visible_to(w["hr_mpls"].actor)) == {cam, pat}  # the division's, now physics has none
    assert set(incidents_visible_to(w["hr_physics"].actor)) == {pat}  # it was routed to them


@pytest.mark.slow
def test_the_evidence_is_a_snapshot_of_text_photos_link_and_the_checks_report(db: str, registry_engine: Any) -> None:
    from postguard.server.checks.services import run_check
    from postguard.server.incidents.services import incident_report

    w = _world()
    check = run_check(actor=w["rita"].actor, text="Pat's password is Quad2026!", engine=registry_engine)
    photo = jpeg()
    incident = _report(w, "pat", text="", link="https://x.com/pat/status/1", photos=[photo], check=check)
    assert incident.evidence_text == check.text and incident.evidence_report == check.report
    assert incident.evidence_check == check.ref and incident.evidence_photo_hashes == [
        hashlib.sha256(photo).hexdigest()
    ]
    assert incident.evidence_link == "https://x.com/pat/status/1" and len(incident.evidence_hash) == 64
    someone = run_check(actor=w["hal"].actor, text="My own draft.", engine=registry_engine)
    with pytest.raises(AccessDenied):  # a check the reporter may not read is not theirs to cite
        _report(w, "pat", check=someone)
    for evidence, code in (
        ({"text": "", "link": ""}, "PG663"),
        ({"link": "javascript:alert(1)"}, "PG662"),
        ({"link": "ftp://example.org/x"}, "PG662"),
    ):
        with pytest.raises(GovernanceError) as refused:
            _report(w, "pat", **evidence)
        assert refused.value.code == code
    with pytest.raises(AccessDenied):
        incident_report(actor=ANONYMOUS, person=w["pat"].person, summary="x", text="y")


def test_hr_acts_on_their_incidents_notes_closes_and_withdraws_access(db: str) -> None:
    from postguard.server.incidents import services
    from postguard.server.incidents.models import ActionKind, IncidentState
    from postguard.server.incidents.selectors import incident_actions

    w = _world()
    incident = _report(w, "pat")
    for outsider in (w["hr_history"], w["rita"], w["pat"]):
        with pytest.raises(AccessDenied):
            services.incident_note(actor=outsider.actor, incident=incident, text="Looked at it.")
    hr = w["hr_physics"].actor
    services.incident_note(actor=hr, incident=incident, text="Spoke to the head of department.")
    withdrawal = services.incident_withdraw_access(
        actor=hr, incident=incident, domains=["X.com", "twitter.com"], ends=soon(24 * 14), reason="Two weeks."
    )
    assert withdrawal.person == w["pat"].person and withdrawal.incident == incident
    assert withdrawal.domains == ["twitter.com", "x.com"]
    services.incident_close(actor=hr, incident=incident, outcome="Resolved with the department.")
    incident.refresh_from_db()
    assert incident.state == IncidentState.CLOSED
    kinds = [a.kind for a in incident_actions(hr, incident)]
    assert kinds == [ActionKind.NOTE, ActionKind.WITHDRAW_ACCESS, ActionKind.CLOSE]
    assert list(incident_actions(w["rita"].actor, incident)) == []  # the reporter does not see HR's actions
    with pytest.raises(GovernanceError) as closed:
        services.incident_note(actor=hr, incident=incident, text="More.")
    assert closed.value.code == "PG658"


def test_erasing_a_reported_person_keeps_the_log_verifiable(db: str) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.auditlog.selectors import verify_log
    from postguard.server.incidents import services
    from postguard.server.registry import services as registry

    w = _world()
    incident = _report(w, "pat")
    hr = w["hr_physics"].actor
    services.incident_note(actor=hr, incident=incident, text="Pat admitted posting it.")
    withdrawal = services.access_withdraw(
        actor=hr, person=w["pat"].person, domains=["facebook.com"], ends=soon(48), reason="Pat's misuse"
    )
    assert verify_log().ok
    with pytest.raises(GovernanceError) as refused:  # not while the withdrawal applies (issue 27)
        registry.person_erase(actor=DPO, person=w["pat"].person)
    assert refused.value.code == "PG633"
    services.access_restore(actor=hr, withdrawal=withdrawal)
    erased = registry.person_erase(actor=DPO, person=w["pat"].person)
    # the person's name and email at creation; the report's summary and whom it named, the note, the
    # withdrawal's reason, and the restoring of their access
    assert erased == 7
    result = verify_log()
    assert result.ok, result.describe()
    note = Entry.objects.get(action="incidents.incident.note")
    assert "note" not in note.payload and "note" in note.redacted and "Pat admitted" not in str(note.redacted)
    report = Entry.objects.get(action="incidents.incident.report")
    assert "summary" in report.redacted and report.payload["person"] == w["pat"].person.ref
    assert "named" in report.redacted
    # an erased person is no longer reported (a report naming them awaits triage, as one naming a
    # stranger does) nor withdrawn
    again = _report(w, "pat")
    assert again.person is None and again.named == w["pat"].person.ref and again.awaiting_triage
    with pytest.raises(GovernanceError):
        services.access_withdraw(actor=hr, person=w["pat"].person, domains=["x.com"], ends=soon(48))
