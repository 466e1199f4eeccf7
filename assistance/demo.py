"""Demo data of this app, loaded by `manage.py load_demo` (after accounts and obligations):
exchange rates, needs of a few affected states, pledges of the demo donors Norway and the
European Union, capacities and one lesson. Idempotent. All figures are illustrative demo values,
not official data."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from accounts.models import Donor
from assistance.models import Capacity, Disbursement, ExchangeRate, Experience, Need, Pledge
from assistance.progress import record_progress
from assistance.services import record_disbursement
from obligations.models import Obligation
from states.models import State

# Approximate yearly averages, USD per unit (demo values; the ISU enters the official ones).
RATES = {
    "EUR": {2020: "1.14", 2021: "1.18", 2022: "1.05", 2023: "1.08", 2024: "1.08", 2025: "1.13"},
    "GBP": {2020: "1.28", 2021: "1.38", 2022: "1.24", 2023: "1.24", 2024: "1.28", 2025: "1.32"},
    "NOK": {2020: "0.106", 2021: "0.116", 2022: "0.104", 2023: "0.095", 2024: "0.093", 2025: "0.097"},
    "CHF": {2020: "1.07", 2021: "1.09", 2022: "1.05", 2023: "1.11", 2024: "1.14", 2025: "1.20"},
    "JPY": {2020: "0.0094", 2021: "0.0091", 2022: "0.0076", 2023: "0.0071", 2024: "0.0066", 2025: "0.0067"},
}

NEEDS = [
    # iso3, article, title, type, amount, currency, public, submitted_on
    ("LAO", 4, "Clearance of cluster munition remnants in Xieng Khouang", "financial", "4500000", "USD", True),
    ("LAO", 4, "Non-technical survey teams for Savannakhet", "survey", "1200000", "EUR", True),
    ("LAO", 5, "Rehabilitation services for survivors in rural districts", "training", "600000", "USD", True),
    ("BIH", 4, "Technical survey of the remaining suspected areas", "technical", "800000", "EUR", False),
    ("LBN", 4, "Clearance equipment for South Lebanon", "equipment", "2000000", "USD", True),
    ("CHL", 4, "Clearance of former military training areas", "technical", "300000", "USD", True),
    # In kip, for which the demo has no rate: shows "USD equivalent pending a rate" and the ISU's panel.
    ("LAO", 4, "Non-technical survey of Sepon district", "survey", "2500000000", "LAK", True),
]

PLEDGES = [
    # donor, need title, amount, currency, pledged_on, committed_on, disbursed
    ("Norway", NEEDS[0][2], "20000000", "NOK", date(2025, 3, 3), date(2025, 4, 1), "8000000"),
    ("European Union", NEEDS[1][2], "500000", "EUR", date(2025, 2, 10), None, None),
    ("European Union", NEEDS[3][2], "300000", "EUR", date(2025, 5, 20), date(2025, 6, 30), None),
    ("Norway", NEEDS[4][2], "5000000", "NOK", date(2025, 1, 15), None, None),
]


def _rates(stdout) -> None:
    this_year = timezone.localdate().year
    for currency, by_year in RATES.items():
        last = None
        for year in range(2020, this_year + 1):
            last = by_year.get(year, last)
            ExchangeRate.objects.get_or_create(
                currency=currency,
                year=year,
                defaults={"usd_per_unit": Decimal(last), "source": "demo value (approximate yearly average)"},
            )
    stdout.write(f"  exchange rates: {ExchangeRate.objects.count()}")


def load(stdout) -> None:
    _rates(stdout)
    states = {s.iso3: s for s in State.objects.filter(iso3__in={n[0] for n in NEEDS})}
    today = timezone.localdate()
    for iso3, article, title, kind, amount, currency, public in NEEDS:
        state = states.get(iso3)
        if state is None:
            stdout.write(f"  skipped need for {iso3}: run import_states first")
            continue
        obligation = Obligation.objects.filter(state=state, article=article, status="active").first()
        deadline = obligation.current_deadline if obligation else None
        Need.objects.get_or_create(
            state=state,
            title=title,
            defaults={
                "article": article,
                "obligation": obligation,
                "assistance_type": kind,
                "amount_requested": Decimal(amount),
                "currency": currency,
                "is_public": public,
                "submitted_on": date(2025, 1, 10),
                "own_deadline": None if deadline else date(today.year + 2, 12, 31),
                "description": "Demo request: illustrative figures.",
            },
        )
    donors = {d.name: d for d in Donor.objects.all()}
    for donor_name, need_title, amount, currency, pledged_on, committed_on, paid in PLEDGES:
        need = Need.objects.filter(title=need_title).first()
        donor = donors.get(donor_name)
        if need is None or donor is None:
            continue
        pledge, created = Pledge.objects.get_or_create(
            donor=donor,
            need=need,
            defaults={
                "state": need.state,
                "article": need.article,
                "amount": Decimal(amount),
                "currency": currency,
                "pledged_on": pledged_on,
                "committed_on": committed_on,
            },
        )
        if paid and not Disbursement.objects.filter(pledge=pledge).exists():
            record_disbursement(pledge.pk, min(date(2025, 9, 1), today), Decimal(paid))
    for donor_name, title, types, articles, regions in [
        ("Norway", "Survey and clearance teams in South-East Asia", ["survey", "technical"], [4], ["asia"]),
        ("European Union", "Equipment and training for clearance operators", ["equipment", "training"], [3, 4], []),
    ]:
        if donor_name in donors:
            Capacity.objects.get_or_create(
                donor=donors[donor_name],
                title=title,
                defaults={"assistance_types": types, "articles": articles, "regions": regions},
            )
    if "CHL" in states:
        Experience.objects.get_or_create(
            state=states["CHL"],
            title="Planning clearance of former training areas (demo)",
            defaults={
                "article": 4,
                "topic": "clearance",
                "body": "Demo text: survey first to release land that is not contaminated, then clear what remains.",
            },
        )
    lao_clearance = Obligation.objects.filter(state__iso3="LAO", article=4).first()
    if lao_clearance is not None:
        for year, remaining, done in [
            (2022, "38000000", "5200000"),
            (2023, "33000000", "5000000"),
            (2024, "28500000", "4500000"),
        ]:
            record_progress(lao_clearance, year, Decimal(remaining), Decimal(done), source="isu", notes="demo figures")
    stdout.write(f"  needs: {Need.objects.count()}, pledges: {Pledge.objects.count()}")
