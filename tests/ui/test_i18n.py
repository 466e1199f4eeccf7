"""Three languages: the catalogues are complete and the pages show no untranslated interface text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.utils import translation

from tests.i18n.pofile import read
from tests.ui import world

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ("fr", "es")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfi]|%[sdfi%]|\{\{\s*[\w.]+\s*\}\}|\{\w*\}")


def catalogue(lang: str):
    return read(LOCALE / lang / "LC_MESSAGES" / "django.po")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    entries = catalogue(lang)
    assert entries[0].msgid == "" and f"Language: {lang}" in entries[0].msgstr
    assert "fuzzy" not in entries[0].flags
    problems = [
        e.msgid
        for e in entries[1:]
        if not e.obsolete and ("fuzzy" in e.flags or any(not t.strip() for t in e.translations))
    ]
    assert problems == [], f"{len(problems)} untranslated or fuzzy in {lang}: {problems[:10]}"
    assert len(entries) > 700


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    wrong = []
    for e in catalogue(lang)[1:]:
        if e.obsolete:
            continue
        wanted = sorted(PLACEHOLDER.findall(e.msgid))
        for text in e.translations:
            if sorted(PLACEHOLDER.findall(text)) != wanted:
                wrong.append((e.msgid, text))
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_treaty_terms_use_the_official_un_wording(lang):
    by_id = {e.msgid: e.msgstr for e in catalogue(lang)[1:]}
    expected = {
        "fr": {
            "Meeting of States Parties": "Réunion des États parties",
            "Review Conference": "Conférence d'examen",
            "State Party": "État partie",
            "Article 3 — stockpile destruction": "Article 3 — destruction des stocks",
            "Article 5 — victim assistance": "Article 5 — assistance aux victimes",
            "Convention on Cluster Munitions — CCM Portal": "Convention sur les armes à sous-munitions — Portail CCM",
            "Article 7 report": "Rapport au titre de l'article 7",
        },
        "es": {
            "Meeting of States Parties": "Reunión de los Estados Partes",
            "Review Conference": "Conferencia de Examen",
            "State Party": "Estado parte",
            "Article 3 — stockpile destruction": "Artículo 3 — destrucción de existencias",
            "Article 5 — victim assistance": "Artículo 5 — asistencia a las víctimas",
            "Convention on Cluster Munitions — CCM Portal": "Convención sobre Municiones en Racimo — Portal CMR",
            "Article 7 report": "Informe en virtud del artículo 7",
        },
    }[lang]
    assert {k: by_id[k] for k in expected} == expected


class VisibleText(HTMLParser):
    """Text nodes and the labels a screen reader reads (aria-label, title element, alt)."""

    def __init__(self):
        super().__init__()
        self.texts: set[str] = set()
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("aria-label", "alt", "placeholder") and value:
                self.texts.add(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.texts.add(" ".join(data.split()))


def visible(html: str) -> set[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.texts


def interface_strings(lang: str) -> dict[str, str]:
    """English interface strings (no placeholder, so they can appear verbatim) that the language
    translates differently; CSV headings are not on pages."""
    return {
        e.msgid: e.msgstr
        for e in catalogue(lang)[1:]
        if e.msgctxt is None
        and e.msgid_plural is None
        and not PLACEHOLDER.search(e.msgid)
        and e.msgstr.strip() != e.msgid.strip()
        and len(e.msgid) > 2
    }


PAGES = {
    None: [
        "/",
        "/states/",
        "/states/LAO/",
        "/obligations/",
        "/assistance/",
        "/reports/",
        "/reports/dashboard/",
        "/reports/status/",
        "/assistance/outlook/",
        "/assistance/capacities/",
        "/assistance/experience/",
        "/accounts/login/",
    ],
    "isu": ["/", "/reports/reminders/", "/reports/new/", "/obligations/new/", "/assistance/pledges/", "/states/BIH/"],
    "focal_point": ["/", "/assistance/needs/new/", "/states/LAO/"],
    "donor_user": ["/", "/assistance/pledges/"],
}


@pytest.fixture
def ui_world(lao, other_state, donor):
    with time_machine.travel(world.TODAY, tick=False):
        yield world.build(lao, other_state, donor)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_show_no_untranslated_interface_string(client, ui_world, isu, focal_point, donor_user, lang):
    strings = interface_strings(lang)
    users = {"isu": isu, "focal_point": focal_point, "donor_user": donor_user}
    pages = dict(PAGES)
    pages[None] = [*PAGES[None], f"/assistance/needs/{ui_world['close'].pk}/", f"/obligations/{ui_world['art4'].pk}/"]
    pages["donor_user"] = [*PAGES["donor_user"], f"/assistance/needs/{ui_world['close'].pk}/pledge/"]
    leftovers = {}
    with time_machine.travel(world.TODAY, tick=False):
        for role, paths in pages.items():
            client.logout()
            if role:
                client.force_login(users[role])
            for path in paths:
                english = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
                assert english.status_code == 200, (role, path)
                response = client.get(path, HTTP_ACCEPT_LANGUAGE=lang)
                assert response.status_code == 200, (role, path, lang)
                assert f'<html lang="{lang}">' in response.content.decode()
                english_texts = visible(english.content.decode())
                texts = visible(response.content.decode())
                # An English interface string seen in the English page must not be seen again here.
                left = sorted(t for t in texts & english_texts if t in strings)
                if left:
                    leftovers[(role, path)] = left
    assert leftovers == {}


def test_english_rendering_has_strings_to_compare(client, ui_world):
    """Guards the test above: the English home page does show catalogue strings."""
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert len(visible(html) & set(interface_strings("fr"))) > 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csv_headings_follow_the_language(client, ui_world, lang):
    english = client.get("/api/v1/needs/?format=csv", HTTP_ACCEPT_LANGUAGE="en").getvalue().decode()
    assert english.splitlines()[0].startswith("id,state,state_name,article")
    header = client.get("/api/v1/needs/?format=csv", HTTP_ACCEPT_LANGUAGE=lang).getvalue().decode().splitlines()[0]
    with translation.override(lang):
        assert header.split(",")[2] == translation.pgettext("CSV heading", "state_name")
    assert header.split(",")[2] in ("Nom de l'État", "Nombre del Estado")
    dashboard = client.get("/reports/dashboard/reports-by-year.csv?year=2024", HTTP_ACCEPT_LANGUAGE=lang)
    assert (
        dashboard.content.decode().splitlines()[0]
        == {"fr": "Année,Attendus,Reçus,Reçus (%)", "es": "Año,Esperados,Recibidos,Recibidos (%)"}[lang]
    )
