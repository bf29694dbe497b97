"""The head of the empty log: appends lock this row, so it must exist before the first one."""

from __future__ import annotations

from typing import Any

from django.db import migrations

GENESIS = "0" * 64  # postguard.server.auditlog.chain.GENESIS, as it was when this migration was written


def create_head(apps: Any, schema_editor: Any) -> None:
    apps.get_model("auditlog", "Head").objects.get_or_create(pk=1, defaults={"seq": 0, "hash": GENESIS})


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0001_initial")]
    operations = [migrations.RunPython(create_head, migrations.RunPython.noop)]
