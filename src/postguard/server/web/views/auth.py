"""Signing in and out (Django's sessions and password hashes; CSRF on every form)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from postguard.errors import GovernanceError
from postguard.server.tokens.services import note_sign_in, note_sign_in_failure, request_address, sign_in_allowed


class SignInForm(AuthenticationForm):
    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self) -> dict[str, Any]:
        """Django's check of the name and password, within the sign-in rate limit (the API's too)."""
        username = str(self.cleaned_data.get("username") or "")
        address = request_address(self.request) if self.request is not None else ""
        try:
            sign_in_allowed(username, address)
        except GovernanceError as exc:
            raise ValidationError(f"{exc} [{exc.code}]", code=exc.code) from None  # the code, as every refusal
        try:
            cleaned = super().clean()
        except ValidationError:
            note_sign_in_failure(username, address)
            raise
        note_sign_in(username)
        return cleaned


class SignInView(auth_views.LoginView):
    template_name = "web/signin.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"title": "Sign in"}


class SignOutView(auth_views.LogoutView):
    pass


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "web/404.html", {"title": "Page not found"}, status=404)
