"""What the browser tests share: signing users in, and recording each page (screenshots at phone and
desktop widths into ``artefacts/web/``, or ``$POSTGUARD_ARTEFACTS/web/``, and an axe-core check)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VENDOR = Path(__file__).parent / "vendor"
ROOT = Path(__file__).parents[2]
ARTEFACTS = Path(os.environ.get("POSTGUARD_ARTEFACTS", ROOT / "artefacts")) / "web"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
PASSWORD = "a long test password 1"  # a test user's, on a throwaway database


@dataclass
class Visit:
    """What the tests did on each page: the screenshots written and each page's axe violations."""

    shots: list[Path] = field(default_factory=list)
    violations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


AXE_SOURCE: list[str] = []


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now (WCAG 2.0, 2.1 and 2.2 A and AA
    rules and axe's best practices)."""
    if not AXE_SOURCE:
        AXE_SOURCE.append((VENDOR / "axe.min.js").read_text("utf-8"))
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE[0] + "\n;undefined")
    result = page.evaluate(
        """async () => {
            const r = await window.axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}));
        }"""
    )
    return [v for v in result if v["impact"] in ("serious", "critical")]


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


class Pages:
    """Signs users in, and records each page: screenshots at both widths and an axe check."""

    def __init__(self, browser: Any, base: str) -> None:
        self.browser = browser
        self.base = base
        self.contexts: list[Any] = []
        self.visit = Visit()

    def new_page(self, width: str = "desktop") -> Any:
        w, h = WIDTHS[width]
        context = self.browser.new_context(viewport={"width": w, "height": h})
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(120_000)  # a check on two shared cores, with other work
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text + " @ " + str(m.location)) if m.type == "error" else None)
        page.console_errors = errors
        return page

    def sign_in(self, username: str, password: str = PASSWORD, width: str = "desktop") -> Any:
        page = self.new_page(width)
        page.goto(f"{self.base}/signin/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{self.base}/")
        return page

    def record(self, page: Any, name: str) -> list[dict[str, Any]]:
        """Screenshot the page at phone and desktop widths and run axe at each; returns the violations."""
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        found: list[dict[str, Any]] = []
        original = page.viewport_size
        for width, (w, h) in WIDTHS.items():
            page.set_viewport_size({"width": w, "height": h})
            path = ARTEFACTS / f"{slug(name)}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            self.visit.shots.append(path)
            found += [dict(v, width=width) for v in axe_violations(page)]
        page.set_viewport_size(original)
        self.visit.violations[name] = found
        return found

    def close(self) -> None:
        for context in self.contexts:
            context.close()


def make_user(username: str, *roles: str, superuser: bool = False) -> Any:
    """A user (with the groups named after ``roles``)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=PASSWORD, is_superuser=superuser)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user
