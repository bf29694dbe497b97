"""Approvals of official accounts' posts: routing each finding to the role that can lift it, decisions by
someone other than the author (the service refuses a self-approval, and so does the database's
approvals_route_not_own_post constraint), versions, withdrawal, and lapsing at the scheduled time or when
the post changes (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import DECIDING_ROLES, PERMISSIONS, SYSTEM, Role, decide_permission

from .helpers import COMMS, official_account, organisation
from .people import member, soon

ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."
CHANGED = "We are delighted to announce that the Department of Physics has won a £3m grant for quantum sensing."


def test_every_code_is_routed_to_the_role_that_grants_the_record_lifting_it(databases: Any) -> None:
    from postguard.codes import CODES
    from postguard.server.approvals.routing import DEFAULT_ROLE, ROUTES, route_of, routes_for
    from postguard.server.registry.records import (
        AUTHORISATION_CODES,
        CONSENT_CODES,
        LICENCE_CODES,
        WRITTEN_PERMISSION_CODES,
    )
    from postguard.server.registry.services.records import AUTHORITIES

    assert set(ROUTES) == set(CODES)  # one table, every catalogue code in it
    assert set(ROUTES.values()) <= set(DECIDING_ROLES)
    granted_by: dict[str, str] = {}  # code -> the permission that grants a record lifting it
    for code in WRITTEN_PERMISSION_CODES:
        granted_by[code] = "grant written permissions"
    for kind, codes in AUTHORISATION_CODES.items():
        for code in codes:
            granted_by[code] = AUTHORITIES[kind][0]
    for code in CONSENT_CODES:
        granted_by[code] = "record consents"
    for code in LICENCE_CODES:
        granted_by[code] = "record licences"
    granted_by["SE002"] = "manage the registry"  # the account's security record
    for code, permission in granted_by.items():
        assert ROUTES[code] in PERMISSIONS[permission], f"{code} goes to {ROUTES[code]}, who cannot grant its record"
    assert {code: ROUTES[code] for code in ("AU001", "AU002", "AU004", "BR001", "DP004")} == dict.fromkeys(
        ("AU001", "AU002", "AU004", "BR001", "DP004"), Role.COMMUNICATIONS
    )
    assert (route_of("PH002"), route_of("PH005"), route_of("IP002")) == (
        Role.SAFEGUARDING_LEAD, Role.RESEARCH_AUTHORISER, Role.RESEARCH_AUTHORISER,
    )  # fmt: skip
    assert route_of("DP001") == route_of("PH001") == Role.REGISTRY_OFFICER and route_of("LPHY-001") == DEFAULT_ROLE
    assert routes_for(["AU001", "PH002", "AU002", "AU001"]) == {
        Role.COMMUNICATIONS: ["AU001", "AU002"], Role.SAFEGUARDING_LEAD: ["PH002"],
    }  # fmt: skip
    assert routes_for([]) == {Role.COMMUNICATIONS: []}  # nothing left to decide: the office still approves
    for role in DECIDING_ROLES:
        assert PERMISSIONS[decide_permission(role)] == {role}


def _world(registry_engine: Any) -> dict[str, Any]:
    from postguard.server.checks.services import run_check
    from postguard.server.registry import services

    org = organisation()
    author = member("Ada Author", department=org["physics"])
    account = official_account(org, owners=[author.person])
    services.account_set_admins(actor=SYSTEM, account=account, admins=[org["ada"], org["alan"], author.person])
    comms = member("Carol Comms", Role.COMMUNICATIONS)
    comms_author = member("Cora Comms", Role.COMMUNICATIONS, department=org["physics"])
    services.account_set_admins(
        actor=SYSTEM, account=account, admins=[org["ada"], org["alan"], author.person, comms_author.person]
    )
    when = soon()

    def check(text: str = ANNOUNCEMENT, by: Any = author, at: dt.datetime | None = when) -> Any:
        return run_check(actor=by.actor, text=text, account=account, scheduled_at=at, engine=registry_engine)

    return {**org, "author": author, "comms": comms, "comms_author": comms_author, "account": account,
            "check": check, "when": when}  # fmt: skip


def _actions() -> list[str]:
    from postguard.server.auditlog.models import Entry

    return [a for a in Entry.objects.order_by("seq").values_list("action", flat=True) if a.startswith("approvals.")]


@pytest.mark.slow
def test_a_post_is_routed_decided_by_another_and_approved(db: str, registry_engine: Any) -> None:
    from postguard.server.approvals import selectors, services
    from postguard.server.approvals.models import Route, State
    from postguard.server.auditlog.selectors import verify_log

    w = _world(registry_engine)
    approval = services.approval_draft(actor=w["author"].actor, check=w["check"]())
    assert approval.state == State.DRAFT and approval.ref == f"AP-{approval.pk}"
    with pytest.raises(GovernanceError) as early:
        services.approval_decide(actor=w["comms"].actor, approval=approval, role="communications-office",
                                 decision="approved")  # fmt: skip
    assert early.value.code == "PG649"
    services.approval_submit(actor=w["author"].actor, approval=approval)
    (route,) = Route.objects.filter(version__approval=approval)
    assert route.role == "communications-office" and route.codes == ["AU001"] and route.findings[0]["code"] == "AU001"
    assert [r.pk for r in selectors.awaiting_decision(w["comms"].actor)] == [route.pk]
    assert list(selectors.awaiting_decision(w["author"].actor)) == []
    # the author cannot approve their own post, even holding the role the post is routed to
    own = services.approval_draft(actor=w["comms_author"].actor, check=w["check"](by=w["comms_author"]))
    services.approval_submit(actor=w["comms_author"].actor, approval=own)
    with pytest.raises(GovernanceError) as refused:
        services.approval_decide(actor=w["comms_author"].actor, approval=own, role="communications-office",
                                 decision="approved")  # fmt: skip
    assert refused.value.code == "PG640"
    assert [r.version.approval_id for r in selectors.awaiting_decision(w["comms_author"].actor)] == [approval.pk]
    with pytest.raises(AccessDenied):  # a role the post is not routed to, held by nobody here
        services.approval_decide(actor=w["author"].actor, approval=approval, role="safeguarding-lead",
                                 decision="approved")  # fmt: skip
    with pytest.raises(GovernanceError) as bare:
        services.approval_decide(actor=w["comms"].actor, approval=approval, role="communications-office",
                                 decision="rejected")  # fmt: skip
    assert bare.value.code == "PG651"  # a rejection says what to change
    services.approval_decide(actor=w["comms"].actor, approval=approval, role="communications-office",
                             decision="approved", comment="Fine to go.")  # fmt: skip
    approval.refresh_from_db()
    assert approval.state == State.APPROVED and approval.current().state == State.APPROVED
    route.refresh_from_db()
    assert route.decided_by == w["comms"].user and route.comment == "Fine to go."
    assert _actions() == ["approvals.approval.draft", "approvals.approval.submit", "approvals.approval.draft",
                          "approvals.approval.submit", "approvals.approval.decide"]  # fmt: skip
    assert verify_log().ok
    assert services.approval_confirm(
        actor=w["author"].actor, approval=approval, content_hash=route.version.content_hash
    )


@pytest.mark.slow
def test_the_database_refuses_a_self_approval_too(db: str, registry_engine: Any) -> None:
    from django.db import IntegrityError, transaction

    from postguard.server.approvals import services
    from postguard.server.approvals.models import Route

    w = _world(registry_engine)
    approval = services.approval_draft(actor=w["author"].actor, check=w["check"]())
    services.approval_submit(actor=w["author"].actor, approval=approval)
    route = Route.objects.get(version__approval=approval)
    with pytest.raises(IntegrityError), transaction.atomic():  # behind the service's back
        Route.objects.filter(pk=route.pk).update(decision="approved", decided_by=w["author"].user)
    with pytest.raises(IntegrityError), transaction.atomic():  # a decision names who decided
        Route.objects.filter(pk=route.pk).update(decision="approved")
    Route.objects.filter(pk=route.pk).update(decision="approved", decided_by=w["comms"].user)  # another may


@pytest.mark.slow
def test_a_rejected_post_is_resubmitted_as_a_new_version(db: str, registry_engine: Any) -> None:
    from postguard.server.approvals import services
    from postguard.server.approvals.models import State

    w = _world(registry_engine)
    approval = services.approval_draft(actor=w["author"].actor, check=w["check"]())
    services.approval_submit(actor=w["author"].actor, approval=approval)
    services.approval_decide(actor=w["comms"].actor, approval=approval, role="communications-office",
                             decision="rejected", comment="Name the funder.")  # fmt: skip
    approval.refresh_from_db()
    assert approval.state == State.REJECTED
    services.approval_resubmit(actor=w["author"].actor, approval=approval, check=w["check"](CHANGED))
    approval.refresh_from_db()
    first, second = approval.versions.order_by("number")
    assert (first.state, second.state, approval.state) == (State.REJECTED, State.SUBMITTED, State.SUBMITTED)
    assert second.number == 2 and second.content_hash != first.content_hash
    other = member("Olly Other", department=w["physics"])
    with pytest.raises(AccessDenied):  # only the author resubmits or withdraws their post
        services.approval_withdraw(actor=other.actor, approval=approval)
    services.approval_withdraw(actor=w["author"].actor, approval=approval, reason="Plans changed.")
    approval.refresh_from_db()
    assert approval.state == State.WITHDRAWN
    with pytest.raises(GovernanceError) as again:
        services.approval_withdraw(actor=w["author"].actor, approval=approval)
    assert again.value.code == "PG649"


@pytest.mark.slow
def test_an_approval_lapses_when_the_post_changes(db: str, registry_engine: Any) -> None:
    from postguard.server.approvals import services
    from postguard.server.approvals.models import State

    w = _world(registry_engine)

    def approved() -> Any:
        approval = services.approval_draft(actor=w["author"].actor, check=w["check"]())
        services.approval_submit(actor=w["author"].actor, approval=approval)
        services.approval_decide(actor=w["comms"].actor, approval=approval, role="communications-office",
                                 decision="approved")  # fmt: skip
        approval.refresh_from_db()
        return approval

    approval = approved()
    changed = w["check"](CHANGED)
    assert not services.approval_confirm(actor=w["author"].actor, approval=approval, content_hash=changed.content_hash)
    approval.refresh_from_db()
    version = approval.current()
    assert approval.state == State.LAPSED and version.reason == "the post changed after it was submitted"
    # a resubmission of a changed post lapses the approved version it replaces
    approval = approved()
    services.approval_resubmit(actor=w["author"].actor, approval=approval, check=changed)
    first, second = approval.versions.order_by("number")
    assert (first.state, first.reason) == (State.LAPSED, "the post changed after it was submitted")
    assert second.state == State.SUBMITTED and second.post_check == changed
    # the communications office withdraws an approval it gave; a colleague may not
    approval = approved()
    services.approval_withdraw(actor=w["comms"].actor, approval=approval, reason="Embargo moved.")
    approval.refresh_from_db()
    assert approval.state == State.WITHDRAWN


@pytest.mark.slow
def test_an_approval_lapses_at_the_scheduled_time(db: str, registry_engine: Any, cli_env: dict[str, str]) -> None:
    import subprocess
    import sys

    from django.utils import timezone

    from postguard.server.approvals import services
    from postguard.server.approvals.models import Approval, State, Version
    from postguard.server.auditlog.selectors import verify_log

    w = _world(registry_engine)
    approvals = []
    for _ in range(2):
        approval = services.approval_draft(actor=w["author"].actor, check=w["check"]())
        services.approval_submit(actor=w["author"].actor, approval=approval)
        approvals.append(approval)
    services.approval_decide(actor=w["comms"].actor, approval=approvals[0], role="communications-office",
                             decision="approved")  # fmt: skip
    unscheduled = services.approval_draft(actor=w["author"].actor, check=w["check"](at=None))
    services.approval_submit(actor=w["author"].actor, approval=unscheduled)
    with pytest.raises(AccessDenied):
        services.lapse(actor=w["author"].actor)
    at = (w["when"] + dt.timedelta(minutes=1)).isoformat()

    def lapse_cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "postguard", "approvals", "lapse", *args],
                              capture_output=True, text=True, env=cli_env, timeout=120)  # fmt: skip

    # issue 27: a future time lapses nothing that is still valid; --dry-run previews it
    with pytest.raises(GovernanceError) as future:
        services.lapse(actor=COMMS, now=w["when"])
    assert future.value.code == "PG665"
    refused = lapse_cli("--at", at)
    assert refused.returncode == 2 and "error [PG665]" in refused.stderr, refused.stderr
    preview = lapse_cli("--dry-run", "--at", at)
    assert preview.returncode == 0, preview.stderr
    assert preview.stdout.strip() == (
        f"postguard: 2 approvals would lapse (dry run: nothing changed): {approvals[0].ref}, {approvals[1].ref}"
    )
    assert services.lapse(actor=COMMS, dry_run=True, now=w["when"]) == []  # at the scheduled time it stands
    assert set(Approval.objects.filter(pk__in=[a.pk for a in approvals]).values_list("state", flat=True)) == {
        State.APPROVED, State.SUBMITTED
    }  # fmt: skip
    # time passes (the scheduled time is moved into the past), and the lapse of now finds them due
    Version.objects.filter(approval__in=approvals).update(scheduled_at=timezone.now() - dt.timedelta(minutes=1))
    cli = lapse_cli()
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.strip() == f"postguard: 2 approvals lapsed: {approvals[0].ref}, {approvals[1].ref}"
    for approval in approvals:
        approval.refresh_from_db()
        assert approval.state == State.LAPSED and approval.current().reason == "its scheduled time passed"
    unscheduled.refresh_from_db()
    assert unscheduled.state == State.SUBMITTED
    with pytest.raises(GovernanceError) as late:  # a post whose time has passed cannot be decided
        services.approval_resubmit(actor=w["author"].actor, approval=approvals[0], check=w["check"](
            at=w["when"] - dt.timedelta(days=5)))  # fmt: skip
    assert late.value.code == "PG652"
    assert verify_log().ok


@pytest.mark.slow
def test_only_official_accounts_posts_go_for_approval_and_only_by_their_author(db: str, registry_engine: Any) -> None:
    from postguard.server.approvals import selectors, services
    from postguard.server.checks.services import run_check

    w = _world(registry_engine)
    personal = run_check(actor=w["author"].actor, text="My own news.", engine=registry_engine)
    with pytest.raises(GovernanceError) as not_official:
        services.approval_draft(actor=w["author"].actor, check=personal)
    assert not_official.value.code == "PG648"
    check = w["check"]()
    with pytest.raises(AccessDenied):
        services.approval_draft(actor=w["comms"].actor, check=check)  # another's check
    approval = services.approval_draft(actor=w["author"].actor, check=check)
    with pytest.raises(AccessDenied):
        services.approval_submit(actor=w["comms"].actor, approval=approval)
    other = member("Olly Other")
    assert selectors.approval_by_ref(w["author"].actor, approval.ref) == approval
    assert selectors.approval_by_ref(other.actor, approval.ref) is None
    assert selectors.approval_by_ref(w["comms"].actor, approval.ref) is None  # not routed until submitted
    services.approval_submit(actor=w["author"].actor, approval=approval)
    assert selectors.approval_by_ref(w["comms"].actor, approval.ref) == approval


@pytest.mark.slow
def test_a_changed_check_records_its_origin_and_goes_on_as_the_live_approvals_next_version(
    db: str, registry_engine: Any
) -> None:
    from postguard.server.approvals import selectors, services
    from postguard.server.approvals.models import State
    from postguard.server.auditlog.models import Entry
    from postguard.server.checks.services import run_check

    w = _world(registry_engine)
    author = w["author"].actor
    first = w["check"]()
    approval = services.approval_submit(actor=author, approval=services.approval_draft(actor=author, check=first))

    def change(of: Any, by: Any = author, text: str = CHANGED) -> Any:
        return run_check(actor=by, text=text, account=w["account"], scheduled_at=w["when"], changed_from=of,
                         engine=registry_engine)  # fmt: skip

    second = change(first)
    assert second.changed_from == first and list(first.changes.all()) == [second]
    entry = Entry.objects.filter(action="checks.check.run").order_by("-seq").first()
    assert entry is not None and entry.payload["changed_from"] == first.ref
    with pytest.raises(AccessDenied) as another:  # only a check's author makes a check from it
        change(first, by=w["comms_author"].actor)
    assert another.value.code == "PG601"
    # the approval of the check it was changed from, and of the one before that, is offered to its author only
    third = change(second, text=CHANGED + " Come and see.")
    assert selectors.live_approval_changed(author, second) == approval
    assert selectors.live_approval_changed(author, third) == approval
    assert selectors.live_approval_changed(w["comms"].actor, second) is None
    assert selectors.live_approval_changed(author, first) is None  # changed from nothing
    # resubmitted as the next version: the first version lapses as "the post changed"
    services.approval_resubmit(actor=author, approval=approval, check=second)
    approval.refresh_from_db()
    assert [v.post_check_id for v in approval.versions.order_by("number")] == [first.pk, second.pk]
    assert approval.versions.get(number=1).state == State.LAPSED
    assert selectors.live_approval_changed(author, third) == approval  # now through the second check
    services.approval_withdraw(actor=author, approval=approval)
    assert selectors.live_approval_changed(author, third) is None  # withdrawn: nothing live to go on
    # a check changed from another that was never submitted offers nothing
    assert selectors.live_approval_changed(author, change(w["check"]())) is None


@pytest.mark.slow
def test_a_fix_made_on_the_web_records_the_check_it_was_made_from(
    db: str, registry_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postguard.server.checks import services
    from postguard.server.web.checking import apply_safe_fixes

    monkeypatch.setattr(services, "checking_engine", lambda: registry_engine)  # the session's loaded engine
    author = member("Fay Fixer")
    found = services.run_check(actor=author.actor, text="Guest wifi password is Quad2026!", engine=registry_engine)
    fixed = apply_safe_fixes(author.actor, found).check
    assert fixed.changed_from_id == found.pk and "Quad2026!" not in fixed.text
    assert apply_safe_fixes(author.actor, found).check.changed_from_id == found.pk  # a second fix: a sibling
