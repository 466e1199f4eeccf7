from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = "Assistance: needs, pledges, capacities"

    def ready(self) -> None:
        from assistance import funding

        funding.connect()
        post_migrate.connect(
            funding.refresh_after_migrate, sender=self, dispatch_uid="assistance.refresh_after_migrate"
        )
        from assistance.panels import assistance_panel
        from states.profile import register_panel

        register_panel(20, "assistance/_state_panel.html", assistance_panel)
