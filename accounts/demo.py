"""Demo accounts, one per role, loaded by `manage.py load_demo`. Demo only: the passwords are
printed on the console and known to anyone who reads this file."""

from accounts.models import Donor, DonorKind, Role, User
from states.models import State

DEMO_PASSWORD = "demo-password-1"
DEMO_DONORS = [("Norway", DonorKind.STATE, "NOR"), ("European Union", DonorKind.ORGANISATION, None)]
DEMO_USERS = [
    ("isu", Role.ISU, {}),
    ("donor", Role.DONOR, {"donor_name": "Norway"}),
    ("focal", Role.FOCAL_POINT, {"state_iso3": "LAO"}),
]


def load(stdout) -> None:
    for name, kind, iso3 in DEMO_DONORS:
        Donor.objects.get_or_create(
            name=name, defaults={"kind": kind, "state": State.objects.get(iso3=iso3) if iso3 else None}
        )
    for username, role, binding in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@example.org",
                "role": role,
                "is_staff": role == Role.ISU,
                "donor": Donor.objects.filter(name=binding.get("donor_name")).first(),
                "state": State.objects.filter(iso3=binding.get("state_iso3")).first(),
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        where = binding.get("donor_name") or binding.get("state_iso3") or ""
        stdout.write(f"  demo {role:<12} user {username!r:<8} password {DEMO_PASSWORD!r} {where}")
