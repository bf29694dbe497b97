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


def recent_audits(actor: Actor, limit: int = 10) -> list[dict[str, object]]:
    """The newest audits the actor may read, as the dashboard's panel lists them: reference, accounts,
    when it finished, posts, findings that count, the verdicts, and the rules found most often."""
    rows = []
    for run in audits_visible_to(actor)[:limit]:
        rules = sorted(run.rule_counts.items(), key=lambda item: (-int(item[1].get("findings", 0)), item[0]))
        rows.append(
            {
                "ref": run.ref,
                "accounts": ", ".join(run.accounts) or "none",
                "registry_account": run.registry_account.ref if run.registry_account else "",
                "finished": run.finished_at.date().isoformat(),
                "posts": run.posts,
                "findings": run.findings,
                "verdicts": ", ".join(f"{n} {v}" for v, n in sorted(run.verdicts.items())),
                "rules": ", ".join(f"{code} ({counts.get('findings', 0)})" for code, counts in rules[:5]),
                "skipped": run.skipped,
                "errors": run.errors,
            }
        )
    return rows
