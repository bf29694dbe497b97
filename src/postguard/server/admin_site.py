"""Django's admin, for administrators only: a signed-in user who is not an administrator (a superuser) is
refused, whatever their staff flag says. The registry's models are shown read-only there: every change goes
through a service (:mod:`postguard.server.registry.services`), which checks permission and writes the
audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.http import HttpRequest


class AdminSite(admin.AdminSite):
    site_header = "Postguard governance"
    site_title = "Postguard"
    index_title = "Registry and audit log"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)


class AdminConfig(DjangoAdminConfig):
    default_site = "postguard.server.admin_site.AdminSite"


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Shows rows; never adds, changes or deletes them (services do)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
