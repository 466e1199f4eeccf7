from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from obligations.importing import CSVError, import_meetings


class Command(BaseCommand):
    help = "Create or update Meetings of States Parties and Review Conferences from a CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            with file.open(newline="", encoding="utf-8-sig") as stream:
                created, updated = import_meetings(stream)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        except CSVError as exc:
            raise CommandError(f"{file}: nothing imported.\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(f"{created} meetings created, {updated} updated")
