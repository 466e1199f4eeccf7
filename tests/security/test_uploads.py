"""Issue 19, finding 6: replaced documents leave the disk, request bodies are capped before they
are read, PDFs are served as sandboxed attachments."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client

from assistance.models import Need
from tests.assistance.factories import NeedFactory

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files(media) -> list[Path]:
    return [p for p in Path(media).rglob("*") if p.is_file()]


def _upload(client, need, name="plan.pdf"):
    return client.patch(
        f"/api/v1/needs/{need.pk}/", {"document": SimpleUploadedFile(name, PDF, "application/pdf")}, format="multipart"
    )


@pytest.mark.django_db(transaction=True)
def test_five_uploads_leave_one_file(focal_client, lao, _media):
    need = NeedFactory(state=lao)
    for _ in range(5):
        assert _upload(focal_client, need).status_code == 200
    need.refresh_from_db()
    files = _files(_media)
    assert len(files) == 1 and files[0].name == Path(need.document.name).name


@pytest.mark.django_db(transaction=True)
def test_clearing_the_document_deletes_the_file(focal_client, lao, _media):
    need = NeedFactory(state=lao)
    _upload(focal_client, need)
    need.refresh_from_db()
    need.document = None
    need.save()
    assert _files(_media) == []


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_replacement_keeps_the_old_file(focal_client, lao, _media):
    need = NeedFactory(state=lao)
    _upload(focal_client, need)
    need.refresh_from_db()
    old = need.document.name
    with pytest.raises(RuntimeError), transaction.atomic():
        need.document = SimpleUploadedFile("new.pdf", PDF, "application/pdf")
        need.save()
        raise RuntimeError("the request failed after the save")
    assert (Path(_media) / old).exists()
    assert Need.objects.get(pk=need.pk).document.name == old


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/needs/", "/assistance/needs/new/", "/accounts/login/"])
def test_a_body_over_the_cap_is_refused_before_it_is_read(client, path, settings):
    settings.MAX_REQUEST_BYTES = 1024
    body = b"x" * 2048
    response = client.generic("POST", path, body, content_type="application/octet-stream")
    assert response.status_code == 413
    assert "too large" in response.content.decode()


def test_the_app_caps_memory_too():
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    assert django_settings.MIDDLEWARE[0] == "core.uploads.RequestSizeLimitMiddleware"


def test_the_compose_proxy_has_the_same_cap():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    proxy = compose["services"]["proxy"]
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert "ports" not in compose["services"]["web"]  # only through the proxy
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    assert f"client_max_body_size {django_settings.MAX_REQUEST_BYTES // (1024 * 1024)}m;" in conf


@pytest.mark.django_db
def test_pdfs_are_sandboxed_attachments(focal_client, focal_point, lao, _media):
    need = NeedFactory(state=lao)
    _upload(focal_client, need)
    page = Client()
    page.force_login(focal_point)
    for response in (
        focal_client.get(f"/api/v1/needs/{need.pk}/document/"),
        page.get(f"/assistance/needs/{need.pk}/document/"),
    ):
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["X-Content-Type-Options"] == "nosniff"
