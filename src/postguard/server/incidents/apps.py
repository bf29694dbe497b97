from __future__ import annotations

from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "postguard.server.incidents"
    label = "incidents"
    verbose_name = "Incidents"
    default_auto_field = "django.db.models.BigAutoField"
