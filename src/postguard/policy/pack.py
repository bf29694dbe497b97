"""Load, validate and layer policy packs.

The base pack ships with the package (``base.yaml``). A department pack names the base in ``extends``
and may add local rules and tighten the base: raise severities, lower thresholds, enable rules.
It may loosen only the codes the base lists under ``department_may_loosen`` (G15, G52).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import os
import re
import stat
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import re2  # google-re2: pack patterns run in time linear in the text, whatever the pattern
import yaml

from postguard.codes import CODES
from postguard.errors import PackError
from postguard.policy.numbers import number_regex
from postguard.types import AccountKind, Severity

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}

# A pack is a short hand-written file: these bound what reading one may cost, whatever is in it.
MAX_PACK_BYTES = 1024 * 1024
MAX_PACK_DEPTH = 20  # nodes from the top mapping to a value; the schema's deepest is 5
MAX_PACK_NODES = 50_000  # scalars, mappings and lists, all together
MAX_PACK_ITEMS = 2_000  # entries in any one mapping or list
# Brand assets, all packs together: each is decoded and matched against every photo (BR001), so a pack
# of thousands would stall every check that has a photo
MAX_BRAND_ASSETS = 50
_ECHO_CHARS = 80  # of a value from the pack quoted in an error message

# Personal mail providers: an address there is an individual's, never a department's published contact.
_FREE_MAIL = frozenset(
    "gmail.com googlemail.com outlook.com icloud.com me.com mac.com aol.com proton.me pm.me protonmail.com "
    "protonmail.ch msn.com ymail.com".split()
)
_FREE_MAIL_FAMILIES = frozenset({"hotmail", "yahoo", "live", "gmx", "outlook"})  # hotmail.co.uk, gmx.de…
_PERSONAL_PHONE_TYPES = ("MOBILE", "FIXED_LINE_OR_MOBILE", "PERSONAL_NUMBER", "PAGER", "VOICEMAIL")


@dataclass(frozen=True, slots=True)
class RuleSettings:
    enabled: bool
    severity: dict[AccountKind, Severity]
    threshold: float | None = None
    # the post model's part (issue 26; Rule.post_model): a score that adds a finding where the rule's own
    # reading found none, and one below which the rule's own finding does not stand; None: no part
    model_adds: float | None = None
    model_confirms: float | None = None


class PatternMatch(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...


class TextPattern(Protocol):
    """What the engine needs of a compiled local-rule pattern (``re.Pattern`` has it too)."""

    @property
    def pattern(self) -> str: ...

    def search(self, text: str) -> PatternMatch | None: ...


_SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class PackPattern:
    """A pack's pattern compiled with RE2: matching takes time linear in the text (no backtracking)."""

    pattern: str
    compiled: Any = field(compare=False, repr=False)

    def search(self, text: str) -> PatternMatch | None:
        try:
            match: PatternMatch | None = self.compiled.search(text)
        except UnicodeEncodeError:  # a lone surrogate: RE2 reads UTF-8; one code point for one keeps offsets
            match = self.compiled.search(_SURROGATES.sub("\ufffd", text))
        return match


@dataclass(frozen=True, slots=True)
class LocalRule:
    code: str
    name: str
    message: str
    clauses: tuple[str, ...]
    severity: Severity
    patterns: tuple[TextPattern, ...]
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
    def university_domains(self) -> tuple[str, ...]:
        """The mail domains of the University's published addresses (``ox.ac.uk``): an address under one
        of them is the University's, not a free-mail one."""
        return _university_domains(self.public_emails)

    @property
    def label(self) -> str:
        return f"{self.id}@{self.version}"

    def settings(self, code: str) -> RuleSettings | None:
        return self.rules.get(code)


def _schema() -> dict[str, Any]:
    text = resources.files("postguard.policy").joinpath("pack.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _echo(value: object) -> str:
    """A value from the pack, as an error message may quote it: one line, at most ``_ECHO_CHARS``."""
    text = value if isinstance(value, str) else repr(value)
    text = " ".join(text.split())
    return text if len(text) <= _ECHO_CHARS else text[: _ECHO_CHARS - 1] + "…"


def _read(source: str | Path) -> dict[str, Any]:
    """The pack file's text, read only if it is a regular file of at most ``MAX_PACK_BYTES``: a FIFO is
    opened without blocking and refused, a device is never read."""
    path = Path(source)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PackError("PG301", where=path) from None
    except OSError as exc:
        raise PackError("PG302", where=path, reason=exc.strerror or exc.__class__.__name__) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_PACK_BYTES:
        os.close(fd)
        if stat.S_ISDIR(info.st_mode):
            raise PackError("PG303", where=path)
        if not stat.S_ISREG(info.st_mode):
            raise PackError("PG304", where=path)
        raise PackError("PG305", where=path, size=info.st_size, limit=MAX_PACK_BYTES)
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_PACK_BYTES + 1)
        except OSError as exc:
            raise PackError("PG302", where=path, reason=exc.strerror or exc.__class__.__name__) from None
    if len(data) > MAX_PACK_BYTES:  # grew since it was measured
        raise PackError("PG306", where=path, limit=MAX_PACK_BYTES)
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackError("PG302", where=path, reason="not UTF-8 text") from None
    return _parse(raw, str(path))


