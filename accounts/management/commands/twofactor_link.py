from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import roles, twofactor
from accounts.models import User


class Command(BaseCommand):
    help = (
        "Print a new enrolment link for an ISU account's authenticator (the first account of a new "
        "installation, or one without e-mail). Its old authenticator and recovery codes stop working."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    @transaction.atomic
    def handle(self, *args, username, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"username: no account {username!r}")
        if not roles.is_isu(user):
            raise CommandError(f"username: {username!r} is not an ISU account (only ISU accounts use a second factor)")
        hours = settings.TWO_FACTOR_ENROLMENT_MAX_AGE // 3600
        self.stdout.write(f"{settings.SITE_URL}{twofactor.new_enrolment(user)}")
        self.stdout.write(f"Valid {hours} hours; {username} opens it after logging in with the password.")
