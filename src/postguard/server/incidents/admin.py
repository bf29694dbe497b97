from __future__ import annotations

from django.contrib import admin

from postguard.server.admin_site import ReadOnlyAdmin
from postguard.server.incidents.models import AccessWithdrawal, Incident


@admin.register(Incident)
class IncidentAdmin(ReadOnlyAdmin):
    list_display = ("id", "person", "named", "department", "state", "created_at")
    list_filter = ("state",)


@admin.register(AccessWithdrawal)
class AccessWithdrawalAdmin(ReadOnlyAdmin):
    list_display = ("id", "person", "department", "starts", "ends", "ended_at")
