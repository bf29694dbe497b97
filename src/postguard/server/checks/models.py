"""The checks' tables: photos stored once by the sha256 of their content, and the checks that use them.

A check is written once (by :func:`postguard.server.checks.services.run_check`) and never changed: an
approval names the check it approves, and the check's content hash says whether the post still is what
was checked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from postguard.server.registry.models import Account, AccountKind, Person


class Verdict(models.TextChoices):
    """The library's verdicts (``postguard.types.Verdict``), every one of them."""

    PASS = "pass"
    WARN = "warn"
    APPROVAL = "approval"
    BLOCK = "block"
    ERROR = "error"  # the post could not be checked (the report's "error" says why): never a pass


class Photo(models.Model):
    """A photo's bytes, stored once under the data folder (``media/photos/ab/<sha256>.<ext>``)."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    format = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    file = models.FileField(max_length=200)
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.format}, {self.size:,} bytes)"


class Check(models.Model):
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="postguard_checks")
    author_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="checks")
    text = models.TextField(blank=True)
    bio = models.TextField(blank=True)
    account = models.ForeignKey(Account, null=True, blank=True, on_delete=models.PROTECT, related_name="checks")
    account_kind = models.CharField(max_length=20, choices=AccountKind.choices)
    platform = models.CharField(max_length=20)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    cited_records = models.JSONField(default=list, blank=True)
    # the text is Markdown (an uploaded .md file): markup, link targets and front matter are not prose
    markdown = models.BooleanField(default=False)
    photos: models.ManyToManyField[Photo, CheckPhoto] = models.ManyToManyField(
        Photo, through="CheckPhoto", related_name="checks"
    )
    # sha256 of the text and the photos' hashes (postguard.server.checks.content.content_hash)
    content_hash = models.CharField(max_length=64, db_index=True)
    report = models.JSONField(default=dict)
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    # the check this one was made from, by applying fixes or changing the post (its author's own check)
    changed_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="changes")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.ref} {self.verdict}"

    @property
    def ref(self) -> str:
        return f"CK-{self.pk}"

    def photo_hashes(self) -> list[str]:
        """The photos' sha256, in the order the post gives them."""
        return list(self.check_photos.order_by("position").values_list("photo_id", flat=True))


class CheckPhoto(models.Model):
    check_row = models.ForeignKey(Check, on_delete=models.CASCADE, related_name="check_photos")
    photo = models.ForeignKey(Photo, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["check_row", "position"], name="checks_photo_position")]
