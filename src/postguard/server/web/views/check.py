"""The check page: write or upload a post, add photos, choose the account, platform, time and records;
see the findings on the text and on the photos; apply fixes; download a cleaned photo.

The page holds its draft between requests in a signed hidden field; the photos are stored by their
sha256 and a user reaches only those added in their own session. Checking and fixing are
:mod:`postguard.server.web.checking`'s.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from postguard.errors import AccessDenied, GovernanceError
from postguard.report.model import report_json
from postguard.server.registry.models import Platform
from postguard.server.web import checking
from postguard.server.web.checking import Draft
from postguard.server.web.presenters import highlight, photo_boxes
from postguard.server.web.views.common import actor_of, error_text, page, refused

SESSION_PHOTOS = "web_photos"
SIGNING_SALT = "postguard.web.draft"
MAX_TEXT_UPLOAD = 1024 * 1024


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
    photos = MultipleFileField(
        required=False, label="Add photos", help_text="JPEG, PNG, WebP, GIF, TIFF; up to 20 MB each."
    )
    account = forms.ChoiceField(label="Post as", help_text="One of your registered accounts, or your personal account.")
    platform = forms.ChoiceField(
        choices=Platform.choices, initial="x", help_text="For a personal account (a registered one has its own)."
    )
    scheduled_at = forms.DateTimeField(
        required=False,
        label="Scheduled for",
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
        choices = [(checking.PERSONAL, "My personal account")]
        choices += [(a.ref, f"{a.platform}:{a.handle} ({a.get_kind_display().lower()}, {a.ref})") for a in accounts]
        self.fields["account"].choices = choices  # type: ignore[attr-defined]


def _allowed(request: HttpRequest) -> list[str]:
    value = request.session.get(SESSION_PHOTOS, [])
    return [str(v) for v in value] if isinstance(value, list) else []


def _allow(request: HttpRequest, digests: list[str]) -> None:
    known = _allowed(request)
    request.session[SESSION_PHOTOS] = (known + [d for d in digests if d not in known])[-200:]


def _sign(draft: Draft) -> str:
    data = {
        "text": draft.text,
        "markdown": draft.markdown,
        "photos": list(draft.photos),
        "account": draft.account,
        "platform": draft.platform,
        "scheduled_at": draft.scheduled_at.isoformat() if draft.scheduled_at else None,
        "bio": draft.bio,
        "records": list(draft.records),
        "cleaned": list(draft.cleaned),
    }
    return signing.dumps(data, salt=SIGNING_SALT, compress=True)


def _unsign(request: HttpRequest, value: str) -> Draft:
    try:
        data = signing.loads(value, salt=SIGNING_SALT, max_age=dt.timedelta(days=1))
    except signing.BadSignature:
        raise Http404("unknown draft") from None
    photos = tuple(data["photos"])
    if not set(photos) <= set(_allowed(request)):
        raise Http404("not your photos")
    when = dt.datetime.fromisoformat(data["scheduled_at"]) if data["scheduled_at"] else None
    return Draft(
        data["text"],
        data["markdown"],
        photos,
        data["account"],
        data["platform"],
        when,
        data["bio"],
        tuple(data["records"]),
        tuple(data["cleaned"]),
    )


def _initial(draft: Draft) -> dict[str, Any]:
    when = timezone.localtime(draft.scheduled_at) if draft.scheduled_at else None
    return {
        "text": draft.text,
        "account": draft.account,
        "platform": draft.platform,
        "scheduled_at": when,
        "bio": draft.bio,
        "records": ", ".join(draft.records),
    }


def _render(request: HttpRequest, form: CheckForm, draft: Draft | None, **extra: Any) -> HttpResponse:
    """The page: the form, and for a checked draft the verdict, the marked text, the photos and findings."""
    actor = actor_of(request)
    context: dict[str, Any] = {"form": form, "draft": draft, **extra}
    if draft is not None and (draft.text.strip() or draft.photos) and "error" not in extra:
        try:
            checked = checking.check(actor, draft)
        except GovernanceError as exc:
            context["error"] = error_text(exc)
        else:
            body = report_json(checked.report)
            findings = body["findings"]
            context.update(
                checked=checked,
                report=body,
                findings=list(enumerate(findings, start=1)),
                segments=highlight(checked.post.text, findings),
                photos=[
                    {
                        "sha": sha,
                        "number": i + 1,
                        "boxes": photo_boxes(findings, i),
                        "size": _size(sha),
                        "cleaned": sha in draft.cleaned,
                    }
                    for i, sha in enumerate(draft.photos)
                ],
                signed=_sign(draft),
                counting=sum(1 for f in findings if f.get("lifted_by") is None),
                safe_fixes=sum(1 for f in findings if (f.get("fix") or {}).get("applicability") == "safe"),
                text=checked.post.text,
            )
    if draft is not None:
        context.setdefault("signed", _sign(draft))
    return page(request, "web/check.html", "Check a post", **context)


def _size(sha: str) -> tuple[int, int]:
    """The photo's size upright (as the library's boxes and the page's copy are)."""
    from PIL import Image

    path = checking.photo_path(sha)
    if path is None:
        return (640, 480)
    try:
        with Image.open(path) as image:
            width, height = image.size
            turned = image.getexif().get(0x0112) in (5, 6, 7, 8)  # EXIF orientation: a quarter turn
    except (OSError, ValueError, Image.DecompressionBombError):
        return (640, 480)
    return (height, width) if turned else (width, height)


