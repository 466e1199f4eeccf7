from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from states.importing import ImportError_, import_states


class Command(BaseCommand):
    help = "Create or update states from a CSV file (iso3,name,status,signature_date,deposit_date,instrument)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            with file.open(newline="", encoding="utf-8-sig") as stream:
                result = import_states(stream)
        except OSError as exc:
            raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file} is not UTF-8 text") from exc
        except ImportError_ as exc:
            raise CommandError(f"{file}: nothing imported.\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(f"{len(result.created)} created, {len(result.updated)} updated, {result.unchanged} unchanged")
