"""Stored checks: the library's engine with the registry as its record source, the post, its photos (by
sha256, only the formats the library opens, bounded in size and number), the report and the verdict;
read by the author, the approvers routed to it and administrators (on SQLite and PostgreSQL)."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.access import ANONYMOUS, SYSTEM, Actor, Role

from .helpers import COMMS, official_account, organisation
from .people import jpeg, member, soon

pytestmark = pytest.mark.slow  # the real engine and its models

ANNOUNCEMENT = "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing."


def _setup() -> dict[str, Any]:
    org = organisation()
    ada = member("Ada Author", department=org["physics"])
    from postguard.server.registry import services

    account = official_account(org, admins=[org["ada"], org["alan"]], owners=[ada.person])
    services.account_set_admins(actor=SYSTEM, account=account, admins=[org["ada"], org["alan"], ada.person])
    return {**org, "author": ada, "account": account}


def test_a_check_stores_the_post_its_report_and_verdict_and_logs_it(db: str, registry_engine: Any) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.checks.content import content_hash
    from postguard.server.checks.services import run_check
    from postguard.server.registry import services

    s = _setup()
    services.account_set_standing_permissions(actor=COMMS, account=s["account"], codes=["AU001"])
    photo = jpeg()
    check = run_check(
        actor=s["author"].actor, text=ANNOUNCEMENT, account=s["account"], scheduled_at=soon(), photos=[photo],
        engine=registry_engine,
    )  # fmt: skip
    digest = hashlib.sha256(photo).hexdigest()
    assert check.ref == f"CK-{check.pk}" and check.account_kind == "official" and check.platform == "x"
    assert check.photo_hashes() == [digest] and check.content_hash == content_hash(ANNOUNCEMENT, [digest])
    (au001,) = [f for f in check.report["findings"] if f["code"] == "AU001"]
    assert au001["lifted_by"] == f"SP-{s['account'].pk}"  # the registry's standing permission lifted it
    assert check.verdict == check.report["verdict"] and check.author_person == s["author"].person
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None and (entry.action, entry.object_id) == ("checks.check.run", check.ref)
    assert entry.payload["content_hash"] == check.content_hash and entry.payload["photos"] == [digest]
    assert ANNOUNCEMENT not in str(entry.payload)  # the text stays in the check, not in the log
    again = run_check(actor=s["author"].actor, text="Same photo again.", photos=[photo], engine=registry_engine)
    from postguard.server.checks.models import Photo

    assert again.photo_hashes() == [digest] and Photo.objects.count() == 1  # stored once
    import stat

    from postguard.server.checks.content import media_root

    stored = media_root() / Photo.objects.get().file.name
    modes = [stat.S_IMODE(p.stat().st_mode) for p in (stored, stored.parent, stored.parent.parent)]
    assert modes == [0o600, 0o700, 0o700]  # people's photos are private (issue 27)


def test_photos_are_bounded_and_only_the_formats_the_library_opens(db: str, registry_engine: Any) -> None:
    from postguard.server.checks import content
    from postguard.server.checks.services import run_check

    author = member("Ada Author").actor

    def check(photos: list[bytes]) -> Any:
        return run_check(actor=author, text="Look at this.", photos=photos, engine=registry_engine)

    with pytest.raises(GovernanceError) as refused:
        check([b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n"])  # EPS would run Ghostscript
    assert refused.value.code == "PG642" and refused.value.message.startswith("photo 1 ")
    with pytest.raises(GovernanceError) as empty:
        check([jpeg(), b""])
    assert empty.value.code == "PG642" and "photo 2 is empty" in empty.value.message
    with pytest.raises(GovernanceError) as damaged:
        check([jpeg()[:200]])
    assert damaged.value.code == "PG642"
    with pytest.raises(GovernanceError) as many:
        check([jpeg()] * 11)
    assert many.value.code == "PG643"
    big = content.MAX_PHOTO_BYTES
    content.MAX_PHOTO_BYTES = 1000
    try:
        with pytest.raises(GovernanceError) as large:
            check([jpeg(size=(400, 400))])
        assert large.value.code == "PG644"
    finally:
        content.MAX_PHOTO_BYTES = big
    from postguard.server.checks.models import Check

    assert not Check.objects.exists()


def test_who_may_run_a_check_and_for_which_account(db: str, registry_engine: Any) -> None:
    from postguard.server.checks.services import run_check

    s = _setup()
    stranger = member("Sam Stranger", department=s["physics"])
    with pytest.raises(AccessDenied):
        run_check(actor=ANONYMOUS, text="Hello", engine=registry_engine)
    with pytest.raises(GovernanceError) as system:
        run_check(actor=SYSTEM, text="Hello", engine=registry_engine)
    assert system.value.code == "PG641"
    with pytest.raises(AccessDenied, match="check posts of A-"):
        run_check(actor=stranger.actor, text="Hello", account=s["account"], engine=registry_engine)
    for bad, code in ((["WP-999"], "PG645"), (["nonsense"], "PG645")):
        with pytest.raises(GovernanceError) as cited:
            run_check(actor=stranger.actor, text="Hello", records=bad, engine=registry_engine)
        assert cited.value.code == code
    with pytest.raises(GovernanceError, match="platform"):
        run_check(actor=stranger.actor, text="Hello", platform="myspace", engine=registry_engine)


def test_a_check_is_read_by_its_author_its_approvers_and_administrators(db: str, registry_engine: Any) -> None:
    from postguard.server.approvals import services as approvals
    from postguard.server.checks.selectors import check_by_ref, checks_visible_to
    from postguard.server.checks.services import run_check

    s = _setup()
    comms = member("Carol Comms", Role.COMMUNICATIONS)
    safeguarding = member("Sid Safeguarding", Role.SAFEGUARDING_LEAD)
    colleague = member("Colin Colleague", department=s["physics"])
    check = run_check(
        actor=s["author"].actor, text=ANNOUNCEMENT, account=s["account"], scheduled_at=soon(), engine=registry_engine
    )
    admin = Actor("user:999", frozenset({Role.ADMINISTRATOR}), user_id=999)
    assert list(checks_visible_to(s["author"].actor)) == [check] and list(checks_visible_to(admin)) == [check]
    for outsider in (comms, safeguarding, colleague):
        assert check_by_ref(outsider.actor, check.ref) is None
    approval = approvals.approval_draft(actor=s["author"].actor, check=check)
    assert check_by_ref(comms.actor, check.ref) is None  # a draft is routed to nobody yet
    approvals.approval_submit(actor=s["author"].actor, approval=approval)
    assert check_by_ref(comms.actor, check.ref) == check  # AU001 is routed to the communications office
    assert check_by_ref(safeguarding.actor, check.ref) is None and check_by_ref(colleague.actor, check.ref) is None
    assert check_by_ref(comms.actor, "CK-x") is None


def test_every_registry_platform_is_one_the_library_accepts() -> None:
    from postguard.server.checks.services import PLATFORMS as SERVICE_PLATFORMS
    from postguard.types import PLATFORMS

    assert set(SERVICE_PLATFORMS) <= set(PLATFORMS)


MARKDOWN_POST = (
    "---\ntitle: Open day, ask jane.doe@gmail.com\n---\n# Open day\n\n"
    "[Ask me](mailto:jane.doe@gmail.com) anything.\n\nGuest wifi password is Quad2026!\n"
)


def _codes(check: Any) -> list[str]:
    return [f["code"] for f in check.report["findings"]]


def test_markdown_is_read_as_the_cli_reads_a_md_file_and_its_fixes_keep_it_markdown(
    db: str, registry_engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.checks import services
    from postguard.server.checks.models import Check
    from postguard.server.web.checking import apply_safe_fixes

    monkeypatch.setattr(services, "checking_engine", lambda: registry_engine)  # the session's loaded engine
    author = member("Ada Author")
    plain = services.run_check(actor=author.actor, text=MARKDOWN_POST, engine=registry_engine)
    marked = services.run_check(actor=author.actor, text=MARKDOWN_POST, markdown=True, engine=registry_engine)
    # as plain text the front matter's and the link target's address are personal contact details
    assert _codes(plain).count("DP001") == 2 and not plain.markdown
    assert "DP001" not in _codes(marked) and Check.objects.get(pk=marked.pk).markdown
    (secret,) = [f for f in marked.report["findings"] if f["code"] == "SE001"]
    start, end = secret["where"]["text"]
    assert MARKDOWN_POST[start:end] == "Quad2026!"  # the span points into the text as stored and shown
    entry = Entry.objects.order_by("-seq").first()
    assert entry is not None and entry.object_id == marked.ref and entry.payload["markdown"] is True
    fixed = apply_safe_fixes(author.actor, marked).check
    assert fixed.markdown and "Quad2026!" not in fixed.text and "SE001" not in _codes(fixed)
    assert "DP001" not in _codes(fixed)  # still Markdown: the link target is still not prose


def test_a_stored_check_that_could_not_be_checked_reads_as_such_and_goes_for_no_approval(db: str) -> None:
    """The stored verdict takes every verdict of the library's, ``error`` too (a post that could not be
    checked): such a check is valid as stored, the API gives its verdict and the report's reason, the page
    says it was not checked (never ready to post), and it cannot go for approval (PG668)."""
    from django.test import Client

    from postguard.report.model import error_json
    from postguard.server.approvals.services import approval_draft
    from postguard.server.checks.content import content_hash
    from postguard.server.checks.models import Check, Verdict

    org = organisation()
    author = member("Olivia Official", department=org["physics"])
    account = official_account(org, owners=[author.person], admins=[author.person, org["ada"]])
    report = error_json("the text could not be read as UTF-8", policy="oxford-base@1", code="PG201")
    check = Check(
        author=author.user,
        author_person=author.person,
        text="",
        account=account,
        account_kind=account.kind,
        platform=account.platform,
        content_hash=content_hash("", []),
        report=report,
        verdict=report["verdict"],
    )
    check.full_clean()  # "error" is one of the stored verdict's choices
    check.save()
    assert check.verdict == Verdict.ERROR == "error"

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(author.user)
    body = client.get(f"/api/v1/checks/{check.pk}").json()
    assert body["verdict"] == "error" and body["report"]["error"]["message"] == "the text could not be read as UTF-8"
    listed = client.get("/api/v1/checks").json()["items"]
    assert [c["verdict"] for c in listed] == ["error"]
    page = client.get(f"/checks/{check.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "Verdict: not checked" in html and "verdict-error" in html
    assert "the text could not be read as UTF-8" in html and "[PG201]" in html
    assert "Verdict: ready to post" not in html and "Submit for approval" not in html
    with pytest.raises(GovernanceError) as refused:
        approval_draft(actor=author.actor, check=check)
    assert refused.value.code == "PG668"
    answer = client.post("/api/v1/approvals", {"check_id": check.pk}, "application/json")
    assert answer.status_code == 400 and answer.json()["code"] == "PG668"


def test_a_form_that_is_refused_lists_each_problem_and_links_to_its_field(db: str) -> None:
    """The error summary the check page and the registry's forms share (web/error_summary.html): each field's
    error links to the field, and the form's own errors are listed."""
    from django.test import Client

    author = member("Eve Error")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(author.user)
    page = client.post("/incidents/new/", {"person": "", "summary": ""}).content.decode()
    assert 'class="error-summary" role="alert"' in page and "There is a problem" in page
    assert '<a href="#id_person">Who: ' in page and '<a href="#id_summary">What happened: ' in page
    page = client.post("/check/", {"text": "", "platform": "not a platform"}).content.decode()
    assert 'class="error-summary" role="alert"' in page and "There is a problem" in page
    assert '<a href="#id_platform">' in page
