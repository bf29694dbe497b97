"""The API's authorisation matrix: one table of every route, and who may call it.

Each :class:`Row` names a route (method and path, its ids filled from the :func:`world`), the body it is
called with, the scope a token needs, the status it answers when allowed, who is allowed, and who does
not even see the object (404, its existence not told). The objects its body names by id are its
:class:`Cited` entries, each with who sees it: a caller who does not see one gets 404 too, exactly as for
an id that names nothing. Everyone else is refused: an anonymous caller with 401 (PG672), a signed-in
one with 403 (PG601, the service's refusal), a token without the route's scope with 403 (PG674), a token
on a route that takes sessions only with 403 (PG680).

The callers (:data:`KINDS`): anonymous; a user holding each role; ``owner``, a member of staff with no
role who owns the account the records are about and is the consent's subject; ``other``, a member of
staff with no role in another department; and an administrator's API token with exactly the route's
scope (``token-with-scope``: allowed as the administrator is) or with every scope that does not include
it (``token-without-scope``).

``tests/server/test_api_matrix.py`` runs every row for every caller, on SQLite and on PostgreSQL, and
checks that the table names every route of the OpenAPI schema once; and for every id a body names (the
:class:`Cited` entries, those the row's body leaves out among them), that a caller who may not see the
object gets the very answer an id of nothing gets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ROLES = (
    "administrator",
    "registry-officer",
    "communications-office",
    "safeguarding-lead",
    "research-authoriser",
    "hr-business-partner",
    "data-protection",
    "access-proxy",
)
KINDS = ("anonymous", *ROLES, "owner", "other", "token-with-scope", "token-without-scope")
SIGNED_IN = frozenset(ROLES) | {"owner", "other"}
# who reads the whole registry (and so sees every row of it)
READERS = frozenset(
    {"administrator", "registry-officer", "communications-office", "safeguarding-lead", "data-protection"}
)
EVERYONE = frozenset(KINDS)

TODAY = dt.date(2026, 12, 3)
PHOTO = "ab" * 32
OWNER_PASSWORD = "owner's long enough password"

Body = Callable[[dict[str, Any]], Any]


def _none(world: dict[str, Any]) -> None:
    return None


@dataclass(frozen=True)
class Cited:
    """An id a route's body names: the field, its value in the world (an id, or a list of ids), and who
    sees what it names. ``extra``: the row's body leaves the field out; the leak test adds it."""

    field: str
    value: Callable[[dict[str, Any]], Any]
    visible: frozenset[str]
    extra: bool = False


@dataclass(frozen=True)
class Row:
    method: str
    path: str  # with {names} from the world
    scope: str | None  # the scope a token needs; None: a session-only route (or a public one)
    ok: int
    allowed: frozenset[str]
    hidden: frozenset[str] = frozenset()
    body: Body = _none
    public: bool = False  # no sign-in needed
    form: bool = False  # the body is sent as multipart/form-data
    cites: tuple[Cited, ...] = ()

    @property
    def route(self) -> str:
        """The route as the OpenAPI schema names it (``GET /registry/people/{id}``)."""
        import re

        return f"{self.method} " + re.sub(r"{[a-z_]+}", "{}", self.path)

    def expected(self, kind: str) -> tuple[int, str | None]:
        """The status and error code ``kind`` gets."""
        if kind.startswith("token-"):
            if self.public:
                return self.ok, None
            if self.scope is None:
                return 403, "PG680"
            if kind == "token-without-scope":
                return 403, "PG674"
            kind = "administrator"
        if kind == "anonymous" and not self.public:
            return 401, "PG672"
        if kind in self.allowed:
            return self.ok, None
        if kind in self.hidden:
            return 404, "PG675"
        if any(kind not in cited.visible for cited in self.cites if not cited.extra):
            return 404, "PG675"  # an id in the body names what the caller does not see
        return 403, "PG601"


def rows_for(*, allowed: set[str], visible: set[str] | frozenset[str]) -> dict[str, frozenset[str]]:
    """``allowed`` among those who see the object; those who do not see it are hidden (404)."""
    return {"allowed": frozenset(allowed), "hidden": frozenset(SIGNED_IN - set(visible))}


