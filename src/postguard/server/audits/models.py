"""An archive audit as the registry keeps it: the run (its archives by content hash, the registry account
it audited, when it ran, its counts and the findings per rule) and one row per post (its id, kind, time,
link to the original, verdict, and each finding's code and severity). The posts' words are not copied:
the audit's own output folder has them, and the originals are linked."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from postguard.server.registry.models import Account


class AuditRun(models.Model):
    # sha256 of the run's settings (its archives' content, the account kind, packs, partition size) and
    # when it started: storing the same finished run again finds this row
    run_key = models.CharField(max_length=64, unique=True)
    archives = models.JSONField(default=list)  # [{"name": file name, "sha256": content fingerprint}]
    accounts = models.JSONField(default=list)  # ["platform:handle", ...] as the archives name them
    registry_account = models.ForeignKey(
        Account, null=True, blank=True, on_delete=models.PROTECT, related_name="audits"
    )
    account_kind = models.CharField(max_length=20)
    postguard_version = models.CharField(max_length=40)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    posts = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    shared = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)  # archive entries that could not be imported
    errors = models.PositiveIntegerField(default=0)  # posts that could not be checked
    findings = models.PositiveIntegerField(default=0)
    verdicts = models.JSONField(default=dict)  # {"warn": 12, ...}
    rule_counts = models.JSONField(default=dict)  # {"DP001": {"findings": 3, "posts": 2, "severity": "error"}}
    left_out = models.JSONField(default=dict)  # {"repost": 4, ...}: not the account's publications
    out_dir = models.CharField(max_length=1000, blank=True)  # where report.html was written
    stored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    stored_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-finished_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.ref} ({self.posts:,} posts)"

    @property
    def ref(self) -> str:
        return f"AR-{self.pk}"


class AuditPost(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="audit_posts")
    position = models.PositiveIntegerField()  # in the run's reports.jsonl
    post_id = models.CharField(max_length=400)  # platform:account:id
    platform = models.CharField(max_length=20)
    account = models.CharField(max_length=200)
    kind = models.CharField(max_length=20)
    created_at = models.DateTimeField(null=True, blank=True)
    url = models.CharField(max_length=1000, blank=True)  # the original
    verdict = models.CharField(max_length=10)  # pass, warn, approval, block; error: could not be checked
    shared = models.BooleanField(default=False)  # given the report of an identical post
    findings = models.JSONField(default=list)  # [{"code": "DP001", "severity": "error", "lifted_by": null}]
    error = models.CharField(max_length=10, blank=True)  # the code, when it could not be checked

    class Meta:
        ordering = ["run", "position"]
        constraints = [models.UniqueConstraint(fields=["run", "position"], name="audits_post_position")]
        indexes = [models.Index(fields=["run", "verdict"], name="audits_post_verdict")]

    def __str__(self) -> str:
        return f"{self.post_id} {self.verdict}"
