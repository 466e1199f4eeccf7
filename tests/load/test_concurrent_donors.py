"""Load with writes: donors pledge, pay and read at once over HTTP on the loopback; afterwards
every total is exactly right.

Bounded: LOAD_SECONDS (default 15) of traffic from LOAD_DONORS (default 6) client threads against
the live server on 127.0.0.1, each thread with its own connection to the server, each request
served by a server thread with its own database connection."""

import json
import os
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from rest_framework.authtoken.models import Token

from accounts.models import Role
from assistance.models import Disbursement, Need, Pledge
from tests.assistance.factories import NeedFactory
from tests.factories import DonorFactory, UserFactory

SECONDS = float(os.environ.get("LOAD_SECONDS", "15"))
DONORS = int(os.environ.get("LOAD_DONORS", "6"))
PLEDGE, PAYMENT = Decimal("100.00"), Decimal("40.00")


class DonorClient:
    def __init__(self, base: str, token: str):
        self.base, self.token = base, token

    def call(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Token {self.token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            return exc.code, {"error": exc.read()[:500].decode(errors="replace")}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_donors_pledge_pay_and_read_at_once(live_server, lao):
    base = live_server.url.replace("localhost", "127.0.0.1")
    assert base.startswith("http://127.0.0.1:")  # loopback only
    needs = [NeedFactory(state=lao, article=4, amount_requested=Decimal("100000000.00")) for _ in range(3)]
    clients = []
    for n in range(DONORS):
        donor = DonorFactory(name=f"Load donor {n}", kind="organisation")
        user = UserFactory(username=f"load{n}", role=Role.DONOR, donor=donor)
        clients.append((donor, DonorClient(base, Token.objects.create(user=user).key)))

    today = date.today().isoformat()
    stop_at = time.monotonic() + SECONDS
    errors: list[str] = []
    made: dict[int, Counter] = {donor.pk: Counter() for donor, _ in clients}

    def work(donor, client: DonorClient, offset: int) -> None:
        step = 0
        while time.monotonic() < stop_at and not errors:
            need = needs[(offset + step) % len(needs)]
            status, pledge = client.call(
                "POST", "/api/v1/pledges/", {"need": need.pk, "amount": str(PLEDGE), "currency": "USD"}
            )
            if status != 201:
                errors.append(f"pledge {status} {pledge}")
                return
            made[donor.pk]["pledges"] += 1
            made[donor.pk][f"need{need.pk}"] += 1
            status, body = client.call(
                "POST", f"/api/v1/pledges/{pledge['id']}/disbursements/", {"date": today, "amount": str(PAYMENT)}
            )
            if status != 201:
                errors.append(f"disbursement {status} {body}")
                return
            made[donor.pk]["payments"] += 1
            for path in ("/api/v1/needs/?page_size=20", f"/api/v1/needs/{need.pk}/", "/api/v1/pledges/?page_size=10"):
                status, body = client.call("GET", path)
                if status != 200:
                    errors.append(f"GET {path} {status} {body}")
                    return
                made[donor.pk]["reads"] += 1
            step += 1

    threads = [threading.Thread(target=work, args=(d, c, i)) for i, (d, c) in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(SECONDS + 120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []

    total_pledges = sum(c["pledges"] for c in made.values())
    assert total_pledges >= DONORS  # every donor got through at least once
    for donor, _ in clients:
        assert Pledge.objects.filter(donor=donor).count() == made[donor.pk]["pledges"]
        assert Disbursement.objects.filter(pledge__donor=donor).count() == made[donor.pk]["payments"]
        paid = sum(d.amount for d in Disbursement.objects.filter(pledge__donor=donor))
        assert paid == PAYMENT * made[donor.pk]["payments"]
    # What the API says about each need is exactly what was pledged to it.
    _, reader = clients[0]
    for need in needs:
        expected = PLEDGE * sum(c[f"need{need.pk}"] for c in made.values())
        assert sum(p.amount for p in Pledge.objects.filter(need=need)) == expected
        status, body = reader.call("GET", f"/api/v1/needs/{need.pk}/")
        assert status == 200 and Decimal(body["pledged_usd"]) == expected
    assert Need.objects.count() == 3
    print(f"load: {total_pledges} pledges, {sum(c['reads'] for c in made.values())} reads in {SECONDS:.0f}s")
