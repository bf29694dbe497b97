"""Configure Django from :class:`ServerSettings`, and build the WSGI application: nothing at import time.

Examples::

    settings = ServerSettings.from_env()
    application = create_app(settings)   # what the WSGI server runs
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from postguard.errors import GovernanceError
from postguard.server.settings import ServerSettings, django_settings, ensure_data_dir, ensure_private_files

if TYPE_CHECKING:
    from django.core.handlers.wsgi import WSGIHandler


def configure(settings: ServerSettings) -> None:
    """Install ``settings`` as Django's settings and set Django up (once per process).

    A second call with the same settings does nothing; with other settings it is refused: a process
    serves one data folder and one database.
    """
    try:
        import django
        from django.conf import settings as django_conf
    except ImportError as exc:  # the server extra is not installed
        raise GovernanceError("PG610", missing=exc.name or "django") from exc
    if django_conf.configured:
        current = getattr(django_conf, "POSTGUARD", None)
        if current != settings:
            raise RuntimeError("Django is already configured for other settings in this process")
        return
    ensure_data_dir(settings.data_dir)
    ensure_private_files(settings)
    django_conf.configure(**django_settings(settings))
    django.setup()


def current() -> ServerSettings:
    """The settings Django was configured with."""
    from django.conf import settings as django_conf

    value: Any = getattr(django_conf, "POSTGUARD", None)
    assert isinstance(value, ServerSettings)
    return value


def create_app(settings: ServerSettings) -> WSGIHandler:
    """The WSGI application for ``settings``."""
    configure(settings)
    from django.core.wsgi import get_wsgi_application

    return get_wsgi_application()
