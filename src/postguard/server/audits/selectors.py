"""Reading stored audits, with the object-level filter applied once, here: every audit for the
communications office and administrators; otherwise those of a registry account the reader owns."""

from __future__ import annotations

from django.db.models import QuerySet

from postguard.server.access import Actor
from postguard.server.audits.models import AuditPost, AuditRun


def audits_visible_to(actor: Actor) -> QuerySet[AuditRun]:
    runs = AuditRun.objects.select_related("registry_account")
    if actor.can("read every audit"):
        return runs
    if actor.person_id is None:
        return runs.none()
    return runs.filter(registry_account__owners=actor.person_id).distinct()


def audit_by_ref(actor: Actor, ref: str) -> AuditRun | None:
    """The audit ``AR-n``, when the actor may read it."""
    prefix, _, number = ref.partition("-")
    if prefix != "AR" or not number.isdigit():
        return None
    return audits_visible_to(actor).filter(pk=int(number)).first()


def audit_posts(run: AuditRun, *, with_findings: bool = False) -> QuerySet[AuditPost]:
    """The posts of a run the caller already may read (from :func:`audits_visible_to`), in order; with
    ``with_findings``, those whose report has findings or that could not be checked."""
    posts = AuditPost.objects.filter(run=run).order_by("position")
    if with_findings:
        posts = posts.exclude(verdict="pass")
    return posts
