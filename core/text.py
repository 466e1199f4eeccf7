"""Text without control characters (issue 19, finding 5; issue 17, point 1).

A vertical tab or an escape in a need's title made every donor's IATI file invalid XML (XML 1.0
allows no C0 control but tab, line feed and carriage return) and could hide text in a terminal
or a spreadsheet. One validator refuses them on input: `guard_text_fields` attaches it to every
text field of our models (so model forms, model serializers and imports, which all validate
through the model fields, refuse them with the field's name), and forms or serializers with
text fields of their own add `validate_no_control_characters` explicitly. Writers of XML strip
what older rows may still hold (`without_control_characters`).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

# C0 controls except tab (09), line feed (0A) and carriage return (0D); and DEL (7F).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def validate_no_control_characters(value) -> None:
    if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Remove the control characters (invisible characters such as U+000B) from this text."),
            code="control_characters",
        )


def without_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


def guard_text_fields(app_config) -> None:
    """Attach the validator to every CharField and TextField of the app's models.

    Added to the field's `validators` list (as Django's CharField adds its MaxLengthValidator),
    not to the constructor's arguments, so migrations do not change."""
    for model in app_config.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            if isinstance(field, (models.CharField, models.TextField)) and (
                validate_no_control_characters not in field.validators
            ):
                field.validators.append(validate_no_control_characters)
