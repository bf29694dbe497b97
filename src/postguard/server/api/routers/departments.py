"""Divisions and departments, and the HR Business Partners misuse is taken to (G30)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from pydantic import Field

from postguard.server.api.auth import act
from postguard.server.api.problems import ERROR_STATUSES
from postguard.server.api.routers.common import Paging, PathId, one, page, some
from postguard.server.api.schemas import ErrorOut, Id, Ids, In, Name, Page, Slug
from postguard.server.registry import selectors, services
from postguard.server.registry.models import Department, Division
from postguard.server.tokens.scopes import Scope

router = Router(tags=["registry: departments"])


class DivisionOut(Schema):
    id: int
    code: str
    name: str
    hr_business_partners: list[int] = Field(description="people (ids)")


class DepartmentOut(Schema):
    id: int
    code: str
    name: str
    division_id: int
    hr_business_partners: list[int] = Field(description="people (ids); the division's apply when none")


class DivisionIn(In):
    code: Slug
    name: Name


class DepartmentIn(In):
    code: Slug
    name: Name
    division_id: Id


class PartnersIn(In):
    people: Ids


def division_out(division: Division) -> DivisionOut:
    partners = sorted(p.pk for p in division.hr_business_partners.all())
    return DivisionOut(id=division.pk, code=division.code, name=division.name, hr_business_partners=partners)


def department_out(department: Department) -> DepartmentOut:
    partners = sorted(p.pk for p in department.hr_business_partners.all())
    return DepartmentOut(
        id=department.pk,
        code=department.code,
        name=department.name,
        division_id=department.division_id,
        hr_business_partners=partners,
    )


@router.get("/divisions", response={200: Page[DivisionOut], ERROR_STATUSES: ErrorOut}, summary="List divisions")
def list_divisions(request: HttpRequest, paging: Query[Paging]) -> Page[DivisionOut]:
    actor = act(request, Scope.READ)
    rows = selectors.divisions_visible_to(actor).prefetch_related("hr_business_partners").order_by("pk")
    return page(rows, paging, division_out)


@router.post("/divisions", response={201: DivisionOut, ERROR_STATUSES: ErrorOut}, summary="Add a division")
def create_division(request: HttpRequest, body: DivisionIn) -> Status[DivisionOut]:
    actor = act(request, Scope.WRITE)
    return Status(201, division_out(services.division_create(actor=actor, code=body.code, name=body.name)))


@router.put(
    "/divisions/{division_id}/hr-business-partners",
    response={200: DivisionOut, ERROR_STATUSES: ErrorOut},
    summary="Name a division's HR Business Partners",
)
def set_division_partners(request: HttpRequest, division_id: PathId, body: PartnersIn) -> DivisionOut:
    actor = act(request, Scope.WRITE)
    division = one(selectors.divisions_visible_to(actor), division_id, "division")
    people = some(selectors.people_visible_to(actor), body.people, "person")
    services.hr_business_partners_set(actor=actor, unit=division, people=people)
    return division_out(division)


@router.get("/departments", response={200: Page[DepartmentOut], ERROR_STATUSES: ErrorOut}, summary="List departments")
def list_departments(request: HttpRequest, paging: Query[Paging]) -> Page[DepartmentOut]:
    actor = act(request, Scope.READ)
    rows = selectors.departments_visible_to(actor).prefetch_related("hr_business_partners").order_by("pk")
    return page(rows, paging, department_out)


@router.get(
    "/departments/{department_id}", response={200: DepartmentOut, ERROR_STATUSES: ErrorOut}, summary="A department"
)
def get_department(request: HttpRequest, department_id: PathId) -> DepartmentOut:
    actor = act(request, Scope.READ)
    return department_out(one(selectors.departments_visible_to(actor), department_id, "department"))


@router.post("/departments", response={201: DepartmentOut, ERROR_STATUSES: ErrorOut}, summary="Add a department")
def create_department(request: HttpRequest, body: DepartmentIn) -> Status[DepartmentOut]:
    actor = act(request, Scope.WRITE)
    division = one(selectors.divisions_visible_to(actor), body.division_id, "division")
    department = services.department_create(actor=actor, code=body.code, name=body.name, division=division)
    return Status(201, department_out(department))


@router.put(
    "/departments/{department_id}/hr-business-partners",
    response={200: DepartmentOut, ERROR_STATUSES: ErrorOut},
    summary="Name a department's HR Business Partners",
)
def set_department_partners(request: HttpRequest, department_id: PathId, body: PartnersIn) -> DepartmentOut:
    actor = act(request, Scope.WRITE)
    department = one(selectors.departments_visible_to(actor), department_id, "department")
    people = some(selectors.people_visible_to(actor), body.people, "person")
    services.hr_business_partners_set(actor=actor, unit=department, people=people)
    return department_out(department)
