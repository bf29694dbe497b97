"""The approvals' tables: an approval (``AP-n``) of an official account's post, its versions (each bound
to a stored check and its content hash), and each version's routes (a role, the findings it decides, and
the decision). Rows change only through :mod:`postguard.server.approvals.services`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from postguard.server.checks.models import Check
from postguard.server.registry.models import Account, Person


class State(models.TextChoices):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    LAPSED = "lapsed"


# A version in one of these may still be decided, withdrawn or lapse
OPEN_STATES = (State.DRAFT, State.SUBMITTED, State.APPROVED)


class Decision(models.TextChoices):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Approval(models.Model):
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="approvals")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="postguard_approvals")
    author_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="approvals")
    # the state of the current (latest) version
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.ref} {self.state}"

    @property
    def ref(self) -> str:
        return f"AP-{self.pk}"

    def current(self) -> Version:
        version = self.versions.order_by("-number").first()
        assert version is not None, "an approval always has a version"
        return version


class Version(models.Model):
    approval = models.ForeignKey(Approval, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    post_check = models.ForeignKey(Check, on_delete=models.PROTECT, related_name="approval_versions")
    content_hash = models.CharField(max_length=64)  # the check's: what this version approves
    scheduled_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # why it lapsed or was withdrawn ("the scheduled time passed", "the post changed")
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["approval", "number"], name="approvals_version_number")]

    def __str__(self) -> str:
        return f"{self.approval.ref} v{self.number} {self.state}"


class Route(models.Model):
    """The findings of one version routed to one role, and that role's decision."""

    version = models.ForeignKey(Version, on_delete=models.PROTECT, related_name="routes")
    role = models.CharField(max_length=40)
    codes = models.JSONField(default=list, blank=True)
    findings = models.JSONField(default=list, blank=True)  # code, severity and message of each
    # the post's author, kept here so that the database itself can refuse a self-approval
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=20, choices=Decision.choices, default=Decision.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "role"], name="approvals_route_role"),
            # nobody approves (or rejects) their own post
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("author")), name="approvals_route_not_own_post"
            ),
            # a decision has a decider, and a pending route has none
            models.CheckConstraint(
                condition=(Q(decision=Decision.PENDING) & Q(decided_by__isnull=True))
                | (~Q(decision=Decision.PENDING) & Q(decided_by__isnull=False)),
                name="approvals_route_decided_by_someone",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.role} {self.decision}"
