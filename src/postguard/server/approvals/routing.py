"""Where each finding of an official account's post is routed: the one table of code to role.

A finding goes to the role that can lift it, that is, the role that grants the record covering its code:

- the communications office: announcements and campaigns, speaking for the University, the crest, and
  confidential information (written permissions, G32: AU001, AU002, AU004, BR001, DP004);
- a safeguarding lead: children in photos (G22: PH002);
- a research authoriser (a PI or Head of Department): research in photos, unpublished research (G34:
  PH005, IP002);
- a registry officer: what consents and licences lift (contact details, special-category data, faces:
  DP001, DP003, PH001; third-party content: IP001), and the account's security gaps, which the registry
  records (SE002).

No record lifts the other codes: the communications office, which answers for what an official account
says, reviews them. A post with no finding left to decide still goes to the communications office.
"""

from __future__ import annotations

from collections.abc import Iterable

from postguard.server.access import Role

ROUTES: dict[str, Role] = {
    # written permissions (the communications office)
    "AU001": Role.COMMUNICATIONS,
    "AU002": Role.COMMUNICATIONS,
    "AU004": Role.COMMUNICATIONS,
    "BR001": Role.COMMUNICATIONS,
    "DP004": Role.COMMUNICATIONS,
    # authorisations
    "PH002": Role.SAFEGUARDING_LEAD,
    "PH005": Role.RESEARCH_AUTHORISER,
    "IP002": Role.RESEARCH_AUTHORISER,
    # consents and licences, and the account's own record (the registry)
    "DP001": Role.REGISTRY_OFFICER,
    "DP003": Role.REGISTRY_OFFICER,
    "PH001": Role.REGISTRY_OFFICER,
    "IP001": Role.REGISTRY_OFFICER,
    "SE002": Role.REGISTRY_OFFICER,
    # no record lifts these: the communications office reviews what the account says
    "AU003": Role.COMMUNICATIONS,
    "DP002": Role.COMMUNICATIONS,
    "DP005": Role.COMMUNICATIONS,
    "SE001": Role.COMMUNICATIONS,
    "PH003": Role.COMMUNICATIONS,
    "PH004": Role.COMMUNICATIONS,
    "PH006": Role.COMMUNICATIONS,
    "RS001": Role.COMMUNICATIONS,
    "RS002": Role.COMMUNICATIONS,
    "RS003": Role.COMMUNICATIONS,
    "OP001": Role.COMMUNICATIONS,
    "OP002": Role.COMMUNICATIONS,
    "WK001": Role.COMMUNICATIONS,
    "WB001": Role.COMMUNICATIONS,
}
# A department pack's own rules (L...), and a post with nothing left to decide
DEFAULT_ROLE = Role.COMMUNICATIONS


def route_of(code: str) -> Role:
    """The role a finding of ``code`` is routed to."""
    return ROUTES.get(code, DEFAULT_ROLE)


def routes_for(codes: Iterable[str]) -> dict[Role, list[str]]:
    """The roles a post's findings go to, each with the codes it decides (every role once; the
    communications office alone when nothing is left to decide)."""
    out: dict[Role, list[str]] = {}
    for code in codes:
        out.setdefault(route_of(code), [])
        if code not in out[route_of(code)]:
            out[route_of(code)].append(code)
    return out or {DEFAULT_ROLE: []}
