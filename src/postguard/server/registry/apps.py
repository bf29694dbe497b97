from __future__ import annotations

from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "postguard.server.registry"
    label = "registry"
    verbose_name = "Registry"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from postguard.server.registry import users

        users.connect()
