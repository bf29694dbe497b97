"""A stored check's verdict may be ``error`` (the post could not be checked), as the library's may."""

from __future__ import annotations

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("checks", "0003_check_changed_from"),
    ]

    operations = [
        migrations.AlterField(
            model_name="check",
            name="verdict",
            field=models.CharField(
                choices=[
                    ("pass", "Pass"),
                    ("warn", "Warn"),
                    ("approval", "Approval"),
                    ("block", "Block"),
                    ("error", "Error"),
                ],
                max_length=10,
            ),
        ),
    ]
