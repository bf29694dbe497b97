"""The pages in a real browser: sign in, the registry's pages, the audit log, the check page with a photo
and its fixes. Each page is screenshotted at phone and desktop widths and checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from .helpers import Pages, make_user

PHOTOS = Path(__file__).parents[1] / "photos"

pytestmark = pytest.mark.slow


def _registry(officer: Any) -> dict[str, Any]:
    """A small organisation made through the services, as the officer."""
    from postguard.server.access import Actor
    from postguard.server.registry import services

    actor = Actor.of_user(officer)
    division = services.division_create(actor=actor, code="mpls", name="Mathematical, Physical and Life Sciences")
    physics = services.department_create(actor=actor, code="physics", name="Physics", division=division)
    ada = services.person_create(actor=actor, name="Ada Lovelace", kind="staff", department=physics, user=officer)
    alan = services.person_create(actor=actor, name="Alan Turing", kind="staff", department=physics)
    account = services.account_create(
        actor=actor,
        platform="x",
        handle="@oxphysics",
        kind="official",
        department=physics,
        owners=[ada],
        admins=[ada, alan],
        two_factor=False,
        recovery_contact="",
    )
    today = dt.date.today()
    consent = services.consent_record(
        actor=actor, subject=alan, given=today - dt.timedelta(days=300), expires=today + dt.timedelta(days=10)
    )
    return {"physics": physics, "ada": ada, "alan": alan, "account": account, "consent": consent}


def test_sign_in_is_needed_and_sign_out_ends_the_session(pages: Pages) -> None:
    make_user("ann")
    page = pages.new_page()
    page.goto(f"{pages.base}/registry/")
    assert "/signin/" in page.url
    assert pages.record(page, "sign in") == []
    page.get_by_label("Username").fill("ann")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").is_visible()
    page = pages.sign_in("ann")
    assert page.get_by_role("heading", name="Postguard").is_visible()
    # the first Tab reaches the skip link, shown when focused; it moves the focus to the main content
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to main content"
    assert skip.is_visible() and skip.bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    assert pages.record(page, "home") == []
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/signin/"))
    page.goto(f"{pages.base}/audit/")
    assert "/signin/" in page.url


def test_registry_and_audit_pages(pages: Pages) -> None:
    officer = make_user("officer", "registry-officer")
    org = _registry(officer)
    page = pages.sign_in("officer")
    page.get_by_role("link", name="Registry").first.click()
    assert page.get_by_text("with security gaps").is_visible()
    assert pages.record(page, "registry") == []
    for name, heading in [
        ("Accounts", "Accounts"),
        ("People", "People"),
        ("Consents", "Consents"),
        ("Written permissions", "Written permissions"),
        ("Authorisations", "Authorisations"),
    ]:
        page.goto(f"{pages.base}/registry/")
        page.get_by_role("link", name=name, exact=True).click()
        assert page.get_by_role("heading", level=1, name=heading).is_visible()
        assert pages.record(page, f"registry {name}") == []
    page.goto(f"{pages.base}/registry/accounts/{org['account'].pk}/")
    assert page.get_by_text("two-factor authentication is off").is_visible()
    assert pages.record(page, "account") == []
    page.goto(f"{pages.base}/registry/consents/{org['consent'].pk}/")
    assert page.get_by_text(re.compile(r"expires in 10 days")).is_visible()
    assert pages.record(page, "consent") == []

    # record a consent with its evidence and the photo it covers
    page.goto(f"{pages.base}/registry/consents/new/")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("alert").is_visible()
    assert pages.record(page, "consent form with errors") == []
    page.get_by_label("Whose consent").select_option(label=f"Alan Turing ({org['alan'].ref})")
    page.get_by_label("Given").fill(dt.date.today().isoformat())
    page.get_by_label("X", exact=True).check()
    page.get_by_label("Evidence").set_input_files({"name": "form.txt", "mimeType": "text/plain", "buffer": b"I agree."})
    page.get_by_label("The photo it covers").set_input_files(str(PHOTOS / "portrait.png"))
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", level=1, name=re.compile("Consent C-")).is_visible()
    import hashlib

    digest = hashlib.sha256((PHOTOS / "portrait.png").read_bytes()).hexdigest()
    assert page.get_by_text(digest).is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the evidence").click()
    assert Path(download.value.path()).read_bytes() == b"I agree."
    page.get_by_label("Reason").fill("Withdrawn by email.")
    page.get_by_role("button", name="Revoke this consent").click()
    page.get_by_text(re.compile(r"C-\d+ revoked: it lifts nothing from now on")).wait_for()
    assert page.locator(".badge", has_text="revoked").is_visible()

    page.goto(f"{pages.base}/audit/")
    assert page.get_by_text("The chain verifies.").is_visible()
    assert page.get_by_text("registry.consent.record").first.is_visible()
    assert pages.record(page, "audit log") == []


def test_objects_not_yours_are_not_found(pages: Pages) -> None:
    officer = make_user("officer", "registry-officer")
    org = _registry(officer)
    make_user("bob")
    page = pages.sign_in("bob")
    for url in (
        f"/registry/accounts/{org['account'].pk}/",
        f"/registry/consents/{org['consent'].pk}/",
        f"/registry/people/{org['alan'].pk}/",
        f"/registry/consents/{org['consent'].pk}/evidence/",
    ):
        response = page.goto(f"{pages.base}{url}")
        assert response.status == 404, url
    assert pages.record(page, "not found") == []
    response = page.goto(f"{pages.base}/registry/consents/new/")
    assert response.status == 403


MARKDOWN_POST = (
    b"---\ntitle: Open day, ask jane.doe@gmail.com\n---\n# Open day\n\n"
    b"[Ask me](mailto:jane.doe@gmail.com) anything.\n\nGuest wifi password is Quad2026!\n"
)


def test_an_uploaded_markdown_file_is_checked_as_markdown(pages: Pages) -> None:
    make_user("mo")
    page = pages.sign_in("mo")
    page.goto(f"{pages.base}/check/")
    page.get_by_label("Or a Markdown file").set_input_files(
        {"name": "open-day.md", "mimeType": "text/markdown", "buffer": MARKDOWN_POST}
    )
    page.get_by_role("button", name="Check the post").click()
    page.get_by_role("heading", name="Result").wait_for(timeout=180_000)  # the first check loads the models
    assert page.get_by_text("Read as Markdown: only its prose counts.").is_visible()
    # the credential in the prose is marked on the words themselves; the addresses in the front matter
    # and the link target are markup, not prose, so no DP001
    assert "Quad2026!" in page.locator("#marked-text mark").all_inner_texts()
    assert page.locator("li", has_text="SE001").count() == 1 and page.locator("li", has_text="DP001").count() == 0
    assert page.get_by_label("The text is Markdown").is_checked()  # a change is checked as Markdown too
    assert pages.record(page, "check markdown") == []


def test_check_a_post_with_a_photo_see_the_boxes_and_apply_fixes(pages: Pages) -> None:
    make_user("ann")
    page = pages.sign_in("ann")
    page.get_by_role("link", name="Check a post").first.click()
    assert pages.record(page, "check empty") == []
    page.get_by_role("textbox", name="Your post").fill("The new fees policy is a disaster. Ring me on 07700 900123.")
    page.get_by_label("Your profile's bio").fill("Professor at Oxford")
    page.get_by_label("Add photos").set_input_files([str(PHOTOS / "portrait.png"), str(PHOTOS / "gps.jpg")])
    page.get_by_role("button", name="Check the post").click()
    result = page.get_by_role("heading", name="Result")
    result.wait_for(timeout=180_000)  # the first check loads the models
    # the findings are marked on the text, and drawn as boxes on the photo
    assert page.locator("#marked-text mark").count() >= 2
    boxes = page.locator("#photo-1 rect.box")
    assert boxes.count() >= 1
    assert boxes.first.is_visible()
    assert page.get_by_text(re.compile(r"PH001")).first.is_visible()
    assert pages.record(page, "check with findings") == []

    # a safe fix: the disclaimer (OP001) is appended; the post is checked again
    op001 = page.locator("li", has_text="OP001")
    before = page.url
    op001.get_by_role("button", name="Apply this fix").click()
    page.wait_for_url(lambda url: url != before)  # a fix makes a new check
    page.get_by_text(re.compile("is applied; the post is checked again")).wait_for()
    assert "views my own" in page.get_by_role("textbox", name="Your post").input_value().lower()
    assert page.locator("li", has_text="OP001").count() == 0

    # an unsafe fix asks first
    unsafe = page.get_by_role("button", name="Apply this fix…")
    if unsafe.count():
        unsafe.first.click()
        page.get_by_role("heading", name="Apply this fix?").wait_for()
        assert pages.record(page, "check confirm an unsafe fix") == []
        before = page.url
        page.get_by_role("button", name="Yes, apply the fix").click()
        page.wait_for_url(lambda url: url != before)
        page.get_by_text(re.compile("is applied; the post is checked again")).wait_for()

    # every safe fix at once: the photo's location is stripped into a cleaned copy to download
    safe = page.get_by_role("button", name=re.compile(r"Apply the safe fixes"))
    if safe.count():
        before = page.url
        safe.click()
        page.wait_for_url(lambda url: url != before)
        page.get_by_text("The safe fixes are applied; the post is checked again.").wait_for()
    link = page.locator("#photo-2").get_by_role("link", name="Download the cleaned photo")
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_bytes()
    assert data[:3] == b"\xff\xd8\xff" and b"Exif" not in data[:200]
    assert page.console_errors == [], page.console_errors[:6]


def test_the_registry_forms_and_a_persons_page(pages: Pages) -> None:
    officer = make_user("officer", "registry-officer", "communications-office", "research-authoriser")
    org = _registry(officer)
    page = pages.sign_in("officer")
    page.goto(f"{pages.base}/registry/people/{org['alan'].pk}/")
    assert page.get_by_role("heading", level=1, name=re.compile("Alan Turing")).is_visible()
    assert pages.record(page, "person") == []
    for url, name in [("/registry/people/new/", "add a person"), ("/registry/accounts/new/", "register an account"),
                      ("/registry/permissions/new/", "grant a written permission"),
                      ("/registry/authorisations/new/", "grant an authorisation")]:  # fmt: skip
        page.goto(f"{pages.base}{url}")
        assert pages.record(page, name) == []

    # an official account with one staff administrator is refused by the service, and the form says why
    page.goto(f"{pages.base}/registry/accounts/new/")
    page.get_by_label("Platform").select_option("bluesky")
    page.get_by_label("Handle").fill("@physics.example")
    page.get_by_label("Kind").select_option("official")
    page.get_by_label(f"Ada Lovelace ({org['ada'].ref})").last.check()
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("alert").get_by_text("PG623").is_visible()
    page.get_by_label(f"Alan Turing ({org['alan'].ref})").last.check()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("heading", level=1, name=re.compile("bluesky:@physics.example")).wait_for()

    # a written permission for the account, listed with its expiry
    page.goto(f"{pages.base}/registry/permissions/new/")
    page.get_by_label("Kind").select_option("announcement")
    # only those the service accepts are offered: the officer's own person (no one else is of the office)
    offered = page.get_by_label("Granted by").locator("option").all_inner_texts()
    assert [o for o in offered if o.strip("- ")] == [f"Ada Lovelace ({org['ada'].ref})"]
    page.get_by_label("Granted by").select_option(label=f"Ada Lovelace ({org['ada'].ref})")
    page.get_by_label("Given").fill(dt.date.today().isoformat())
    page.get_by_label("Expires").fill((dt.date.today() + dt.timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text(re.compile(r"expires in 5 days")).is_visible()
