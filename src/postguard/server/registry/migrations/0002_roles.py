"""A group per role (postguard.server.access.Role), as they were when this migration was written; an
administrator is a superuser and needs none."""

from __future__ import annotations

from typing import Any

from django.db import migrations

ROLES = (
    "registry-officer",
    "communications-office",
    "safeguarding-lead",
    "research-authoriser",
    "hr-business-partner",
    "data-protection",
)


def create_groups(apps: Any, schema_editor: Any) -> None:
    group = apps.get_model("auth", "Group")
    for name in ROLES:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
