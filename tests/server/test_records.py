"""The registry as the library's RecordSource: records come back as postguard Records covering the codes
they lift, and the engine lifts a finding by a valid one only (on SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from postguard.engine import Engine
from postguard.records import RecordSource, candidates
from postguard.records.lifting import Lifter
from postguard.types import AccountKind, Post

from .helpers import COMMS, OFFICER, PHOTO, RESEARCH, TODAY, official_account, organisation

ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."


def _source(**kwargs: Any) -> RecordSource:
    from postguard.server.registry.records import RegistryRecords

    return RegistryRecords(today=TODAY, **kwargs)


def _lift(post: Post, source: RecordSource, code: str, kinds: tuple[str, ...], photos: tuple[str, ...] = ()) -> Any:
    lifter = Lifter(candidates(post, source, photos), TODAY, {"written-permission": "communications-office"})
    return lifter.lift(code, kinds, one_per_finding=False)


def test_each_kind_of_record_covers_the_codes_it_lifts(db: str) -> None:
    from postguard.server.registry import services

    org = organisation()
    account = official_account(org)
    services.account_set_standing_permissions(actor=COMMS, account=account, codes=["AU001"])
    consent = services.consent_record(actor=OFFICER, subject=org["ada"], given=TODAY, photos=[PHOTO], channels=["x"])
    permission = services.written_permission_grant(
        actor=COMMS, kind="campaign", scope=["BR001"], granted_by=org["grace"], given=TODAY,
        expires=TODAY + dt.timedelta(days=30), account=account,
    )  # fmt: skip
    research = services.authorisation_grant(
        actor=RESEARCH, kind="research-photos", basis="head-of-department", authorised_by=org["alan"],
        given=TODAY, photos=[PHOTO], account=account,
    )  # fmt: skip
    licence = services.licence_record(
        actor=OFFICER, work="Photo of the Radcliffe Camera", licensor="Example Images", terms="CC BY 4.0",
        given=TODAY, photos=[PHOTO],
    )  # fmt: skip
    source = _source(platform="x")
    record = source.by_id(consent.ref)
    assert record is not None and record.kind == "consent" and record.covers == ("DP001", "DP003", "PH001")
    assert record.subject == org["ada"].ref and record.photos == (PHOTO,) and not record.revoked
    wp = source.by_id(permission.ref)
    assert wp is not None and wp.covers == ("AU002", "BR001") and wp.expires == TODAY + dt.timedelta(days=30)
    assert wp.account == account.ref
    az = source.by_id(research.ref)
    assert az is not None and az.kind == "authorisation" and az.covers == ("PH005", "IP002")
    lic = source.by_id(licence.ref)
    assert lic is not None and lic.kind == "licence" and lic.covers == ("IP001",)
    assert [r.id for r in source.of_person(org["ada"].ref)] == [consent.ref]
    # a written permission of the account is not among its uncited records: only a post citing it lifts
    assert [r.id for r in source.of_account(account.ref)] == [f"SP-{account.pk}", research.ref]
    assert [r.id for r in source.of_account("x:@OxPhysics")] == [f"SP-{account.pk}", research.ref]
    assert [r.id for r in source.of_photo(PHOTO)] == [consent.ref, research.ref, licence.ref]
    # a consent given for X only is not one for LinkedIn; unknown ids and accounts are simply absent
    assert _source(platform="linkedin").by_id(consent.ref) is None
    assert source.by_id("C-999") is None and source.by_id("nonsense") is None and source.of_account("A-999") == []
    # records given after the day asked about are not yet in force
    assert not list(_source_on(TODAY - dt.timedelta(days=1)).of_person(org["ada"].ref))


def _source_on(day: dt.date) -> RecordSource:
    from postguard.server.registry.records import RegistryRecords

    return RegistryRecords(today=day)


def test_a_standing_permission_lifts_an_official_accounts_announcement(db: str) -> None:
    from postguard.server.registry import services

    account = official_account(organisation())
    post = Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, account_id=account.ref)
    assert _lift(post, _source(), "AU001", ("written-permission",)).lifted_by is None
    services.account_set_standing_permissions(actor=COMMS, account=account, codes=["AU001"])
    assert _lift(post, _source(), "AU001", ("written-permission",)).lifted_by == f"SP-{account.pk}"
    assert _lift(post, _source(), "AU002", ("written-permission",)).lifted_by is None  # a campaign is not covered


def test_a_written_permission_of_the_account_lifts_only_the_posts_that_cite_it(db: str) -> None:
    """Issue 27: a written permission tied to an account is not a standing permission."""
    from postguard.server.registry import services

    org = organisation()
    account = official_account(org)
    permission = services.written_permission_grant(
        actor=COMMS, kind="announcement", granted_by=org["grace"], given=TODAY, account=account,
    )  # fmt: skip
    uncited = Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, account_id=account.ref)
    assert _lift(uncited, _source(), "AU001", ("written-permission",)).lifted_by is None
    cited = Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, account_id=account.ref,
                 records=(_source().by_id(permission.ref),))  # fmt: skip
    assert _lift(cited, _source(), "AU001", ("written-permission",)).lifted_by == permission.ref


def test_a_revoked_or_expired_written_permission_lifts_nothing(db: str) -> None:
    from postguard.server.registry import services

    org = organisation()
    account = official_account(org)
    permission = services.written_permission_grant(
        actor=COMMS, kind="announcement", granted_by=org["grace"], given=TODAY - dt.timedelta(days=60),
        expires=TODAY + dt.timedelta(days=1),
    )  # fmt: skip
    cited = Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, account_id=account.ref,
                 records=(_source().by_id(permission.ref),))  # fmt: skip
    assert _lift(cited, _source(), "AU001", ("written-permission",)).lifted_by == permission.ref
    later = Lifter(candidates(cited, _source(), ()), TODAY + dt.timedelta(days=2), {})
    assert later.lift("AU001", ("written-permission",), one_per_finding=False).lifted_by is None  # expired
    services.record_revoke(actor=COMMS, record=permission)
    lifting = _lift(cited, _source(), "AU001", ("written-permission",))
    assert lifting.lifted_by is None and lifting.route == "communications-office"


def test_a_consent_to_a_photo_lifts_until_the_person_is_erased(db: str) -> None:
    from postguard.server.registry import services

    from .helpers import DPO

    org = organisation()
    consent = services.consent_record(actor=OFFICER, subject=org["ada"], given=TODAY, photos=[PHOTO])
    post = Post("At the open day", photos=("open-day.jpg",))
    assert _lift(post, _source(), "PH001", ("consent",), (PHOTO,)).lifted_by == consent.ref
    services.person_erase(actor=DPO, person=org["ada"])
    assert _lift(post, _source(), "PH001", ("consent",), (PHOTO,)).lifted_by is None


@pytest.mark.slow
def test_the_engine_lifts_by_the_registry(db: str, engine: Engine) -> None:
    from postguard.server.registry import services
    from postguard.server.registry.records import RegistryRecords

    org = organisation()
    physics = official_account(org)
    chemistry = official_account(org, handle="@oxchemistry")
    services.account_set_standing_permissions(actor=COMMS, account=physics, codes=["AU001"])
    registry = Engine(
        engine.pack, analyzers=engine.registry, records=lambda post: RegistryRecords(platform=post.platform)
    )
    post = Post(ANNOUNCEMENT, account=AccountKind.OFFICIAL, account_id=physics.ref)
    (finding,) = registry.check(post).findings
    assert finding.code == "AU001" and finding.lifted_by == f"SP-{physics.pk}"
    other = dataclasses.replace(post, account_id=chemistry.ref)
    (unlifted,) = registry.check(other).findings
    assert unlifted.lifted_by is None and unlifted.route == "communications-office"
    permission = services.written_permission_grant(
        actor=COMMS, kind="announcement", granted_by=org["grace"], given=dt.date(2020, 1, 1), account=chemistry
    )
    (uncited,) = registry.check(other).findings
    assert uncited.lifted_by is None  # a written permission lifts only a post that cites it
    citing = dataclasses.replace(other, records=(RegistryRecords().by_id(permission.ref),))
    (lifted,) = registry.check(citing).findings
    assert lifted.lifted_by == permission.ref
    services.record_revoke(actor=COMMS, record=permission)
    (revoked,) = registry.check(citing).findings
    assert revoked.lifted_by is None
    expired = services.written_permission_grant(
        actor=COMMS, kind="announcement", granted_by=org["grace"], given=dt.date(2020, 1, 1),
        expires=dt.date(2021, 1, 1), account=chemistry,
    )  # fmt: skip
    (still,) = registry.check(dataclasses.replace(other, records=(RegistryRecords().by_id(expired.ref),))).findings
    assert still.lifted_by is None


def test_the_registry_tells_the_engine_an_accounts_security_gaps(db: str, engine: Engine) -> None:
    from postguard.server.registry import services
    from postguard.server.registry.records import RegistryRecords

    org = organisation()
    sound = official_account(org)
    lax = services.account_create(actor=OFFICER, platform="x", handle="@ada", kind="professional", two_factor=False)
    source = RegistryRecords(today=TODAY)
    assert source.security_gaps(sound.ref) == [] and source.security_gaps("A-999") == []
    assert source.security_gaps("x:@ADA") == [
        "two-factor authentication is off", "it has no recovery contact", "it has never been reviewed",
    ]  # fmt: skip
    registry = Engine(engine.pack, analyzers=engine.registry, records=lambda post: RegistryRecords(today=TODAY))
    text = "Reading group this Thursday, all welcome."
    findings = registry.check(Post(text, account=AccountKind.PROFESSIONAL, account_id=lax.ref)).findings
    gaps = [f for f in findings if f.code == "SE002"]
    assert [f.message for f in gaps][0] == f"account {lax.ref}: two-factor authentication is off; change its " + (
        "settings and record them in the registry"
    )
    assert len(gaps) == 3 and all(f.evidence.analyzer == "registry" and f.counts for f in gaps)
    assert not [f for f in registry.check(Post(text, account_id=sound.ref)).findings if f.code == "SE002"]
    services.account_update_security(
        actor=OFFICER, account=lax, two_factor=True, recovery_contact="it@example.org", reviewed_on=TODAY
    )
    assert not [f for f in registry.check(Post(text, account_id=lax.ref)).findings if f.code == "SE002"]
