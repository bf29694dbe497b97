"""Postguard: check a draft social media post against the University of Oxford's guidance.

>>> import postguard
>>> report = postguard.check(postguard.Post("The new fees policy is a disaster.", bio="Professor at Oxford"))
>>> [f.code for f in report.findings]
['OP001']
"""

from __future__ import annotations

from collections.abc import Iterable

from postguard.types import AccountKind, Finding, Fix, Post, Record, Report, Severity, Verdict

__version__ = "0.1.0"
__all__ = [
    "AccountKind", "Finding", "Fix", "Post", "Record", "Report", "Severity", "Verdict", "check", "check_many",
    "__version__",
]  # fmt: skip


def check(post: Post) -> Report:
    """Check one post with the embedded base policy pack (models load on first use)."""
    from postguard.engine import default_engine

    return default_engine().check(post)


def check_many(posts: Iterable[Post]) -> list[Report]:
    """Check many posts in batches, loading models once; reports come back in input order."""
    from postguard.engine import default_engine

    return default_engine().check_many(list(posts))