def _b(**values: Any) -> Body:
    """A body whose values may be functions of the world (ids made when the world is)."""

    def body(world: dict[str, Any]) -> dict[str, Any]:
        return {k: (v(world) if callable(v) else v) for k, v in values.items()}

    return body


def _id(name: str) -> Callable[[dict[str, Any]], int]:
    return lambda world: int(world[name].pk)


def _ids(*names: str) -> Callable[[dict[str, Any]], list[int]]:
    return lambda world: [int(world[name].pk) for name in names]


def _cites(field: str, value: Callable[[dict[str, Any]], Any], visible: Any, *, extra: bool = False) -> Cited:
    return Cited(field, value, frozenset(visible), extra)


def _evidence() -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("signed-form.pdf", b"%PDF-1.4 consent form signed by Ada", content_type="application/pdf")


def _in_days(days: int) -> Callable[[dict[str, Any]], str]:
    return lambda world: (world["now"] + dt.timedelta(days=days)).isoformat()


_ADMIN = {"administrator"}
_OFFICER = _ADMIN | {"registry-officer"}
_COMMS = _ADMIN | {"communications-office"}
# who sees Ada (the owner): readers, her HR Business Partner and herself; Alan: readers and his partner;
# the people with a role (all in chemistry, which has no partner): readers and themselves
_SEE_ADA = READERS | {"hr-business-partner", "owner"}
_SEE_ALAN = READERS | {"hr-business-partner"}
_SEE_HRBP = READERS | {"hr-business-partner"}
_SEE_RESEARCHER = READERS | {"research-authoriser"}
# the University's structure is read by anyone signed in; users by those who link people to them (and
# each user their own: the proxy's user, which no person is)
_SEE_UNITS = SIGNED_IN
_SEE_PROXY_USER = _OFFICER | {"access-proxy"}
# who sees the official account and the records about it: readers and its owner
_SEE_ACCOUNT = READERS | {"owner"}
# Ada's check of the official account's post, and her approval of it (routed to the communications office)
_SEE_CHECK = {"administrator", "owner", "communications-office"}
_SEE_DRAFT = {"administrator", "owner"}
# Olga's report of Alan (physics), routed to physics' HR Business Partner; Alan's access withdrawal
_SEE_INCIDENT = {"administrator", "other", "hr-business-partner"}
_HANDLE_INCIDENT = {"administrator", "hr-business-partner"}
# Olga's report of someone the registry does not hold: awaiting the communications office's triage
_SEE_TRIAGE = {"administrator", "other", "communications-office"}
_SEE_WITHDRAWAL = {"administrator", "hr-business-partner", "access-proxy"}
# who reads the official account's archive audits: the communications office, administrators, its owner
_SEE_AUDIT = _COMMS | {"owner"}

