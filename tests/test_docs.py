from __future__ import annotations

from pathlib import Path

from postguard.docsgen import pages

DOCS = Path(__file__).parents[1] / "docs" / "rules"


def test_generated_rule_pages_are_up_to_date() -> None:
    expected = pages()
    stale = [
        name
        for name, text in expected.items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text("utf-8") != text
    ]
    assert not stale, f"docs/rules is stale for {stale}: run `postguard docs`"
    extra = {p.name for p in DOCS.glob("*.md")} - set(expected)
    assert not extra, f"docs/rules has pages for no rule: {extra}"
