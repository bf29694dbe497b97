"""The core's layout holds: the policy pack loads without the rules, the engine only orchestrates, and
analyzers declare their abilities instead of being probed (issue 24)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from postguard.analyzers.base import PhotoAnalyzer, TextAnalyzer
from postguard.analyzers.registry import AnalyzerRegistry, default_registry
from postguard.codes import CODES
from postguard.policy.pack import load_pack
from postguard.report.model import schema_text
from postguard.rules.catalogue import CATALOGUE, active_rules

SRC = Path(__file__).parents[1] / "src" / "postguard"


def test_loading_a_pack_imports_no_rule_and_no_analyzer() -> None:
    code = (
        "import sys, json; from postguard.policy.pack import load_pack; load_pack(); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('postguard.'))))"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout)
    assert not [m for m in loaded if m.startswith(("postguard.rules", "postguard.analyzers", "postguard.engine"))]


def test_no_module_under_policy_imports_the_rules() -> None:
    for path in (SRC / "policy").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert not (node.module or "").startswith("postguard.rules"), path


def test_the_engine_only_orchestrates() -> None:
    source = (SRC / "engine.py").read_text("utf-8")
    assert len(source.splitlines()) < 250
    assert "getattr(" not in source and "hasattr(" not in source


def test_every_default_severity_is_the_code_tables() -> None:
    assert set(CATALOGUE) == set(CODES)
    for code, rule in CATALOGUE.items():
        assert rule.default_severity is CODES[code].severity and rule.name == CODES[code].name
    base = (SRC / "policy" / "base.yaml").read_text("utf-8")
    assert "severity:" not in base  # the base pack sets none: the defaults are the code table's


def test_every_shipped_analyzer_declares_its_kind_and_abilities() -> None:
    registry = default_registry(load_pack())
    for analyzer in registry.text():
        assert analyzer.kind == "text"
        assert isinstance(analyzer.reads_bio, bool) and isinstance(analyzer.only_with_photos, bool)
    for photo in registry.photo():
        assert photo.kind == "photo" and photo.task
    needed = {a for r in active_rules(load_pack()) for a in r.rule.needs}
    assert registry.missing(needed) == []


class _Shouting:
    kind = "text"
    id = "shouting.v1"
    reads_bio = False
    only_with_photos = False

    def load(self) -> None:
        pass

    def analyze(self, doc: object) -> list[object]:
        return []

    def analyze_many(self, docs: list[object]) -> list[list[object]]:
        return [[] for _ in docs]

    def analyze_bio(self, doc: object) -> list[object]:
        return []


def test_the_registry_adds_and_replaces_by_id() -> None:
    registry = AnalyzerRegistry()
    first: TextAnalyzer = _Shouting()  # type: ignore[assignment]
    registry.add(first)
    registry.add(first)
    assert registry.ids() == ["shouting.v1"] and registry.text(["shouting.v1"]) == [first]
    assert registry.photo() == [] and registry.missing(["shouting.v1", "nope.v1"]) == ["nope.v1"]
    _: list[PhotoAnalyzer] = registry.photo()


def test_the_report_schema_in_docs_is_the_one_generated_from_the_model() -> None:
    assert (SRC.parents[1] / "docs" / "report.schema.json").read_text("utf-8") == schema_text(), (
        "run `postguard schema` to regenerate docs/report.schema.json"
    )
