from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and donors"

    def ready(self) -> None:
        from core.text import guard_text_fields

        guard_text_fields(self)  # no control characters in any text (issue 19)
        from accounts import backends  # noqa: F401  (connects the login failure counters)
