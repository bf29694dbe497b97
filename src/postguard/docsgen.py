"""Rule documentation generated from the rules' docstrings (``docs/rules/``), and the parsing of their
sections, which the tests use to run each rule's *Example* and *Use instead* posts."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from typing import Any

import yaml

from postguard.rules.base import SECTIONS, Rule
from postguard.rules.catalogue import CATALOGUE

_HEADING = re.compile(r"^## (.+)$", re.M)
_YAML_BLOCK = re.compile(r"```yaml\n(.*?)```", re.S)


def sections(rule: Rule) -> dict[str, str]:
    """The docstring's sections by heading, in order."""
    doc = inspect.cleandoc(type(rule).__doc__ or "")
    parts = _HEADING.split(doc)
    return {parts[i].strip(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def example_post(rule: Rule, section: str) -> dict[str, Any]:
    """The YAML post of the *Example* or *Use instead* section."""
    match = _YAML_BLOCK.search(sections(rule).get(section, ""))
    if match is None:
        raise ValueError(f"{rule.code}: section {section!r} has no ```yaml block")
    data = yaml.safe_load(match.group(1))
    if not isinstance(data, dict) or "text" not in data:
        raise ValueError(f"{rule.code}: the {section!r} block needs a 'text'")
    return data


def rule_page(rule: Rule) -> str:
    sev = {k.value: v.value for k, v in rule.default_severity.items()}
    lines = [f"# {rule.code} {rule.name}", ""]
    if rule.status != "active":
        lines += [f"> **Status: {rule.status}.** Listed in the catalogue; it checks nothing yet.", ""]
    lines += [
        "| | |",
        "|---|---|",
        f"| Guidance | {', '.join(rule.clauses)} |",
        f"| Default severity | personal: {sev['personal']}, professional: {sev['professional']}, "
        f"official: {sev['official']} |",
        f"| Applies to | {', '.join(a.value for a in rule.accounts)} accounts |",
        f"| Fix | {rule.fix_availability} |",
        f"| Lifted by | {', '.join(rule.lifted_by) + ' record' if rule.lifted_by else '—'} |",
        f"| Needs | {', '.join(rule.needs) or '—'} |",
        "",
    ]
    for name, body in sections(rule).items():
        lines += [f"## {name}", "", body, ""]
    return "\n".join(lines).rstrip() + "\n"


def index_page() -> str:
    lines = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `postguard docs`; do not edit by hand.",
        "",
        "| code | name | status | guidance |",
        "|---|---|---|---|",
    ]
    for code, rule in CATALOGUE.items():
        lines.append(f"| [{code}]({code}.md) | {rule.name} | {rule.status} | {', '.join(rule.clauses)} |")
    return "\n".join(lines) + "\n"


def pages() -> dict[str, str]:
    out = {f"{code}.md": rule_page(rule) for code, rule in CATALOGUE.items()}
    out["index.md"] = index_page()
    return out


def write_pages(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in pages().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


__all__ = ["SECTIONS", "example_post", "index_page", "pages", "rule_page", "sections", "write_pages"]
