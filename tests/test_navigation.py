"""The header and KPR menus in groups (native <details>): the group holding the current page is
open with that link marked current, the others are closed, a group of one link is just the link,
and every link a person had before is still in the menu."""

from __future__ import annotations

import lxml.html
import pytest

from asskomm.navigation import NAV_GROUPS, tenant_nav_item


def menu(client, url: str, label: str):
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml.html.fromstring(response.get_data(as_text=True)).xpath(f'//nav[@aria-label="{label}"]')[0]


def groups(nav) -> dict[str, tuple[bool, list[str]]]:
    """Group name -> (open, link texts)."""
    return {details.findtext("summary"): (details.get("open") is not None, [a.text for a in details.iter("a")])
            for details in nav.iter("details")}


def test_the_kpr_menu_opens_the_group_of_the_current_page(client_as):
    nav = menu(client_as("koordination.zwickau"), "/k/zwickau/sitzungen",
               "Bereich Kommunaler Präventionsrat Stadt Zwickau")
    shown = groups(nav)
    assert shown["Gremien & Sitzungen"] == (True, ["Struktur", "Sitzungen", "Aufgaben", "Mitglieder"])
    assert not any(is_open for name, (is_open, _) in shown.items() if name != "Gremien & Sitzungen")
    assert "Dokumente" in shown["Dokumente & Öffentlichkeit"][1]
    assert [a.text for a in nav.xpath('.//a[@aria-current="page"]')] == ["Sitzungen"]
    # "Start" belongs to no group: a plain link before the groups
    assert nav.xpath('./div/ul/li[1]/a')[0].text == "Start"


def test_the_header_menu_of_the_state_council_is_grouped_and_keeps_every_link(client_as):
    nav = menu(client_as("land"), "/land/", "Hauptnavigation")
    shown = groups(nav)
    assert list(shown) == ["Netzwerk", "Auswertungen", "Fortbildungen & Treffen", "Verwaltung"]
    assert shown["Netzwerk"][0] and not shown["Verwaltung"][0]
    links = {a.text for a in nav.iter("a")}
    assert {"Übersicht", "Coaches", "Personen", "Postausgang", "Änderungsprotokoll", "Berichte",
            "Kriminalstatistik des Landes", "Präventionsberichte", "Befragungen im Vergleich", "Praxisaustausch",
            "Veranstaltungen", "Alle KPR", "Veranstaltungen verwalten"} <= links
    assert [a.text for a in nav.xpath('.//a[@aria-current="page"]')] == ["Übersicht"]


def test_a_group_of_one_link_is_shown_as_the_link(client_as):
    nav = menu(client_as("koordination.zwickau"), "/k/zwickau/sitzungen", "Hauptnavigation")
    shown = groups(nav)
    assert "Fortbildungen & Treffen" not in shown  # only "Veranstaltungen": no disclosure around it
    assert nav.xpath('.//li/a[text()="Veranstaltungen"]') and not nav.xpath('.//details//a[text()="Veranstaltungen"]')


def test_an_unknown_group_is_refused():
    with pytest.raises(ValueError, match="unknown navigation group"):
        tenant_nav_item("Irgendwas", "nowhere.index", "tenant.view", 99, group="nirgends")
    assert "nirgends" not in NAV_GROUPS
