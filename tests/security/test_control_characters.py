"""Issue 19, finding 5: control characters are refused on input, by one validator, and never
written to XML."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from assistance.models import Need
from core.text import CONTROL_CHARACTERS, validate_no_control_characters
from tests.assistance.factories import NeedFactory, PledgeFactory

OUR_APPS = ["states", "accounts", "obligations", "assistance", "reports"]
REFUSED = ["\x00", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"]
ALLOWED = ["\t", "\n", "\r"]


@pytest.mark.parametrize("char", REFUSED)
def test_the_pattern_refuses_c0_controls_and_delete(char):
    assert CONTROL_CHARACTERS.search(f"a{char}b")


@pytest.mark.parametrize("char", ALLOWED)
def test_tab_and_newlines_are_text(char):
    assert not CONTROL_CHARACTERS.search(f"a{char}b")


def test_every_text_field_of_our_models_has_the_validator():
    fields = [
        (model, field)
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, (models.CharField, models.TextField))
    ]
    assert len(fields) > 30
    missing = [f"{m.__name__}.{f.name}" for m, f in fields if validate_no_control_characters not in f.validators]
    assert missing == []


@pytest.mark.django_db
@pytest.mark.parametrize("char", ["\x0b", "\x1b"])
def test_api_refuses_them_naming_the_field(focal_client, lao, char):
    response = focal_client.post(
        "/api/v1/needs/",
        {"state": "LAO", "article": 4, "title": f"Sur{char}vey", "assistance_type": "survey",
         "amount_requested": "1000.00", "currency": "USD"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "title" in response.json() and "control characters" in response.json()["title"][0]
    assert not Need.objects.exists()


@pytest.mark.django_db
def test_api_patch_too(focal_client, lao):
    need = NeedFactory(state=lao, title="Clean")
    response = focal_client.patch(f"/api/v1/needs/{need.pk}/", {"description": "a\x1b[31mred"})
    assert response.status_code == 400 and "description" in response.json()
    need.refresh_from_db()
    assert need.description == ""


@pytest.mark.django_db
def test_forms_refuse_them(focal_point, lao):
    client = Client()
    client.force_login(focal_point)
    response = client.post(
        "/assistance/needs/new/",
        {"state": lao.pk, "article": 4, "title": "Sur\x0bvey", "assistance_type": "survey",
         "amount_requested": "1000", "currency": "USD", "submitted_on": "2024-03-01", "is_public": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Remove the control characters" in response.content.decode()
    assert not Need.objects.exists()


@pytest.mark.django_db
def test_imports_refuse_them():
    from states.importing import ImportError_, import_states

    header = "iso3,name,region,status,signature_date,deposit_date,instrument\n"
    with pytest.raises(ImportError_) as raised:
        import_states(io.StringIO(header + "LAO,Lao\x0bPDR,asia,party,2008-12-03,2009-03-18,ratification\n"))
    assert "line 2, column name: Remove the control characters" in " ".join(raised.value.errors)


@pytest.mark.django_db
def test_iati_never_writes_them(anon_client, lao, donor):
    need = NeedFactory(state=lao, title="Clearance")
    Need.objects.filter(pk=need.pk).update(title="Clear\x0bance\x1b", description="x\x1fy")  # an older row
    PledgeFactory(need=need, donor=donor)
    body = anon_client.get(f"/api/v1/iati/?donor={donor.pk}").content
    root = ET.fromstring(body)  # valid XML
    assert root.find(".//title/narrative").text == "Clearance"
