"""A misuse report may name someone the registry does not hold: the reported person becomes optional, and
the report keeps whom the reporter named, as given (reports made before keep their person's registry id)."""

from __future__ import annotations

from typing import Any

import django.db.models.deletion
from django.db import migrations, models


def name_the_reported(apps: Any, schema_editor: Any) -> None:
    Incident = apps.get_model("incidents", "Incident")
    for incident in Incident.objects.filter(named="", person__isnull=False).only("pk", "person_id"):
        Incident.objects.filter(pk=incident.pk).update(named=f"P-{incident.person_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("incidents", "0002_access_proxy_role"),
        ("registry", "0002_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="incident",
            name="named",
            field=models.CharField(blank=True, max_length=254),
        ),
        migrations.AlterField(
            model_name="incident",
            name="person",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="incidents",
                to="registry.person",
            ),
        ),
        migrations.RunPython(name_the_reported, migrations.RunPython.noop),
    ]
