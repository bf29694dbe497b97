from __future__ import annotations

from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "postguard.server.tokens"
    label = "tokens"
    verbose_name = "API tokens"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from postguard.server.access import PERMISSIONS
        from postguard.server.tokens.scopes import TOKEN_PERMISSIONS

        # The tokens app's own permissions join the service's table (access.require checks them there).
        PERMISSIONS.update(TOKEN_PERMISSIONS)
