import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Donor, Role, User
from states.models import State


class Command(BaseCommand):
    help = (
        "Create a user with a role: adduser NAME --email E --role isu|donor|focal_point [--state ISO3] [--donor NAME]"
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--state", help="ISO3 of the state a focal point answers for")
        parser.add_argument("--donor", help="name of the donor a donor user acts for")
        parser.add_argument("--password", help="without it: asked on a terminal, else a set-password link is printed")

    @transaction.atomic
    def handle(self, *args, username, email, role, state, donor, password, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"--username: {username!r} already exists")
        user = User(username=username, email=email, role=role)
        if role == Role.FOCAL_POINT:
            if not state:
                raise CommandError("--state: a focal point needs the ISO3 code of its state")
            user.state = State.objects.filter(iso3=state.upper()).first()
            if user.state is None:
                raise CommandError(f"--state: no state with code {state!r}")
        elif state:
            raise CommandError("--state: only a focal point is bound to a state")
        if role == Role.DONOR:
            if not donor:
                raise CommandError("--donor: a donor user needs the name of its donor")
            user.donor = Donor.objects.filter(name=donor).first()
            if user.donor is None:
                raise CommandError(f"--donor: no donor named {donor!r} (the ISU creates donors first)")
        elif donor:
            raise CommandError("--donor: only a donor user is bound to a donor")
        if role == Role.ISU:
            user.is_staff = True  # the ISU may also use the Django admin
        if password is None and self._interactive():
            password = getpass.getpass("Password: ")
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as exc:
            raise CommandError("; ".join(f"--{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
        if password:
            try:
                validate_password(password, user)  # the same rules as every password form (settings)
            except ValidationError as exc:
                raise CommandError("--password: " + " ".join(exc.messages)) from exc
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        self.stdout.write(f"created {role} user {username}")
        if not password:
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            token = default_token_generator.make_token(user)
            link = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
            self.stdout.write(f"set-password link (append to the site address): {link}")

    def _interactive(self) -> bool:
        return sys.stdin is not None and sys.stdin.isatty()
