"""accounts/roles.py: the one answer to "who is this user", and the row scopes built on it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from accounts import roles
from accounts.models import Role
from assistance.models import Capacity, Experience
from tests.assistance.factories import CapacityFactory, ExperienceFactory
from tests.factories import UserFactory
from tests.reports.factories import ReportFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [("isu", "isu"), ("donor_user", "donor"), ("focal_point", "focal_point"), ("outsider", "public")],
)
def test_role_of_each_kind_of_user(request, fixture, expected):
    assert roles.role_of(request.getfixturevalue(fixture)) == expected


def test_role_of_nobody_is_anonymous():
    assert roles.role_of(AnonymousUser()) == roles.role_of(None) == "anonymous"


def test_a_superuser_is_isu_whatever_the_role_field_says(donor):
    assert roles.role_of(UserFactory(username="root", role=Role.DONOR, donor=donor, is_superuser=True)) == "isu"


def test_an_inactive_user_has_no_role(lao):
    assert roles.role_of(UserFactory(username="gone", role=Role.FOCAL_POINT, state=lao, is_active=False)) == "public"


def test_viewer_in_every_template(rf: RequestFactory, focal_point, outsider):
    request = rf.get("/")
    request.user = focal_point
    viewer = roles.viewer(request)["viewer"]
    assert (viewer.role, viewer.is_focal_point, viewer.is_isu, viewer.has_role) == ("focal_point", True, False, True)
    request.user = outsider
    assert roles.viewer(request)["viewer"].has_role is False


def test_role_required_page(client, focal_point, donor_user):
    assert client.get("/assistance/needs/new/").status_code == 302  # log in first
    client.force_login(donor_user)
    assert client.get("/assistance/needs/new/").status_code == 403
    client.force_login(focal_point)
    assert client.get("/assistance/needs/new/").status_code == 200


def test_capacities_are_edited_by_their_donor_and_the_isu(isu, donor, donor_user, other_donor_user, focal_point):
    capacity = CapacityFactory(donor=donor)
    assert list(Capacity.objects.visible_to(None)) == [capacity]
    assert list(Capacity.objects.editable_by(donor_user)) == [capacity]
    assert list(Capacity.objects.editable_by(isu)) == [capacity]
    assert not Capacity.objects.editable_by(other_donor_user).exists()
    assert not Capacity.objects.editable_by(focal_point).exists()


def test_experience_is_edited_by_its_state_and_the_isu(isu, lao, focal_point, other_focal_point, donor_user):
    experience = ExperienceFactory(state=lao)
    assert list(Experience.objects.visible_to(None)) == [experience]
    assert list(Experience.objects.editable_by(focal_point)) == [experience]
    assert list(Experience.objects.editable_by(isu)) == [experience]
    assert not Experience.objects.editable_by(other_focal_point).exists()
    assert not Experience.objects.editable_by(donor_user).exists()


def test_report_documents(isu, lao, focal_point, other_focal_point, donor_user, outsider):
    report = ReportFactory(state=lao, year=2016)
    draft = ReportFactory(state=lao, year=2017, is_draft=True)
    assert [report.document_visible_to(u) for u in (isu, focal_point, donor_user)] == [True, True, True]
    assert [report.document_visible_to(u) for u in (other_focal_point, outsider, AnonymousUser())] == [False] * 3
    assert (draft.document_visible_to(donor_user), draft.document_visible_to(focal_point)) == (False, True)
