"""The REST API's docs page in a browser: Swagger UI from the installed package draws every operation under
the page's Content-Security-Policy (no refusal in the console, no request to another origin)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit


def test_the_api_docs_page_draws_every_operation_from_this_origin(site: str, browser: Any) -> None:
    page = browser.new_page()
    refused: list[str] = []
    elsewhere: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    host = urlsplit(site).netloc
    page.on("request", lambda r: elsewhere.append(r.url) if urlsplit(r.url).netloc not in {host, ""} else None)
    try:
        page.goto(f"{site}/api/v1/docs")
        page.wait_for_selector(".opblock", timeout=30_000)
        operations = page.locator(".opblock").count()
        assert operations >= 50
        assert page.locator(".information-container .title").inner_text().startswith("Postguard governance API")
    finally:
        page.close()
    assert refused == [] and elsewhere == []
