"""The defects a new user found in the web app (issue 28), each tested through the pages without a browser:
changing an approved post goes on in its approval, and the other fixes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from .helpers import PASSWORD
from .test_workflows import ANNOUNCEMENT, _organisation


@pytest.fixture
def client(site: str) -> Any:
    from django.test import Client

    return Client(SERVER_NAME="localhost")


def _check(client: Any, org: dict[str, Any], text: str, **extra: str) -> str:
    when = (dt.datetime.now() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {"text": text, "account": str(org["account"].pk), "platform": "x", "scheduled_at": when,
            "records": org["consent"].ref, **extra}  # fmt: skip
    response = client.post("/check/", data)
    assert response.status_code == 302, response.content[:2000]
    return str(response["Location"])


def test_changing_an_approved_post_makes_a_new_version_not_a_second_approval(client: Any) -> None:
    from postguard.server.access import Actor
    from postguard.server.approvals import services
    from postguard.server.approvals.models import Approval, Version

    org = _organisation()
    assert client.login(username="ada", password=PASSWORD)
    first = _check(client, org, ANNOUNCEMENT)
    pk = int(re.findall(r"/checks/(\d+)/", first)[0])
    assert client.post(f"/checks/{pk}/submit/").status_code == 302
    approval = Approval.objects.get()
    services.approval_decide(actor=Actor.of_user(org["carol"].user), approval=approval,
                             role="communications-office", decision="approved")  # fmt: skip
    approval.refresh_from_db()
    assert approval.state == "approved"

    # "Check it again" from the approved check, with the text changed: the new check goes on in AP-1
    again = _check(client, org, ANNOUNCEMENT.replace("£2m", "£3m"), **{"from": str(pk)})
    assert again.endswith(f"?approval={approval.pk}")
    page = client.get(again).content.decode()
    assert f"Submit as a new version of {approval.ref}" in page and "Submit for approval" not in page
    new = int(re.findall(r"/checks/(\d+)/", again)[0])
    assert client.post(f"/checks/{new}/submit/", {"approval": str(approval.pk)}).status_code == 302
    assert Approval.objects.count() == 1
    first_version, second = Version.objects.filter(approval=approval).order_by("number")
    assert (first_version.state, first_version.reason) == ("lapsed", "the post changed after it was submitted")
    assert second.state == "submitted" and second.post_check_id == new
