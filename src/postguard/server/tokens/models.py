"""API tokens and failed sign-ins. Rows change only through :mod:`postguard.server.tokens.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A token a script sends as ``Authorization: Bearer pgt_...``. Only its sha256 is kept: the token
    itself is shown once, when it is made."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12)  # "pgt_" and the next 8 characters: tells a user's tokens apart
    digest = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.ref} {self.prefix}..."

    @property
    def ref(self) -> str:
        return f"TK-{self.pk}"


class SignInFailure(models.Model):
    """One failed sign-in: the rate limit counts them per account and per address over a window."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=45, db_index=True)
    at = models.DateTimeField(db_index=True)
