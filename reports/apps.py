from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Article 7 reports, statistics and reminders"

    def ready(self) -> None:
        from reports import signals
        from reports.panels import reports_panel
        from states.profile import register_panel

        signals.connect()
        register_panel(30, "reports/_state_panel.html", reports_panel)
