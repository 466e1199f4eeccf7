"""The fixed cast of every test (as healthchecks does): one user per role, and an outsider.

- `isu`: Isabel of the ISU, writes everything;
- `donor_user`: Diego, acting for the donor `donor` (Norway-like state donor);
- `focal_point`: Farida, focal point of `lao` (Lao PDR);
- `other_focal_point`: Omar, focal point of `other_state`;
- `outsider`: logged in, no role.
Clients: `anon_client`, `isu_client`, `donor_client`, `focal_client`, `other_focal_client`,
`outsider_client` (DRF APIClient, authenticated by token as integrations are).
"""

from datetime import date

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import DonorKind, Role
from tests.factories import DonorFactory, StateFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield


@pytest.fixture
def lao(db):
    return StateFactory(
        iso3="LAO",
        name="Lao People's Democratic Republic",
        region="asia",
        signature_date=date(2008, 12, 3),
        deposit_date=date(2009, 3, 18),
    )


@pytest.fixture
def other_state(db):
    return StateFactory(iso3="BIH", name="Bosnia and Herzegovina", region="europe", deposit_date=date(2010, 9, 7))


@pytest.fixture
def donor_state(db):
    return StateFactory(iso3="NOR", name="Norway", region="europe", deposit_date=date(2008, 12, 3))


@pytest.fixture
def donor(donor_state):
    return DonorFactory(name="Norway", kind=DonorKind.STATE, state=donor_state)


@pytest.fixture
def other_donor(db):
    return DonorFactory(name="European Union", kind=DonorKind.ORGANISATION)


@pytest.fixture
def isu(db):
    return UserFactory(username="isabel", role=Role.ISU, is_staff=True)


@pytest.fixture
def donor_user(donor):
    return UserFactory(username="diego", role=Role.DONOR, donor=donor)


@pytest.fixture
def other_donor_user(other_donor):
    return UserFactory(username="eva", role=Role.DONOR, donor=other_donor)


@pytest.fixture
def focal_point(lao):
    return UserFactory(username="farida", role=Role.FOCAL_POINT, state=lao)


@pytest.fixture
def other_focal_point(other_state):
    return UserFactory(username="omar", role=Role.FOCAL_POINT, state=other_state)


@pytest.fixture
def outsider(db):
    return UserFactory(username="charlie", role="")


def _client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def anon_client(db):
    return _client_for(None)


@pytest.fixture
def isu_client(isu):
    return _client_for(isu)


@pytest.fixture
def donor_client(donor_user):
    return _client_for(donor_user)


@pytest.fixture
def other_donor_client(other_donor_user):
    return _client_for(other_donor_user)


@pytest.fixture
def focal_client(focal_point):
    return _client_for(focal_point)


@pytest.fixture
def other_focal_client(other_focal_point):
    return _client_for(other_focal_point)


@pytest.fixture
def outsider_client(outsider):
    return _client_for(outsider)


ROLE_CLIENTS = ["anon_client", "isu_client", "donor_client", "focal_client", "outsider_client"]
