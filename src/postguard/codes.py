"""The one table of rule codes: name, clauses, default severity per account kind, status.

The policy pack validates codes and takes default severities from here, and each rule class takes its
metadata from here by its code, so neither imports the other (``postguard.policy`` never loads a rule).
Codes are never reused: a retired code moves to :data:`REMOVED`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from postguard.types import AccountKind, Severity

Status = Literal["active", "planned", "removed"]
# Codes a department pack's own rules may use: "L" and three digits (L001...), never a catalogue code.
LOCAL_CODE_PREFIX = "L"


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    name: str
    clauses: tuple[str, ...]
    severity: dict[AccountKind, Severity]
    status: Status = "active"


def _code(
    code: str, name: str, clauses: tuple[str, ...], personal: str, professional: str, official: str, status: Status
) -> Code:
    kinds = (AccountKind.PERSONAL, AccountKind.PROFESSIONAL, AccountKind.OFFICIAL)
    levels = (Severity(personal), Severity(professional), Severity(official))
    return Code(code, name, clauses, dict(zip(kinds, levels, strict=True)), status)


# code, name, clauses, default severity (personal, professional, official), status
CODES: dict[str, Code] = {
    c.code: c
    for c in (
        _code("DP001", "personal-contact-details", ("G18", "G28"), "error", "error", "error", "active"),
        _code("DP002", "identification-number", ("G18",), "error", "error", "error", "active"),
        _code("DP003", "special-category-data", ("G18",), "error", "error", "error", "active"),
        _code("DP004", "confidential-information", ("G18", "G28", "G35"), "error", "error", "error", "active"),
        _code("DP005", "student-or-staff-record", ("G18",), "error", "error", "error", "active"),
        _code("PH001", "identifiable-person-without-consent", ("G21",), "warning", "warning", "warning", "active"),
        _code("PH002", "child-in-photo", ("G22",), "error", "error", "warning", "active"),
        _code("PH003", "revealing-background", ("G20", "G34"), "warning", "warning", "warning", "active"),
        _code("PH004", "location-metadata", ("G20", "G18"), "warning", "warning", "warning", "active"),
        _code("PH005", "research-work-revealed", ("G34", "G51"), "warning", "warning", "warning", "active"),
        _code("PH006", "inappropriate-image", ("G28",), "error", "error", "error", "active"),
        _code("RS001", "harassment", ("G23", "G24", "G48"), "error", "error", "error", "active"),
        _code("RS002", "discriminatory-content", ("G25", "G49"), "error", "error", "error", "active"),
        _code("RS003", "discourtesy", ("G23", "G27"), "warning", "warning", "warning", "active"),
        _code("OP001", "opinion-without-disclaimer", ("G14", "G26"), "warning", "warning", "warning", "active"),
        _code("OP002", "controversial-topic", ("G25",), "info", "info", "info", "active"),
        _code("AU001", "unauthorised-announcement", ("G32",), "warning", "warning", "warning", "active"),
        _code("AU002", "unauthorised-campaign", ("G32",), "warning", "warning", "warning", "active"),
        _code("AU003", "professional-use-of-personal-account", ("G16",), "info", "info", "info", "active"),
        _code("AU004", "speaking-for-the-university", ("G11", "G26"), "warning", "warning", "warning", "active"),
        _code("BR001", "logo-or-crest", ("G33",), "error", "error", "warning", "active"),
        _code("IP001", "third-party-content", ("G35", "G36"), "warning", "warning", "warning", "active"),
        _code("IP002", "unpublished-research", ("G34", "G36", "G50", "G51"), "warning", "warning", "warning", "active"),
        _code("SE001", "credential-or-secret", ("G38", "G29"), "error", "error", "error", "active"),
        _code("SE002", "account-security-gaps", ("G38",), "warning", "warning", "warning", "active"),
        _code("WK001", "working-hours-personal-use", ("G13",), "info", "info", "info", "active"),
        _code("WB001", "possible-public-interest-disclosure", ("G47",), "info", "info", "info", "active"),
    )
}

# Retired codes, kept so that none is ever reused: code -> the release that removed it and why.
REMOVED: dict[str, str] = {}


def is_local_code(code: str) -> bool:
    """A department pack's own rule code (L001...): never one of the catalogue's."""
    return code.startswith(LOCAL_CODE_PREFIX) and code not in CODES
