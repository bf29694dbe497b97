"""Django settings for the type checker only: django-stubs' mypy plugin imports a settings module to learn
the installed apps and models. The service never reads this module; it is configured from the
environment by :func:`postguard.server.app.configure`."""

from __future__ import annotations

from postguard.server.settings import INSTALLED_APPS as _APPS

SECRET_KEY = "type-checking-only"
INSTALLED_APPS = _APPS
DATABASES: dict[str, dict[str, str]] = {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
