"""People in the registry: staff, visitors, contractors, volunteers, interns."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, maybe, one, page
from postguard.server.api.schemas import Email, ErrorOut, Id, In, Name, Page
from postguard.server.registry import selectors, services
from postguard.server.registry.models import Person, PersonKind
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: people"])


class PersonOut(Schema):
    id: int
    ref: str
    name: str
    email: str
    kind: PersonKind
    department_id: int | None
    minor: bool
    user_id: int | None
    erased: bool


class PersonIn(In):
    name: Name
    kind: PersonKind
    email: Email = ""
    department_id: Id | None = None
    minor: bool = False
    user_id: Id | None = None


class KindIn(In):
    kind: PersonKind


class ErasureOut(Schema):
    person: PersonOut
    audit_fields_erased: int


def person_out(person: Person) -> PersonOut:
    return PersonOut(
        id=person.pk,
        ref=person.ref,
        name=person.name,
        email=person.email,
        kind=PersonKind(person.kind),
        department_id=person.department_id,
        minor=person.minor,
        user_id=person.user_id,
        erased=person.erased_at is not None,
    )


@router.get("", response={200: Page[PersonOut], ERROR_STATUSES: ErrorOut}, summary="List people")
def list_people(request: HttpRequest, paging: Query[Paging]) -> Page[PersonOut]:
    """The people the caller may see: everyone for readers of the whole registry, the people of their
    departments for an HR Business Partner, otherwise oneself."""
    actor = act(request, Scope.READ)
    return page(selectors.people_visible_to(actor), paging, person_out)


@router.get("/{person_id}", response={200: PersonOut, ERROR_STATUSES: ErrorOut}, summary="A person")
def get_person(request: HttpRequest, person_id: PathId) -> PersonOut:
    actor = act(request, Scope.READ)
    return person_out(one(selectors.people_visible_to(actor), person_id, "person"))


@router.post("", response={201: PersonOut, ERROR_STATUSES: ErrorOut}, summary="Add a person")
def create_person(request: HttpRequest, body: PersonIn) -> Status[PersonOut]:
    actor = act(request, Scope.WRITE)
    person = services.person_create(
        actor=actor,
        name=body.name,
        kind=body.kind.value,
        email=body.email,
        department=maybe(selectors.departments_visible_to(actor), body.department_id, "department"),
        minor=body.minor,
        user=maybe(selectors.users_visible_to(actor), body.user_id, "user"),
    )
    return Status(201, person_out(person))


@router.put("/{person_id}/kind", response={200: PersonOut, ERROR_STATUSES: ErrorOut}, summary="Change a person's kind")
def set_kind(request: HttpRequest, person_id: PathId, body: KindIn) -> PersonOut:
    actor = act(request, Scope.WRITE)
    person = one(selectors.people_visible_to(actor), person_id, "person")
    return person_out(services.person_set_kind(actor=actor, person=person, kind=body.kind.value))


@router.post(
    "/{person_id}/erase", response={200: ErasureOut, ERROR_STATUSES: ErrorOut}, summary="Erase a person's data"
)
def erase_person(request: HttpRequest, person_id: PathId) -> ErasureOut:
    """On a data-protection request: the person's name and email, their fields in the audit log (the chain
    still verifies), and their consents revoked."""
    actor = act(request, Scope.WRITE)
    person = one(selectors.people_visible_to(actor), person_id, "person")
    erased = services.person_erase(actor=actor, person=person)
    person.refresh_from_db()
    return ErasureOut(person=person_out(person), audit_fields_erased=erased)