class _PackYamlError(yaml.YAMLError):
    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem)
        self.problem = problem
        self.problem_mark = mark


class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: Any, mark: Any) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key = key
        self.problem_mark = mark


class _PackLoader(yaml.SafeLoader):
    """YAML's safe subset, bounded: no anchors or aliases (an alias bomb expands a few lines into
    gigabytes), at most ``MAX_PACK_DEPTH`` levels (Python's recursion limit is not a parser's), at most
    ``MAX_PACK_NODES`` nodes and ``MAX_PACK_ITEMS`` entries in one mapping or list."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            raise _PackYamlError("uses an alias (*name); a policy pack may not", event.start_mark)
        if getattr(event, "anchor", None) is not None:
            raise _PackYamlError("uses an anchor (&name); a policy pack may not", event.start_mark)
        self._nodes += 1
        if self._nodes > MAX_PACK_NODES:
            raise _PackYamlError(f"has over {MAX_PACK_NODES:,} values; a policy pack may not", event.start_mark)
        self._depth += 1
        try:
            if self._depth > MAX_PACK_DEPTH:
                raise _PackYamlError(f"nests over {MAX_PACK_DEPTH} levels; a policy pack may not", event.start_mark)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if isinstance(node, yaml.CollectionNode) and len(node.value) > MAX_PACK_ITEMS:
            raise _PackYamlError(f"has over {MAX_PACK_ITEMS:,} entries in one list or mapping", node.start_mark)
        return node

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A key given twice in one mapping is refused: YAML's loaders keep the last silently, so a rule
        set twice (``OP001: {enabled: false}`` further down) would quietly undo the first."""
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                key = self.construct_object(key_node)
                if isinstance(key, str | int | float | bool) or key is None:
                    if key in seen:
                        raise _DuplicateKey(key, key_node.start_mark)
                    seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _parse(raw: str, where: str) -> dict[str, Any]:
    if len(raw) > MAX_PACK_BYTES:
        raise PackError("PG306", where=where, limit=MAX_PACK_BYTES)
    try:
        data = yaml.load(raw, Loader=_PackLoader)  # noqa: S506 - a SafeLoader, bounded
    except _DuplicateKey as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark is not None else 0
        raise PackError("PG334", where=where, key=_echo(str(exc.key)), line=line) from None
    except _PackYamlError as exc:
        mark = exc.problem_mark
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise PackError("PG307", where=where, at=at, problem=exc.problem) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise PackError("PG308", where=where, at=at) from None
    except (ValueError, OverflowError, RecursionError) as exc:  # a scalar YAML resolves but Python refuses
        raise PackError("PG309", where=where, reason=_echo(str(exc))) from None
    if not isinstance(data, dict):
        raise PackError("PG310", where=where)
    _finite(data, where, "")
    _validate(data, where)
    return data