def _draft_from(request: HttpRequest, form: CheckForm, kept: Draft | None) -> Draft:
    """The draft the form describes: its text (or the Markdown file's), the photos kept from before less
    those ticked for removal, and the new uploads (stored; a photo that cannot be read is refused)."""
    data = form.cleaned_data
    text, markdown = data["text"], False
    upload = data.get("markdown_file")
    if upload is not None:
        if upload.size > MAX_TEXT_UPLOAD:
            raise GovernanceError("PG697", name=upload.name, reason="it is over 1 MB")
        try:
            text, markdown = io.TextIOWrapper(upload.file, encoding="utf-8").read(), True
        except UnicodeDecodeError:
            raise GovernanceError("PG697", name=upload.name, reason="it is not UTF-8 text") from None
    removed = set(request.POST.getlist("remove_photo"))
    photos = [p for p in (kept.photos if kept else ()) if p not in removed]
    new = [checking.store_photo(f) for f in data["photos"]]
    _allow(request, new)
    photos += [p for p in new if p not in photos]
    if len(photos) > checking.MAX_PHOTOS:
        raise GovernanceError("PG698", count=len(photos), limit=checking.MAX_PHOTOS)
    return Draft(
        text=text,
        markdown=markdown or bool(kept and kept.markdown and text == kept.text),
        photos=tuple(photos),
        account=data["account"],
        platform=data["platform"],
        scheduled_at=data["scheduled_at"],
        bio=data["bio"],
        records=checking.parse_records(data["records"]),
        cleaned=tuple(c for c in (kept.cleaned if kept else ()) if c in photos),
    )


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    accounts = checking.usable_accounts(actor)
    if request.method != "POST":
        return _render(request, CheckForm(accounts=accounts), None)
    kept = _unsign(request, request.POST["draft"]) if request.POST.get("draft") else None
    form = CheckForm(request.POST, request.FILES, accounts=accounts)
    if not form.is_valid():
        return _render(request, form, kept)
    try:
        draft = _draft_from(request, form, kept)
    except GovernanceError as exc:
        form.add_error(None, error_text(exc))
        return _render(request, form, kept)
    if not draft.text.strip() and not draft.photos:
        form.add_error("text", "Write the post, upload a Markdown file, or add a photo.")
        return _render(request, form, None)
    return _render(request, CheckForm(initial=_initial(draft), accounts=accounts), draft)


@login_required
@require_http_methods(["POST"])
def fix(request: HttpRequest) -> HttpResponse:
    """Apply a fix: ``finding`` (safe, or unsafe with ``confirmed``), ``confirm`` (ask first), ``all_safe``."""
    actor = actor_of(request)
    accounts = checking.usable_accounts(actor)
    draft = _unsign(request, request.POST.get("draft", ""))
    form = CheckForm(initial=_initial(draft), accounts=accounts)
    if "cancel" in request.POST:
        return _render(request, form, draft)
    try:
        if "all_safe" in request.POST:
            fixed = checking.apply_safe_fixes(actor, draft)
            note = "The safe fixes are applied; the post is checked again."
        else:
            key = "finding" if "finding" in request.POST else "confirm"
            number = int(request.POST.get(key, "0")) - 1
            confirmed = request.POST.get("confirmed") == "yes"
            fixed = checking.apply_fix(actor, draft, number, confirmed=confirmed)
            note = f"The fix of finding {number + 1} is applied; the post is checked again."
    except ValueError:
        raise Http404("no such finding") from None
    except AccessDenied as exc:
        return refused(request, exc)
    except GovernanceError as exc:
        if exc.code == "PG696":  # an unsafe fix: show what it does and ask
            return _render(request, form, draft, confirm=exc.values["number"], confirm_title=exc.values["title"])
        return _render(request, form, draft, error=error_text(exc))
    _allow(request, list(fixed.photos))
    return _render(request, CheckForm(initial=_initial(fixed), accounts=accounts), fixed, applied=note)


def _stored(request: HttpRequest, sha: str) -> Any:
    if sha not in _allowed(request):
        raise Http404("not your photo")
    path = checking.photo_path(sha)
    if path is None:
        raise Http404("no such photo")
    return path


@login_required
@require_GET
def photo(request: HttpRequest, sha: str) -> HttpResponse:
    """A photo of the user's draft as the page shows it: turned upright, metadata dropped, as PNG or JPEG."""
    from postguard.photos.load import load_photo

    path = _stored(request, sha)
    loaded = load_photo(0, path)
    image = getattr(loaded, "image", None)
    if image is None:
        raise Http404("unreadable photo")
    out = io.BytesIO()
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    image.save(out, format="JPEG", quality=85)
    response = HttpResponse(out.getvalue(), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=600"
    return response


@login_required
@require_GET
def photo_download(request: HttpRequest, sha: str) -> FileResponse:
    """The stored file itself (a cleaned copy after a fix), as a download."""
    path = _stored(request, sha)
    name = f"photo-{sha[:12]}{path.suffix}"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=name)
    response["Content-Type"] = "application/octet-stream"
    return response
