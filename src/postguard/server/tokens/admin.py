from __future__ import annotations

from django.contrib import admin

from postguard.server.admin_site import ReadOnlyAdmin
from postguard.server.tokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("id", "user", "name", "prefix", "scopes", "expires_at", "revoked_at", "last_used_at")
    exclude = ("digest",)
