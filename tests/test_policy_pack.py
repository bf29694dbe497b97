from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from postguard.errors import PackError
from postguard.policy.pack import load_pack
from postguard.types import AccountKind, Severity


def _write(tmp_path: Path, text: str, name: str = "dept.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_base_pack_carries_the_guidance_defaults() -> None:
    pack = load_pack()
    assert pack.label == "oxford-university@2026.1"
    hours = pack.working_hours
    assert hours.timezone.key == "Europe/London"
    assert hours.start == dt.time(9, 0) and hours.end == dt.time(17, 30)
    assert hours.days == frozenset(range(5))
    assert pack.approvers["written-permission"] == "communications-office"
    assert "admissions@ox.ac.uk" in pack.public_emails
    assert pack.settings("DP004").severity[AccountKind.PERSONAL] is Severity.ERROR


def test_working_hours_use_london_time_across_daylight_saving() -> None:
    hours = load_pack().working_hours
    summer = dt.datetime(2026, 7, 1, 8, 30, tzinfo=dt.UTC)  # 09:30 in London (BST)
    winter = dt.datetime(2026, 12, 1, 8, 30, tzinfo=dt.UTC)  # 08:30 in London (GMT)
    assert hours.contains(summer) and not hours.contains(winter)
    assert not hours.contains(dt.datetime(2026, 11, 28, 12, 0))  # a Saturday


def test_department_may_tighten_and_add_local_rules(tmp_path: Path) -> None:
    dept = _write(
        tmp_path,
        """
id: dept-physics
version: "1"
extends: oxford-university
rules:
  OP002: {severity: {personal: warning}}
  AU001: {threshold: 0.4}
local_rules:
  - code: LPHYS-001
    name: unreleased-instrument-name
    message: The instrument's code name is not public yet.
    severity: error
    patterns: ["\\\\bProject Helios\\\\b"]
""",
    )
    pack = load_pack(dept)
    assert pack.label == "dept-physics@1"
    assert pack.layers == ("oxford-university@2026.1", "dept-physics@1")
    assert pack.settings("OP002").severity[AccountKind.PERSONAL] is Severity.WARNING
    assert pack.settings("AU001").threshold == 0.4
    assert pack.local_rules[0].code == "LPHYS-001"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("rules:\n  DP004: {severity: {personal: warning}}", "may not lower error to warning"),
        ("rules:\n  SE001: {enabled: false}", "may not switch off SE001"),
        ("rules:\n  AU001: {threshold: 0.9}", "may not raise"),
        ("working_hours: {timezone: UTC, days: [mon], start: '10:00', end: '11:00'}", "only the base pack"),
        ("rules:\n  ZZ999: {enabled: true}", "unknown rule code"),
    ],
)
def test_department_may_not_loosen_the_base(tmp_path: Path, body: str, message: str) -> None:
    dept = _write(tmp_path, f"id: dept-x\nversion: '1'\nextends: oxford-university\n{body}\n")
    with pytest.raises(PackError, match=message):
        load_pack(dept)


def test_department_may_loosen_what_the_base_allows(tmp_path: Path) -> None:
    dept = _write(tmp_path, "id: dept-x\nversion: '1'\nextends: oxford-university\nrules:\n  WK001: {enabled: false}\n")
    assert load_pack(dept).settings("WK001").enabled is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: [unclosed", "not valid YAML at line 1"),
        ("- a list", "expected a mapping"),
        ("id: Bad Id\nversion: '1'\nextends: oxford-university", "id: 'Bad Id' does not match"),
        (
            "id: dept-x\nversion: '1'\nextends: oxford-university\nrules:\n  OP001: {severity: {personal: fatal}}",
            "rules.OP001.severity.personal: 'fatal' is not one of",
        ),
        ("id: dept-x\nversion: '1'\nextends: oxford-university\nsurprise: 1", "Additional properties"),
        ("id: dept-x\nversion: '1'\nextends: elsewhere", "extends must name the base pack"),
        (
            "id: dept-x\nversion: '1'\nextends: oxford-university\nlocal_rules:\n"
            "  - {code: LXY-001, name: x-y, message: m, severity: error, patterns: ['(']}",
            "bad pattern",
        ),
    ],
)
def test_malformed_pack_gives_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PackError, match=message) as info:
        load_pack(_write(tmp_path, text))
    assert "\n" not in str(info.value)


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="file not found"):
        load_pack(tmp_path / "nope.yaml")
