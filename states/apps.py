from django.apps import AppConfig


class StatesConfig(AppConfig):
    name = "states"
    verbose_name = "States"

    def ready(self) -> None:
        from core.text import guard_text_fields

        guard_text_fields(self)  # no control characters in any text (issue 19)
