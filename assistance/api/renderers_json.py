"""orjson for the busiest endpoints: the same compact UTF-8 JSON as DRF's JSONRenderer, faster."""

from __future__ import annotations

from decimal import Decimal

import orjson
from django.utils.functional import Promise
from rest_framework.renderers import JSONRenderer


def _default(value):
    if isinstance(value, Decimal):
        return format(value, "f")  # DRF's encoder gives floats here; our fields coerce to strings first
    if isinstance(value, Promise):
        return str(value)
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class ORJSONRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        return orjson.dumps(data, default=_default, option=orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS)
