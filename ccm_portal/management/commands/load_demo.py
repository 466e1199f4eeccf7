from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from assistance import demo as assistance_demo
from obligations import demo as obligations_demo

# Lowest layer first: each app's demo data stands on the one before (states and meetings come from
# their importers, run before this command by `make demo-data`).
DEMO_MODULES = [("accounts", accounts_demo), ("obligations", obligations_demo), ("assistance", assistance_demo)]


class Command(BaseCommand):
    help = "Load demo data: each app's demo.load(), lowest layer first. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        for label, module in DEMO_MODULES:
            self.stdout.write(f"demo data: {label}")
            module.load(self.stdout)
