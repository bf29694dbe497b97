"""The registry's pages: the organisation (divisions, departments, their HR Business Partners), accounts,
people, consents, written permissions and authorisations.

Lists and details read through the registry's selectors (a row the user may not see is a 404); the forms
hand their values to the registry's services, which check permission, enforce the registry's rules and
write the audit log. A record that has lapsed or lapses within 30 days is flagged.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.registry import selectors, services
from postguard.server.registry.models import Consent
from postguard.server.web.forms import (
    AccountForm,
    AuthorisationForm,
    ConsentForm,
    DepartmentForm,
    DivisionForm,
    PersonForm,
    RevokeForm,
    WrittenPermissionForm,
)
from postguard.server.web.presenters import record_status, with_status
from postguard.server.web.selectors import registry_summary
from postguard.server.web.views.common import actor_of, error_text, page, refused


def _photo_digest(upload: UploadedFile | None) -> list[str]:
    if upload is None:
        return []
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return [digest.hexdigest()]


@login_required
def registry(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return page(request, "web/registry/index.html", "Registry", sections=registry_summary(actor, timezone.localdate()))


@login_required
def accounts(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    today = timezone.localdate()
    rows = selectors.accounts_visible_to(actor).select_related("department").prefetch_related("admins", "owners")
    listed = [(a, selectors.account_security_gaps(a, today)) for a in rows.order_by("platform", "handle")]
    return page(
        request,
        "web/registry/accounts.html",
        "Accounts",
        accounts=listed,
        can_create=actor.can("manage the registry"),
    )


@login_required
def account(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    today = timezone.localdate()
    found = get_object_or_404(selectors.accounts_visible_to(actor).select_related("department"), pk=pk)
    return page(
        request,
        "web/registry/account.html",
        f"Account {found.ref}",
        account=found,
        gaps=selectors.account_security_gaps(found, today),
        permissions=with_status(selectors.written_permissions_visible_to(actor).filter(account=found), today),
        authorisations=with_status(selectors.authorisations_visible_to(actor).filter(account=found), today),
    )


def _create(
    request: HttpRequest,
    form_class: type[Any],
    permission: str,
    title: str,
    make: Any,
    files: bool = False,
) -> HttpResponse:
    """A form page whose valid values go to ``make(actor, cleaned_data)`` (a service call, which returns
    what it made and the page to go to next)."""
    actor = actor_of(request)
    if not actor.can(permission):
        return refused(request, AccessDenied("PG601", actor=actor.label, action=permission))
    if request.method == "POST":
        form = form_class(request.POST, request.FILES if files else None, actor=actor)
        if form.is_valid():
            try:
                made, url = make(actor, form.cleaned_data)
            except AccessDenied as exc:
                return refused(request, exc)
            except GovernanceError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, f"{title}: {made.ref} saved.")
                return redirect(url)
    else:
        form = form_class(actor=actor)
    return page(request, "web/registry/form.html", title, form=form, multipart=files)


@login_required
@require_http_methods(["GET", "POST"])
def account_new(request: HttpRequest) -> HttpResponse:
    def make(actor: Any, data: dict[str, Any]) -> tuple[Any, str]:
        made = services.account_create(
            actor=actor,
            platform=data["platform"],
            handle=data["handle"],
            kind=data["kind"],
            department=data["department"],
            owners=list(data["owners"]),
            admins=list(data["admins"]),
            two_factor=data["two_factor"],
            recovery_contact=data["recovery_contact"],
            last_reviewed=data["last_reviewed"],
        )
        return made, f"/registry/accounts/{made.pk}/"

    return _create(request, AccountForm, "manage the registry", "Register an account", make)


@login_required
def people(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rows = selectors.people_visible_to(actor).select_related("department").order_by("name")
    return page(request, "web/registry/people.html", "People", people=rows, can_create=actor.can("manage the registry"))


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    today = timezone.localdate()
    found = get_object_or_404(selectors.people_visible_to(actor).select_related("department"), pk=pk)
    consents = selectors.consents_visible_to(actor).filter(subject=found).order_by("-given")
    return page(
        request, "web/registry/person.html", f"Person {found.ref}", person=found, consents=with_status(consents, today)
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    def make(actor: Any, data: dict[str, Any]) -> tuple[Any, str]:
        made = services.person_create(
            actor=actor,
            name=data["name"],
            kind=data["kind"],
            email=data["email"],
            department=data["department"],
            minor=data["minor"],
            user=data["username"],
        )
        return made, f"/registry/people/{made.pk}/"

    return _create(request, PersonForm, "manage the registry", "Add a person", make)


@login_required
def consents(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rows = selectors.consents_visible_to(actor).select_related("subject", "guardian").order_by("-given", "-pk")
    return page(
        request,
        "web/registry/consents.html",
        "Consents",
        consents=with_status(rows, timezone.localdate()),
        can_create=actor.can("record consents"),
    )


@login_required
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(selectors.consents_visible_to(actor).select_related("subject", "guardian"), pk=pk)
    state = record_status(found, timezone.localdate())
    return page(
        request,
        "web/registry/consent.html",
        f"Consent {found.ref}",
        consent=found,
        state=state,
        can_revoke=actor.can("record consents") and found.revoked_at is None,
        revoke_form=RevokeForm(),
    )


@login_required
def consent_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The consent's evidence file, to those who may see the consent (a download, never shown inline)."""
    actor = actor_of(request)
    found: Consent = get_object_or_404(selectors.consents_visible_to(actor), pk=pk)
    if not found.evidence:
        raise Http404("no evidence")
    name = found.evidence.name.rsplit("/", 1)[-1]
    response = FileResponse(found.evidence.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = "application/octet-stream"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest) -> HttpResponse:
    def make(actor: Any, data: dict[str, Any]) -> tuple[Any, str]:
        made = services.consent_record(
            actor=actor,
            subject=data["subject"],
            guardian=data["guardian"],
            given=data["given"],
            expires=data["expires"],
            channels=data["channels"],
            purposes=data["purposes"],
            photos=_photo_digest(data["photo"]),
            evidence=data["evidence"],
        )
        return made, f"/registry/consents/{made.pk}/"

    return _create(request, ConsentForm, "record consents", "Record a consent", make, files=True)


