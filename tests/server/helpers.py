"""Actors and registry rows the governance tests share (made through the services, as production does)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from postguard.server.access import Actor, Role

OFFICER = Actor("user:1", frozenset({Role.REGISTRY_OFFICER}))
COMMS = Actor("user:2", frozenset({Role.COMMUNICATIONS}))
SAFEGUARDING = Actor("user:3", frozenset({Role.SAFEGUARDING_LEAD}))
RESEARCH = Actor("user:4", frozenset({Role.RESEARCH_AUTHORISER}))
DPO = Actor("user:5", frozenset({Role.DATA_PROTECTION}))
NOBODY = Actor("user:9", frozenset())

TODAY = dt.date(2026, 12, 3)
PHOTO = "ab" * 32
OTHER_PHOTO = "cd" * 32


def organisation() -> dict[str, Any]:
    """A division, a department, three members of staff (Grace of the communications office) and a visitor."""
    from django.contrib.auth.models import Group, User

    from postguard.server.registry import services

    division = services.division_create(actor=OFFICER, code="mpls", name="Mathematical, Physical and Life Sciences")
    physics = services.department_create(actor=OFFICER, code="physics", name="Physics", division=division)
    ada = services.person_create(
        actor=OFFICER, name="Ada Lovelace", kind="staff", email="ada@example.org", department=physics
    )
    alan = services.person_create(actor=OFFICER, name="Alan Turing", kind="staff", department=physics)
    # Grace is of the communications office: she may be named as granting written permissions
    comms = User.objects.create_user("grace", password=None)
    comms.groups.add(Group.objects.get(name="communications-office"))
    grace = services.person_create(actor=OFFICER, name="Grace Hopper", kind="staff", department=physics, user=comms)
    vera = services.person_create(actor=OFFICER, name="Vera Visitor", kind="visitor", department=physics)
    return {"division": division, "physics": physics, "ada": ada, "alan": alan, "grace": grace, "vera": vera}


def official_account(org: dict[str, Any], **fields: Any) -> Any:
    from postguard.server.registry import services

    values: dict[str, Any] = {
        "platform": "x",
        "handle": "@oxphysics",
        "kind": "official",
        "department": org["physics"],
        "owners": [org["ada"]],
        "admins": [org["ada"], org["alan"]],
        "two_factor": True,
        "recovery_contact": "comms@physics.example.org",
        "last_reviewed": TODAY - dt.timedelta(days=30),
    }
    values.update(fields)
    return services.account_create(actor=OFFICER, **values)
