"""Users' roles and flags in the audit log, however they change (item of issue 27).

Django's admin changes users directly: adding a user to a role group, making a superuser, deactivating a
user. Signals on the user model and its groups append a hash-chained entry for each such change, inside
the transaction that makes it (Django's admin saves in one transaction; an entry rolls back with its
change), so no path that goes through the ORM can miss the log. The acting user is the signed-in user of
the request being served (:class:`ActingUserMiddleware`); outside a request (the CLI, first-run setup) the
actor is the system.

The role groups themselves cannot be renamed or deleted: the permissions (:mod:`postguard.server.access`)
find them by name.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import Group, User
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse

from postguard.errors import GovernanceError
from postguard.server.access import SYSTEM, Actor, Role
from postguard.server.auditlog import services as audit

ROLE_GROUPS = frozenset(r.value for r in Role if r not in (Role.ADMINISTRATOR, Role.SIGNED_IN))
FLAGS = ("is_superuser", "is_active", "is_staff")

_request: ContextVar[HttpRequest | None] = ContextVar("postguard_acting_request", default=None)


class ActingUserMiddleware:
    """Remembers the request being served, so that the signals below know who acts."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request.set(request)
        try:
            return self.get_response(request)
        finally:
            _request.reset(token)


def acting() -> Actor:
    request = _request.get()
    user = getattr(request, "user", None) if request is not None else None
    if user is not None and user.is_authenticated:
        return Actor.of_user(user)
    return SYSTEM


def _log(user_id: int, action: str, payload: dict[str, Any]) -> None:
    audit.append(actor=acting(), action=action, object_type="auth.user", object_id=user_id, payload=payload)


def _before_user_save(sender: Any, instance: User, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    old = User.objects.filter(pk=instance.pk).values(*FLAGS).first()
    instance._postguard_flags = old  # type: ignore[attr-defined]


def _after_user_save(sender: Any, instance: User, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw:
        return
    if created:
        flags = {flag.removeprefix("is_"): bool(getattr(instance, flag)) for flag in FLAGS}
        _log(instance.pk, "auth.user.create", flags)
        return
    old = getattr(instance, "_postguard_flags", None) or {}
    for flag in FLAGS:
        if flag in old and bool(old[flag]) != bool(getattr(instance, flag)):
            change = {"from": old[flag], "to": getattr(instance, flag)}
            _log(instance.pk, f"auth.user.{flag.removeprefix('is_')}", change)
    instance._postguard_flags = {flag: getattr(instance, flag) for flag in FLAGS}  # type: ignore[attr-defined]


def _groups_changed(
    sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None, **kwargs: Any
) -> None:
    """A user's groups changed (``user.groups``), or a group's users (``group.user_set``)."""
    if action == "pre_clear":
        if reverse:  # instance is a group
            instance._postguard_cleared = list(instance.user_set.values_list("pk", flat=True))
        else:
            instance._postguard_cleared = list(instance.groups.values_list("pk", flat=True))
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    ids = sorted(pk_set or ()) if action != "post_clear" else sorted(getattr(instance, "_postguard_cleared", ()))
    change = "add" if action == "post_add" else "remove"
    if reverse:
        pairs = [(user_id, instance.name) for user_id in ids]
    else:
        names = dict(Group.objects.filter(pk__in=ids).values_list("pk", "name"))
        pairs = [(instance.pk, names[i]) for i in ids if i in names]
    for user_id, name in pairs:
        _log(user_id, f"auth.user.role.{change}", {"role": name})


def _before_group_save(sender: Any, instance: Group, raw: bool = False, **kwargs: Any) -> None:
    if raw or instance.pk is None:
        return
    old = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if old in ROLE_GROUPS and old != instance.name:
        raise GovernanceError("PG618", group=old, action="renamed")


def _before_group_delete(sender: Any, instance: Group, **kwargs: Any) -> None:
    if instance.name in ROLE_GROUPS:
        raise GovernanceError("PG618", group=instance.name, action="deleted")


def connect() -> None:
    pre_save.connect(_before_user_save, sender=User, dispatch_uid="postguard.user.pre_save")
    post_save.connect(_after_user_save, sender=User, dispatch_uid="postguard.user.post_save")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="postguard.user.groups")
    pre_save.connect(_before_group_save, sender=Group, dispatch_uid="postguard.group.pre_save")
    pre_delete.connect(_before_group_delete, sender=Group, dispatch_uid="postguard.group.pre_delete")
