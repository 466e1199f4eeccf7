import io

from rest_framework.renderers import BaseRenderer

from core import csv_safe
from core.text import without_control_characters


class CSVRenderer(BaseRenderer):
    """`?format=csv`: the list action streams its own CSV; this renders errors (400) as CSV too."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, (bytes, str)):
            return data
        out = io.StringIO()
        writer = csv_safe.writer(out)  # a message may quote the caller's input
        writer.writerow(["field", "message"])
        items = data.items() if isinstance(data, dict) else [("detail", data)]
        for name, messages in items:
            for message in messages if isinstance(messages, list) else [messages]:
                writer.writerow([name, str(message)])
        return out.getvalue()


class XMLRenderer(BaseRenderer):
    media_type = "application/xml"
    format = "xml"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes):
            return data
        text = "; ".join(f"{k}: {v}" for k, v in data.items()) if isinstance(data, dict) else str(data)
        return f'<?xml version="1.0" encoding="utf-8"?>\n<error>{_escape(text)}</error>\n'.encode()


def _escape(text: str) -> str:
    text = without_control_characters(text)  # not allowed in XML 1.0
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
