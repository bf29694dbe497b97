"""The catalogue is the product's contract: codes never vanish, every rule is documented, and the
documentation's Example fires the rule while Use instead does not."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from conftest import make_post, with_gaps

from postguard.docsgen import example_post, sections
from postguard.engine import Engine
from postguard.errors import UsageError
from postguard.rules.base import SECTIONS
from postguard.rules.catalogue import CATALOGUE, REMOVED, get_rule

SNAPSHOT = Path(__file__).parent / "catalogue_snapshot.json"
ACTIVE = sorted(c for c, r in CATALOGUE.items() if r.status == "active")


def test_no_code_vanishes_from_the_catalogue() -> None:
    snapshot = json.loads(SNAPSHOT.read_text("utf-8"))
    known = set(CATALOGUE) | set(REMOVED)
    missing = [code for code in snapshot if code not in known]
    assert not missing, f"codes removed without being listed in REMOVED: {missing}"
    for code, name in snapshot.items():
        if code in CATALOGUE:
            assert CATALOGUE[code].name == name, f"{code} was renamed"


def test_catalogue_matches_the_design_codes() -> None:
    assert len(CATALOGUE) == 27
    assert not set(CATALOGUE) & set(REMOVED)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_rule_docstring_has_every_section(code: str) -> None:
    found = sections(CATALOGUE[code])
    assert list(found) == list(SECTIONS), f"{code}: sections {list(found)}"
    assert all(body.strip() for body in found.values())
    for clause in CATALOGUE[code].clauses:
        assert clause in found["Why it matters"], f"{code}: 'Why it matters' must cite {clause}"


def test_planned_rules_check_nothing() -> None:
    planned = [rule for rule in CATALOGUE.values() if rule.status == "planned"]
    assert CATALOGUE["SE002"].status == "active"  # the last planned rule arrived with the registry
    for rule in planned:
        assert rule.needs == ()
        with pytest.raises(NotImplementedError):
            list(rule.check(None))  # type: ignore[arg-type]


@pytest.mark.slow
@pytest.mark.parametrize("code", ACTIVE)
def test_example_fires_and_use_instead_does_not(engine: Engine, code: str) -> None:
    rule = CATALOGUE[code]
    example = example_post(rule, "Example")
    instead = example_post(rule, "Use instead")
    threshold = example.pop("threshold", None)
    assets = example.pop("brand_assets", None)
    instead.pop("brand_assets", None)
    if "security_gaps" in example:  # SE002: the account's gaps come from the record source, not the post
        account = example["account_id"]
        bad = with_gaps(engine, {account: example.pop("security_gaps")}).check(make_post(example))
        good = with_gaps(engine, {account: instead.pop("security_gaps")}).check(make_post(instead))
        assert code in {f.code for f in bad.findings}, f"{code}: its Example does not fire it"
        assert code not in {f.code for f in good.findings if f.counts}, f"{code}: its Use instead fires it"
        return
    checker = engine
    if assets is not None:  # both posts are checked with a pack that names brand assets
        engine = checker = Engine(dataclasses.replace(engine.pack, brand_assets=tuple(assets)))
    if threshold is not None:  # only the Example needs a stricter pack (no explicit image ships with the tests)
        settings = dataclasses.replace(engine.pack.rules[code], threshold=threshold)
        checker = Engine(dataclasses.replace(engine.pack, rules={**engine.pack.rules, code: settings}))
    bad = checker.check(make_post(example))
    good = engine.check(make_post(instead))
    assert code in {f.code for f in bad.findings}, f"{code}: its Example does not fire it"
    assert code not in {f.code for f in good.findings if f.counts}, f"{code}: its Use instead fires it"


def test_unknown_rule_code_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown rule code"):
        get_rule("XX999")
    assert get_rule("op001").code == "OP001"
