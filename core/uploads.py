"""Uploaded documents: the one PDF check, size caps, replaced files removed, PDFs served so a
browser never runs them (issue 19, finding 6).

- `validate_pdf` is the portal's one check of an uploaded document (needs' documents, Article 7
  reports): a PDF by its content, at most 10 MB.
- `RequestSizeLimitMiddleware` refuses a request whose Content-Length is above
  MAX_REQUEST_BYTES with 413 before anything of its body is read (the WSGI server reads no more
  than Content-Length, so a lying client cannot send more either); the compose proxy has the
  same cap (deploy/nginx.conf). Django's DATA_UPLOAD_MAX_MEMORY_SIZE caps the non-file part.
- `delete_replaced_files` (pre_save of models with documents) removes the old file once the
  transaction that replaced or cleared it has committed: a rolled-back save keeps it.
- `pdf_response` serves a stored PDF as an attachment under `Content-Security-Policy: sandbox`
  and `nosniff`: a PDF with an /OpenAction script is opened by the reader's PDF viewer, never
  run inside the portal's origin.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import FileResponse, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def validate_pdf(upload) -> None:
    """A PDF of at most 10 MB, judged by its content (a renamed .exe is refused). Every upload of
    the portal (needs' documents, Article 7 reports) goes through this one check."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(gettext_lazy("The document is larger than 10 MB."), code="too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if not head.startswith(b"%PDF"):
        raise ValidationError(gettext_lazy("The document must be a PDF file."), code="not_pdf")


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            megabytes = settings.MAX_REQUEST_BYTES // (1024 * 1024)
            message = _("The request is too large: at most %(mb)d MB, documents included.") % {"mb": megabytes}
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=413)
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def delete_replaced_files(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance._state.adding or instance.pk is None:
        return
    fields = [f for f in sender._meta.concrete_fields if isinstance(f, models.FileField)]
    if update_fields is not None:
        fields = [f for f in fields if f.name in update_fields or f.attname in update_fields]
    if not fields:
        return
    stored = sender._base_manager.filter(pk=instance.pk).values(*[f.attname for f in fields]).first()
    if stored is None:
        return
    for field in fields:
        before = stored[field.attname]
        current = getattr(instance, field.attname)
        if before and before != (current.name if current else ""):
            storage = field.storage
            transaction.on_commit(lambda name=before, storage=storage: storage.delete(name))


def connect_file_cleanup(*model_classes) -> None:
    for model_class in model_classes:
        models.signals.pre_save.connect(
            delete_replaced_files, sender=model_class, dispatch_uid=f"delete_replaced_files:{model_class._meta.label}"
        )


def pdf_response(field_file, filename: str) -> FileResponse:
    response = FileResponse(
        field_file.open("rb"), content_type="application/pdf", as_attachment=True, filename=filename
    )
    response["Content-Security-Policy"] = "sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
