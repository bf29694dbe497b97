"""Incidents: report misuse (anyone signed in), the HR Business Partner's view of their departments'
incidents, their actions (a note, closing it, withdrawing access to sites), the communications office's
triage of reports that name nobody the registry holds (attaching the person), and the access withdrawals
with the proxy's export.

The reporter is told the same whoever they named: the report is passed on. Whether the registry holds
the person, and whom the report went to, is shown only to those who act on it.

Reads go through :mod:`postguard.server.incidents.selectors` (an incident of another department is a 404);
every change through :mod:`postguard.server.incidents.services`.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.checks.content import MAX_PHOTO_BYTES, photo_path
from postguard.server.checks.selectors import checks_visible_to
from postguard.server.incidents import services
from postguard.server.incidents.export import access_export
from postguard.server.incidents.selectors import (
    incident_actions,
    incidents_handled_by,
    incidents_visible_to,
    withdrawals_visible_to,
)
from postguard.server.registry.selectors import people_visible_to
from postguard.server.web.selectors import person_to_report
from postguard.server.web.views.check import MultipleFileField
from postguard.server.web.views.common import actor_of, error_text, page, refused

LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ReportForm(forms.Form):
    person = forms.CharField(
        max_length=254,
        label="Who",
        help_text="Their registry id (P-12), their University email address, or their name.",
    )
    summary = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What happened")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="The post's text")
    link = forms.CharField(max_length=2000, required=False, label="A link to the post")
    photos = MultipleFileField(required=False, label="Screenshots or photos")
    check = forms.CharField(
        max_length=20, required=False, label="A check of the post", help_text="CK-12, one of yours."
    )

    def clean_person(self) -> Any:
        named = " ".join(self.cleaned_data["person"].split())
        if not named:
            raise forms.ValidationError("Say whom the report is about.")
        return named


class WithdrawForm(forms.Form):
    domains = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), help_text="One site per line, e.g. example.com."
    )
    ends = forms.DateTimeField(
        widget=LOCAL, input_formats=["%Y-%m-%dT%H:%M"], label=f"Until ({settings.TIME_ZONE} time)"
    )
    reason = forms.CharField(max_length=500, required=False)


@login_required
@require_GET
def incidents(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    handled = incidents_handled_by(actor).select_related("person", "department").order_by("state", "-created_at")
    reported = incidents_visible_to(actor).filter(reporter=actor.user_id).select_related("person")
    reported = reported.order_by("-created_at")
    return page(
        request,
        "web/incidents.html",
        "Incidents",
        handled=list(handled),
        reported=list(reported),
        handles=actor.can("handle incidents") or actor.can("triage incidents"),
        triages=actor.can("triage incidents"),
        can_see_withdrawals=actor.can("withdraw access to sites") or actor.can("export access withdrawals"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = None
            ref = data["check"].strip().upper()
            if ref:
                number = ref.removeprefix("CK-")
                check = checks_visible_to(actor).filter(pk=int(number)).first() if number.isdigit() else None
                if check is None:
                    raise GovernanceError("PG691", ref=ref)
            photos = []
            for upload in data["photos"]:
                if upload.size > MAX_PHOTO_BYTES:
                    raise GovernanceError("PG690", name=upload.name, limit=MAX_PHOTO_BYTES // (1024 * 1024))
                photos.append(upload.read())
            made = services.incident_report(
                actor=actor,
                named=data["person"],
                summary=data["summary"],
                text=data["text"],
                link=data["link"],
                photos=photos,
                check=check,
            )
        except AccessDenied as exc:
            return refused(request, exc)
        except GovernanceError as exc:
            form.add_error(None, error_text(exc))
        else:
            # the same words whoever was named: whether the registry holds them is not the reporter's to learn
            messages.success(request, f"{made.ref} is reported; it has been passed on.")
            return redirect("web:incident", pk=made.pk)
    return page(request, "web/registry/form.html", "Report misuse", form=form, multipart=True)


@login_required
@require_GET
def incident(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(incidents_visible_to(actor).select_related("person", "department"), pk=pk)
    handles = incidents_handled_by(actor).filter(pk=found.pk).exists()
    triage = handles and found.awaiting_triage and actor.can("triage incidents")
    # about a registered person no HR Business Partner takes: the communications office's until one is named
    office = (
        handles
        and not found.awaiting_triage
        and incidents_visible_to(actor).filter(services.unpartnered_q(), pk=found.pk).exists()
    )
    report_body = found.evidence_report or {}
    return page(
        request,
        "web/incident.html",
        f"Incident {found.ref}",
        incident=found,
        handles=handles,
        triage=triage,
        office=office,
        withdraws=actor.can("withdraw access to sites"),
        actions=list(incident_actions(actor, found).select_related("withdrawal")),
        routed=list(found.routed_to.all()) if handles else [],
        findings=report_body.get("findings", []) if isinstance(report_body, dict) else [],
        photos=list(range(1, len(found.evidence_photo_hashes) + 1)),
        withdraw_form=WithdrawForm(),
    )


@login_required
@require_POST
def act(request: HttpRequest, pk: int) -> HttpResponse:
    """HR's actions on an incident: ``note``, ``close`` (with the outcome) or ``withdraw`` access."""
    actor = actor_of(request)
    found = get_object_or_404(incidents_visible_to(actor), pk=pk)
    kind = request.POST.get("kind", "")
    try:
        if kind == "note":
            services.incident_note(actor=actor, incident=found, text=request.POST.get("text", "")[:4000])
            messages.success(request, "The note is added.")
        elif kind == "close":
            services.incident_close(actor=actor, incident=found, outcome=request.POST.get("text", "")[:4000])
            messages.success(request, f"{found.ref} is closed.")
        elif kind == "withdraw":
            form = WithdrawForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Withdrawing access needs the sites and when it ends.")
                return redirect("web:incident", pk=found.pk)
            data = form.cleaned_data
            made = services.incident_withdraw_access(
                actor=actor,
                incident=found,
                domains=[d for d in data["domains"].split() if d.strip()],
                ends=data["ends"],
                reason=data["reason"],
            )
            messages.success(request, f"{made.ref}: access to {', '.join(made.domains)} is withdrawn.")
        elif kind == "attach":
            named = request.POST.get("person", "")[:254]
            person = person_to_report(named)
            if person is None or not people_visible_to(actor).filter(pk=person.pk).exists():
                messages.error(request, "There is nobody with this id or email in the registry.")
                return redirect("web:incident", pk=found.pk)
            services.incident_attach(actor=actor, incident=found, person=person)
            messages.success(request, f"{found.ref} is about {person.ref}; it goes to their HR Business Partners now.")
            if not incidents_visible_to(actor).filter(pk=found.pk).exists():
                return redirect("web:incidents")
        else:
            raise Http404("no such action")
    except AccessDenied:
        raise Http404("not an incident you handle") from None
    except GovernanceError as exc:
        messages.error(request, error_text(exc))
    return redirect("web:incident", pk=found.pk)


