"""schemathesis against the API's own OpenAPI schema: requests generated from it, valid and invalid, sent
to the WSGI application as an administrator's API token; every answer must be documented, match its
schema, and no request may cause a server error. Invalid requests must be refused with a 4xx.

The world the requests meet is tests/server/api_matrix.world() (so some ids exist); requests change it
as they go (they are not rolled back), as a client's would.
"""

from __future__ import annotations

from typing import Any

import pytest

from .api_matrix import world

# Examples per operation and mode: about 45 operations x 2 modes; kept to well under a minute on SQLite
EXAMPLES = {"sqlite": 8, "postgresql": 4}


def _checks() -> list[Any]:
    from schemathesis import checks

    return [
        checks.not_a_server_error,
        checks.status_code_conformance,
        checks.content_type_conformance,
        checks.response_schema_conformance,
        checks.negative_data_rejection,
    ]


def test_every_operation_answers_as_its_schema_says(db: str) -> None:
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis.errors import Unsatisfiable
    from schemathesis import GenerationMode

    from postguard.server.access import SYSTEM
    from postguard.server.tokens.services import token_create

    w = world()
    secret = token_create(
        actor=SYSTEM,
        user_id=w.users["administrator"].pk,
        name="schemathesis",
        scopes=["read", "write", "check", "proxy-export"],
    ).secret
    app = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    headers = {"Authorization": f"Bearer {secret}"}
    failures: dict[str, str] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 40
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=EXAMPLES[db],
                deadline=None,
                database=None,
                derandomize=True,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                response = case.call(headers=headers)
                case.validate_response(response, checks=_checks(), headers=headers)

            try:
                run()
            except Unsatisfiable:  # an operation with nothing to make invalid (no parameters, no body)
                assert mode == GenerationMode.NEGATIVE
            except Exception as exc:  # noqa: BLE001 - each operation's first failure is reported
                failures[f"{operation.label} ({mode.value})"] = str(exc).strip().splitlines()[0][:300]
    assert failures == {}, "\n".join(f"{k}: {v}" for k, v in failures.items())


@pytest.fixture(autouse=True)
def _quiet_django_request_log(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("ERROR", logger="django.request")
