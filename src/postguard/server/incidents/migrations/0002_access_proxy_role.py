"""The group of the access-proxy role (postguard.server.access.Role.ACCESS_PROXY): the user the University's
web proxy signs in as, to export the access withdrawals in force."""

from __future__ import annotations

from typing import Any

from django.db import migrations

ROLE = "access-proxy"


def create_group(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial"), ("registry", "0002_roles")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
