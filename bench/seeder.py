"""Writes the benchmark dataset: `seed()` behind `manage.py seed_benchmark` (bench/dataset.py says what
the dataset holds and how the command keeps real data safe)."""

from __future__ import annotations

import itertools
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from rest_framework.authtoken.models import Token

import treaty
from accounts.models import Donor, DonorKind, Role, User
from assistance import funding
from assistance.models import (
    AssistanceType,
    Disbursement,
    ExchangeRate,
    Need,
    Pledge,
    ProgressRecord,
    ProgressSource,
    ProgressUnit,
)
from bench.dataset import (
    BATCH,
    CURRENCIES,
    DATASET_END,
    DONOR_USERNAME,
    HISTORY_YEARS,
    ISU_USERNAME,
    MARKER_TABLE,
    MEETINGS_CSV,
    PER_SCALE,
    RATE_Q,
    WORDS,
    _codes,
    bench_token,
    check_target,
    wipe,
)
from obligations.models import ExtensionRequest, ExtensionStatus, Obligation
from reports import rules, stats
from reports.models import Report, ReportKind
from states.models import Instrument, State, TreatyStatus
from states.regions import REGION_CHOICES


class Seeder:
    def __init__(self, scale: int, seed: int, out):
        self.scale, self.rng, self.out = scale, random.Random(seed), out
        self.counts: dict[str, int] = {}
        self.start = DATASET_END - timedelta(days=365 * HISTORY_YEARS)

    def n(self, key: str) -> int:
        return PER_SCALE[key] * self.scale

    def day_between(self, first: date, last: date) -> date:
        if last <= first:
            return first
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def bulk(self, model, objects: list) -> list:
        created = model.objects.bulk_create(objects, batch_size=BATCH)
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(created)
        return created

    # --- reference data ---------------------------------------------------------------------

    def states(self) -> list[State]:
        regions = [code for code, _label in REGION_CHOICES]
        rows = []
        for i, code in enumerate(itertools.islice(_codes(), min(self.n("states"), 26**3))):
            party = self.rng.random() < 0.95
            deposit = self.day_between(date(2008, 12, 3), date(2012, 6, 30)) if party else None
            state = State(
                iso3=code,
                name=f"Benchland {code}",
                region=regions[i % len(regions)],
                status=TreatyStatus.PARTY if party else TreatyStatus.SIGNATORY,
                signature_date=date(2008, 12, 3),
                deposit_date=deposit,
                instrument=Instrument.RATIFICATION if party else "",
            )
            # What State.save() derives (bulk_create skips save()).
            state.entry_into_force = treaty.entry_into_force(deposit) if deposit else None
            rows.append(state)
        return self.bulk(State, rows)

    def exchange_rates(self) -> None:
        rows = []
        for currency, base in CURRENCIES.items():
            for year in range(self.start.year - 2, DATASET_END.year + 2):
                factor = Decimal(1) + Decimal(self.rng.randint(-8, 8)) / 100
                rows.append(ExchangeRate(currency=currency, year=year, usd_per_unit=(base * factor).quantize(RATE_Q)))
        self.bulk(ExchangeRate, rows)

    def obligations(self, parties: list[State]) -> list[Obligation]:
        rows = []
        for state in parties:
            articles = [7, 9]
            if self.rng.random() < 0.5:
                articles.append(3)
            if self.rng.random() < 0.5:
                articles.append(4)
            if self.rng.random() < 0.4:
                articles.append(5)
            for article in sorted(articles):
                obligation = Obligation(state=state, article=article)
                obligation.original_deadline = obligation.compute_original_deadline()
                obligation.current_deadline = obligation.original_deadline
                rows.append(obligation)
        obligations = self.bulk(Obligation, rows)
        # A third of the Article 3/4 obligations got one granted extension (two years).
        extensions = []
        for o in obligations:
            if o.article in (3, 4) and o.original_deadline and self.rng.random() < 0.33:
                granted = treaty.add_months(o.original_deadline, 24)
                decided = o.original_deadline - timedelta(days=self.rng.randint(30, 200))
                extensions.append(
                    ExtensionRequest(
                        obligation=o,
                        submitted_on=decided - timedelta(days=270),
                        previous_deadline=o.original_deadline,
                        requested_deadline=granted,
                        status=ExtensionStatus.GRANTED,
                        decided_on=decided,
                        granted_deadline=granted,
                    )
                )
                o.current_deadline = granted
        self.bulk(ExtensionRequest, extensions)
        Obligation.objects.bulk_update(
            [o for o in obligations if o.current_deadline != o.original_deadline],
            ["current_deadline"],
            batch_size=BATCH,
        )
        progress = []
        for o in obligations:
            if o.article in (3, 4) and self.rng.random() < 0.5:
                remaining = Decimal(self.rng.randint(50_000, 5_000_000))
                for year in range(DATASET_END.year - 5, DATASET_END.year):
                    done = (remaining * Decimal(self.rng.randint(5, 30)) / 100).quantize(Decimal(1))
                    remaining -= done
                    progress.append(
                        ProgressRecord(
                            obligation=o,
                            year=year,
                            remaining=remaining,
                            done_in_year=done,
                            unit=ProgressUnit.SQUARE_METRES if o.article == 4 else ProgressUnit.MUNITIONS,
                            source=ProgressSource.ISU,
                        )
                    )
        self.bulk(ProgressRecord, progress)
        return obligations

    def donors(self, parties: list[State]) -> list[Donor]:
        rows = []
        count = self.n("donors")
        state_donors = self.rng.sample(parties, min(count // 2, len(parties)))
        for i, state in enumerate(state_donors):
            rows.append(Donor(name=f"Government of {state.name} ({i})", kind=DonorKind.STATE, state=state))
        for i in range(count - len(rows)):
            rows.append(Donor(name=f"Benchmark Foundation {i:05d}", kind=DonorKind.ORGANISATION))
        return self.bulk(Donor, rows)

    def users(self, parties: list[State], donors: list[Donor]) -> None:
        password = make_password("benchmark-password", salt="benchmarksalt", hasher="pbkdf2_sha256")
        rows = [User(username=ISU_USERNAME, email="isu@bench.invalid", role=Role.ISU, password=password)]
        for state in parties:
            rows.append(
                User(
                    username=f"bench-fp-{state.iso3.lower()}",
                    email=f"fp-{state.iso3.lower()}@bench.invalid",
                    role=Role.FOCAL_POINT,
                    state=state,
                    password=password,
                    language=self.rng.choice(["", "en", "fr", "es"]),
                )
            )
        for i, donor in enumerate(donors, start=1):
            rows.append(
                User(
                    username=f"bench-donor-{i}",
                    email=f"donor-{i}@bench.invalid",
                    role=Role.DONOR,
                    donor=donor,
                    password=password,
                )
            )
        users = self.bulk(User, rows)
        by_name = {u.username: u for u in users}
        self.bulk(Token, [Token(key=bench_token(name), user=by_name[name]) for name in (ISU_USERNAME, DONOR_USERNAME)])

    # --- assistance -------------------------------------------------------------------------

    def needs(self, parties: list[State], obligations: list[Obligation]) -> list[Need]:
        by_state: dict[int, dict[int, Obligation]] = {}
        for o in obligations:
            by_state.setdefault(o.state_id, {})[o.article] = o
        # Affected states ask most: a quarter of the parties submit four fifths of the needs.
        affected = parties[: max(1, len(parties) // 4)]
        types = list(AssistanceType.values)
        currencies = ["USD"] * 6 + list(CURRENCIES)
        rows = []
        for i in range(self.n("needs")):
            state = self.rng.choice(affected if self.rng.random() < 0.8 else parties)
            article = self.rng.choice((3, 4, 4, 4, 5, 5, 9))
            obligation = by_state.get(state.id, {}).get(article)
            submitted = self.day_between(max(self.start, state.entry_into_force or self.start), DATASET_END)
            own_deadline = None
            if obligation is None or obligation.current_deadline is None:
                obligation = obligation if self.rng.random() < 0.5 else None
                if self.rng.random() < 0.6:
                    own_deadline = submitted + timedelta(days=self.rng.randint(180, 6 * 365))
            closed = None
            if submitted < DATASET_END - timedelta(days=3 * 365) and self.rng.random() < 0.15:
                closed = self.day_between(submitted, DATASET_END)
            words = self.rng.sample(WORDS, 4)
            rows.append(
                Need(
                    state=state,
                    article=article,
                    obligation=obligation,
                    title=f"{words[0].capitalize()} {words[1]} {words[2]} — request {i + 1}",
                    description=" ".join(self.rng.choices(WORDS, k=40)),
                    assistance_type=self.rng.choice(types),
                    amount_requested=Decimal(self.rng.randint(20, 4000) * 500),
                    currency=self.rng.choice(currencies),
                    submitted_on=submitted,
                    own_deadline=own_deadline,
                    is_public=self.rng.random() < 0.8,
                    closed_on=closed,
                    share_of_remaining_work=Decimal(self.rng.randint(1, 40)) if obligation else None,
                )
            )
        return self.bulk(Need, rows)

    def pledges(self, parties: list[State], needs: list[Need], donors: list[Donor]) -> None:
        donor_currency = {d.id: self.rng.choice(["USD", "USD", *CURRENCIES]) for d in donors}
        open_needs = [n for n in needs if not n.closed_on]
        rows = []
        for _i in range(self.n("pledges")):
            donor = self.rng.choice(donors)
            if self.rng.random() < 0.85:
                need = self.rng.choice(open_needs)
                state_id, article, first = need.state_id, need.article, need.submitted_on
                amount = need.amount_requested * Decimal(self.rng.randint(5, 45)) / 100
            else:
                need, state = None, self.rng.choice(parties)
                state_id, article, first = state.id, self.rng.choice((3, 4, 5, 9)), self.start
                amount = Decimal(self.rng.randint(20, 2000) * 500)
            pledged_on = self.day_between(first, min(DATASET_END, first + timedelta(days=900)))
            rows.append(
                Pledge(
                    donor=donor,
                    need=need,
                    state_id=state_id,
                    article=article,
                    amount=amount.quantize(Decimal("0.01")) or Decimal(100),
                    currency=donor_currency[donor.id],
                    pledged_on=pledged_on,
                )
            )
        committed = self.rng.sample(range(len(rows)), self.n("committed"))
        for index in committed:
            pledge = rows[index]
            pledge.committed_on = self.day_between(
                pledge.pledged_on, min(DATASET_END, pledge.pledged_on + timedelta(days=150))
            )
        pledges = self.bulk(Pledge, rows)
        # Disbursements: one to three payments against committed pledges, never more than the pledge.
        payments = []
        order = [pledges[i] for i in committed]
        self.rng.shuffle(order)
        for pledge in itertools.cycle(order):
            if len(payments) >= self.n("disbursements"):
                break
            if getattr(pledge, "_paid", 0) >= 3:
                continue
            pledge._paid = getattr(pledge, "_paid", 0) + 1
            payments.append(
                Disbursement(
                    pledge=pledge,
                    date=self.day_between(pledge.committed_on, DATASET_END),
                    amount=(pledge.amount / 4).quantize(Decimal("0.01")) or Decimal("0.01"),
                )
            )
        self.bulk(Disbursement, payments)

    # --- reports ----------------------------------------------------------------------------

    def reports(self, parties: list[State]) -> None:
        rows = []
        for state in parties:
            eif = state.entry_into_force
            if rules.owes_initial_report(eif, DATASET_END) and self.rng.random() < 0.95:
                due = treaty.initial_report_due(eif)
                received = min(DATASET_END, max(eif, due + timedelta(days=self.rng.randint(-90, 120))))
                rows.append(Report(state=state, kind=ReportKind.INITIAL, received_on=received, is_draft=False))
            for year in rules.annual_years_owed(eif, DATASET_END):
                if self.rng.random() >= 0.97:
                    continue
                due = treaty.annual_report_due(year)
                received = due + timedelta(days=self.rng.randint(-100, 150))
                if received > DATASET_END or received.year <= year:
                    continue
                rows.append(Report(state=state, kind=ReportKind.ANNUAL, year=year, received_on=received))
        self.bulk(Report, rows)

    def run(self) -> dict[str, int]:
        call_command("import_meetings", MEETINGS_CSV, stdout=self.out)
        states = self.states()
        parties = [s for s in states if s.entry_into_force]
        self.exchange_rates()
        obligations = self.obligations(parties)
        donors = self.donors(parties)
        self.users(parties, donors)
        needs = self.needs(parties, obligations)
        self.pledges(parties, needs, donors)
        self.reports(parties)
        return self.counts


def seed(scale: int, seed: int, yes_destroy: bool, out) -> None:
    """Empty the project's tables and fill them with dataset N = `scale` (see the module docstring)."""
    if scale < 1:
        raise CommandError("--scale is a positive integer.")
    check_target(yes_destroy)
    started = time.monotonic()
    with transaction.atomic():
        wipe()
        counts = Seeder(scale, seed, out).run()
        funding.store(Need.objects.all())  # bulk inserts send no signal: what the services do per write
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s, %s, now())", [scale, seed])
    with connection.cursor() as cursor:
        # The funding refresh rewrote every need: compact the table as a long-lived one would be.
        cursor.execute(f"VACUUM (FULL, ANALYZE) {Need._meta.db_table}")
        cursor.execute("VACUUM ANALYZE")
    stats.invalidate()
    for label, count in counts.items():
        out.write(f"  {label:<28} {count:>10,}")
    pledges = counts.get("assistance.Pledge", 0)
    committed = Pledge.objects.exclude(committed_on=None).count()
    stages = pledges + committed + counts.get("assistance.Disbursement", 0)
    out.write(f"  {'pledge stages':<28} {stages:>10,}")
    out.write(f"seeded scale {scale} (seed {seed}) in {time.monotonic() - started:.1f} s")
