"""IATI activity XML (standard 2.03) of one donor's pledges, commitments and disbursements.

Made to be published (the IATI Registry is public): a pledge to a donors-only need is described
by its recipient and article only, never by the need's title or description.
One activity per pledge; its money appears as transactions of the three stages of one flow —
12 outgoing pledge, 2 outgoing commitment, 3 disbursement — which IATI readers never add up.
Sector: OECD DAC 15250 "Removal of land mines and explosive remnants of war".
Built with the standard library; the tests validate the result against the IATI XSD.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime

from django.utils import timezone

from assistance.codes import ISO2_BY_ISO3
from core.text import without_control_characters

IATI_VERSION = "2.03"
SECTOR_DEMINING = "15250"
TRANSACTION_PLEDGE, TRANSACTION_COMMITMENT, TRANSACTION_DISBURSEMENT = "12", "2", "3"
ORG_PREFIX = "XM-CCM-PORTAL"  # no registered IATI organisation identifiers for donors yet
ORG_TYPE = {"state": "10", "organisation": "40"}  # 10 government, 40 multilateral (closest codes)


def org_ref(donor) -> str:
    return f"{ORG_PREFIX}-DONOR-{donor.pk}"


def _narrative(parent: ET.Element, text: str) -> None:
    # Rows saved before control characters were refused may hold some: XML 1.0 allows none.
    ET.SubElement(parent, "narrative").text = without_control_characters(text)


def _activity(pledge, donor, generated: str) -> ET.Element:
    activity = ET.Element(
        "iati-activity",
        {
            "last-updated-datetime": generated,
            "default-currency": pledge.currency,
            "{http://www.w3.org/XML/1998/namespace}lang": "en",
        },
    )
    ET.SubElement(activity, "iati-identifier").text = f"{org_ref(donor)}-PLEDGE-{pledge.pk}"
    reporting = ET.SubElement(
        activity, "reporting-org", {"ref": org_ref(donor), "type": ORG_TYPE.get(donor.kind, "90")}
    )
    _narrative(reporting, donor.name)
    # An IATI file is made to be published: a donors-only need's title and description stay out.
    need = pledge.need if pledge.need is not None and pledge.need.is_public else None
    title = need.title if need else f"Assistance to {pledge.state.name} under Article {pledge.article}"
    _narrative(ET.SubElement(activity, "title"), title)
    _narrative(
        ET.SubElement(activity, "description", {"type": "1"}),
        (need.description if need and need.description else title)
        + f" (Convention on Cluster Munitions, Article {pledge.article}).",
    )
    funding = ET.SubElement(activity, "participating-org", {"ref": org_ref(donor), "role": "1"})
    _narrative(funding, donor.name)
    recipient = ET.SubElement(activity, "participating-org", {"role": "4", "type": "10"})
    _narrative(recipient, pledge.state.name)
    ET.SubElement(activity, "activity-status", {"code": "2"})  # 2 = implementation
    ET.SubElement(activity, "activity-date", {"type": "1", "iso-date": pledge.pledged_on.isoformat()})
    iso2 = ISO2_BY_ISO3.get(pledge.state.iso3)
    if iso2:
        ET.SubElement(activity, "recipient-country", {"code": iso2, "percentage": "100"})
    ET.SubElement(activity, "sector", {"vocabulary": "1", "code": SECTOR_DEMINING, "percentage": "100"})
    for planned in pledge.planned_disbursements.all():
        element = ET.SubElement(activity, "planned-disbursement", {"type": "1"})
        ET.SubElement(element, "period-start", {"iso-date": f"{planned.year}-01-01"})
        ET.SubElement(element, "period-end", {"iso-date": f"{planned.year}-12-31"})
        value = ET.SubElement(element, "value", {"currency": pledge.currency, "value-date": f"{planned.year}-01-01"})
        value.text = str(planned.amount)
    stages = [(TRANSACTION_PLEDGE, pledge.pledged_on, pledge.amount)]
    if pledge.committed_on:
        stages.append((TRANSACTION_COMMITMENT, pledge.committed_on, pledge.amount))
    stages += [(TRANSACTION_DISBURSEMENT, d.date, d.amount) for d in pledge.disbursements.all()]
    for code, day, amount in stages:
        transaction = ET.SubElement(activity, "transaction")
        ET.SubElement(transaction, "transaction-type", {"code": code})
        ET.SubElement(transaction, "transaction-date", {"iso-date": day.isoformat()})
        value = ET.SubElement(transaction, "value", {"currency": pledge.currency, "value-date": day.isoformat()})
        value.text = str(amount)
        provider = ET.SubElement(transaction, "provider-org", {"ref": org_ref(donor)})
        _narrative(provider, donor.name)
        receiver = ET.SubElement(transaction, "receiver-org", {"type": "10"})
        _narrative(receiver, pledge.state.name)
    return activity


def activities_xml(donor, pledges, now: datetime | None = None) -> bytes:
    """The IATI file of `pledges` (already filtered to what the reader may see; at least one)."""
    generated = (now or timezone.now()).replace(microsecond=0).isoformat()
    root = ET.Element("iati-activities", {"version": IATI_VERSION, "generated-datetime": generated})
    for pledge in pledges:
        root.append(_activity(pledge, donor, generated))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
