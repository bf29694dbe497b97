from __future__ import annotations

from django.contrib import admin

from postguard.server.admin_site import ReadOnlyAdmin
from postguard.server.approvals.models import Approval, Route


@admin.register(Approval)
class ApprovalAdmin(ReadOnlyAdmin):
    list_display = ("id", "account", "author", "state", "created_at")
    list_filter = ("state",)


@admin.register(Route)
class RouteAdmin(ReadOnlyAdmin):
    list_display = ("id", "version", "role", "decision", "decided_by", "decided_at")
    list_filter = ("role", "decision")
