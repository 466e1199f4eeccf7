"""The portal's one check for uploaded documents (needs' documents, Article 7 reports)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


def validate_pdf(upload) -> None:
    """A PDF of at most 10 MB, judged by its content (a renamed .exe is refused). Every upload of
    the portal (needs' documents, Article 7 reports) goes through this one check."""
    if upload.size > MAX_DOCUMENT_BYTES:
        raise ValidationError(_("The document is larger than 10 MB."), code="too_large")
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if not head.startswith(b"%PDF"):
        raise ValidationError(_("The document must be a PDF file."), code="not_pdf")
