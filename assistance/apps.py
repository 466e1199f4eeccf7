from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = "Assistance: needs, pledges, capacities"

    def ready(self) -> None:
        from assistance import funding

        funding.connect()
        from assistance.panels import assistance_panel
        from states.profile import register_panel

        register_panel(20, "assistance/_state_panel.html", assistance_panel)
