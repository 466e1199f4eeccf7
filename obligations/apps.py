from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "obligations"
    verbose_name = "Obligations and deadlines"

    def ready(self) -> None:
        from core.text import guard_text_fields

        guard_text_fields(self)  # no control characters in any text (issue 19)
        from obligations import signals  # noqa: F401  (recompute deadlines when a state changes)
        from obligations.panels import obligations_panel
        from states.profile import register_panel

        register_panel(10, "obligations/_state_panel.html", obligations_panel)
