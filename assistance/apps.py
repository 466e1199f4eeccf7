from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AssistanceConfig(AppConfig):
    name = "assistance"
    verbose_name = "Assistance: needs, pledges, capacities"

    def ready(self) -> None:
        from core.text import guard_text_fields

        guard_text_fields(self)  # no control characters in any text (issue 19)
        from assistance import funding
        from assistance.models import Need
        from core.uploads import connect_file_cleanup

        connect_file_cleanup(Need)  # a replaced document leaves the disk (issue 19)

        funding.connect()
        post_migrate.connect(
            funding.refresh_after_migrate, sender=self, dispatch_uid="assistance.refresh_after_migrate"
        )
        from assistance.panels import assistance_panel
        from states.profile import register_panel

        register_panel(20, "assistance/_state_panel.html", assistance_panel)
