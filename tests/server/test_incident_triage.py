"""A misuse report that names nobody the registry holds (or someone it has erased) is kept and waits for the
communications office's triage; the reporter is told the same whoever they named, on the web page, in the
API and on the dashboard, so a report cannot be used to learn who is in the registry. The office attaches
the person (service, web, API; audit-logged), and the report then goes to their HR Business Partners. A
report about someone whose department and division have no HR Business Partner is the office's too, until
one is named (on SQLite and PostgreSQL)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import Actor, Role

from .helpers import DPO, OFFICER
from .people import member, soon


def _world() -> dict[str, Any]:
    """Physics with its HR Business Partner; Pat (physics), Rita (who reports), Cora of the communications
    office, and Erin, whom the registry has erased; Lee of chemistry, a department of a division with no HR
    Business Partner."""
    from postguard.server.registry import services

    mpls = services.division_create(actor=OFFICER, code="mpls", name="MPLS")
    physics = services.department_create(actor=OFFICER, code="physics", name="Physics", division=mpls)
    hana = member("Hana Physics-HR", Role.HR_BUSINESS_PARTNER)
    services.hr_business_partners_set(actor=OFFICER, unit=physics, people=[hana.person])
    w = {
        "physics": physics,
        "hana": hana,
        "pat": member("Pat Physicist", department=physics, email="pat@physics.example.org"),
        "rita": member("Rita Reporter"),
        "cora": member("Cora Comms", Role.COMMUNICATIONS),
        "erin": member("Erin Erased", department=physics, email="erin@physics.example.org"),
    }
    humanities = services.division_create(actor=OFFICER, code="humanities", name="Humanities")
    w["chemistry"] = services.department_create(actor=OFFICER, code="chem", name="Chemistry", division=humanities)
    w["lee"] = member("Lee Lab", department=w["chemistry"], email="lee@chem.example.org")
    services.person_erase(actor=DPO, person=w["erin"].person)
    return w


def _report(w: dict[str, Any], named: str, **values: Any) -> Any:
    from postguard.server.incidents.services import incident_report

    evidence = {"text": "A post mocking a visitor's accent."} | values
    return incident_report(actor=w["rita"].actor, named=named, summary="Mocked a visitor", **evidence)


def test_a_report_naming_nobody_the_registry_holds_is_kept_for_the_communications_offices_triage(db: str) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.incidents.selectors import incidents_handled_by, incidents_visible_to

    w = _world()
    known = _report(w, "pat@physics.example.org")
    assert known.person == w["pat"].person and list(known.routed_to.all()) == [w["hana"].person]
    assert known.named == "pat@physics.example.org" and not known.awaiting_triage
    for named in ("  Nick   Nobody ", "nick@elsewhere.example.org", "P-987654", "erin@physics.example.org"):
        stranger = _report(w, named)
        assert stranger.person is None and stranger.awaiting_triage and stranger.department is None
        assert stranger.named == " ".join(named.split()) and list(stranger.routed_to.all()) == []
    erased = _report(w, w["erin"].person.ref)  # erased: nobody the registry holds now
    assert erased.person is None and erased.named == w["erin"].person.ref
    triage = set(incidents_visible_to(w["cora"].actor))
    assert len(triage) == 5 and known not in triage  # the office sees those awaiting triage, not HR's
    assert set(incidents_handled_by(w["cora"].actor)) == triage
    assert set(incidents_visible_to(w["hana"].actor)) == {known}  # HR sees none awaiting triage
    entry = Entry.objects.filter(action="incidents.incident.report", object_id=erased.ref).get()
    assert entry.payload["person"] is None and entry.payload["triage"] == "communications-office"
    assert entry.payload["named"] == w["erin"].person.ref and entry.payload["routed_to"] == []
    with pytest.raises(GovernanceError) as refused:
        _report(w, "   ")
    assert refused.value.code == "PG647"


def test_the_office_attaches_the_person_and_the_report_goes_to_their_hr(db: str) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.auditlog.selectors import verify_log
    from postguard.server.incidents import services
    from postguard.server.incidents.selectors import incidents_visible_to
    from postguard.server.registry import services as registry

    w = _world()
    incident = _report(w, "Pat P.")
    services.incident_note(actor=w["cora"].actor, incident=incident, text="Asked Rita which Pat she means.")
    with pytest.raises(GovernanceError) as refused:  # no access is withdrawn from nobody
        services.incident_withdraw_access(actor=w["cora"].actor, incident=incident, domains=["x.com"], ends=soon())
    assert refused.value.code == "PG667"
    for outsider in (w["hana"], w["rita"], w["pat"]):  # only the office (and administrators) attach
        with pytest.raises(AccessDenied):
            services.incident_attach(actor=outsider.actor, incident=incident, person=w["pat"].person)
    with pytest.raises(GovernanceError):  # never someone erased
        services.incident_attach(actor=w["cora"].actor, incident=incident, person=w["erin"].person)
    services.incident_attach(actor=w["cora"].actor, incident=incident, person=w["pat"].person)
    incident.refresh_from_db()
    assert incident.person == w["pat"].person and incident.department == w["physics"]
    assert list(incident.routed_to.all()) == [w["hana"].person] and incident.named == "Pat P."
    assert incident in set(incidents_visible_to(w["hana"].actor))
    assert incident not in set(incidents_visible_to(w["cora"].actor))  # out of triage
    with pytest.raises(AccessDenied):  # attached: no longer the office's to change
        services.incident_attach(actor=w["cora"].actor, incident=incident, person=w["hana"].person)
    admin = Actor("user:999", frozenset({Role.ADMINISTRATOR}), user_id=999)
    with pytest.raises(GovernanceError) as again:
        services.incident_attach(actor=admin, incident=incident, person=w["hana"].person)
    assert again.value.code == "PG666"
    entry = Entry.objects.get(action="incidents.incident.attach")
    assert entry.object_id == incident.ref and entry.actor == w["cora"].actor.label
    assert entry.payload["person"] == w["pat"].person.ref and entry.payload["routed_to"] == [w["hana"].person.ref]
    assert entry.payload["log_fields_marked"] == 3  # the report's summary and name, the office's note
    # what the log holds of the report is now Pat's: erasing Pat erases it, and the chain still verifies
    registry.person_erase(actor=DPO, person=w["pat"].person)
    report = Entry.objects.get(action="incidents.incident.report", object_id=incident.ref)
    note = Entry.objects.get(action="incidents.incident.note", object_id=incident.ref)
    assert {"summary", "named"} <= set(report.redacted) and "summary" not in report.payload
    assert "note" in note.redacted and "Asked Rita" not in str(note.payload)
    result = verify_log()
    assert result.ok, result.describe()


def test_a_report_about_someone_no_hr_business_partner_takes_is_the_offices_until_one_is_named(db: str) -> None:
    from postguard.server.incidents import services
    from postguard.server.incidents.selectors import incident_actions, incidents_handled_by, incidents_visible_to
    from postguard.server.registry import services as registry

    w = _world()
    lee = w["lee"].person
    incident = _report(w, "lee@chem.example.org")
    assert incident.person == lee and incident.department == w["chemistry"] and not incident.awaiting_triage
    assert list(incident.routed_to.all()) == []
    assert incident in set(incidents_visible_to(w["cora"].actor)) and incident in set(
        incidents_handled_by(w["cora"].actor)
    )
    assert incident not in set(incidents_visible_to(w["hana"].actor))  # another division's partner: no
    note = services.incident_note(actor=w["cora"].actor, incident=incident, text="Asked chemistry who covers HR.")
    assert list(incident_actions(w["cora"].actor, incident)) == [note]
    with pytest.raises(AccessDenied) as refused:  # withdrawing access stays HR's
        services.incident_withdraw_access(actor=w["cora"].actor, incident=incident, domains=["x.com"], ends=soon())
    assert refused.value.code == "PG601"
    for outsider in (w["hana"], w["pat"]):
        with pytest.raises(AccessDenied):
            services.incident_note(actor=outsider.actor, incident=incident, text="Mine?")

    # the office never sees a report about one of its own (Cora has no department: no partner either)
    cole = member("Cole Comms", Role.COMMUNICATIONS)
    about_cora = _report(w, w["cora"].person.ref)
    assert about_cora in set(incidents_handled_by(cole.actor))
    assert about_cora not in set(incidents_visible_to(w["cora"].actor))
    with pytest.raises(AccessDenied):
        services.incident_note(actor=w["cora"].actor, incident=about_cora, text="About me.")

    # nor one whose department's only partner is the reported person: nobody else can take it
    registry.hr_business_partners_set(actor=OFFICER, unit=w["chemistry"], people=[lee])
    assert incident in set(incidents_handled_by(w["cora"].actor))

    # a partner named for the division (the department's own being only Lee): still the office's, as the
    # division's partners take a department only when it has none; once the department's own is another,
    # it is theirs alone
    dana = member("Dana Division-HR", Role.HR_BUSINESS_PARTNER)
    registry.hr_business_partners_set(actor=OFFICER, unit=w["chemistry"].division, people=[dana.person])
    assert incident in set(incidents_handled_by(w["cora"].actor))
    registry.hr_business_partners_set(actor=OFFICER, unit=w["chemistry"], people=[])
    assert incident not in set(incidents_visible_to(w["cora"].actor))
    assert set(incidents_handled_by(dana.actor)) == {incident}
    with pytest.raises(AccessDenied):
        services.incident_close(actor=w["cora"].actor, incident=incident, outcome="Done.")
    services.incident_close(actor=dana.actor, incident=incident, outcome="Spoke to Lee.")
    assert [a.kind for a in incident_actions(dana.actor, incident)] == ["note", "close"]


def _client(user: Any) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    return client


def _seen_by_reporter(body: dict[str, Any]) -> dict[str, Any]:
    """The reporter's view of their report, less what differs between any two reports (their id, time
    and whom they named)."""
    return {k: v for k, v in body.items() if k not in {"id", "ref", "created_at", "named"}}


def test_the_api_answers_the_reporter_the_same_whoever_they_named(db: str) -> None:
    w = _world()
    rita = _client(w["rita"].user)
    answers = []
    names = (w["pat"].person.ref, "pat@physics.example.org", "Nick Nobody", "P-987654", w["erin"].person.ref)
    for named in (*names, w["lee"].person.ref, "lee@chem.example.org"):  # Lee: no HR Business Partner
        made = rita.post("/api/v1/incidents", {"person": named, "summary": "Mocked a visitor", "text": "Go home."})
        assert made.status_code == 201, made.content
        body = made.json()
        assert body["named"] == named and body["handled"] is False
        assert body["person_id"] is None and body["routed_to"] is None and body["department_id"] is None
        again = rita.get(f"/api/v1/incidents/{body['id']}").json()
        answers.append((_seen_by_reporter(body), _seen_by_reporter(again)))
    assert all(a == answers[0] for a in answers)
    listed = rita.get("/api/v1/incidents").json()["items"]
    assert len({str(sorted(_seen_by_reporter(i).items())) for i in listed}) == 1

    # the office sees those awaiting triage, and attaches the person (one it may see: PG675 otherwise)
    cora = _client(w["cora"].user)
    taken = cora.get("/api/v1/incidents").json()["items"]
    unpartnered = [i for i in taken if i["person_id"] is not None]  # Lee's: the office's while HR has nobody
    assert sorted(i["named"] for i in unpartnered) == sorted([w["lee"].person.ref, "lee@chem.example.org"])
    assert all(i["handled"] and not i["awaiting_triage"] and i["routed_to"] == [] for i in unpartnered)
    assert {i["department_id"] for i in unpartnered} == {w["chemistry"].pk}
    waiting = [i for i in taken if i not in unpartnered]
    assert sorted(i["named"] for i in waiting) == sorted(["Nick Nobody", "P-987654", w["erin"].person.ref])
    assert all(i["handled"] and i["awaiting_triage"] and i["person_id"] is None for i in waiting)
    nick = next(i for i in waiting if i["named"] == "Nick Nobody")
    missing = cora.post(f"/api/v1/incidents/{nick['id']}/attach", {"person_id": 987654}, "application/json")
    assert missing.status_code == 404 and missing.json()["code"] == "PG675"
    hana = _client(w["hana"].user)
    refused = hana.post(f"/api/v1/incidents/{nick['id']}/attach", {"person_id": w["pat"].person.pk}, "application/json")
    assert refused.status_code == 404 and refused.json()["code"] == "PG675"  # HR does not see it
    attached = cora.post(
        f"/api/v1/incidents/{nick['id']}/attach", {"person_id": w["pat"].person.pk}, "application/json"
    )
    assert attached.status_code == 200, attached.content
    seen = hana.get(f"/api/v1/incidents/{nick['id']}").json()
    assert seen["handled"] and seen["person_id"] == w["pat"].person.pk and seen["routed_to"] == [w["hana"].person.pk]
    assert not seen["awaiting_triage"] and seen["named"] == "Nick Nobody"
    assert _seen_by_reporter(rita.get(f"/api/v1/incidents/{nick['id']}").json()) == answers[0][1]


def _says(response: Any, text: str) -> bool:
    from html import escape

    return escape(text) in response.content.decode()


def test_the_web_form_tells_the_reporter_only_that_the_report_is_passed_on(db: str) -> None:
    from postguard.server.incidents.models import Incident

    w = _world()
    rita = _client(w["rita"].user)
    pages = []
    names = (w["pat"].person.ref, "Nick Nobody", "nick@elsewhere.example.org", w["erin"].person.ref)
    for named in (*names, "lee@chem.example.org"):
        form = {"person": named, "summary": "Mocked a visitor", "text": "Go home."}
        done = rita.post("/incidents/new/", form, follow=True)
        assert done.status_code == 200
        made = Incident.objects.order_by("-pk").first()
        assert made is not None and made.named == named
        assert _says(done, f"{made.ref} is reported; it has been passed on.")
        html = done.content.decode()
        assert "Hana" not in html and "Physics" not in html and "Pat Physicist" not in html
        assert "triage" not in html and "communications office" not in html and "Chemistry" not in html
        page = re.sub(r"IN-\d+|/incidents/\d+/|" + re.escape(named), "X", html)
        page = re.sub(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} \w+", "T", page)
        pages.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page))
    assert all(p == pages[0] for p in pages)
    listing = rita.get("/incidents/").content.decode()
    assert "Pat Physicist" not in listing and "Physics" not in listing and "Nick Nobody" in listing
    dashboard = rita.get("/dashboard/")
    assert dashboard.status_code == 200 and "Physics" not in dashboard.content.decode()

    # the office sees whom Lee's report is about, and that it is theirs until a partner is named; no withdrawal
    cora = _client(w["cora"].user)
    about_lee = cora.get(f"/incidents/{Incident.objects.get(named='lee@chem.example.org').pk}/").content.decode()
    assert "Lee Lab" in about_lee and "Add the note" in about_lee
    assert "the communications office, until an HR Business Partner is named" in about_lee
    assert "Attach the person" not in about_lee and "Withdraw access" not in about_lee

    # the office attaches the person on the incident's page; HR sees it from then on
    nick = Incident.objects.get(named="Nick Nobody")
    page = cora.get(f"/incidents/{nick.pk}/").content.decode()
    assert "Attach the person" in page and "Withdraw access" not in page
    unknown = cora.post(f"/incidents/{nick.pk}/act/", {"kind": "attach", "person": "nobody@example.org"}, follow=True)
    assert _says(unknown, "There is nobody with this id or email in the registry.")
    done = cora.post(f"/incidents/{nick.pk}/act/", {"kind": "attach", "person": "PAT@physics.example.org"}, follow=True)
    assert _says(done, f"{nick.ref} is about {w['pat'].person.ref}; it goes to their HR Business Partners now.")
    nick.refresh_from_db()
    assert nick.person == w["pat"].person
    hana = _client(w["hana"].user)
    assert "Pat Physicist" in hana.get(f"/incidents/{nick.pk}/").content.decode()
    assert cora.get(f"/incidents/{nick.pk}/").status_code == 404
    refused = hana.post(f"/incidents/{nick.pk}/act/", {"kind": "attach", "person": w["hana"].person.ref})
    assert refused.status_code == 404  # attaching is the office's, and only while it awaits triage
