"""The incidents' tables: incidents with their evidence snapshot, the actions taken on them, and access
withdrawals. Rows change only through :mod:`postguard.server.incidents.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from postguard.server.checks.models import Photo
from postguard.server.registry.models import Department, Person


class IncidentState(models.TextChoices):
    OPEN = "open"
    CLOSED = "closed"


class Incident(models.Model):
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="incidents_reported")
    # who is reported: the person in the registry, when the report names one it holds (and has not erased);
    # otherwise none until the communications office, which triages such reports, attaches them
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents")
    # whom the reporter named, as they gave it (a registry id, an email address or a name)
    named = models.CharField(max_length=254, blank=True)
    # the reported person's department when reported, and the HR Business Partners it went to (G30)
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="incidents"
    )
    routed_to = models.ManyToManyField(Person, blank=True, related_name="incidents_routed")
    summary = models.TextField()
    state = models.CharField(max_length=10, choices=IncidentState.choices, default=IncidentState.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The evidence, as it was when reported: it does not change when the post or the check does
    evidence_text = models.TextField(blank=True)
    evidence_link = models.URLField(max_length=2000, blank=True)
    evidence_photos = models.ManyToManyField(Photo, blank=True, related_name="+")
    evidence_photo_hashes = models.JSONField(default=list, blank=True)  # in the order given
    evidence_check = models.CharField(max_length=20, blank=True)  # CK-n
    evidence_report = models.JSONField(null=True, blank=True)
    evidence_hash = models.CharField(max_length=64)  # sha256 of the snapshot (text, link, photos, check, report)

    def __str__(self) -> str:
        return f"{self.ref} {self.state}"

    @property
    def ref(self) -> str:
        return f"IN-{self.pk}"

    @property
    def awaiting_triage(self) -> bool:
        """It names nobody the registry holds yet: the communications office finds whom it is about."""
        return self.person_id is None


class ActionKind(models.TextChoices):
    NOTE = "note"
    CLOSE = "close"
    WITHDRAW_ACCESS = "withdraw-access"


class Action(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="actions")
    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(blank=True)
    withdrawal = models.ForeignKey(
        "AccessWithdrawal", null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.incident.ref} {self.kind}"


class AccessWithdrawal(models.Model):
    """Access to named sites withdrawn through the University's servers, for a person or everyone in a
    department, from ``starts`` until ``ends`` (or until ended early)."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="withdrawals")
    department = models.ForeignKey(
        Department, null=True, blank=True, on_delete=models.PROTECT, related_name="withdrawals"
    )
    domains = models.JSONField(default=list)  # IDNA-normalised (ASCII, lower case), sorted
    starts = models.DateTimeField()
    ends = models.DateTimeField()
    reason = models.TextField(blank=True)
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.PROTECT, related_name="withdrawals")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)  # restored early

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(department__isnull=True))
                | (Q(person__isnull=True) & Q(department__isnull=False)),
                name="incidents_withdrawal_one_target",
            ),
            models.CheckConstraint(condition=Q(ends__gt=F("starts")), name="incidents_withdrawal_period"),
        ]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"AW-{self.pk}"

    @property
    def target(self) -> str:
        return (
            self.person.ref
            if self.person is not None
            else f"department:{self.department.code if self.department else ''}"
        )
