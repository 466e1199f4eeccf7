"""Two stored figures changed meaning: a closed need's funding gap is 0 (it seeks nothing more), and
a need whose currency has no exchange rate for its year has an unknown gap (null, not 0).

Nothing changes in the schema. Applying this migration makes `migrate` recompute every need's
stored figures with today's rules once it has finished (assistance.funding.refresh_after_migrate:
a data migration cannot run the live model's SQL against a schema that may be older)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("assistance", "0003_pledge_archive")]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]
