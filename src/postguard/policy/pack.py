"""Load, validate and layer policy packs.

The base pack ships with the package (``base.yaml``). A department pack names the base in ``extends``
and may add local rules and tighten the base: raise severities, lower thresholds, enable rules.
It may loosen only the codes the base lists under ``department_may_loosen`` (G15, G52).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from postguard.codes import CODES
from postguard.errors import PackError
from postguard.types import AccountKind, Severity

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class RuleSettings:
    enabled: bool
    severity: dict[AccountKind, Severity]
    threshold: float | None = None


@dataclass(frozen=True, slots=True)
class LocalRule:
    code: str
    name: str
    message: str
    clauses: tuple[str, ...]
    severity: Severity
    patterns: tuple[re.Pattern[str], ...]
    accounts: tuple[AccountKind, ...]


@dataclass(frozen=True, slots=True)
class WorkingHours:
    timezone: ZoneInfo
    days: frozenset[int]  # Monday is 0
    start: dt.time
    end: dt.time

    def contains(self, when: dt.datetime) -> bool:
        local = when.astimezone(self.timezone) if when.tzinfo else when.replace(tzinfo=self.timezone)
        return local.weekday() in self.days and self.start <= local.time() < self.end


@dataclass(frozen=True, slots=True)
class Disclaimers:
    """The "views are my own" statements in each platform's style, and short platforms' character limits."""

    short: str
    long: str
    blog: str
    character_limits: dict[str, int]
    short_style: frozenset[str]
    blog_style: frozenset[str]


DEFAULT_CHILD_APPARENT_AGE = 21


@dataclass(frozen=True, slots=True)
class PolicyPack:
    id: str
    version: str
    name: str
    max_text_chars: int
    max_photos: int
    working_hours: WorkingHours
    approvers: dict[str, str]
    public_emails: frozenset[str]
    public_phones: tuple[str, ...]
    rules: dict[str, RuleSettings]
    local_rules: tuple[LocalRule, ...] = ()
    layers: tuple[str, ...] = field(default=())
    # label -> (number pattern, context phrases) for University card, student and staff numbers
    university_numbers: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    brand_assets: tuple[str, ...] = ()
    # a face estimated younger than this is treated as a child (PH002)
    child_apparent_age: int = DEFAULT_CHILD_APPARENT_AGE
    disclaimers: Disclaimers | None = None
    photo_notice: str | None = None

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"

    def settings(self, code: str) -> RuleSettings | None:
        return self.rules.get(code)


def _schema() -> dict[str, Any]:
    text = resources.files("postguard.policy").joinpath("pack.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _read(source: str | Path) -> dict[str, Any]:
    path = Path(source)
    try:
        raw = path.read_text("utf-8")
    except FileNotFoundError:
        raise PackError(f"policy pack {path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"policy pack {path}: cannot be read ({exc.__class__.__name__})") from None
    return _parse(raw, str(path))


def _parse(raw: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise PackError(f"policy pack {where}: not valid YAML{at}") from None
    if not isinstance(data, dict):
        raise PackError(f"policy pack {where}: expected a mapping at the top level")
    _validate(data, where)
    return data


def _validate(data: dict[str, Any], where: str) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        assert best is not None
        path = ".".join(str(p) for p in best.absolute_path) or "(top level)"
        raise PackError(f"policy pack {where}: {path}: {best.message}")


def _severities(raw: dict[str, str]) -> dict[AccountKind, Severity]:
    return {AccountKind(k): Severity(v) for k, v in raw.items()}


def _working_hours(raw: dict[str, Any], where: str) -> WorkingHours:
    try:
        zone = ZoneInfo(raw["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise PackError(f"policy pack {where}: working_hours.timezone: unknown time zone {raw['timezone']!r}") from None
    start = dt.time.fromisoformat(raw["start"])
    end = dt.time.fromisoformat(raw["end"])
    if end <= start:
        raise PackError(f"policy pack {where}: working_hours: end {raw['end']} is not after start {raw['start']}")
    return WorkingHours(zone, frozenset(_DAYS.index(d) for d in raw["days"]), start, end)


def _disclaimers(raw: dict[str, Any] | None) -> Disclaimers | None:
    if raw is None:
        return None
    return Disclaimers(
        short=raw["short"],
        long=raw["long"],
        blog=raw["blog"],
        character_limits={k.lower(): v for k, v in raw.get("character_limits", {}).items()},
        short_style=frozenset(k.lower() for k in raw.get("short_style", [])),
        blog_style=frozenset(k.lower() for k in raw.get("blog_style", [])),
    )


def _base_from(data: dict[str, Any], where: str) -> PolicyPack:
    for name in ("limits", "working_hours", "approvers", "rules"):
        if name not in data:
            raise PackError(f"policy pack {where}: a base pack needs '{name}'")
    rules: dict[str, RuleSettings] = {}
    for code, raw in data["rules"].items():
        if code not in CODES:
            raise PackError(f"policy pack {where}: rules.{code}: unknown rule code")
        default = CODES[code].severity
        severity = {kind: default[kind] for kind in AccountKind}
        severity.update(_severities(raw.get("severity", {})))
        rules[code] = RuleSettings(raw.get("enabled", True), severity, raw.get("threshold"))
    contacts = data.get("public_contacts", {})
    limits = data["limits"]
    return PolicyPack(
        id=data["id"],
        version=data["version"],
        name=data.get("name", data["id"]),
        max_text_chars=limits.get("max_text_chars", 100_000),
        max_photos=limits.get("max_photos", 10),
        working_hours=_working_hours(data["working_hours"], where),
        approvers=dict(data["approvers"]),
        public_emails=frozenset(e.lower() for e in contacts.get("emails", [])),
        public_phones=tuple(contacts.get("phones", [])),
        rules=rules,
        local_rules=tuple(_local_rules(data.get("local_rules", []), where)),
        layers=(f"{data['id']}@{data['version']}",),
        university_numbers=_university_numbers(data.get("university_numbers", {}), where),
        brand_assets=_brand_assets(data.get("brand_assets", []), where),
        child_apparent_age=data.get("photos", {}).get("child_apparent_age", DEFAULT_CHILD_APPARENT_AGE),
        disclaimers=_disclaimers(data.get("disclaimers")),
        photo_notice=data.get("notices", {}).get("photos"),
    )


def _brand_assets(raw: list[str], where: str) -> tuple[str, ...]:
    """Asset paths, relative to the pack's folder when the pack is a file; each must be an image."""
    base = Path(where).parent if Path(where).is_file() else Path(".")
    out = []
    for i, name in enumerate(raw):
        path = Path(name) if Path(name).is_absolute() or Path(name).exists() else base / name
        if not path.is_file():
            raise PackError(f"policy pack {where}: brand_assets.{i}: no such file {name!r}")
        out.append(str(path))
    return tuple(out)


