from __future__ import annotations

from django.contrib import admin

from postguard.server.admin_site import ReadOnlyAdmin
from postguard.server.checks.models import Check


@admin.register(Check)
class CheckAdmin(ReadOnlyAdmin):
    list_display = ("id", "author", "account", "account_kind", "verdict", "scheduled_at", "created_at")
    list_filter = ("verdict", "account_kind")
