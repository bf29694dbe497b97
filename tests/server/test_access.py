"""Access withdrawals (G31, G53): domains normalised and validated, a person or a department for a period,
who may withdraw, and the export of those in force as a Squid ACL file or a plain domain list, written
the safe way (never over a file without --force, never through a symlink, atomically), on SQLite and
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import SYSTEM, Role

from .helpers import OFFICER
from .people import member, soon


@pytest.mark.parametrize(
    ("given", "normalised"),
    [
        ("facebook.com", "facebook.com"),
        ("  WWW.Facebook.COM. ", "www.facebook.com"),
        ("*.tiktok.com", "tiktok.com"),
        (".tiktok.com", "tiktok.com"),
        ("Bücher.example", "xn--bcher-kva.example"),
        ("ＢＵＣＨＥＲ.example", "bucher.example"),  # full-width letters mapped (UTS 46)
        ("xn--bcher-kva.example", "xn--bcher-kva.example"),
        ("例え.テスト", "xn--r8jz45g.xn--zckzah"),
    ],
)
def test_domains_are_idna_normalised(given: str, normalised: str) -> None:
    from postguard.server.incidents.domains import normalise_domain

    assert normalise_domain(given) == normalised


@pytest.mark.parametrize(
    "bad",
    [
        "", "https://facebook.com", "facebook.com/groups", "facebook.com:443", "user@facebook.com",
        "face book.com", "localhost", "192.168.1.1", "::1", "-bad.example", "bad-.example",
        "a" * 64 + ".example", ("a" * 60 + ".") * 5 + "com", "exa_mple.com", "example.123", "xn--zz.example",
        "face\nbook.com", "evil.com\nhttp_access allow all",
    ],
)  # fmt: skip
def test_what_is_not_a_domain_is_refused_with_its_reason(bad: str) -> None:
    from postguard.server.incidents.domains import normalise_domain

    with pytest.raises(GovernanceError) as refused:
        normalise_domain(bad)
    assert refused.value.code == "PG654" and "\n" not in refused.value.message


def test_a_refused_domain_is_echoed_escaped_once() -> None:
    """Issue 27: the newline shows as \\u000a, not as \\\\u000a (escaped, then escaped again by repr)."""
    from postguard.server.incidents.domains import normalise_domain

    with pytest.raises(GovernanceError) as refused:
        normalise_domain("evil.com\nhttp://x.com")
    assert refused.value.message.startswith("'evil.com\\u000ahttp://x.com' is not a site's domain")


def test_domains_are_deduplicated_and_subdomains_fold_into_their_parent() -> None:
    from postguard.server.incidents.domains import MAX_DOMAINS, normalise_domains, without_subdomains

    assert normalise_domains(["X.com", "x.com.", "*.x.com", "m.facebook.com"]) == ["m.facebook.com", "x.com"]
    assert without_subdomains(["m.facebook.com", "facebook.com", "notfacebook.com", "a.b.x.com", "b.x.com"]) == [
        "b.x.com", "facebook.com", "notfacebook.com",
    ]  # fmt: skip
    for values in ([], [f"site{i}.example" for i in range(MAX_DOMAINS + 1)]):
        with pytest.raises(GovernanceError):
            normalise_domains(values)


def _world() -> dict[str, Any]:
    from postguard.server.registry import services

    mpls = services.division_create(actor=OFFICER, code="mpls", name="MPLS")
    physics = services.department_create(actor=OFFICER, code="physics", name="Physics", division=mpls)
    history = services.department_create(actor=OFFICER, code="history", name="History", division=mpls)
    hr = member("Hana HR", Role.HR_BUSINESS_PARTNER)
    hr_history = member("Hugo HR", Role.HR_BUSINESS_PARTNER)
    services.hr_business_partners_set(actor=OFFICER, unit=physics, people=[hr.person])
    services.hr_business_partners_set(actor=OFFICER, unit=history, people=[hr_history.person])
    return {
        "physics": physics, "history": history, "hr": hr, "hr_history": hr_history,
        "pat": member("Pat Physicist", department=physics, email="Pat.Physicist@physics.example.org"),
        "paul": member("Paul Physicist", department=physics),
        "odd": member("Odd Name", department=physics, email="odd name@example.org"),
        "hal": member("Hal Historian", department=history),
        "proxy": member("Proxy Poller", Role.ACCESS_PROXY),
    }  # fmt: skip


def test_who_may_withdraw_access_for_whom_and_for_how_long(db: str) -> None:
    from django.db import IntegrityError, transaction

    from postguard.server.incidents.models import AccessWithdrawal
    from postguard.server.incidents.services import access_restore, access_withdraw

    w = _world()
    hr = w["hr"].actor
    until = soon(24 * 7)
    for actor in (w["pat"].actor, w["proxy"].actor, w["hr_history"].actor):  # staff, the proxy, another's HR
        with pytest.raises(AccessDenied):
            access_withdraw(actor=actor, person=w["pat"].person, domains=["x.com"], ends=until)
    with pytest.raises(AccessDenied):
        access_withdraw(actor=hr, department=w["history"], domains=["x.com"], ends=until)
    person = access_withdraw(actor=hr, person=w["pat"].person, domains=["x.com"], ends=until, reason="Misuse")
    group = access_withdraw(actor=hr, department=w["physics"], domains=["tiktok.com"], ends=until)
    assert (person.ref, person.target, group.target) == (f"AW-{person.pk}", w["pat"].person.ref, "department:physics")
    for kwargs, code in (
        ({"person": w["pat"].person, "department": w["physics"]}, "PG655"),
        ({}, "PG655"),
        ({"person": w["pat"].person, "ends": soon(-1)}, "PG656"),
        ({"person": w["pat"].person, "ends": soon(24 * 400)}, "PG656"),
        ({"person": w["pat"].person, "domains": ["https://x.com/"]}, "PG654"),
    ):
        with pytest.raises(GovernanceError) as refused:
            access_withdraw(actor=hr, **({"domains": ["x.com"], "ends": until} | kwargs))
        assert refused.value.code == code
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds one target too
        AccessWithdrawal.objects.filter(pk=person.pk).update(department=w["physics"])
    with pytest.raises(IntegrityError), transaction.atomic():  # and a period that ends after it starts
        AccessWithdrawal.objects.filter(pk=person.pk).update(ends=person.starts)
    access_restore(actor=hr, withdrawal=person, reason="Appeal upheld.")
    with pytest.raises(GovernanceError) as twice:
        access_restore(actor=hr, withdrawal=person)
    assert twice.value.code == "PG657"
    from postguard.server.incidents.selectors import withdrawals_visible_to

    assert set(withdrawals_visible_to(hr)) == {person, group}
    assert set(withdrawals_visible_to(w["hr_history"].actor)) == set()
    assert set(withdrawals_visible_to(w["pat"].actor)) == set()


def _withdrawals(w: dict[str, Any]) -> dict[str, Any]:
    from postguard.server.incidents.services import access_restore, access_withdraw

    hr = w["hr"].actor
    now = soon(0)
    out = {
        "pat": access_withdraw(actor=hr, person=w["pat"].person, domains=["facebook.com", "m.facebook.com", "x.com"],
                               ends=now + dt.timedelta(days=7)),
        "physics": access_withdraw(actor=hr, department=w["physics"], domains=["Bücher.example"],
                                   ends=now + dt.timedelta(days=3)),
        "later": access_withdraw(actor=hr, person=w["paul"].person, domains=["later.example"],
                                 starts=now + dt.timedelta(days=1), ends=now + dt.timedelta(days=2)),
        "restored": access_withdraw(actor=hr, person=w["paul"].person, domains=["restored.example"],
                                    ends=now + dt.timedelta(days=7)),
        "history": access_withdraw(actor=w["hr_history"].actor, person=w["hal"].person, domains=["x.com"],
                                   ends=now + dt.timedelta(days=7)),
    }  # fmt: skip
    access_restore(actor=hr, withdrawal=out["restored"])
    return out


def test_the_export_lists_what_is_in_force_as_squid_acls_or_domains(db: str) -> None:
    from postguard.server.incidents.export import access_export

    w = _world()
    aw = _withdrawals(w)
    at = soon(1)
    with pytest.raises(AccessDenied):
        access_export(actor=w["hr"].actor, fmt="squid")
    domains = access_export(actor=w["proxy"].actor, fmt="domains", at=at)
    assert domains == "facebook.com\nx.com\nxn--bcher-kva.example\n"
    squid = access_export(actor=w["proxy"].actor, fmt="squid", at=at).splitlines()
    pat, physics, hal = aw["pat"].pk, aw["physics"].pk, aw["history"].pk
    rules = [line for line in squid if not line.startswith("#")]
    assert rules == [
        f"acl pg_aw_{pat}_users proxy_auth pat.physicist@physics.example.org",
        f"acl pg_aw_{pat}_sites dstdomain .facebook.com .x.com",
        f"http_access deny pg_aw_{pat}_users pg_aw_{pat}_sites",
        f"acl pg_aw_{physics}_users proxy_auth odd pat.physicist@physics.example.org paul@example.org",
        f"acl pg_aw_{physics}_sites dstdomain .xn--bcher-kva.example",
        f"http_access deny pg_aw_{physics}_users pg_aw_{physics}_sites",
        f"acl pg_aw_{hal}_users proxy_auth hal@example.org",
        f"acl pg_aw_{hal}_sites dstdomain .x.com",
        f"http_access deny pg_aw_{hal}_users pg_aw_{hal}_sites",
    ]  # "odd name@example.org" is no proxy name: its sign-in name "odd" stands in
    assert squid[0].startswith("# Postguard: access withdrawals in force at ")
    assert f"# AW-{physics}: department:physics until " in "\n".join(squid)
    from postguard.server.incidents.export import _comment

    assert _comment("department:x\nhttp_access allow all") == "department:x?http_access allow all"
    later = access_export(actor=w["proxy"].actor, fmt="domains", at=at + dt.timedelta(days=1))
    assert "later.example" in later and "restored.example" not in later
    assert access_export(actor=SYSTEM, fmt="domains", at=at + dt.timedelta(days=30)) == ""
    with pytest.raises(GovernanceError):
        access_export(actor=SYSTEM, fmt="csv")


def test_write_export_never_overwrites_without_force_nor_writes_through_a_symlink(tmp_path: Path) -> None:
    from postguard.server.incidents.export import write_export

    out = tmp_path / "withdrawals.conf"
    write_export("a\n", out)
    assert out.read_text() == "a\n"
    with pytest.raises(GovernanceError) as exists:
        write_export("b\n", out)
    assert exists.value.code == "PG659" and out.read_text() == "a\n"
    write_export("b\n", out, force=True)
    assert out.read_text() == "b\n"
    target = tmp_path / "elsewhere"
    target.write_text("precious\n")
    link = tmp_path / "link.conf"
    link.symlink_to(target)
    for force in (False, True):
        with pytest.raises(GovernanceError) as linked:
            write_export("c\n", link, force=force)
        assert linked.value.code == "PG660" and target.read_text() == "precious\n"
    with pytest.raises(GovernanceError) as folder:
        write_export("c\n", tmp_path, force=True)
    assert folder.value.code == "PG664"
    with pytest.raises(GovernanceError) as missing:
        write_export("c\n", tmp_path / "no-such-folder" / "x.conf")
    assert missing.value.code == "PG661"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "link.conf", "withdrawals.conf"]  # no temp


@pytest.mark.slow
def test_postguard_access_export_from_the_command_line(db: str, cli_env: dict[str, str], tmp_path: Path) -> None:
    w = _world()
    aw = _withdrawals(w)

    def export(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "postguard", "access", "export", *args],
            capture_output=True, text=True, env=cli_env, timeout=120,
        )  # fmt: skip

    listed = export("--format", "domains")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == "facebook.com\nx.com\nxn--bcher-kva.example\n"
    out = tmp_path / "postguard.conf"
    wrote = export("--format", "squid", "--out", str(out))
    assert wrote.returncode == 0 and f"acl pg_aw_{aw['pat'].pk}_sites dstdomain .facebook.com .x.com" in out.read_text()
    assert oct(os.stat(out).st_mode & 0o777) == "0o600"  # it names people: private (issue 27)
    again = export("--format", "squid", "--out", str(out))
    assert again.returncode == 2 and "error [PG659]" in again.stderr
    assert export("--format", "squid", "--out", str(out), "--force").returncode == 0
    future = export("--format", "domains", "--at", (soon(0) + dt.timedelta(days=30)).isoformat())
    assert future.returncode == 0 and future.stdout == ""
    bad = export("--at", "next tuesday")
    assert bad.returncode == 2 and "PG210" in bad.stderr


def test_a_person_under_an_access_withdrawal_cannot_be_erased_until_it_ends(db: str) -> None:
    """Issue 27: erasure would end the withdrawal silently (the export finds the person through their
    user); it is refused (PG633) until the withdrawal ends. Erasure deactivates the person's user."""
    from postguard.server.incidents.services import access_restore, access_withdraw
    from postguard.server.registry import services

    from .helpers import DPO

    w = _world()
    pat = w["pat"]
    withdrawal = access_withdraw(actor=w["hr"].actor, person=pat.person, domains=["x.com"], ends=soon(24))
    with pytest.raises(GovernanceError) as refused:
        services.person_erase(actor=DPO, person=pat.person)
    assert refused.value.code == "PG633" and withdrawal.ref in str(refused.value)
    pat.person.refresh_from_db()
    assert pat.person.erased_at is None and pat.person.name == "Pat Physicist"
    access_restore(actor=w["hr"].actor, withdrawal=withdrawal)
    services.person_erase(actor=DPO, person=pat.person)
    pat.user.refresh_from_db()
    assert not pat.user.is_active
