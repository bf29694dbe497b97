"""Who may do what: roles, the actor a service acts for, and the one permission check services call.

A role is a Django group of the same name (an administrator is a superuser and holds every permission);
``signed-in`` is held by every signed-in user, and is no group. :data:`PERMISSIONS` maps each permission a
service checks to the roles that hold it: the registry's, then the checks', approvals', incidents' and
access withdrawals'. A permission held by no role is an administrator's only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from postguard.errors import AccessDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class Role(StrEnum):
    ADMINISTRATOR = "administrator"
    REGISTRY_OFFICER = "registry-officer"
    COMMUNICATIONS = "communications-office"
    SAFEGUARDING_LEAD = "safeguarding-lead"
    RESEARCH_AUTHORISER = "research-authoriser"  # a Principal Investigator or Head of Department (G34)
    HR_BUSINESS_PARTNER = "hr-business-partner"
    DATA_PROTECTION = "data-protection"
    ACCESS_PROXY = "access-proxy"  # the University's web proxy, which polls the access withdrawals (G31, G53)
    # Every signed-in user holds this one; it is no group (Actor.of_user adds it)
    SIGNED_IN = "signed-in"


# Who decides the findings routed to each role (postguard.server.approvals.routing): "decide approvals for
# <role>" is held by that role.
DECIDING_ROLES = (Role.COMMUNICATIONS, Role.SAFEGUARDING_LEAD, Role.RESEARCH_AUTHORISER, Role.REGISTRY_OFFICER)


def decide_permission(role: Role | str) -> str:
    """The permission to decide the findings of an approval that are routed to ``role``."""
    return f"decide approvals for {Role(role).value}"


PERMISSIONS: dict[str, frozenset[Role]] = {
    "manage the registry": frozenset({Role.REGISTRY_OFFICER}),
    "record consents": frozenset({Role.REGISTRY_OFFICER}),
    "grant written permissions": frozenset({Role.COMMUNICATIONS}),
    "set standing permissions": frozenset({Role.COMMUNICATIONS}),
    "authorise research photos": frozenset({Role.RESEARCH_AUTHORISER}),
    "authorise photos of children": frozenset({Role.SAFEGUARDING_LEAD}),
    "record licences": frozenset({Role.REGISTRY_OFFICER, Role.COMMUNICATIONS}),
    "erase a person's data": frozenset({Role.DATA_PROTECTION}),
    "read the whole registry": frozenset(
        {Role.REGISTRY_OFFICER, Role.COMMUNICATIONS, Role.SAFEGUARDING_LEAD, Role.DATA_PROTECTION}
    ),
    "read the audit log": frozenset({Role.DATA_PROTECTION}),
    "create administrators": frozenset(),
    # checks, approvals, incidents and access withdrawals (object-level rules are the services' and
    # selectors': an author's own check, an approval routed to the role, an HR Business Partner's departments)
    "run checks": frozenset({Role.SIGNED_IN}),
    "read every check": frozenset(),
    "submit posts for approval": frozenset({Role.SIGNED_IN}),
    "withdraw approvals": frozenset({Role.COMMUNICATIONS}),
    **{decide_permission(role): frozenset({role}) for role in DECIDING_ROLES},
    "read every approval": frozenset(),
    "lapse approvals": frozenset({Role.COMMUNICATIONS}),
    "report misuse": frozenset({Role.SIGNED_IN}),
    "handle incidents": frozenset({Role.HR_BUSINESS_PARTNER}),
    # a report that names nobody the registry holds goes to the communications office, which finds the person
    "read incidents awaiting triage": frozenset({Role.COMMUNICATIONS}),
    "triage incidents": frozenset({Role.COMMUNICATIONS}),
    "read their departments' incidents": frozenset({Role.HR_BUSINESS_PARTNER}),
    "read every incident": frozenset(),
    "withdraw access to sites": frozenset({Role.HR_BUSINESS_PARTNER}),
    "export access withdrawals": frozenset({Role.ACCESS_PROXY}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a service acts for: a user with roles, or the system itself (first-run setup, the CLI).

    ``label`` is what the audit log records (``user:12``, ``system``): an id, never a name. ``shown`` is
    what messages to users say: the user name (an id means nothing to the person reading it).
    """

    label: str
    roles: frozenset[Role]
    user_id: int | None = None
    person_id: int | None = None
    # An API token's actor holds only the permissions its scopes allow (postguard.server.tokens.scopes),
    # whatever its user's roles hold; None: no such limit (a signed-in session, the system).
    limited_to: frozenset[str] | None = None
    username: str | None = field(default=None, compare=False)  # for messages only

    @property
    def shown(self) -> str:
        """The actor as a message names them: the user name, else the label (``system``, ``anonymous``)."""
        return self.username or self.label

    def can(self, permission: str) -> bool:
        if self.limited_to is not None and permission not in self.limited_to:
            return False
        return Role.ADMINISTRATOR in self.roles or bool(self.roles & PERMISSIONS[permission])

    @classmethod
    def of_user(cls, user: User | AnonymousUser) -> Actor:
        """The actor for a signed-in user: its groups named after roles, administrator if a superuser."""
        if not user.is_authenticated or not user.is_active:
            return ANONYMOUS
        names = set(user.groups.values_list("name", flat=True))
        roles = {r for r in Role if r.value in names} | {Role.SIGNED_IN}
        if user.is_superuser:
            roles.add(Role.ADMINISTRATOR)
        person = getattr(user, "person", None)
        return cls(
            f"user:{user.pk}",
            frozenset(roles),
            user_id=user.pk,
            person_id=person.pk if person else None,
            username=user.get_username(),
        )


SYSTEM = Actor("system", frozenset({Role.ADMINISTRATOR}))
ANONYMOUS = Actor("anonymous", frozenset())


def require(actor: Actor, permission: str) -> None:
    """Raise :class:`AccessDenied` unless ``actor`` holds ``permission``."""
    if not actor.can(permission):
        raise AccessDenied("PG601", actor=actor.shown, action=permission)
