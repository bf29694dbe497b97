from __future__ import annotations

from django.contrib import admin

from postguard.server.admin_site import ReadOnlyAdmin
from postguard.server.auditlog.models import Entry


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdmin):
    list_display = ("seq", "at", "actor", "action", "object_type", "object_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "actor")
