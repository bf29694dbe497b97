from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from postguard.engine import Engine
from postguard.inputs import post_from_json
from postguard.records import CitedRecords


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The real engine with the embedded base pack and the real models, loaded once per session."""
    e = Engine()
    e.load()
    return e


def make_post(case: str | dict[str, Any]) -> Any:
    """A post from a test case: a string, or a mapping with the JSON-lines fields."""
    if isinstance(case, str):
        return post_from_json({"text": case})
    data = dict(case)
    if isinstance(data.get("scheduled_at"), dt.datetime):
        data["scheduled_at"] = data["scheduled_at"].isoformat()
    return post_from_json(data)


def with_gaps(engine: Engine, gaps: Mapping[str, Sequence[str]]) -> Engine:
    """``engine`` (its models shared) with a record source that knows these accounts' security gaps, as a
    registry would (SE002): the post's cited records, and ``gaps`` by account id."""
    out = copy.copy(engine)
    out.records = lambda post: CitedRecords(post.records, gaps)
    return out