MATRIX: tuple[Row, ...] = (
    # session
    Row("GET", "/session", None, 200, EVERYONE, public=True),
    Row("POST", "/session", None, 200, EVERYONE, public=True, body=_b(username="owner", password=OWNER_PASSWORD)),
    Row("DELETE", "/session", None, 200, EVERYONE, public=True),
    # tokens: made and revoked from a session only; the world's token is the administrator's
    Row("GET", "/tokens", None, 200, SIGNED_IN),
    Row("POST", "/tokens", None, 201, SIGNED_IN, body=_b(name="script", scopes=["read"], days=30)),
    Row("POST", "/tokens/{token}/revoke", None, 200, **rows_for(allowed=_ADMIN, visible=_ADMIN)),
    # people
    Row("GET", "/registry/people", "read", 200, SIGNED_IN),
    Row("GET", "/registry/people/{ada}", "read", 200, **rows_for(allowed=set(_SEE_ADA), visible=_SEE_ADA)),
    Row(
        "POST",
        "/registry/people",
        "write",
        201,
        frozenset(_OFFICER),
        body=_b(name="Nina New", kind="staff", department_id=_id("physics")),
        cites=(
            _cites("department_id", _id("physics"), _SEE_UNITS),
            _cites("user_id", _id("proxy_user"), _SEE_PROXY_USER, extra=True),
        ),
    ),
    Row(
        "PUT",
        "/registry/people/{ada}/kind",
        "write",
        200,
        body=_b(kind="visitor"),
        **rows_for(allowed=_OFFICER, visible=_SEE_ADA),
    ),
    Row(
        "POST",
        "/registry/people/{ada}/erase",
        "write",
        200,
        **rows_for(allowed=_ADMIN | {"data-protection"}, visible=_SEE_ADA),
    ),
    # divisions and departments: the structure is read by anyone signed in
    Row("GET", "/registry/divisions", "read", 200, SIGNED_IN),
    Row("POST", "/registry/divisions", "write", 201, frozenset(_OFFICER), body=_b(code="hum", name="Humanities")),
    Row(
        "PUT",
        "/registry/divisions/{division}/hr-business-partners",
        "write",
        200,
        frozenset(_OFFICER),
        body=_b(people=lambda w: [w["hrbp"].pk]),
        cites=(_cites("people", _ids("hrbp"), _SEE_HRBP),),
    ),
    Row("GET", "/registry/departments", "read", 200, SIGNED_IN),
    Row("GET", "/registry/departments/{physics}", "read", 200, SIGNED_IN),
    Row(
        "POST",
        "/registry/departments",
        "write",
        201,
        frozenset(_OFFICER),
        body=_b(code="maths", name="Mathematics", division_id=_id("division")),
        cites=(_cites("division_id", _id("division"), _SEE_UNITS),),
    ),
    Row(
        "PUT",
        "/registry/departments/{physics}/hr-business-partners",
        "write",
        200,
        frozenset(_OFFICER),
        body=_b(people=lambda w: [w["hrbp"].pk]),
        cites=(_cites("people", _ids("hrbp"), _SEE_HRBP),),
    ),
    # accounts
    Row("GET", "/registry/accounts", "read", 200, SIGNED_IN),
    Row(
        "GET", "/registry/accounts/{account}", "read", 200, **rows_for(allowed=set(_SEE_ACCOUNT), visible=_SEE_ACCOUNT)
    ),
    Row(
        "POST",
        "/registry/accounts",
        "write",
        201,
        frozenset(_OFFICER),
        body=_b(platform="bluesky", handle="physics.ox.ac.uk", kind="professional", owners=lambda w: [w["ada"].pk]),
        cites=(
            _cites("owners", _ids("ada"), _SEE_ADA),
            _cites("admins", _ids("alan"), _SEE_ALAN, extra=True),
            _cites("department_id", _id("physics"), _SEE_UNITS, extra=True),
        ),
    ),
    Row(
        "PUT",
        "/registry/accounts/{account}/admins",
        "write",
        200,
        body=_b(admins=lambda w: [w["ada"].pk, w["alan"].pk]),
        cites=(_cites("admins", _ids("ada", "alan"), _SEE_ADA & _SEE_ALAN),),
        **rows_for(allowed=_OFFICER, visible=_SEE_ACCOUNT),
    ),
    Row(
        "PATCH",
        "/registry/accounts/{account}/security",
        "write",
        200,
        body=_b(two_factor=True, reviewed_on=TODAY.isoformat()),
        **rows_for(allowed=_OFFICER, visible=_SEE_ACCOUNT),
    ),
    Row(
        "PUT",
        "/registry/accounts/{account}/standing-permissions",
        "write",
        200,
        body=_b(codes=["AU001"]),
        **rows_for(allowed=_COMMS, visible=_SEE_ACCOUNT),
    ),
    # consents: Ada's
    Row("GET", "/registry/consents", "read", 200, SIGNED_IN),
    Row(
        "GET", "/registry/consents/{consent}", "read", 200, **rows_for(allowed=set(_SEE_ACCOUNT), visible=_SEE_ACCOUNT)
    ),
    Row(
        "POST",
        "/registry/consents",
        "write",
        201,
        frozenset(_OFFICER),
        body=_b(subject_id=_id("ada"), given=TODAY.isoformat(), photos=[PHOTO], channels=["x"]),
        cites=(
            _cites("subject_id", _id("ada"), _SEE_ADA),
            _cites("guardian_id", _id("alan"), _SEE_ALAN, extra=True),
        ),
    ),
    Row(
        "POST",
        "/registry/consents/with-evidence",
        "write",
        201,
        frozenset(_OFFICER),
        form=True,
        body=_b(subject_id=_id("ada"), given=TODAY.isoformat(), evidence=lambda w: _evidence()),
        cites=(
            _cites("subject_id", _id("ada"), _SEE_ADA),
            _cites("guardian_id", _id("alan"), _SEE_ALAN, extra=True),
        ),
    ),
    Row(
        "POST",
        "/registry/consents/{consent}/revoke",
        "write",
        200,
        body=_b(reason="withdrawn"),
        **rows_for(allowed=_OFFICER, visible=_SEE_ACCOUNT),
    ),
    # written permissions: for the account
    Row("GET", "/registry/written-permissions", "read", 200, SIGNED_IN),
    Row(
        "GET",
        "/registry/written-permissions/{permission}",
        "read",
        200,
        **rows_for(allowed=set(_SEE_ACCOUNT), visible=_SEE_ACCOUNT),
    ),
    Row(
        "POST",
        "/registry/written-permissions",
        "write",
        201,
        frozenset(_COMMS),
        body=_b(kind="campaign", granted_by_id=_id("comms_person"), given=TODAY.isoformat()),
        cites=(
            _cites("granted_by_id", _id("comms_person"), READERS),
            _cites("granted_to_id", _id("ada"), _SEE_ADA, extra=True),
            _cites("account_id", _id("account"), _SEE_ACCOUNT, extra=True),
        ),
    ),
    Row(
        "POST",
        "/registry/written-permissions/{permission}/revoke",
        "write",
        200,
        body=_b(),
        **rows_for(allowed=_COMMS, visible=_SEE_ACCOUNT),
    ),
    # authorisations: research photos for the account, by the research authoriser
    Row("GET", "/registry/authorisations", "read", 200, SIGNED_IN),
    Row(
        "GET",
        "/registry/authorisations/{authorisation}",
        "read",
        200,
        **rows_for(allowed=set(_SEE_ACCOUNT) | {"research-authoriser"}, visible=_SEE_ACCOUNT | {"research-authoriser"}),
    ),
    Row(
        "POST",
        "/registry/authorisations",
        "write",
        201,
        frozenset(_ADMIN | {"research-authoriser"}),
        body=_b(
            kind="research-photos",
            basis="principal-investigator",
            authorised_by_id=_id("research_person"),
            given=TODAY.isoformat(),
            photos=[PHOTO],
        ),
        cites=(
            _cites("authorised_by_id", _id("research_person"), _SEE_RESEARCHER),
            _cites("consents", _ids("consent"), _SEE_ACCOUNT, extra=True),
            _cites("account_id", _id("account"), _SEE_ACCOUNT, extra=True),
        ),
    ),
    Row(
        "POST",
        "/registry/authorisations/{authorisation}/revoke",
        "write",
        200,
        body=_b(reason="the grant ended"),
        **rows_for(allowed=_ADMIN | {"research-authoriser"}, visible=_SEE_ACCOUNT | {"research-authoriser"}),
    ),
    # licences: for the account
    Row("GET", "/registry/licences", "read", 200, SIGNED_IN),
    Row(
        "GET", "/registry/licences/{licence}", "read", 200, **rows_for(allowed=set(_SEE_ACCOUNT), visible=_SEE_ACCOUNT)
    ),
    Row(
        "POST",
        "/registry/licences",
        "write",
        201,
        frozenset(_OFFICER | _COMMS),
        body=_b(
            work="Photo of the Radcliffe Camera", licensor="A. Photographer", terms="CC BY 4.0", given=TODAY.isoformat()
        ),
        cites=(_cites("account_id", _id("account"), _SEE_ACCOUNT, extra=True),),
    ),
    Row(
        "POST",
        "/registry/licences/{licence}/revoke",
        "write",
        200,
        body=_b(),
        **rows_for(allowed=_OFFICER | _COMMS, visible=_SEE_ACCOUNT),
    ),
    # the audit log: the world's entries were made by the system, so only those who read the log see them
    Row("GET", "/auditlog/entries", "read", 200, SIGNED_IN),
    Row(
        "GET",
        "/auditlog/entries/{first_entry}",
        "read",
        200,
        **rows_for(allowed=_ADMIN | {"data-protection"}, visible=_ADMIN | {"data-protection"}),
    ),
    Row("GET", "/auditlog/verify", "read", 200, frozenset(_ADMIN | {"data-protection"})),
    # checks: anyone signed in checks a post; a check is read by its author and those it is routed to
    Row(
        "POST",
        "/checks",
        "check",
        201,
        SIGNED_IN,
        form=True,
        body=_b(text="Hello from the lab.", platform="x"),
        cites=(_cites("account_id", _id("account"), _SEE_ACCOUNT, extra=True),),
    ),
    Row("GET", "/checks", "read", 200, SIGNED_IN),
    Row("GET", "/checks/{check}", "read", 200, **rows_for(allowed=_SEE_CHECK, visible=_SEE_CHECK)),
    # approvals: the author drafts, submits, resubmits; the routed role decides; nobody their own
    Row("GET", "/approvals", "read", 200, SIGNED_IN),
    Row("GET", "/approvals/awaiting", "read", 200, SIGNED_IN),
    Row("GET", "/approvals/{approval}", "read", 200, **rows_for(allowed=_SEE_CHECK, visible=_SEE_CHECK)),
    Row(
        "POST",
        "/approvals",
        "write",
        201,
        frozenset({"owner"}),
        body=_b(check_id=_id("check")),
        cites=(_cites("check_id", _id("check"), _SEE_CHECK),),
    ),
    Row("POST", "/approvals/{draft}/submit", "write", 200, **rows_for(allowed={"owner"}, visible=_SEE_DRAFT)),
    Row(
        "POST",
        "/approvals/{approval}/resubmit",
        "write",
        200,
        body=_b(check_id=_id("check")),
        cites=(_cites("check_id", _id("check"), _SEE_CHECK),),
        **rows_for(allowed={"owner"}, visible=_SEE_CHECK),
    ),
    Row(
        "POST",
        "/approvals/{approval}/decide",
        "write",
        200,
        body=_b(role="communications-office", decision="approved"),
        **rows_for(allowed=_COMMS, visible=_SEE_CHECK),
    ),
    Row(
        "POST",
        "/approvals/{approval}/withdraw",
        "write",
        200,
        body=_b(reason="not now"),
        **rows_for(allowed=_SEE_CHECK, visible=_SEE_CHECK),
    ),
    Row(
        "POST",
        "/approvals/{approval}/confirm",
        "write",
        200,
        body=_b(content_hash=lambda w: w["check"].content_hash),
        **rows_for(allowed=_SEE_CHECK, visible=_SEE_CHECK),
    ),
    Row("POST", "/approvals/lapse", "write", 200, frozenset(_COMMS), body=_b()),
    # incidents: anyone signed in reports misuse; the HR Business Partner it goes to acts on it
    Row("GET", "/incidents", "read", 200, SIGNED_IN),
    Row("GET", "/incidents/{incident}", "read", 200, **rows_for(allowed=_SEE_INCIDENT, visible=_SEE_INCIDENT)),
    Row(
        "POST",
        "/incidents",
        "write",
        201,
        SIGNED_IN,
        form=True,
        body=_b(person=lambda w: w["alan"].ref, summary="Insulted a student", text="You are an idiot."),
        cites=(_cites("check_id", _id("check"), _SEE_CHECK, extra=True),),
    ),
    Row(
        "POST",
        "/incidents/{triage}/attach",
        "write",
        200,
        body=_b(person_id=_id("alan")),
        cites=(_cites("person_id", _id("alan"), _SEE_ALAN),),
        **rows_for(allowed=_COMMS, visible=_SEE_TRIAGE),
    ),
    Row(
        "POST",
        "/incidents/{incident}/notes",
        "write",
        200,
        body=_b(text="Spoke to the student."),
        **rows_for(allowed=_HANDLE_INCIDENT, visible=_SEE_INCIDENT),
    ),
    Row(
        "POST",
        "/incidents/{incident}/close",
        "write",
        200,
        body=_b(outcome="An apology."),
        **rows_for(allowed=_HANDLE_INCIDENT, visible=_SEE_INCIDENT),
    ),
    Row(
        "POST",
        "/incidents/{incident}/withdraw-access",
        "write",
        201,
        body=_b(domains=["example.com"], ends=_in_days(30)),
        **rows_for(allowed=_HANDLE_INCIDENT, visible=_SEE_INCIDENT),
    ),
    # access withdrawals: by the person's HR Business Partner; exported for the proxy
    Row("GET", "/withdrawals", "read", 200, SIGNED_IN),
    Row("GET", "/withdrawals/export", "proxy-export", 200, frozenset(_ADMIN | {"access-proxy"})),
    Row("GET", "/withdrawals/{withdrawal}", "read", 200, **rows_for(allowed=_SEE_WITHDRAWAL, visible=_SEE_WITHDRAWAL)),
    Row(
        "POST",
        "/withdrawals",
        "write",
        201,
        frozenset(_HANDLE_INCIDENT),
        body=_b(person_id=_id("alan"), domains=["example.org"], ends=_in_days(7)),
        cites=(
            _cites("person_id", _id("alan"), _SEE_ALAN),
            _cites("department_id", _id("chemistry"), _SEE_UNITS, extra=True),
        ),
    ),
    Row(
        "POST",
        "/withdrawals/{withdrawal}/restore",
        "write",
        200,
        body=_b(),
        **rows_for(allowed=_HANDLE_INCIDENT, visible=_SEE_WITHDRAWAL),
    ),
    # archive audits: the world's audit is of the official account, which the owner owns
    Row("GET", "/audits", "read", 200, SIGNED_IN),
    Row("GET", "/audits/{audit}", "read", 200, **rows_for(allowed=set(_SEE_AUDIT), visible=_SEE_AUDIT)),
)


