"""Issue 27: every change of a user's roles or flags is in the audit log, whichever way it is made (the
admin's forms, the ORM), with the acting user; the role groups cannot be renamed or deleted."""

from __future__ import annotations

import pytest


def _admin_client() -> tuple[object, object]:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from postguard.server.setup import first_run

    first_run()
    admin = get_user_model().objects.get(username="admin")
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(admin)
    return client, admin


def test_role_and_flag_changes_in_the_admin_are_logged_with_the_acting_user(db: str) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from postguard.server.auditlog.models import Entry
    from postguard.server.auditlog.selectors import verify_log

    client, admin = _admin_client()
    user = get_user_model().objects.create_user("ada", password="a long enough password")
    comms = Group.objects.get(name="communications-office")
    officer = Group.objects.get(name="registry-officer")
    form = {
        "username": "ada",
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "is_superuser": "on",
        "groups": [str(comms.pk), str(officer.pk)],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-12-01",
        "date_joined_1": "09:00:00",
    }
    page = client.post(f"/admin/auth/user/{user.pk}/change/", form)  # type: ignore[attr-defined]
    assert page.status_code == 302, page.content[:2000]
    mine = Entry.objects.filter(object_type="auth.user", object_id=str(user.pk), actor=f"user:{admin.pk}")  # type: ignore[attr-defined]
    seen = {(e.action, e.payload.get("role"), e.payload.get("to")) for e in mine}
    assert ("auth.user.superuser", None, True) in seen
    assert ("auth.user.role.add", "communications-office", None) in seen
    assert ("auth.user.role.add", "registry-officer", None) in seen
    form.pop("is_superuser")
    form.pop("is_active")
    form["groups"] = [str(officer.pk)]
    assert client.post(f"/admin/auth/user/{user.pk}/change/", form).status_code == 302  # type: ignore[attr-defined]
    seen = {(e.action, e.payload.get("role"), e.payload.get("to")) for e in mine.all()}
    assert ("auth.user.superuser", None, False) in seen and ("auth.user.active", None, False) in seen
    assert ("auth.user.role.remove", "communications-office", None) in seen
    assert verify_log().ok


def test_role_changes_through_the_orm_are_logged_too(db: str) -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from postguard.server.auditlog.models import Entry

    user = get_user_model().objects.create_user("alan", password="a long enough password")
    comms = Group.objects.get(name="communications-office")
    user.groups.add(comms)
    comms.user_set.remove(user)
    user.groups.add(comms)
    user.groups.clear()
    actions = list(Entry.objects.filter(object_id=str(user.pk)).values_list("action", "actor"))
    assert actions == [
        ("auth.user.create", "system"),
        ("auth.user.role.add", "system"),
        ("auth.user.role.remove", "system"),
        ("auth.user.role.add", "system"),
        ("auth.user.role.remove", "system"),
    ]


def test_role_groups_cannot_be_renamed_or_deleted(db: str) -> None:
    from django.contrib.auth.models import Group

    from postguard.errors import GovernanceError

    client, _ = _admin_client()
    comms = Group.objects.get(name="communications-office")
    assert client.get(f"/admin/auth/group/{comms.pk}/delete/").status_code == 403  # type: ignore[attr-defined]
    client.post(f"/admin/auth/group/{comms.pk}/change/", {"name": "renamed", "permissions": []})  # type: ignore[attr-defined]
    assert Group.objects.filter(name="communications-office").exists()
    comms.name = "renamed"
    with pytest.raises(GovernanceError) as renamed:
        comms.save()
    with pytest.raises(GovernanceError) as deleted:
        Group.objects.get(name="communications-office").delete()
    assert renamed.value.code == deleted.value.code == "PG618"
    other = Group.objects.create(name="a team")
    other.name = "another team"
    other.save()
    other.delete()
