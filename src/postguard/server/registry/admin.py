"""The admin's page of groups: the role groups cannot be renamed or deleted there (the permissions find
them by name); other groups are Django's as usual. Every change to a user's roles or flags is logged by
:mod:`postguard.server.registry.users`."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest

from postguard.server.registry.users import ROLE_GROUPS

admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(GroupAdmin):
    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        return (*fields, "name") if obj is not None and obj.name in ROLE_GROUPS else fields

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.name in ROLE_GROUPS:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the bulk delete would skip the per-group check
        return actions