@login_required
@require_GET
def photo(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A photo of the incident's evidence (to those who may see the incident), upright, as JPEG."""
    from postguard.photos.load import load_photo

    found = get_object_or_404(incidents_visible_to(actor_of(request)), pk=pk)
    hashes = list(found.evidence_photo_hashes)
    if not 1 <= number <= len(hashes):
        raise Http404("no such photo")
    stored = found.evidence_photos.filter(sha256=hashes[number - 1]).first()
    if stored is None:
        raise Http404("no such photo")
    image = getattr(load_photo(0, photo_path(stored)), "image", None)
    if image is None:
        raise Http404("unreadable photo")
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=85)
    return HttpResponse(out.getvalue(), content_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


@login_required
@require_GET
def withdrawals(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    now = timezone.now()
    rows = []
    for w in withdrawals_visible_to(actor).select_related("person", "department", "incident").order_by("-starts"):
        if w.ended_at is not None:
            state = ("restored", "muted")
        elif w.ends <= now:
            state = ("ended", "muted")
        elif w.starts > now:
            state = ("from " + timezone.localtime(w.starts).strftime("%Y-%m-%d %H:%M %Z"), "warning")
        else:
            state = ("in force", "error")
        rows.append((w, state))
    return page(
        request,
        "web/withdrawals.html",
        "Access withdrawals",
        rows=rows,
        can_export=actor.can("export access withdrawals"),
        can_restore=actor.can("withdraw access to sites"),
    )


@login_required
@require_POST
def restore(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    found = get_object_or_404(withdrawals_visible_to(actor), pk=pk)
    try:
        services.access_restore(actor=actor, withdrawal=found, reason=request.POST.get("reason", "")[:500])
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"{found.ref}: access is restored.")
    return redirect("web:withdrawals")


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The withdrawals in force now, as the proxy reads them (``?format=squid`` or ``domains``)."""
    actor = actor_of(request)
    fmt = request.GET.get("format", "squid")
    try:
        text = access_export(actor=actor, fmt=fmt, at=timezone.now())
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        messages.error(request, error_text(exc))
        return redirect("web:withdrawals")
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = f"access-withdrawals-{stamp}.{'acl' if fmt == 'squid' else 'txt'}"
    disposition = f'attachment; filename="{name}"'
    return HttpResponse(text, content_type="text/plain; charset=utf-8", headers={"Content-Disposition": disposition})
