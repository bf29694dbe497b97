"""The check page: write or upload a post, add photos, choose the account, platform, time and records;
see the findings on the text and on the photos; apply fixes; download a cleaned photo; submit the post for
approval when the verdict asks.

Each check is stored (``CK-n``, :func:`postguard.server.checks.services.run_check`) and shown at
``/checks/<n>/`` to those who may read it (its author, the approvers it is routed to); a fix makes a new
check (:mod:`postguard.server.web.checking`).
"""

from __future__ import annotations

import io
from pathlib import PurePath
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from postguard.errors import AccessDenied, GovernanceError
from postguard.server.approvals.selectors import approvals_visible_to, live_approval_changed, live_approval_of
from postguard.server.checks.content import MAX_PHOTO_BYTES
from postguard.server.checks.models import Check, Verdict
from postguard.server.checks.selectors import checks_visible_to
from postguard.server.registry.models import AccountKind, Platform
from postguard.server.registry.selectors import accounts_visible_to
from postguard.server.web import checking
from postguard.server.web.presenters import highlight, photo_boxes
from postguard.server.web.views.common import actor_of, error_text, page, refused

SESSION_CLEANED = "web_cleaned_photos"
MAX_TEXT_UPLOAD = 1024 * 1024
PERSONAL = "personal"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class CheckForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "true"}),
        required=False,
        label="Your post",
        help_text="Paste the text, or upload a Markdown file below.",
    )
    markdown_file = forms.FileField(
        required=False,
        label="Or a Markdown file",
        widget=forms.ClearableFileInput(attrs={"accept": ".md,.markdown,text/markdown,text/plain"}),
    )
    markdown = forms.BooleanField(
        required=False,
        label="The text is Markdown (only its prose is read, as a .md file's is)",
    )
    photos = MultipleFileField(
        required=False, label="Add photos", help_text="JPEG, PNG, WebP, GIF, TIFF; up to 20 MB each."
    )
    account = forms.ChoiceField(label="Post as", help_text="One of your registered accounts, or your personal account.")
    platform = forms.ChoiceField(
        choices=[*Platform.choices, ("generic", "Anywhere")],
        initial="x",
        help_text="For a personal account (a registered one has its own).",
    )
    scheduled_at = forms.DateTimeField(
        required=False,
        label=f"Scheduled for ({settings.TIME_ZONE} time)",
        help_text="The date and time it goes out, as clocks in the University's time zone show it.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    bio = forms.CharField(required=False, max_length=2000, label="Your profile's bio")
    records = forms.CharField(
        required=False,
        max_length=500,
        label="Records the post cites",
        help_text="Registry ids separated by commas: C-3 (consent), WP-1 (written permission), AZ-2, L-4.",
    )

    def __init__(self, *args: Any, accounts: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(PERSONAL, "My personal account")]
        choices += [(str(a.pk), f"{a.platform}:{a.handle} ({a.get_kind_display().lower()}, {a.ref})") for a in accounts]
        self.fields["account"].choices = choices  # type: ignore[attr-defined]


def _accounts(request: HttpRequest) -> list[Any]:
    """The registered accounts the user may post as: those they own or administer (all, for those who
    read the whole registry)."""
    return list(accounts_visible_to(actor_of(request)).order_by("platform", "handle"))


def _initial(check: Check) -> dict[str, Any]:
    return {
        "text": check.text,
        "account": str(check.account_id) if check.account_id else PERSONAL,
        "platform": check.platform,
        "scheduled_at": timezone.localtime(check.scheduled_at) if check.scheduled_at else None,
        "bio": check.bio,
        "records": ", ".join(check.cited_records),
        "markdown": check.markdown,
    }


def _cleaned(request: HttpRequest) -> list[str]:
    value = request.session.get(SESSION_CLEANED, [])
    return [str(v) for v in value] if isinstance(value, list) else []


def _remember_cleaned(request: HttpRequest, hashes: tuple[str, ...]) -> None:
    known = _cleaned(request)
    request.session[SESSION_CLEANED] = (known + [h for h in hashes if h not in known])[-200:]


def _visible(request: HttpRequest, pk: int) -> Check:
    return get_object_or_404(checks_visible_to(actor_of(request)).select_related("account"), pk=pk)


def _size(path: Any) -> tuple[int, int]:
    """The photo's size upright (as the library's boxes and the page's copy are)."""
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
            turned = image.getexif().get(0x0112) in (5, 6, 7, 8)  # EXIF orientation: a quarter turn
    except (OSError, ValueError, Image.DecompressionBombError):
        return (640, 480)
    return (height, width) if turned else (width, height)


def _render(request: HttpRequest, form: CheckForm, check: Check | None = None, **extra: Any) -> HttpResponse:
    """The page: the form, and for a check its verdict, the marked text, the photos and the findings."""
    actor = actor_of(request)
    context: dict[str, Any] = {"form": form, "check": check, "kept": None, "approval": "", "resubmit": "", **extra}
    if check is not None:
        body = check.report
        findings = body.get("findings", [])
        files = checking.photo_files(check)
        hashes = check.photo_hashes()
        cleaned = set(_cleaned(request))
        mine = actor.user_id == check.author_id
        approvals = approvals_visible_to(actor).filter(versions__post_check=check).distinct()
        # the check it was changed from, linked only for those who may read it (else not named at all)
        origin = (
            checks_visible_to(actor).filter(pk=check.changed_from_id).first()
            if check.changed_from_id is not None
            else None
        )
        resubmit = str(extra.get("resubmit") or "")
        resubmit = resubmit if resubmit.isascii() and resubmit.isdigit() else ""  # ?approval=<id> only
        if not resubmit and mine:  # changed after it was submitted: offer the approval's next version
            live = live_approval_changed(actor, check)
            resubmit = str(live.pk) if live is not None else ""
        context.update(
            report=body,
            findings=list(enumerate(findings, start=1)),
            segments=highlight(check.text, findings),
            photos=[
                {
                    "number": i + 1,
                    "sha": sha,
                    "boxes": photo_boxes(findings, i),
                    "size": _size(path),
                    "cleaned": sha in cleaned,
                }
                for i, (sha, path) in enumerate(zip(hashes, files, strict=True))
            ],
            counting=sum(1 for f in findings if f.get("lifted_by") is None),
            safe_fixes=sum(1 for f in findings if (f.get("fix") or {}).get("applicability") == "safe"),
            mine=mine,
            can_submit=mine
            and check.account is not None
            and check.account.kind == AccountKind.OFFICIAL
            and check.verdict != Verdict.ERROR
            and not approvals.exists(),
            approvals=list(approvals),
            origin=origin,
            resubmit=resubmit,
        )
    title = f"Check {check.ref}" if check is not None else "Check a post"
    return page(request, "web/check.html", title, **context)


def _text_of(data: dict[str, Any]) -> tuple[str, bool]:
    """The post's text, and whether it is Markdown: an uploaded file's (Markdown when its name ends as the
    CLI's Markdown files do, .md, .markdown, ...; a byte-order mark is dropped, as the CLI drops it), else
    the text box's (Markdown when the box is ticked)."""
    from postguard.inputs import MARKDOWN_SUFFIXES

    upload = data.get("markdown_file")
    if upload is None:
        return str(data["text"]), bool(data.get("markdown"))
    if upload.size > MAX_TEXT_UPLOAD:
        raise GovernanceError("PG697", name=upload.name, reason="it is over 1 MB")
    try:
        text = io.TextIOWrapper(upload.file, encoding="utf-8-sig").read()
    except UnicodeDecodeError:
        raise GovernanceError("PG697", name=upload.name, reason="it is not UTF-8 text") from None
    return text, PurePath(upload.name or "").suffix.lower() in MARKDOWN_SUFFIXES


def _photos_of(request: HttpRequest, data: dict[str, Any], kept: Check | None) -> list[bytes]:
    """The photos kept from the check the form was filled from (less those ticked for removal), then the
    new uploads (each read only when it is within the size limit)."""
    removed = set(request.POST.getlist("remove_photo"))
    photos = []
    if kept is not None:
        for sha, data_bytes in zip(kept.photo_hashes(), checking.photo_bytes(kept), strict=True):
            if sha not in removed:
                photos.append(data_bytes)
    for upload in data["photos"]:
        if upload.size > MAX_PHOTO_BYTES:
            raise GovernanceError("PG690", name=upload.name, limit=MAX_PHOTO_BYTES // (1024 * 1024))
        photos.append(upload.read())
    return photos


def _carried(request: HttpRequest, kept: Check | None, approval: str) -> str:
    """The approval a changed post goes on in: the one asked for, else the live approval of the check the
    post was changed from (so the change is a new version of it, and the approved version lapses as "the
    post changed", never a second approval beside it)."""
    if approval.isdigit() or kept is None:
        return approval
    live = live_approval_of(actor_of(request), kept.pk)
    return str(live.pk) if live is not None else ""


def _go_to(request: HttpRequest, check: Check, approval: str = "") -> HttpResponse:
    url = reverse("web:check-detail", args=[check.pk])
    if approval.isdigit():
        url += f"?approval={approval}"
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Location"] = url  # htmx loads the new check's page in place
        return response
    return HttpResponseRedirect(url)


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """GET: the empty form, or one filled from a check (``?from=<id>``; ``&approval=<id>`` to resubmit).
    POST: check the post (a new stored check) and go to it."""
    from postguard.server.checks.services import run_check

    actor = actor_of(request)
    accounts = _accounts(request)
    source = request.POST if request.method == "POST" else request.GET
    kept = _visible(request, int(source["from"])) if source.get("from", "").isdigit() else None
    if kept is not None and kept.author_id != actor.user_id:
        raise Http404("not your check")
    approval = _carried(request, kept, source.get("approval", ""))
    if request.method != "POST":
        form = CheckForm(initial=_initial(kept) if kept else None, accounts=accounts)
        return _render(request, form, None, kept=kept, approval=approval)
    form = CheckForm(request.POST, request.FILES, accounts=accounts)
    if not form.is_valid():
        return _render(request, form, None, kept=kept, approval=approval)
    data = form.cleaned_data
    try:
        text, markdown = _text_of(data)
        photos = _photos_of(request, data, kept)
        if not text.strip() and not photos:
            form.add_error("text", "Write the post, upload a Markdown file, or add a photo.")
            return _render(request, form, None, kept=kept, approval=approval)
        account = next((a for a in accounts if str(a.pk) == data["account"]), None)
        made = run_check(
            actor=actor,
            text=text,
            account=account,
            platform=data["platform"],
            bio=data["bio"],
            scheduled_at=data["scheduled_at"],
            records=checking.parse_records(data["records"]),
            photos=photos,
            markdown=markdown,
            changed_from=kept,
        )
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        form.add_error(None, error_text(exc))
        return _render(request, form, None, kept=kept, approval=approval)
    return _go_to(request, made, approval)


@login_required
@require_GET
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _visible(request, pk)
    form = CheckForm(initial=_initial(found), accounts=_accounts(request))
    return _render(request, form, found, resubmit=request.GET.get("approval", ""))


@login_required
@require_POST
def check_fix(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply a fix: ``finding`` (safe, or unsafe with ``confirmed``), ``confirm`` (ask first), ``all_safe``."""
    actor = actor_of(request)
    found = _visible(request, pk)
    form = CheckForm(initial=_initial(found), accounts=_accounts(request))
    resubmit = request.POST.get("approval", "")
    if "cancel" in request.POST:
        return _render(request, form, found, resubmit=resubmit)
    try:
        if "all_safe" in request.POST:
            fixed = checking.apply_safe_fixes(actor, found)
            note = "The safe fixes are applied; the post is checked again."
        else:
            key = "finding" if "finding" in request.POST else "confirm"
            number = int(request.POST.get(key, "0"))
            fixed = checking.apply_fix(actor, found, number, confirmed=request.POST.get("confirmed") == "yes")
            note = f"The fix of finding {number} is applied; the post is checked again."
    except ValueError:
        raise Http404("no such finding") from None
    except AccessDenied:
        raise Http404("not your check") from None
    except GovernanceError as exc:
        if exc.code == "PG696":  # an unsafe fix: say what it does and ask
            return _render(
                request, form, found, confirm=exc.values["number"], confirm_title=exc.values["title"], resubmit=resubmit
            )
        return _render(request, form, found, error=error_text(exc), resubmit=resubmit)
    _remember_cleaned(request, fixed.cleaned)
    messages.success(request, note)
    return _go_to(request, fixed.check, _carried(request, found, resubmit))


@login_required
@require_POST
def check_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit an official account's checked post for approval (a new approval, or a new version of
    ``approval``, the one it replaces)."""
    from postguard.server.approvals import services as approvals

    actor = actor_of(request)
    found = _visible(request, pk)
    ref = request.POST.get("approval", "")
    try:
        if ref.isdigit():
            existing = get_object_or_404(approvals_visible_to(actor), pk=int(ref))
            approval = approvals.approval_resubmit(actor=actor, approval=existing, check=found)
        else:
            approval = approvals.approval_draft(actor=actor, check=found)
            approval = approvals.approval_submit(actor=actor, approval=approval)
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        form = CheckForm(initial=_initial(found), accounts=_accounts(request))
        return _render(request, form, found, error=error_text(exc))
    messages.success(request, f"{approval.ref} is submitted: it waits for the approvers' decisions.")
    return redirect("web:approval", pk=approval.pk)


def _photo_file(request: HttpRequest, pk: int, number: int) -> Any:
    files = checking.photo_files(_visible(request, pk))
    if not 1 <= number <= len(files):
        raise Http404("no such photo")
    return files[number - 1]


@login_required
@require_GET
def check_photo(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A photo of the check as the page shows it: turned upright, metadata dropped, as JPEG."""
    from postguard.photos.load import load_photo

    loaded = load_photo(0, _photo_file(request, pk, number))
    image = getattr(loaded, "image", None)
    if image is None:
        raise Http404("unreadable photo")
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=85)
    response = HttpResponse(out.getvalue(), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
@require_GET
def check_photo_download(request: HttpRequest, pk: int, number: int) -> FileResponse:
    """The photo's file as stored (a cleaned copy after a fix), as a download."""
    path = _photo_file(request, pk, number)
    response = FileResponse(path.open("rb"), as_attachment=True, filename=f"CK-{pk}-photo-{number}{path.suffix}")
    response["Content-Type"] = "application/octet-stream"
    return response
