"""The role x verb matrix shared by the API tests of the foundation's resources.

Everyone reads; only the ISU writes; nothing is ever deleted. A refused request answers 401
(anonymous) or 403 (authenticated without the role), or 405 for the ISU where the verb does
not exist, and leaves the database exactly as it was.
"""

from __future__ import annotations

from django.db import models
from rest_framework.test import APIClient

ROLES = ["anon_client", "isu_client", "donor_client", "focal_client", "outsider_client"]
VERBS = ["list", "detail", "post", "put", "patch", "delete"]
SUCCESS = {"list": 200, "detail": 200, "post": 201, "put": 200, "patch": 200}


def expected_status(role: str, verb: str, writable: bool = True) -> int:
    if verb in ("list", "detail"):
        return 200
    if role == "anon_client":
        return 401
    if role != "isu_client":
        return 403
    if verb == "delete" or not writable:
        return 405
    return SUCCESS[verb]


def snapshot(*model_classes: type[models.Model]) -> list:
    """Every row of every model given, and the size of its history, to compare before/after."""
    state = []
    for model in model_classes:
        state.append(list(model._default_manager.order_by("pk").values()))
        if hasattr(model, "history"):
            state.append(model.history.count())
    return state


def call(client: APIClient, verb: str, list_url: str, detail_url: str, payloads: dict):
    if verb == "list":
        return client.get(list_url)
    if verb == "detail":
        return client.get(detail_url)
    if verb == "post":
        return client.post(list_url, payloads.get("post", {}), format="json")
    if verb == "put":
        return client.put(detail_url, payloads.get("put", {}), format="json")
    if verb == "patch":
        return client.patch(detail_url, payloads.get("patch", {}), format="json")
    return client.delete(detail_url)


def check(request, role: str, verb: str, *, list_url: str, detail_url: str, payloads: dict, watched, writable=True):
    """Run one cell of the matrix; return the response for cell-specific assertions."""
    client = request.getfixturevalue(role)
    before = snapshot(*watched)
    response = call(client, verb, list_url, detail_url, payloads)
    expected = expected_status(role, verb, writable)
    assert response.status_code == expected, (role, verb, response.status_code, response.content[:500])
    if expected >= 400:
        assert snapshot(*watched) == before, f"{role} {verb} was refused but changed the database"
    return response
