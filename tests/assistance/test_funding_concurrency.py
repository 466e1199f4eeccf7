"""Stored funding figures stay right when two transactions pledge to one need at once.

Each pledge refreshes the need's stored figures inside the writer's transaction (as an API
request does under ATOMIC_REQUESTS). The second writer must compute its figures only after the
first has committed, or it would store a total that misses the first pledge.
"""

import threading
import time
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction

from assistance.models import Need, Pledge
from tests.assistance.factories import NeedFactory


def _pledge_in_transaction(need, donor, amount, *, locked=None, release=None, errors):
    try:
        with transaction.atomic():
            Pledge.objects.create(
                need=need,
                donor=donor,
                state=need.state,
                article=4,
                amount=Decimal(amount),
                pledged_on=date(2024, 6, 15),
            )
            if locked is not None:
                locked.set()  # our refresh has run: the need's row is ours until we commit
                release.wait(timeout=10)
    except Exception as exc:  # noqa: BLE001 — reported by the test
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_pledge_committed_while_another_waits_is_counted_in_the_stored_total(lao, donor, other_donor):
    need = NeedFactory(state=lao, amount_requested=Decimal("1000"))
    locked, release, errors = threading.Event(), threading.Event(), []
    first = threading.Thread(
        target=_pledge_in_transaction,
        args=(need, donor, "300"),
        kwargs={"locked": locked, "release": release, "errors": errors},
    )
    second = threading.Thread(target=_pledge_in_transaction, args=(need, other_donor, "450"), kwargs={"errors": errors})
    first.start()
    assert locked.wait(timeout=10)
    second.start()
    time.sleep(0.5)  # let the second writer reach the need's row and wait for it
    release.set()
    first.join(timeout=20)
    second.join(timeout=20)

    assert errors == []
    stored = Need.objects.get(pk=need.pk)
    assert stored.pledged_usd == Decimal("750.00")
    assert stored.funding_gap_usd == Decimal("250.00")
