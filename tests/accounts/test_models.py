"""Donor and User: who may be bound to what."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import Donor, DonorKind, Role, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestDonor:
    def test_a_state_donor_names_its_state(self, donor_state):
        Donor(name="Norway", kind=DonorKind.STATE, state=donor_state).full_clean()
        with pytest.raises(ValidationError) as exc:
            Donor(name="Norway", kind=DonorKind.STATE).full_clean()
        assert list(exc.value.message_dict) == ["state"]

    def test_an_organisation_names_no_state(self, donor_state):
        Donor(name="European Union", kind=DonorKind.ORGANISATION).full_clean()
        with pytest.raises(ValidationError) as exc:
            Donor(name="European Union", kind=DonorKind.ORGANISATION, state=donor_state).full_clean()
        assert list(exc.value.message_dict) == ["state"]

    def test_the_database_enforces_the_state_rule(self, donor_state):
        with pytest.raises(IntegrityError), transaction.atomic():
            Donor.objects.create(name="Norway", kind=DonorKind.STATE)
        with pytest.raises(IntegrityError), transaction.atomic():
            Donor.objects.create(name="EU", kind=DonorKind.ORGANISATION, state=donor_state)

    def test_names_are_unique(self, donor):
        with pytest.raises(ValidationError) as exc:
            Donor(name="Norway", kind=DonorKind.ORGANISATION).full_clean()
        assert "name" in exc.value.message_dict

    def test_a_donor_with_users_cannot_be_deleted(self, donor_user, donor):
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            donor.delete()


class TestUser:
    def test_a_focal_point_is_bound_to_a_state(self, lao):
        user = User(username="f", role=Role.FOCAL_POINT)
        with pytest.raises(ValidationError) as exc:
            user.clean()
        assert list(exc.value.message_dict) == ["state"]
        with pytest.raises(IntegrityError), transaction.atomic():
            user.save()
        User(username="f", role=Role.FOCAL_POINT, state=lao).clean()

    def test_a_donor_user_is_bound_to_a_donor(self, donor):
        user = User(username="d", role=Role.DONOR)
        with pytest.raises(ValidationError) as exc:
            user.clean()
        assert list(exc.value.message_dict) == ["donor"]
        with pytest.raises(IntegrityError), transaction.atomic():
            user.save()
        User(username="d", role=Role.DONOR, donor=donor).clean()

    def test_role_properties(self, isu, donor_user, focal_point, outsider):
        assert (isu.is_isu, isu.is_donor, isu.is_focal_point) == (True, False, False)
        assert (donor_user.is_isu, donor_user.is_donor, donor_user.is_focal_point) == (False, True, False)
        assert (focal_point.is_isu, focal_point.is_donor, focal_point.is_focal_point) == (False, False, True)
        assert (outsider.is_isu, outsider.is_donor, outsider.is_focal_point) == (False, False, False)

    def test_a_superuser_is_isu(self):
        assert UserFactory(username="root", is_superuser=True).is_isu is True

    def test_an_inactive_user_has_no_role(self, lao, donor):
        assert UserFactory(username="a", role=Role.ISU, is_active=False).is_isu is False
        assert UserFactory(username="b", role=Role.DONOR, donor=donor, is_active=False).is_donor is False
        assert UserFactory(username="c", role=Role.FOCAL_POINT, state=lao, is_active=False).is_focal_point is False
