"""Archive audits stored in the registry (issue 29): a finished run's counts, rules and posts stored with
an audit-log entry, matched to its registry account, read by that account's owners, the communications
office and administrators only; through the library's sink, the CLI and the API; on SQLite and on
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from . import audit_data
from .helpers import COMMS, NOBODY, OFFICER, official_account, organisation

TESTS = Path(__file__).parents[1]


def _folder(path: Path, manifest: dict[str, Any], reports: list[dict[str, Any]]) -> Path:
    path.mkdir(parents=True)
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (path / "reports.jsonl").write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


def _owner(person: Any) -> Any:
    from postguard.server.access import Actor, Role

    return Actor(f"user:{100 + person.pk}", frozenset({Role.SIGNED_IN}), user_id=None, person_id=person.pk)


def test_a_finished_run_is_stored_with_its_counts_rules_posts_and_one_log_entry(db: str, tmp_path: Path) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.audits.services import store_audit

    org = organisation()
    account = official_account(org)  # x:@oxphysics, owned by Ada
    out = _folder(tmp_path / "audit", audit_data.manifest(), audit_data.reports("OxPhysics"))
    before = Entry.objects.count()
    run = store_audit(actor=COMMS, out=out)
    assert run.ref == f"AR-{run.pk}" and run.registry_account == account  # matched without "@" and case
    assert run.archives == [{"name": "twitter-2026-12-01-oxphysics.zip", "sha256": "a" * 64}]
    assert run.accounts == ["x:OxPhysics"] and run.account_kind == "official"
    assert (run.posts, run.checked, run.skipped, run.errors, run.findings) == (3, 3, 1, 0, 2)
    assert run.verdicts == {"block": 1, "pass": 2} and run.left_out == {"repost": 2}
    assert run.rule_counts == {
        "DP001": {"findings": 1, "posts": 1, "severity": "error"},
        "TN002": {"findings": 1, "posts": 1, "severity": "warning"},
    }  # AU001 is lifted by a record: listed with its post, not counted
    assert run.started_at == dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    posts = list(run.audit_posts.all())
    assert [p.post_id for p in posts] == ["x:OxPhysics:1", "x:OxPhysics:2", "x:OxPhysics:3"]
    assert posts[0].url == "https://x.com/OxPhysics/status/1" and posts[0].verdict == "block"
    assert posts[1].findings == [{"code": "AU001", "severity": "warning", "lifted_by": "WP-1"}]
    (entry,) = Entry.objects.order_by("seq")[before:]
    assert entry.action == "audits.run.store" and entry.object_id == run.ref and entry.actor == COMMS.label
    assert entry.payload["account"] == account.ref and entry.payload["codes"] == ["DP001", "TN002"]
    assert "words of post" not in json.dumps(entry.payload)  # the posts' words never reach the log
    # the same run stored again is the same row, and nothing more is logged
    assert store_audit(actor=COMMS, out=out).pk == run.pk and Entry.objects.count() == before + 1


def test_who_reads_an_audit(db: str, tmp_path: Path) -> None:
    from postguard.server.access import SYSTEM
    from postguard.server.audits.selectors import audit_by_ref, audit_posts, audits_visible_to
    from postguard.server.audits.services import record_audit

    org = organisation()
    official_account(org)  # owned by Ada; Alan administers it but does not own it
    run = record_audit(actor=COMMS, manifest=audit_data.manifest(), reports=audit_data.reports())
    unmatched = record_audit(
        actor=COMMS, manifest=audit_data.manifest(archive="b" * 64), reports=audit_data.reports("someone")
    )
    assert unmatched.registry_account is None
    assert set(audits_visible_to(COMMS)) == {run, unmatched} == set(audits_visible_to(SYSTEM))
    assert list(audits_visible_to(_owner(org["ada"]))) == [run]
    assert audit_by_ref(_owner(org["ada"]), run.ref) == run and audit_by_ref(_owner(org["ada"]), unmatched.ref) is None
    for reader in (_owner(org["alan"]), _owner(org["grace"]), OFFICER, NOBODY):
        assert list(audits_visible_to(reader)) == []
    assert [p.position for p in audit_posts(run, with_findings=True)] == [0]


def test_storing_is_refused_to_those_who_may_not_and_for_what_is_not_a_finished_run(db: str, tmp_path: Path) -> None:
    from postguard.errors import AccessDenied, ArchiveError
    from postguard.server.audits.services import RegistrySink, record_audit, store_audit
    from postguard.server.registry import services

    org = organisation()
    official_account(org)
    blog = services.account_create(
        actor=OFFICER, platform="blog", handle="physics.example.org", kind="professional", owners=[org["alan"]]
    )
    with pytest.raises(AccessDenied) as refused:
        store_audit(actor=NOBODY, out=tmp_path)
    assert refused.value.code == "PG601"
    with pytest.raises(AccessDenied):
        RegistrySink(actor=_owner(org["ada"]))  # refused before a run starts, not after it
    with pytest.raises(ArchiveError) as missing:
        store_audit(actor=COMMS, out=tmp_path / "nowhere")
    assert missing.value.code == "PG556" and "no manifest.json" in str(missing.value)
    unfinished = _folder(tmp_path / "half", {**audit_data.manifest(), "complete": False}, audit_data.reports())
    with pytest.raises(ArchiveError, match="not finished"):
        store_audit(actor=COMMS, out=unfinished)
    with pytest.raises(ArchiveError) as wrong:  # a blog account for an X archive
        record_audit(actor=COMMS, manifest=audit_data.manifest(), reports=audit_data.reports(), account=blog)
    assert (
        wrong.value.code == "PG557" and str(wrong.value) == f"{blog.ref}: is a blog account; the audit's posts are on x"
    )


def test_the_library_sink_stores_a_real_run(db: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(TESTS))
    import audit_fixtures as fx

    from postguard.audit.run import run_audit
    from postguard.server.audits.services import RegistrySink

    org = organisation()
    account = official_account(org)
    when = dt.datetime(2026, 11, 2, 10, 0)
    tweets = [("Open day at the lab on Saturday", when), ("Call Jane on 07700 900123 about the marks", when)]
    archive = fx.x_archive_of(tmp_path, tweets, username="oxphysics")
    sink = RegistrySink(actor=COMMS)
    summary = run_audit([archive], tmp_path / "out", workers=0, sinks=[sink])
    run = sink.stored
    assert run is not None and run.registry_account == account and run.posts == summary.posts == 2
    assert run.out_dir == str((tmp_path / "out").resolve())
    lines = [json.loads(line) for line in (tmp_path / "out" / "reports.jsonl").read_text().splitlines()]
    assert [p.verdict for p in run.audit_posts.all()] == [line["report"]["verdict"] for line in lines]
    assert sum(run.verdicts.values()) == 2 and run.findings == sum(len(line["report"]["findings"]) for line in lines)


@pytest.mark.slow
def test_postguard_audit_store_from_the_shell(db: str, tmp_path: Path, cli_env: dict[str, str]) -> None:
    org = organisation()
    account = official_account(org)
    out = _folder(tmp_path / "audit", audit_data.manifest(), audit_data.reports())
    env = {
        **cli_env,
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parents[2] / "src"), cli_env.get("PYTHONPATH", "")]),
    }

    def store(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "postguard", "audit", "store", str(out), *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)

    done = store("--registry-account", account.ref)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("postguard: stored ") and "in the registry as AR-" in done.stderr
    wrong = store("--registry-account", "A-999")
    assert wrong.returncode == 2 and wrong.stderr.strip() == (
        "postguard: error [PG558]: 'A-999' is not an account of the registry (give its reference, such as A-12)"
    )


def test_the_api_lists_audits_and_gives_one_with_its_rules_and_a_page_of_posts(db: str) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from postguard.server.audits.services import record_audit

    org = organisation()
    account = official_account(org)
    run = record_audit(actor=COMMS, manifest=audit_data.manifest(), reports=audit_data.reports())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.create_superuser("root"))
    listed = client.get("/api/v1/audits").json()
    assert listed["count"] == 1 and listed["items"][0]["ref"] == run.ref
    assert listed["items"][0]["registry_account_id"] == account.pk and "rule_counts" not in listed["items"][0]
    detail = client.get(f"/api/v1/audits/{run.pk}?with_findings=true&limit=10").json()
    assert detail["rule_counts"]["DP001"] == {"findings": 1, "posts": 1, "severity": "error"}
    assert detail["post_page"]["count"] == 1
    (post,) = detail["post_page"]["items"]
    assert post["post_id"] == "x:oxphysics:1" and post["url"] == "https://x.com/oxphysics/status/1"
    assert [f["code"] for f in post["findings"]] == ["DP001", "TN002"] and "text" not in post
    assert client.get(f"/api/v1/audits/{run.pk + 1}").json()["code"] == "PG675"


def test_the_dashboard_lists_the_audits_the_reader_may_read(db: str) -> None:
    from django.contrib.auth.models import User
    from django.test import Client

    from postguard.server.audits.services import record_audit
    from postguard.server.registry.models import Person

    org = organisation()
    official_account(org)
    run = record_audit(actor=COMMS, manifest=audit_data.manifest(), reports=audit_data.reports())

    def page(username: str, person: Any) -> str:
        user = User.objects.create_user(username)
        Person.objects.filter(pk=person.pk).update(user=user)
        client = Client(SERVER_NAME="localhost")
        client.force_login(user)
        response = client.get("/dashboard/")
        assert response.status_code == 200
        return response.content.decode("utf-8")

    mine = page("ada", org["ada"])  # the account's owner
    assert f'<th scope="row">{run.ref}</th>' in mine and "x:oxphysics" in mine and "DP001 (1), TN002 (1)" in mine
    theirs = page("alan", org["alan"])  # administers the account, does not own it
    assert run.ref not in theirs and "No archive audit you may read has been stored." in theirs