def _university_numbers(raw: dict[str, Any], where: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    out = {}
    for label, spec in raw.items():
        try:
            re.compile(spec["pattern"])
        except re.error as exc:
            raise PackError(f"policy pack {where}: university_numbers.{label}.pattern: bad pattern ({exc})") from None
        out[label] = (spec["pattern"], tuple(spec["context"]))
    return out


def _local_rules(raw_rules: list[dict[str, Any]], where: str) -> list[LocalRule]:
    out = []
    for i, raw in enumerate(raw_rules):
        compiled = []
        for j, pattern in enumerate(raw["patterns"]):
            try:
                compiled.append(re.compile(pattern, re.IGNORECASE))
            except re.error as exc:
                raise PackError(f"policy pack {where}: local_rules.{i}.patterns.{j}: bad pattern ({exc})") from None
        out.append(
            LocalRule(
                code=raw["code"],
                name=raw["name"],
                message=raw["message"],
                clauses=tuple(raw.get("clauses", ["G15", "G52"])),
                severity=Severity(raw["severity"]),
                patterns=tuple(compiled),
                accounts=tuple(AccountKind(a) for a in raw.get("accounts", [k.value for k in AccountKind])),
            )
        )
    return out


def _layer(base: PolicyPack, data: dict[str, Any], where: str, may_loosen: frozenset[str]) -> PolicyPack:
    """Apply a department pack on top of ``base``, refusing anything that loosens it."""
    if data.get("extends") != base.id:
        raise PackError(f"policy pack {where}: extends must name the base pack {base.id!r}")
    base_only = ("limits", "working_hours", "approvers", "department_may_loosen", "university_numbers", "photos")
    for name in (*base_only, "disclaimers", "notices"):
        if name in data:
            raise PackError(f"policy pack {where}: {name}: only the base pack may set this")
    rules = dict(base.rules)
    for code, raw in data.get("rules", {}).items():
        current = rules.get(code)
        if current is None:
            raise PackError(f"policy pack {where}: rules.{code}: unknown rule code")
        loosen_ok = code in may_loosen
        enabled = raw.get("enabled", current.enabled)
        if current.enabled and not enabled and not loosen_ok:
            raise PackError(f"policy pack {where}: rules.{code}: a department pack may not switch off {code}")
        severity = dict(current.severity)
        for kind, value in _severities(raw.get("severity", {})).items():
            if value.rank < severity[kind].rank and not loosen_ok:
                raise PackError(
                    f"policy pack {where}: rules.{code}.severity.{kind.value}: may not lower "
                    f"{severity[kind].value} to {value.value}"
                )
            severity[kind] = value
        threshold = raw.get("threshold", current.threshold)
        if current.threshold is not None and threshold is not None and threshold > current.threshold and not loosen_ok:
            raise PackError(
                f"policy pack {where}: rules.{code}.threshold: may not raise {current.threshold} to {threshold} "
                "(a higher threshold reports less)"
            )
        rules[code] = RuleSettings(enabled, severity, threshold)
    local = _local_rules(data.get("local_rules", []), where)
    known = {r.code for r in base.local_rules}
    for rule in local:
        if rule.code in known:
            raise PackError(f"policy pack {where}: local rule {rule.code} is defined twice")
        known.add(rule.code)
    contacts = data.get("public_contacts", {})
    return PolicyPack(
        id=data["id"],
        version=data["version"],
        name=data.get("name", data["id"]),
        max_text_chars=base.max_text_chars,
        max_photos=base.max_photos,
        working_hours=base.working_hours,
        approvers=base.approvers,
        public_emails=base.public_emails | {e.lower() for e in contacts.get("emails", [])},
        public_phones=base.public_phones + tuple(contacts.get("phones", [])),
        rules=rules,
        local_rules=base.local_rules + tuple(local),
        layers=base.layers + (f"{data['id']}@{data['version']}",),
        university_numbers=base.university_numbers,
        brand_assets=base.brand_assets + _brand_assets(data.get("brand_assets", []), where),
        child_apparent_age=base.child_apparent_age,
        disclaimers=base.disclaimers,
        photo_notice=base.photo_notice,
    )


def base_pack_text() -> str:
    return resources.files("postguard.policy").joinpath("base.yaml").read_text("utf-8")


def load_pack(*department_packs: str | Path, base: str | Path | None = None) -> PolicyPack:
    """The base pack (the embedded one unless ``base`` is given) with department packs layered on."""
    if base is None:
        data = _parse(base_pack_text(), "base.yaml (embedded)")
        where = "base.yaml (embedded)"
    else:
        data = _read(base)
        where = str(base)
    if "extends" in data:
        raise PackError(f"policy pack {where}: a base pack cannot extend another pack")
    pack = _base_from(data, where)
    may_loosen = frozenset(data.get("department_may_loosen", []))
    for dept in department_packs:
        pack = _layer(pack, _read(dept), str(dept), may_loosen)
    return pack
