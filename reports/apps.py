from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Article 7 reports, statistics and reminders"

    def ready(self) -> None:
        from core.text import guard_text_fields

        guard_text_fields(self)  # no control characters in any text (issue 19)
        from core.uploads import connect_file_cleanup
        from reports import signals
        from reports.models import Report

        connect_file_cleanup(Report)  # a replaced document leaves the disk (issue 19)
        from reports.panels import reports_panel
        from states.profile import register_panel

        signals.connect()
        register_panel(30, "reports/_state_panel.html", reports_panel)
