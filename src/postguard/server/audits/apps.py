from __future__ import annotations

from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "postguard.server.audits"
    label = "audits"
    verbose_name = "Archive audits"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from postguard.server.access import PERMISSIONS
        from postguard.server.audits.services import AUDIT_PERMISSIONS, AUDIT_SCOPES
        from postguard.server.tokens.scopes import PERMISSION_SCOPES

        # The app's own permissions join the service's table, and the scope a token needs for each.
        PERMISSIONS.update(AUDIT_PERMISSIONS)
        PERMISSION_SCOPES.update(AUDIT_SCOPES)
