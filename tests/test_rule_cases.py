"""Each rule's cases as data (tests/rules/cases/CODE.yaml): posts that must fire and posts that must not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import make_post, with_gaps

from postguard.engine import Engine

CASES = Path(__file__).parent / "rules" / "cases"


def _cases() -> list[Any]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        for kind in ("fire", "ok"):
            for i, case in enumerate(data.get(kind, [])):
                out.append(pytest.param(path.stem, kind, case, id=f"{path.stem}-{kind}-{i}"))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("code", "kind", "case"), _cases())
def test_rule_case(engine: Engine, code: str, kind: str, case: Any) -> None:
    if isinstance(case, dict) and "security_gaps" in case:  # SE002: the registry's gaps for the account
        case = dict(case)
        engine = with_gaps(engine, {case["account_id"]: case.pop("security_gaps")})
    report = engine.check(make_post(case))
    counting = {f.code for f in report.findings if f.counts}
    if kind == "fire":
        assert code in counting, f"{code} should fire on {case!r}; got {sorted(counting)}"
    else:
        assert code not in counting, f"{code} should not fire on {case!r}"


def test_every_active_rule_has_cases() -> None:
    from postguard.rules.catalogue import CATALOGUE

    active = {c for c, r in CATALOGUE.items() if r.status == "active"}
    assert active <= {p.stem for p in CASES.glob("*.yaml")}