@login_required
@require_POST
def consent_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(selectors.consents_visible_to(actor), pk=pk)
    form = RevokeForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.record_revoke(actor=actor, record=found, reason=reason)
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"{found.ref} revoked: it lifts nothing from now on.")
    return redirect("web:consent", pk=found.pk)


@login_required
def permissions(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rows = selectors.written_permissions_visible_to(actor).select_related("granted_by", "granted_to", "account")
    return page(
        request,
        "web/registry/permissions.html",
        "Written permissions",
        permissions=with_status(rows.order_by("-given", "-pk"), timezone.localdate()),
        can_create=actor.can("grant written permissions"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def permission_new(request: HttpRequest) -> HttpResponse:
    def make(actor: Any, data: dict[str, Any]) -> tuple[Any, str]:
        made = services.written_permission_grant(
            actor=actor,
            kind=data["kind"],
            scope=data["scope"],
            granted_by=data["granted_by"],
            granted_to=data["granted_to"],
            account=data["account"],
            given=data["given"],
            expires=data["expires"],
            summary=data["summary"],
        )
        return made, "/registry/permissions/"

    return _create(request, WrittenPermissionForm, "grant written permissions", "Grant a written permission", make)


@login_required
def authorisations(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    rows = selectors.authorisations_visible_to(actor).select_related("authorised_by", "account")
    can = actor.can("authorise research photos") or actor.can("authorise photos of children")
    return page(
        request,
        "web/registry/authorisations.html",
        "Authorisations",
        authorisations=with_status(rows.order_by("-given", "-pk"), timezone.localdate()),
        can_create=can,
    )


@login_required
@require_http_methods(["GET", "POST"])
def authorisation_new(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    permission = (
        "authorise photos of children" if actor.can("authorise photos of children") else "authorise research photos"
    )

    def make(actor: Any, data: dict[str, Any]) -> tuple[Any, str]:
        made = services.authorisation_grant(
            actor=actor,
            kind=data["kind"],
            basis=data["basis"],
            authorised_by=data["authorised_by"],
            sponsor_terms=data["sponsor_terms"],
            given=data["given"],
            expires=data["expires"],
            photos=_photo_digest(data["photo"]),
            consents=list(data["consents"]),
            nspcc_followed=data["nspcc_followed"],
            account=data["account"],
            summary=data["summary"],
        )
        return made, "/registry/authorisations/"

    return _create(request, AuthorisationForm, permission, "Grant an authorisation", make, files=True)


@login_required
def organisation(request: HttpRequest) -> HttpResponse:
    """The divisions, their departments, and the HR Business Partners of each."""
    actor = actor_of(request)
    divisions = (
        selectors.divisions_visible_to(actor)
        .prefetch_related("hr_business_partners", "departments__hr_business_partners")
        .order_by("name")
    )
    return page(
        request,
        "web/registry/organisation.html",
        "Divisions and departments",
        divisions=divisions,
        can_create=actor.can("manage the registry"),
    )


def _unit_form(request: HttpRequest, kind: str, pk: int | None) -> HttpResponse:
    """Make a division or department (``pk`` None), or set an existing one's HR Business Partners; the
    values go to the registry's services (which check permission and write the audit log)."""
    actor = actor_of(request)
    if not actor.can("manage the registry"):
        return refused(request, AccessDenied("PG601", actor=actor.label, action="manage the registry"))
    form_class = DivisionForm if kind == "division" else DepartmentForm
    rows = selectors.divisions_visible_to(actor) if kind == "division" else selectors.departments_visible_to(actor)
    unit: Any = get_object_or_404(rows, pk=pk) if pk is not None else None
    editing = unit is not None
    title = f"The {kind} {unit.name}" if editing else f"Add a {kind}"
    if request.method == "POST":
        form = form_class(request.POST, actor=actor, editing=editing)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if unit is None:
                    if kind == "division":
                        unit = services.division_create(actor=actor, code=data["code"], name=data["name"])
                    else:
                        unit = services.department_create(
                            actor=actor, code=data["code"], name=data["name"], division=data["division"]
                        )
                people = list(data["hr_business_partners"])
                if editing or people:
                    services.hr_business_partners_set(actor=actor, unit=unit, people=people)
            except AccessDenied as exc:
                return refused(request, exc)
            except GovernanceError as exc:
                form.add_error(None, error_text(exc))
            else:
                messages.success(request, f"The {kind} {unit.name} ({unit.code}) is saved.")
                return redirect("web:organisation")
    else:
        initial = {"hr_business_partners": list(unit.hr_business_partners.all())} if editing else None
        form = form_class(initial=initial, actor=actor, editing=editing)
    return page(request, "web/registry/form.html", title, form=form, multipart=False)


@login_required
@require_http_methods(["GET", "POST"])
def division_new(request: HttpRequest) -> HttpResponse:
    return _unit_form(request, "division", None)


@login_required
@require_http_methods(["GET", "POST"])
def division_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_form(request, "division", pk)


@login_required
@require_http_methods(["GET", "POST"])
def department_new(request: HttpRequest) -> HttpResponse:
    return _unit_form(request, "department", None)


@login_required
@require_http_methods(["GET", "POST"])
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _unit_form(request, "department", pk)