@dataclass
class World:
    """The rows and users the matrix runs against (``objects`` by name; ``users`` by caller kind)."""

    objects: dict[str, Any] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)  # scope -> the administrator's token secret


def _user(username: str, role: str | None, person: Any | None = None, password: str | None = None) -> Any:
    from django.contrib.auth.models import Group, User

    from postguard.server.registry.models import Person

    if role == "administrator":
        user = User.objects.create_superuser(username, password=password)
    else:
        user = User.objects.create_user(username, password=password)
    if role not in (None, "administrator"):
        user.groups.add(Group.objects.get(name=role))
    if person is not None:
        Person.objects.filter(pk=person.pk).update(user=user)
    return user


def world(workflows: bool = True) -> World:
    """A division with two departments, a member of staff with each role, Ada (the owner: staff, the
    account's owner, the consent's subject), Olga (other: staff in chemistry), the official account and a
    record of each kind about it, and the administrator's tokens (one per scope, one per scope left out);
    with ``workflows``, Ada's check of the account's post, her approval of it (submitted) and a draft, Olga's
    report of Alan's misuse, her report of someone the registry does not hold (awaiting triage) and a
    withdrawal of Alan's access. Made through the services."""
    from django.utils import timezone

    from postguard.server.access import SYSTEM, Actor
    from postguard.server.approvals import services as approvals
    from postguard.server.auditlog.models import Entry
    from postguard.server.audits.services import record_audit
    from postguard.server.checks.services import run_check
    from postguard.server.incidents import services as incidents
    from postguard.server.registry import services
    from postguard.server.tokens.scopes import Scope, effective
    from postguard.server.tokens.services import token_create

    from . import audit_data

    w = World()
    o = w.objects
    o["division"] = services.division_create(actor=SYSTEM, code="mpls", name="MPLS")
    o["physics"] = services.department_create(actor=SYSTEM, code="physics", name="Physics", division=o["division"])
    o["chemistry"] = services.department_create(actor=SYSTEM, code="chem", name="Chemistry", division=o["division"])

    def person(key: str, name: str, department: str = "physics") -> Any:
        o[key] = services.person_create(actor=SYSTEM, name=name, kind="staff", department=o[department])
        return o[key]

    person("ada", "Ada Lovelace")
    person("alan", "Alan Turing")
    person("olga", "Olga Other", "chemistry")
    people = {
        "registry-officer": person("officer_person", "Oscar Officer", "chemistry"),
        "communications-office": person("comms_person", "Cora Comms", "chemistry"),
        "safeguarding-lead": person("safeguarding_person", "Sam Safe", "chemistry"),
        "research-authoriser": person("research_person", "Rita Research", "chemistry"),
        "hr-business-partner": person("hrbp", "Harriet Partner", "chemistry"),
        "data-protection": person("dpo_person", "Dora Protection", "chemistry"),
    }
    services.hr_business_partners_set(actor=SYSTEM, unit=o["physics"], people=[o["hrbp"]])
    w.users["administrator"] = _user("root", "administrator")
    for role, who in people.items():
        w.users[role] = _user(role, role, who)
    w.users["access-proxy"] = _user("proxy", "access-proxy")  # a machine's user: no person in the registry
    o["proxy_user"] = w.users["access-proxy"]
    w.users["owner"] = _user("owner", None, o["ada"], password=OWNER_PASSWORD)
    w.users["other"] = _user("other", None, o["olga"])
    o["account"] = services.account_create(
        actor=SYSTEM,
        platform="x",
        handle="@oxphysics",
        kind="official",
        department=o["physics"],
        owners=[o["ada"]],
        admins=[o["ada"], o["alan"]],
        two_factor=True,
        recovery_contact="comms@physics.example.org",
        last_reviewed=TODAY,
    )
    o["consent"] = services.consent_record(actor=SYSTEM, subject=o["ada"], given=TODAY, photos=[PHOTO])
    o["permission"] = services.written_permission_grant(
        actor=SYSTEM, kind="announcement", granted_by=o["comms_person"], given=TODAY, account=o["account"]
    )
    o["authorisation"] = services.authorisation_grant(
        actor=SYSTEM,
        kind="research-photos",
        basis="principal-investigator",
        authorised_by=o["research_person"],
        given=TODAY,
        photos=[PHOTO],
        account=o["account"],
    )
    o["licence"] = services.licence_record(
        actor=SYSTEM, work="A map", licensor="Ordnance Survey", terms="OGL", given=TODAY, account=o["account"]
    )
    o["audit"] = record_audit(actor=SYSTEM, manifest=audit_data.manifest(), reports=audit_data.reports("oxphysics"))
    admin_id = w.users["administrator"].pk
    for scope in Scope:
        w.tokens[scope.value] = token_create(
            actor=SYSTEM, user_id=admin_id, name=f"only {scope}", scopes=[scope.value]
        ).secret
        others = [s.value for s in Scope if scope not in effective([s.value])]
        w.tokens[f"not {scope.value}"] = token_create(
            actor=SYSTEM, user_id=admin_id, name=f"all but {scope}", scopes=others
        ).secret
    o["token"] = token_create(actor=SYSTEM, user_id=admin_id, name="to revoke", scopes=["read"]).token
    o["first_entry"] = Entry.objects.order_by("seq").first()
    o["now"] = timezone.now()
    if not workflows:  # the registry's world only (no check, approval, incident or withdrawal)
        return w
    ada = Actor.of_user(w.users["owner"])
    o["check"] = run_check(actor=ada, text="Hello from the physics department.", account=o["account"])
    o["approval"] = approvals.approval_submit(actor=ada, approval=approvals.approval_draft(actor=ada, check=o["check"]))
    o["draft"] = approvals.approval_draft(actor=ada, check=o["check"])
    o["incident"] = incidents.incident_report(
        actor=Actor.of_user(w.users["other"]), person=o["alan"], summary="Shouted at me", text="Get out."
    )
    o["triage"] = incidents.incident_report(
        actor=Actor.of_user(w.users["other"]), named="Nick Nobody", summary="Mocked a visitor", text="Go home."
    )
    o["withdrawal"] = incidents.access_withdraw(
        actor=SYSTEM, person=o["alan"], domains=["example.net"], ends=o["now"] + dt.timedelta(days=3)
    )
    return w


def path_of(row: Row, w: World) -> str:
    import re

    def fill(match: re.Match[str]) -> str:
        obj = w.objects[match.group(1)]
        return str(obj.seq if match.group(1) == "first_entry" else obj.pk)

    return "/api/v1" + re.sub(r"{([a-z_]+)}", fill, row.path)
