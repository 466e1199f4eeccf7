from datetime import date

from django.core.management.base import BaseCommand, CommandError

from reports.reminders_mail import run_reminders


class Command(BaseCommand):
    help = "Send the reminders due today (the Celery beat job, by hand). Running it twice sends nothing new."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="List what is due; send and record nothing.")

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = date.fromisoformat(today) if today else None
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from exc
        result = run_reminders(day, dry_run=dry_run)
        for item in result.planned:
            due = item.due
            self.stdout.write(f"  {due.kind:<18} {due.subject_key:<32} {due.stage:<18} {item.recipient}")
        self.stdout.write(("dry run: " if dry_run else "") + result.summary())
