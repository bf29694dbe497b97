from __future__ import annotations

from django.apps import AppConfig


class ChecksConfig(AppConfig):
    name = "postguard.server.checks"
    label = "checks"
    verbose_name = "Checks"
    default_auto_field = "django.db.models.BigAutoField"
