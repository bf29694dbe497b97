"""Erasure keeps its marks (``erased``), so that verification can tell an erased field from a field moved
into ``redacted`` by hand. Fields erased before this migration lost their marks; they are marked now,
as they stand (person 0: the person is no longer known)."""

from __future__ import annotations

from typing import Any

from django.db import migrations, models


def mark_past_erasures(apps: Any, schema_editor: Any) -> None:
    entry_model = apps.get_model("auditlog", "Entry")
    mark = apps.get_model("auditlog", "EntryPerson")
    for entry in entry_model.objects.exclude(redacted={}).iterator():
        for key in entry.redacted:
            mark.objects.get_or_create(entry=entry, person_id=0, key=key, defaults={"erased": True})


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0002_head")]
    operations = [
        migrations.AddField(model_name="entryperson", name="erased", field=models.BooleanField(default=False)),
        migrations.RunPython(mark_past_erasures, migrations.RunPython.noop),
    ]
