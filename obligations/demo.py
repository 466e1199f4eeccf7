"""Demo data of this app, loaded by `manage.py load_demo`: real extension decisions, and an
Article 7 and Article 9 obligation for every State Party."""

from pathlib import Path

from obligations.importing import load_extension_history
from obligations.models import Article, Obligation
from states.models import State

DATA = Path(__file__).resolve().parent / "data"


def load(stdout) -> None:
    for state in State.objects.exclude(entry_into_force=None):
        for article in (Article.TRANSPARENCY, Article.NATIONAL_MEASURES):
            Obligation.objects.get_or_create(state=state, article=article, hostilities_ended_on=None)
    with (DATA / "extension_decisions.csv").open(newline="", encoding="utf-8") as stream:
        for line in load_extension_history(stream):
            stdout.write(f"  {line}")