def _finite(value: Any, where: str, path: str) -> None:
    """No NaN or infinity anywhere: a NaN threshold compares false with every score and would switch its
    rule off while looking valid (the schema's bounds cannot see it). Depth is bounded by the loader."""
    if isinstance(value, float) and not math.isfinite(value):
        raise PackError("PG332", where=where, path=path or "(top level)", value=value)
    if isinstance(value, dict):
        for key, item in value.items():
            _finite(item, where, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _finite(item, where, f"{path}.{i}")


def _validate(data: dict[str, Any], where: str) -> None:
    import jsonschema

    validator = _validator_class()(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        assert best is not None
        path = ".".join(_echo(str(p)) for p in best.absolute_path) or "(top level)"
        message = best.message
        quoted = repr(best.instance)
        if len(quoted) > _ECHO_CHARS:
            message = message.replace(quoted, _echo(quoted))
        raise PackError("PG311", where=where, path=path, problem=_echo_long(message))


@functools.cache
def _validator_class() -> Any:
    """Draft 2020-12, but ``uniqueItems`` is judged only on lists within their ``maxItems``: jsonschema
    compares unhashable items pairwise, and a longer list is reported by ``maxItems`` anyway (2,000
    mappings under working_hours.days took 5 s). A ``pattern`` that ends in ``$`` matches the whole
    string: jsonschema searches with Python's re, whose ``$`` also matches before a final newline
    (``"09:00\n"`` was a time, ``"LXX-001\n"`` a rule code). NaN (YAML's ``.nan``) is within no bounds:
    every comparison with it is false, so ``threshold: .nan`` passed 0 < x < 1, was no raise of the
    base's threshold, and switched the rule off (``score >= nan`` never holds)."""
    import jsonschema

    base = jsonschema.Draft202012Validator
    unique = base.VALIDATORS["uniqueItems"]
    pattern = base.VALIDATORS["pattern"]

    def bounded_unique(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Any:
        if isinstance(instance, list) and len(instance) > schema.get("maxItems", 100):
            return
        yield from unique(validator, value, instance, schema)

    def anchored_pattern(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Any:
        if isinstance(instance, str) and value.endswith("$") and instance.endswith("\n"):
            yield jsonschema.ValidationError(f"{instance!r} does not match {value!r}")
            return
        yield from pattern(validator, value, instance, schema)

    def not_nan(keyword: str) -> Any:
        check = base.VALIDATORS[keyword]

        def bound(validator: Any, value: Any, instance: Any, schema: dict[str, Any]) -> Any:
            if isinstance(instance, float) and math.isnan(instance):
                yield jsonschema.ValidationError(f"{instance!r} is not a number")
                return
            yield from check(validator, value, instance, schema)

        return bound

    extra = {"uniqueItems": bounded_unique, "pattern": anchored_pattern}
    extra |= {k: not_nan(k) for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")}
    return jsonschema.validators.extend(base, extra)  # type: ignore[no-untyped-call]


def _echo_long(message: str) -> str:
    """A validator's message, one line and at most a few echoes long."""
    message = " ".join(message.split())
    return message if len(message) <= 3 * _ECHO_CHARS else message[: 3 * _ECHO_CHARS - 1] + "…"


def _severities(raw: dict[str, str]) -> dict[AccountKind, Severity]:
    return {AccountKind(k): Severity(v) for k, v in raw.items()}


def _working_hours(raw: dict[str, Any], where: str) -> WorkingHours:
    try:
        zone = ZoneInfo(raw["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        raise PackError("PG312", where=where, zone=raw["timezone"]) from None
    start = dt.time.fromisoformat(raw["start"])
    end = dt.time.fromisoformat(raw["end"])
    if end <= start:
        raise PackError("PG313", where=where, end=raw["end"], start=raw["start"])
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
            raise PackError("PG314", where=where, name=name)
    rules: dict[str, RuleSettings] = {}
    for code, raw in data["rules"].items():
        if code not in CODES:
            raise PackError("PG315", where=where, code=code)
        default = CODES[code].severity
        severity = {kind: default[kind] for kind in AccountKind}
        severity.update(_severities(raw.get("severity", {})))
        rules[code] = RuleSettings(
            raw.get("enabled", True), severity, raw.get("threshold"), raw.get("model_adds"), raw.get("model_confirms")
        )
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


def _brand_assets(raw: list[str], where: str, already: int = 0) -> tuple[str, ...]:
    """Asset paths, relative to the pack's folder when the pack is a file; each must be an image that
    the photo loader opens whole (decoded, at a reduced size where the format allows): an asset that
    cannot be read would turn BR001 off without a word. At most ``MAX_BRAND_ASSETS`` with the
    ``already`` listed by the packs below."""
    from postguard.photos.load import image_problem

    base = Path(where).parent if Path(where).is_file() else Path(".")
    if len(raw) + already > MAX_BRAND_ASSETS:
        raise PackError("PG335", where=where, count=len(raw) + already, limit=MAX_BRAND_ASSETS)
    out = []
    for i, name in enumerate(raw):
        try:
            path = Path(name) if Path(name).is_absolute() or Path(name).exists() else base / name
            if not path.exists():  # a directory or a device is not "missing": image_problem says what it is
                raise PackError("PG316", where=where, index=i, name=_echo(name))
        except OSError as exc:  # a name too long for the file system
            unreadable = f"cannot be read ({exc.strerror or exc.__class__.__name__})"
            raise PackError("PG317", where=where, index=i, name=_echo(name), problem=unreadable) from None
        problem = image_problem(path)
        if problem is not None:
            raise PackError("PG317", where=where, index=i, name=_echo(name), problem=problem)
        out.append(str(path))
    return tuple(out)


def _compile_pattern(pattern: str, where: str, at: str, *, ignore_case: bool = False) -> PackPattern:
    """``pattern`` compiled with RE2, or a one-line PackError: RE2 has no backreferences, lookarounds,
    atomic groups or possessive quantifiers, which is what keeps matching linear."""
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False
    if _SURROGATES.search(pattern):  # RE2 reads UTF-8, which has no lone surrogates
        raise PackError("PG318", where=where, at=at, reason="a lone surrogate (half a UTF-16 pair), which is not text")
    try:
        return PackPattern(pattern, re2.compile(pattern, options))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
    _python_pattern(pattern, where, at)
    raise PackError("PG319", where=where, at=at, reason=_echo(reason))


def _python_pattern(pattern: str, where: str, at: str) -> None:
    """``pattern`` compiles with Python's re, or a one-line PackError saying why (for a pattern RE2
    refused, whether it is broken for every engine). re's warnings ("Possible nested set") are never
    printed: no pack pattern runs on re."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            re.compile(pattern)
    except (re.error, FutureWarning, DeprecationWarning) as exc:
        raise PackError("PG318", where=where, at=at, reason=_echo(str(exc))) from None
    except RecursionError:  # groups nested hundreds deep
        raise PackError("PG318", where=where, at=at, reason="nested too deeply") from None
    except OverflowError as exc:  # a{99999999999}
        raise PackError("PG318", where=where, at=at, reason=_echo(str(exc))) from None


def _university_numbers(raw: dict[str, Any], where: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Number patterns run on RE2, as every pattern a pack writes does: each must compile alone and as
    the PII analyzer puts it, the group ``(?P<id>...)`` after its context phrases (``policy/numbers.py``,
    which the analyzer runs too), so that a pattern that names a group ``id`` is refused here rather than
    when the first post is checked."""
    out = {}
    for label, spec in raw.items():
        at = f"university_numbers.{label}.pattern"
        _compile_pattern(spec["pattern"], where, at)
        _compile_pattern(number_regex(spec["pattern"], tuple(spec["context"])), where, at)
        out[label] = (spec["pattern"], tuple(spec["context"]))
    return out


def _local_rules(raw_rules: list[dict[str, Any]], where: str) -> list[LocalRule]:
    out = []
    for i, raw in enumerate(raw_rules):
        compiled: list[TextPattern] = [
            _compile_pattern(pattern, where, f"local_rules.{i}.patterns.{j}", ignore_case=True)
            for j, pattern in enumerate(raw["patterns"])
        ]
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


def _university_domains(emails: frozenset[str]) -> tuple[str, ...]:
    """The mail domains the base pack's own published addresses use, reduced to those not under another:
    {ox.ac.uk, admin.ox.ac.uk} gives (ox.ac.uk,). A department's addresses must be at one of these or
    under it."""
    domains = {e.rsplit("@", 1)[1] for e in emails if "@" in e}
    return tuple(sorted(d for d in domains if not any(d.endswith("." + other) for other in domains)))


def _free_mail(domain: str) -> bool:
    """gmail.com, mail.gmail.com, hotmail.co.uk, gmx.de; not live.ox.ac.uk (a family name followed by
    more than a top-level domain and its second level is not the provider's)."""
    if domain in _FREE_MAIL or any(domain.endswith("." + d) for d in _FREE_MAIL):
        return True
    first, _, rest = domain.partition(".")
    suffix = rest.split(".")
    return first in _FREE_MAIL_FAMILIES and len(suffix) <= 2 and all(0 < len(label) <= 3 for label in suffix)


def _department_contacts(base: PolicyPack, contacts: dict[str, list[str]], where: str) -> tuple[set[str], list[str]]:
    """A department pack's public contacts, refused where they are an individual's: an address at a
    personal mail provider or outside the base pack's University domains, a mobile or personal number.
    Listing a contact as public switches DP001 off for it, and a department pack may only tighten."""
    import phonenumbers

    roots = _university_domains(base.public_emails)
    emails = set()
    for i, email in enumerate(contacts.get("emails", [])):
        address = email.lower()
        domain = address.rsplit("@", 1)[1]
        at = {"where": where, "index": i, "value": _echo(email)}
        if _free_mail(domain):
            raise PackError("PG320", **at)
        if roots and not any(domain == r or domain.endswith("." + r) for r in roots):
            raise PackError("PG321", **at, domains=", ".join(roots))
        emails.add(address)
    phones = []
    for i, phone in enumerate(contacts.get("phones", [])):
        at = {"where": where, "index": i, "value": _echo(phone)}
        kinds = set()
        # as written (a +33 number is French), and as DP001 compares numbers: UK digits without 0 or 44
        for text, region in ((phone, "GB"), ("+44" + _uk_digits(phone), None)):
            try:
                number = phonenumbers.parse(text, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(number):
                kinds.add(phonenumbers.PhoneNumberType.to_string(phonenumbers.number_type(number)))
        written = phone.strip()
        if _uk_digits(phone).startswith("7") and (not written.startswith("+") or written.startswith("+44")):
            kinds.add("MOBILE")  # 07…: mobile, personal (070) and pager (076) numbers, valid or not
        if not kinds:
            raise PackError("PG322", **at)
        personal = kinds & set(_PERSONAL_PHONE_TYPES)
        if personal:
            what = "a mobile" if personal & {"MOBILE", "FIXED_LINE_OR_MOBILE"} else "a personal"
            raise PackError("PG323", **at, what=what)
        phones.append(phone)
    return emails, phones


def _uk_digits(value: str) -> str:
    """The digits DP001 compares (``rules/personal_contact_details.py``): no 44, no leading zeros."""
    only = re.sub(r"\D", "", value)
    return (only[2:] if only.startswith("44") else only).lstrip("0")


def _layer(base: PolicyPack, data: dict[str, Any], where: str, may_loosen: frozenset[str]) -> PolicyPack:
    """Apply a department pack on top of ``base``, refusing anything that loosens it."""
    if data.get("extends") != base.id:
        raise PackError("PG324", where=where, base=base.id)
    if data.get("id") == base.id:
        raise PackError("PG333", where=where, base=base.id)
    base_only = (
        "limits", "working_hours", "approvers", "department_may_loosen", "university_numbers", "photos",
    )  # fmt: skip
    for name in (*base_only, "disclaimers", "notices"):
        if name in data:
            raise PackError("PG325", where=where, name=name)
    rules = dict(base.rules)
    for code, raw in data.get("rules", {}).items():
        current = rules.get(code)
        if current is None:
            raise PackError("PG315", where=where, code=code)
        loosen_ok = code in may_loosen
        enabled = raw.get("enabled", current.enabled)
        if current.enabled and not enabled and not loosen_ok:
            raise PackError("PG326", where=where, code=code)
        severity = dict(current.severity)
        for kind, value in _severities(raw.get("severity", {})).items():
            if value.rank < severity[kind].rank and not loosen_ok:
                raise PackError(
                    "PG327", where=where, code=code, kind=kind.value, old=severity[kind].value, new=value.value
                )
            severity[kind] = value
        threshold = raw.get("threshold", current.threshold)
        if current.threshold is not None and threshold is not None and threshold > current.threshold and not loosen_ok:
            raise PackError("PG328", where=where, code=code, old=current.threshold, new=threshold)
        adds = raw.get("model_adds", current.model_adds)
        if current.model_adds is not None and adds is not None and adds > current.model_adds and not loosen_ok:
            raise PackError("PG331", where=where, code=code, name="model_adds", old=current.model_adds, new=adds)
        confirms = raw.get("model_confirms", current.model_confirms)
        if confirms is not None and confirms > (current.model_confirms or 0.0) and not loosen_ok:
            raise PackError(
                "PG331", where=where, code=code, name="model_confirms", old=current.model_confirms, new=confirms
            )
        rules[code] = RuleSettings(enabled, severity, threshold, adds, confirms)
    local = _local_rules(data.get("local_rules", []), where)
    known = {r.code for r in base.local_rules}
    for rule in local:
        if rule.code in known:
            raise PackError("PG329", where=where, code=rule.code)
        known.add(rule.code)
    emails, phones = _department_contacts(base, data.get("public_contacts", {}), where)
    return PolicyPack(
        id=data["id"],
        version=data["version"],
        name=data.get("name", data["id"]),
        max_text_chars=base.max_text_chars,
        max_photos=base.max_photos,
        working_hours=base.working_hours,
        approvers=base.approvers,
        public_emails=base.public_emails | emails,
        public_phones=base.public_phones + tuple(phones),
        rules=rules,
        local_rules=base.local_rules + tuple(local),
        layers=base.layers + (f"{data['id']}@{data['version']}",),
        university_numbers=base.university_numbers,
        brand_assets=base.brand_assets + _brand_assets(data.get("brand_assets", []), where, len(base.brand_assets)),
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
        raise PackError("PG330", where=where)
    pack = _base_from(data, where)
    may_loosen = frozenset(data.get("department_may_loosen", []))
    for dept in department_packs:
        pack = _layer(pack, _read(dept), str(dept), may_loosen)
    return pack
