"""The registry's services: each change checks permission, writes its audit entry in the same
transaction (a failure rolls both back), and keeps the registry's rules; selectors filter by actor."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import Actor, Role

from .helpers import (
    COMMS,
    DPO,
    NOBODY,
    OFFICER,
    OTHER_PHOTO,
    PHOTO,
    RESEARCH,
    SAFEGUARDING,
    TODAY,
    official_account,
    organisation,
)


def _entries() -> list[tuple[str, str]]:
    from postguard.server.auditlog.models import Entry

    return list(Entry.objects.order_by("seq").values_list("action", "object_id"))


def _head() -> tuple[int, str]:
    from postguard.server.auditlog.models import Head

    head = Head.objects.get(pk=1)
    return head.seq, head.hash


def test_every_change_leaves_its_entry(db: str) -> None:
    org = organisation()
    account = official_account(org)
    actions = [action for action, _ in _entries()]
    grace = ["auth.user.create", "auth.user.role.add", "registry.person.create"]  # her user, then her row
    people = ["registry.person.create"] * 2 + grace + ["registry.person.create"]
    assert actions == ["registry.division.create", "registry.department.create", *people, "registry.account.create"]
    assert _entries()[-1] == ("registry.account.create", account.ref)


def test_a_failure_after_the_entry_rolls_back_the_change_and_the_entry(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postguard.server.auditlog import services as audit
    from postguard.server.registry import services
    from postguard.server.registry.models import Division

    real = audit.append
    before = _head()

    def append_then_fail(**kwargs: Any) -> Any:
        real(**kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(audit, "append", append_then_fail)
    with pytest.raises(RuntimeError, match="disk full"):
        services.division_create(actor=OFFICER, code="hum", name="Humanities")
    assert not Division.objects.exists() and _entries() == [] and _head() == before


def test_a_failing_entry_rolls_back_the_change(db: str) -> None:
    from postguard.server.auditlog.models import Head
    from postguard.server.registry import services
    from postguard.server.registry.models import Division

    Head.objects.all().delete()  # a log with no head: the append fails
    with pytest.raises(Head.DoesNotExist):
        services.division_create(actor=OFFICER, code="hum", name="Humanities")
    assert not Division.objects.exists() and _entries() == []


def test_an_actor_without_the_role_changes_nothing(db: str) -> None:
    from postguard.server.registry import services
    from postguard.server.registry.models import Division

    with pytest.raises(AccessDenied) as exc:
        services.division_create(actor=NOBODY, code="hum", name="Humanities")
    assert exc.value.code == "PG601" and str(exc.value) == "user:9 may not manage the registry"
    assert not Division.objects.exists() and _entries() == []
    org = organisation()
    with pytest.raises(AccessDenied):  # a registry officer grants no written permission
        services.written_permission_grant(actor=OFFICER, kind="announcement", granted_by=org["ada"], given=TODAY)


def test_an_official_account_needs_two_staff_administrators(db: str) -> None:
    from postguard.server.registry import services
    from postguard.server.registry.models import Account

    org = organisation()
    with pytest.raises(GovernanceError) as exc:
        official_account(org, admins=[org["ada"], org["vera"]])  # a visitor does not count
    assert exc.value.code == "PG623" and "would have 1" in str(exc.value) and not Account.objects.exists()
    account = official_account(org)
    with pytest.raises(GovernanceError):
        services.account_set_admins(actor=OFFICER, account=account, admins=[org["ada"]])
    assert set(account.admins.all()) == {org["ada"], org["alan"]}
    services.account_set_admins(actor=OFFICER, account=account, admins=[org["ada"], org["grace"]])
    assert set(account.admins.all()) == {org["ada"], org["grace"]}
    personal = services.account_create(actor=OFFICER, platform="bluesky", handle="ada.bsky", kind="personal")
    assert personal.admins.count() == 0


def test_security_gaps_are_computed_from_the_registry(db: str) -> None:
    from postguard.server.registry import services
    from postguard.server.registry.selectors import account_security_gaps

    org = organisation()
    account = official_account(org)
    assert account_security_gaps(account, TODAY) == []
    services.person_set_kind(actor=OFFICER, person=org["alan"], kind="visitor")  # Alan leaves the staff
    services.account_update_security(actor=OFFICER, account=account, two_factor=False, recovery_contact="")
    account.refresh_from_db()
    assert account_security_gaps(account, TODAY + dt.timedelta(days=400)) == [
        "two-factor authentication is off",
        "it has 1 staff administrator; an official account needs two",
        "it has no recovery contact",
        f"its last review was on {(TODAY - dt.timedelta(days=30)).isoformat()}, over a year ago",
    ]
    never = services.account_create(actor=OFFICER, platform="x", handle="@ada", kind="professional", two_factor=True)
    assert account_security_gaps(never, TODAY) == ["it has no recovery contact", "it has never been reviewed"]


def test_standing_permissions_are_an_official_accounts_and_valid_codes(db: str) -> None:
    from postguard.server.registry import services

    org = organisation()
    account = official_account(org)
    with pytest.raises(AccessDenied):
        services.account_set_standing_permissions(actor=OFFICER, account=account, codes=["AU001"])
    services.account_set_standing_permissions(actor=COMMS, account=account, codes=["AU001", "BR001"])
    assert account.standing_permissions == ["AU001", "BR001"]
    for codes, code in ((["XX999"], "PG621"), (["DP004"], "PG622")):
        with pytest.raises(GovernanceError) as exc:
            services.account_set_standing_permissions(actor=COMMS, account=account, codes=codes)
        assert exc.value.code == code
    mine = services.account_create(actor=OFFICER, platform="x", handle="@ada", kind="personal")
    with pytest.raises(GovernanceError, match="only an official account"):
        services.account_set_standing_permissions(actor=COMMS, account=mine, codes=["AU001"])


def test_consents_keep_the_registrys_rules(db: str) -> None:
    from django.core.files.base import ContentFile

    from postguard.server.registry import services

    org = organisation()
    child = services.person_create(actor=OFFICER, name="Sam Pupil", kind="visitor", minor=True)
    with pytest.raises(GovernanceError) as minor:
        services.consent_record(actor=OFFICER, subject=child, given=TODAY)
    assert minor.value.code == "PG627"
    with pytest.raises(GovernanceError) as dates:
        services.consent_record(actor=OFFICER, subject=org["ada"], given=TODAY, expires=TODAY - dt.timedelta(days=1))
    assert dates.value.code == "PG625"
    with pytest.raises(GovernanceError) as photo:
        services.consent_record(actor=OFFICER, subject=org["ada"], given=TODAY, photos=["not-a-hash"])
    assert photo.value.code == "PG624"
    consent = services.consent_record(
        actor=OFFICER, subject=org["ada"], given=TODAY, photos=[PHOTO.upper()], channels=["x"],
        evidence=ContentFile(b"signed form", name="form.pdf"),
    )  # fmt: skip
    assert consent.photos == [PHOTO] and consent.evidence.name.startswith("evidence/consents/form")
    services.record_revoke(actor=OFFICER, record=consent, reason="withdrawn")
    with pytest.raises(GovernanceError) as twice:
        services.record_revoke(actor=OFFICER, record=consent)
    assert twice.value.code == "PG626"


def test_photos_of_children_need_every_partys_consent_and_the_nspcc_guidelines(db: str) -> None:
    from postguard.server.registry import services

    org = organisation()
    child = services.person_create(actor=OFFICER, name="Sam Pupil", kind="visitor", minor=True)
    consent = services.consent_record(actor=OFFICER, subject=child, guardian=org["vera"], given=TODAY, photos=[PHOTO])
    lead = org["grace"]
    common = {"kind": "photos-of-children", "basis": "safeguarding-lead", "authorised_by": lead, "given": TODAY}
    with pytest.raises(AccessDenied):
        services.authorisation_grant(actor=RESEARCH, photos=[PHOTO], consents=[consent], nspcc_followed=True, **common)
    with pytest.raises(GovernanceError) as none:
        services.authorisation_grant(actor=SAFEGUARDING, photos=[PHOTO], nspcc_followed=True, **common)
    assert none.value.code == "PG628"
    with pytest.raises(GovernanceError) as uncovered:
        services.authorisation_grant(
            actor=SAFEGUARDING, photos=[PHOTO, OTHER_PHOTO], consents=[consent], nspcc_followed=True, **common
        )
    assert consent.ref in str(uncovered.value)
    with pytest.raises(GovernanceError, match="NSPCC"):
        services.authorisation_grant(actor=SAFEGUARDING, photos=[PHOTO], consents=[consent], **common)
    granted = services.authorisation_grant(
        actor=SAFEGUARDING, photos=[PHOTO], consents=[consent], nspcc_followed=True, **common
    )
    assert list(granted.consents.all()) == [consent]


def test_research_photos_are_authorised_by_a_pi_hod_or_the_sponsor_terms(db: str) -> None:
    from postguard.server.registry import services

    org = organisation()
    with pytest.raises(GovernanceError, match="sponsor_terms"):
        services.authorisation_grant(actor=RESEARCH, kind="research-photos", basis="sponsor-terms", given=TODAY)
    with pytest.raises(GovernanceError, match="basis"):
        services.authorisation_grant(actor=RESEARCH, kind="research-photos", basis="safeguarding-lead", given=TODAY)
    pi = services.authorisation_grant(
        actor=RESEARCH, kind="research-photos", basis="principal-investigator", authorised_by=org["ada"], given=TODAY
    )
    assert pi.ref.startswith("AZ-")


def test_erasing_a_person_leaves_no_trace_of_them_and_the_log_verifies(db: str) -> None:
    from django.db import connection

    from postguard.server.auditlog.selectors import verify_log
    from postguard.server.registry import services

    org = organisation()
    ada = org["ada"]
    consent = services.consent_record(actor=OFFICER, subject=ada, given=TODAY)
    with pytest.raises(AccessDenied):
        services.person_erase(actor=OFFICER, person=ada)
    assert services.person_erase(actor=DPO, person=ada) == 2  # her name and email in person.create
    ada.refresh_from_db()
    consent.refresh_from_db()
    assert ada.name == "(erased)" and ada.email == "" and ada.erased_at is not None and consent.revoked_at is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload FROM auditlog_entry")
        stored = repr(cursor.fetchall())
    assert "Lovelace" not in stored and "ada@example.org" not in stored and "Turing" in stored
    assert verify_log().ok
    with pytest.raises(GovernanceError) as twice:
        services.person_erase(actor=DPO, person=ada)
    assert twice.value.code == "PG632"


def test_selectors_filter_by_who_is_asking(db: str) -> None:
    from postguard.server.registry import services
    from postguard.server.registry.selectors import (
        accounts_visible_to,
        consents_visible_to,
        people_visible_to,
    )

    org = organisation()
    other = services.department_create(actor=OFFICER, code="chem", name="Chemistry", division=org["division"])
    outsider = services.person_create(actor=OFFICER, name="Carl Chemist", kind="staff", department=other)
    hrbp = services.person_create(actor=OFFICER, name="Hana Partner", kind="staff")
    services.hr_business_partners_set(actor=OFFICER, unit=org["physics"], people=[hrbp])
    partner = Actor("user:20", frozenset({Role.HR_BUSINESS_PARTNER}), person_id=hrbp.pk)
    physics_people = {org[k].pk for k in ("ada", "alan", "grace", "vera")}
    assert set(people_visible_to(partner).values_list("pk", flat=True)) == physics_people | {hrbp.pk}
    assert outsider.pk not in set(people_visible_to(partner).values_list("pk", flat=True))
    services.hr_business_partners_set(actor=OFFICER, unit=org["division"], people=[hrbp])
    assert outsider.pk in set(people_visible_to(partner).values_list("pk", flat=True))
    account = official_account(org)
    alan = Actor("user:21", frozenset(), person_id=org["alan"].pk)
    carl = Actor("user:22", frozenset(), person_id=outsider.pk)
    assert list(accounts_visible_to(alan)) == [account] and list(accounts_visible_to(carl)) == []
    assert list(people_visible_to(alan)) == [org["alan"]] and list(people_visible_to(NOBODY)) == []
    consent = services.consent_record(actor=OFFICER, subject=org["alan"], given=TODAY)
    assert list(consents_visible_to(alan)) == [consent] and list(consents_visible_to(carl)) == []
    assert list(consents_visible_to(OFFICER)) == [consent]


def test_the_grantor_of_a_written_permission_is_oneself_or_of_the_communications_office(db: str) -> None:
    """Issue 27: "granted by" names the acting user's person, or a person holding the communications-office
    role; anyone else is refused (PG619)."""
    from django.contrib.auth.models import Group, User

    from postguard.server.access import Actor
    from postguard.server.registry import services

    from .helpers import COMMS

    org = organisation()
    with pytest.raises(GovernanceError) as refused:  # Ada is no member of the communications office
        services.written_permission_grant(actor=COMMS, kind="announcement", granted_by=org["ada"], given=TODAY)
    assert refused.value.code == "PG619"
    user = User.objects.create_user("alan", password=None)
    user.groups.add(Group.objects.get(name="communications-office"))
    org["alan"].user = user
    org["alan"].save(update_fields=["user"])
    own = Actor(f"user:{user.pk}", COMMS.roles, user_id=user.pk, person_id=org["alan"].pk)
    mine = services.written_permission_grant(actor=own, kind="announcement", granted_by=org["alan"], given=TODAY)
    theirs = services.written_permission_grant(actor=COMMS, kind="campaign", granted_by=org["grace"], given=TODAY)
    assert mine.granted_by == org["alan"] and theirs.granted_by == org["grace"]
    user.groups.clear()
    with pytest.raises(GovernanceError) as left:  # Alan left the office: only he may still name himself
        services.written_permission_grant(actor=COMMS, kind="announcement", granted_by=org["alan"], given=TODAY)
    assert left.value.code == "PG619"
    services.written_permission_grant(actor=own, kind="announcement", granted_by=org["alan"], given=TODAY)


def test_the_web_forms_grantors_are_exactly_those_the_service_accepts(db: str) -> None:
    """The written-permission form offers as "granted by" exactly the people the service accepts: the acting
    user's own person and those of the communications office (not erased, their user active)."""
    from django.contrib.auth.models import Group, User
    from django.db import transaction

    from postguard.server.access import Actor
    from postguard.server.registry import services
    from postguard.server.registry.models import Person
    from postguard.server.web.forms import WrittenPermissionForm

    org = organisation()  # Grace is of the communications office; Ada, Alan and Vera are not
    office = Group.objects.get(name="communications-office")
    user = User.objects.create_user("alan", password=None)
    user.groups.add(office)
    org["alan"].user = user
    org["alan"].save(update_fields=["user"])
    alan = Actor(f"user:{user.pk}", COMMS.roles, user_id=user.pk, person_id=org["alan"].pk)
    left = User.objects.create_user("vera", password=None, is_active=False)  # Vera's user is deactivated
    left.groups.add(office)
    org["vera"].user = left
    org["vera"].save(update_fields=["user"])
    gone = User.objects.create_user("olive", password=None)
    gone.groups.add(office)
    olive = services.person_create(actor=OFFICER, name="Olive Office", kind="staff", user=gone)
    services.person_erase(actor=DPO, person=olive)  # erased: no longer anyone's grantor
    # Ada acts for the office with a user not (yet) in its group: she may name herself too
    ada = Actor("user:990", COMMS.roles, user_id=990, person_id=org["ada"].pk)
    office_people = {org["grace"], org["alan"]}
    for actor, expected in ((COMMS, office_people), (alan, office_people), (ada, office_people | {org["ada"]})):
        offered = set(WrittenPermissionForm(actor=actor).fields["granted_by"].queryset)
        assert offered == expected
        accepted = set()
        for person in Person.objects.all():
            with transaction.atomic():
                try:
                    services.written_permission_grant(actor=actor, kind="campaign", granted_by=person, given=TODAY)
                    accepted.add(person)
                except GovernanceError as refused:
                    assert refused.code == "PG619"
                transaction.set_rollback(True)
        assert accepted == offered
