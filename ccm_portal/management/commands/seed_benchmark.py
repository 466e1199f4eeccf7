from django.core.management.base import BaseCommand

from bench import seeder


class Command(BaseCommand):
    help = "Fill an empty (or benchmark) PostgreSQL database with the deterministic benchmark dataset."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="N: 1 = 20,000 needs, 100,000 pledge stages, …")
        parser.add_argument("--seed", type=int, default=2008, help="random seed (default 2008)")
        parser.add_argument("--yes-destroy", action="store_true", help="empty every project table first")

    def handle(self, *args, scale: int, seed: int, yes_destroy: bool, **options):
        seeder.seed(scale, seed, yes_destroy, self.stdout)
