from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "postguard.server.web"
    label = "web"
    verbose_name = "Postguard web app"
