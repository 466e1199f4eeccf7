"""Schemathesis against the OpenAPI schema, every operation, as anonymous and as each role:
no 500, and every answer matches the schema (status, content type, body, headers).

In-process against the WSGI application (no server, no network), bounded by FUZZ_EXAMPLES per
operation (default 5, one per role; FUZZ_EXAMPLES=20 for a deeper run), the examples taking the five roles in turn
(token authentication)."""

import itertools
import json
import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
)

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "5"))
ROLES = ["anonymous", "isu", "donor_user", "focal_point", "outsider"]
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance, response_headers_conformance]


def generated_schema() -> dict:
    # The same document /api/schema/ serves (test_schema_is_the_served_one), built without a request.
    return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))


SCHEMA = schemathesis.openapi.from_dict(generated_schema())
SCHEMA.app = get_wsgi_application()


@pytest.mark.django_db
def test_schema_is_the_served_one(client):
    served = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert served == generated_schema()


@pytest.fixture
def _keep_test_connection():
    """The WSGI handler closes database connections at the end of each request, which would end
    the test's transaction; Django's test client switches that off the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def role_headers(request, _keep_test_connection):
    """The examples of one operation take the roles in turn: anonymous, ISU, donor, focal point, outsider."""
    headers = []
    for role in ROLES:
        if role == "anonymous":
            headers.append({})
        else:
            token, _ = Token.objects.get_or_create(user=request.getfixturevalue(role))
            headers.append({"Authorization": f"Token {token.key}"})
    return itertools.cycle(headers)


@pytest.mark.slow
@pytest.mark.django_db
@SCHEMA.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api(case, role_headers, lao, donor):
    case.call_and_validate(headers=next(role_headers), checks=CHECKS)
