"""Postguard: check a draft social media post against the University of Oxford's guidance.

>>> import postguard
>>> report = postguard.check(postguard.Post("The new fees policy is a disaster.", bio="Professor at Oxford"))
>>> [f.code for f in report.findings]
['OP001']
"""

from __future__ import annotations

from collections.abc import Iterable

from postguard.fixes.apply import FixResult
from postguard.types import AccountKind, Applicability, Finding, Fix, Post, Record, Report, Severity, Verdict

__version__ = "0.1.0"
__all__ = [
    "AccountKind", "Applicability", "Finding", "Fix", "FixResult", "Post", "Record", "Report", "Severity", "Verdict",
    "check", "check_many", "fix", "__version__",
]  # fmt: skip


def check(post: Post) -> Report:
    """Check one post with the embedded base policy pack (models load on first use)."""
    from postguard.engine import default_engine

    return default_engine().check(post)


BATCH = 64  # posts checked together by check_many: what is held at once stays flat in their number


def check_many(posts: Iterable[Post]) -> list[Report]:
    """Check many posts in batches, loading models once; reports come back in input order. ``posts`` is
    read a batch at a time, so a generator of posts is never held whole."""
    from itertools import islice

    from postguard.engine import default_engine

    engine = default_engine()
    reports: list[Report] = []
    given = iter(posts)
    while batch := list(islice(given, BATCH)):
        reports.extend(engine.check_many(batch))
    return reports


def fix(post: Post, report: Report, *, applicability: Applicability | str = Applicability.SAFE) -> FixResult:
    """Apply the fixes of ``report`` to ``post``: the safe ones, or with ``applicability="unsafe"`` the unsafe
    ones too. Returns the fixed text and the photo operations; write the photos with
    :func:`postguard.photos.operations.write_photos`."""
    from postguard.fixes.apply import fix as apply_fixes

    return apply_fixes(post, report, applicability=applicability)
