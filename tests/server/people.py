"""Signed-in users with their registry people and roles, for the workflow tests (checks, approvals,
incidents, access withdrawals); made through the services, as production does."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from postguard.server.access import Actor, Role

from .helpers import OFFICER


@dataclass(frozen=True)
class Member:
    """A user who is a person in the registry, and the actor the services see for them."""

    user: Any
    person: Any
    actor: Actor


def member(name: str, *roles: Role, department: Any = None, kind: str = "staff", email: str = "") -> Member:
    from django.contrib.auth.models import Group, User

    from postguard.server.registry import services

    username = name.split()[0].lower()
    user = User.objects.create_user(username, password=None)
    for role in roles:
        user.groups.add(Group.objects.get(name=role.value))
    person = services.person_create(
        actor=OFFICER, name=name, kind=kind, department=department, user=user, email=email or f"{username}@example.org"
    )
    return Member(user, person, Actor.of_user(user))


def jpeg(colour: tuple[int, int, int] = (200, 30, 30), size: tuple[int, int] = (64, 48)) -> bytes:
    """A small real JPEG."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG", quality=90)
    return out.getvalue()


def soon(hours: int = 48) -> dt.datetime:
    """A time ahead of now (a post's scheduled time)."""
    from django.utils import timezone

    return timezone.now() + dt.timedelta(hours=hours)
