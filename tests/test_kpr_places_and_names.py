"""Where a KPR lies and what it is called (issue 10, B2 and B3): the district chosen from Saxony's
official list and fitting the AGS, other Länder apart from Saxony's map; names composed once."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa

from asskomm.demo import data as demo
from asskomm.funding.reminders import send_window_reminders
from asskomm.mail.models import OutboxMessage
from tenants import Tenant, TenantKind
from tenants.districts import SAXONY_DISTRICTS, resolve_district
from tenants.models import DESIGNATIONS, compose_name, name_conflict

from .helpers import tenant

NEW = {"name": "Pirna", "slug": "pirna", "kind": "city", "ags": "14628270", "district": "14628",
       "federal_state": "Sachsen", "status": "contacted"}
_WORDS = "|".join(sorted({d for ds in DESIGNATIONS.values() for d in ds}, key=len, reverse=True))
DOUBLED = re.compile(rf"\b({_WORDS})\s+({_WORDS})\b")


def _count(ctx, **where) -> int:
    with ctx() as session:
        return session.scalar(sa.select(sa.func.count()).select_from(Tenant).filter_by(**where))


# -- B2: the district from the official list ---------------------------------------------------------------------

def test_saxony_has_ten_landkreise_and_three_kreisfreie_staedte_keyed_by_ags_prefix():
    kinds = [d.kind for d in SAXONY_DISTRICTS.values()]
    assert kinds.count("Landkreis") == 10 and kinds.count("Kreisfreie Stadt") == 3
    assert SAXONY_DISTRICTS["14521"].name == "Erzgebirgskreis" and SAXONY_DISTRICTS["14612"].name == "Stadt Dresden"
    assert all(len(key) == 5 and key.startswith("14") for key in SAXONY_DISTRICTS)


def test_every_demo_kpr_lies_where_its_ags_says():
    for spec in demo.TENANTS:
        saxon = spec["federal_state"] == "Sachsen"
        key = spec["ags"][:5] if saxon else ""
        assert resolve_district(spec["ags"], spec["federal_state"], key, "" if saxon else spec["district"]) \
            == spec["district"], spec["slug"]
    rostock = next(s for s in demo.TENANTS if s["slug"] == "landkreis-rostock")
    assert rostock["federal_state"] == "Mecklenburg-Vorpommern" and rostock["ags"].startswith("13")


def test_a_typed_district_is_refused_and_becomes_no_new_district(client_as, ctx):
    admin = client_as("land")
    typed = admin.submit("/land/kpr/neu", NEW | {"district": "LK Zwickau"}, page="/land/kpr/neu")
    assert typed.status_code == 422 and "Bitte wählen Sie einen Eintrag aus der Liste." in typed.get_data(as_text=True)
    wrong = admin.submit("/land/kpr/neu", NEW | {"district": "14524"})
    assert wrong.status_code == 422
    assert "Der AGS einer Kommune in Landkreis Zwickau beginnt mit 14524." in wrong.get_data(as_text=True)
    assert _count(ctx, slug="pirna") == 0
    assert admin.submit("/land/kpr/neu", NEW).status_code == 302
    with ctx():
        assert tenant("pirna").district == "Landkreis Sächsische Schweiz-Osterzgebirge"
    with ctx() as session:
        districts = set(session.scalars(sa.select(Tenant.district)))
    assert districts <= {d.name for d in SAXONY_DISTRICTS.values()} | {"Landkreis Rostock"}
    filters = admin.get("/land/").get_data(as_text=True).split('id="landkreis"')[1].split("</select>")[0]
    assert "LK Zwickau" not in filters and filters.count("<option") == 1 + 13  # alle, Saxony's


def test_a_kpr_outside_saxony_names_its_land_and_district(client_as, ctx):
    admin = client_as("land")
    outside = NEW | {"slug": "greifswald", "name": "Greifswald", "ags": "13075039", "district": "",
                     "federal_state": "Mecklenburg-Vorpommern", "other_district": "Landkreis Vorpommern-Greifswald"}
    saxon_key = admin.submit("/land/kpr/neu", outside | {"district": "14524"}, page="/land/kpr/neu")
    assert "Landkreis Zwickau liegt in Sachsen, nicht in Mecklenburg-Vorpommern." in saxon_key.get_data(as_text=True)
    saxon_ags = admin.submit("/land/kpr/neu", outside | {"ags": "14075039"})
    assert "Der AGS einer Kommune in Mecklenburg-Vorpommern beginnt mit 13." in saxon_ags.get_data(as_text=True)
    no_district = admin.submit("/land/kpr/neu", outside | {"other_district": " "})
    assert "Bitte geben Sie den Landkreis in Mecklenburg-Vorpommern ein." in no_district.get_data(as_text=True)
    assert _count(ctx, slug="greifswald") == 0
    assert admin.submit("/land/kpr/neu", outside).status_code == 302
    with ctx():
        made = tenant("greifswald")
        assert (made.federal_state, made.district, made.name) == ("Mecklenburg-Vorpommern",
                                                                  "Landkreis Vorpommern-Greifswald", "Stadt Greifswald")


def test_the_edit_form_shows_the_stored_district_as_its_list_entry(client_as):
    admin = client_as("land")
    zwickau = admin.get("/k/zwickau/stammdaten").get_data(as_text=True)
    assert re.search(r'<option selected value="14524">', zwickau)
    rostock = client_as("land-mv").get("/k/landkreis-rostock/stammdaten").get_data(as_text=True)
    assert re.search(r'<option selected value="">', rostock) and 'value="Landkreis Rostock"' in rostock
    assert re.search(r'<option selected value="Mecklenburg-Vorpommern">', rostock)


def test_the_state_overview_draws_only_saxonys_districts(client_as):
    page = client_as("land").get("/land/").get_data(as_text=True)
    svg = page.split("<svg")[1].split("</svg>")[0]
    saxony_table = page.split('id="karte-hinweis"')[1].split("</table>")[0]
    assert svg.count("<title>") == 13 and "Rostock" not in svg and "Rostock" not in saxony_table
    assert "<title>Landkreis Zwickau: 1 KPR, davon 1 gegründet oder aktiv</title>" in svg
    assert 'id="ausserhalb"' not in page  # Landkreis Rostock is Mecklenburg-Vorpommern's alliance's
    mecklenburg = client_as("land-mv").get("/land/").get_data(as_text=True)
    elsewhere = mecklenburg.split('id="ausserhalb"')[1].split("</table>")[0]
    assert "Mecklenburg-Vorpommern" in elsewhere and "Landkreis Rostock" in elsewhere


def test_the_provisioning_command_takes_the_district_from_the_list(fresh):
    runner = fresh.test_cli_runner()
    typed = runner.invoke(args=["tenants", "create", "--slug", "pirna", "--name", "Pirna", "--ags", "14628270",
                                "--district", "LK Pirna"])
    assert typed.exit_code != 0 and "aus der Liste" in typed.output
    wrong = runner.invoke(args=["tenants", "create", "--slug", "pirna", "--name", "Pirna", "--ags", "14524270",
                                "--district", "14628"])
    assert wrong.exit_code != 0 and "beginnt mit 14628" in wrong.output


# -- B3: names composed once -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "typed", "composed"), [
    (TenantKind.city, "Zwickau", "Stadt Zwickau"),
    (TenantKind.city, "Stadt Zwickau", "Stadt Zwickau"),
    (TenantKind.city, "Stadt  Stadt Zwickau", "Stadt Zwickau"),
    (TenantKind.city, "Große Kreisstadt Zittau", "Große Kreisstadt Zittau"),
    (TenantKind.city, "Stadt Große Kreisstadt Zittau", "Große Kreisstadt Zittau"),
    (TenantKind.city, "Stadtroda", "Stadt Stadtroda"),
    (TenantKind.district, "Rostock", "Landkreis Rostock"),
    (TenantKind.district, "Landkreis Landkreis Rostock", "Landkreis Rostock"),
    (TenantKind.district, "Landkreis Erzgebirgskreis", "Erzgebirgskreis"),
    (TenantKind.district, "Vogtlandkreis", "Vogtlandkreis"),
    (TenantKind.municipality, "Gemeinde Hirschfeld", "Gemeinde Hirschfeld"),
])
def test_the_official_name_says_its_designation_once(kind, typed, composed):
    assert compose_name(kind, typed) == composed == compose_name(kind, composed)


def test_a_name_that_contradicts_its_kind_is_refused(client_as, ctx):
    assert "passt nicht zur Art „Stadt“" in name_conflict(TenantKind.city, "Landkreis Pirna")
    admin = client_as("land")
    response = admin.submit("/land/kpr/neu", NEW | {"name": "Landkreis Pirna"}, page="/land/kpr/neu")
    assert response.status_code == 422 and "passt nicht zur Art" in response.get_data(as_text=True)
    assert admin.submit("/land/kpr/neu", NEW | {"name": "Stadt Stadt Pirna"}).status_code == 302
    with ctx():
        assert tenant("pirna").name == "Stadt Pirna" and tenant("pirna").council_name == \
            "Kommunaler Präventionsrat Stadt Pirna"


def _tenant_pages(app) -> list[str]:
    """Every page of a KPR that needs nothing but its slug (GET), as rule templates."""
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if set(rule.arguments) == {"tenant_slug"} and "GET" in rule.methods})


def _text(response) -> str:
    return response.get_data(as_text=True) if response.mimetype.startswith("text/") else ""


def test_no_page_and_no_mail_names_a_kpr_with_a_doubled_designation(fresh, client_as, ctx):
    """Over every demo KPR, every page of it, the state-wide pages and every mail that names a KPR."""
    admin = client_as("land")
    pages = _tenant_pages(fresh)
    assert len(pages) > 20
    shown = []
    for spec in demo.TENANTS:
        coordinator = client_as(f"koordination.{spec['slug']}")
        for rule in pages:
            url = rule.replace("<tenant_slug>", spec["slug"])
            for client in (admin, coordinator):
                text = _text(client.get(url))
                assert not DOUBLED.search(text), f"{url}: {DOUBLED.search(text).group(0)}"
                shown.append(text)
        # a mail that names the KPR: the invitation
        admin.submit("/land/personen", {"name": "Neu", "email": f"neu.{spec['slug']}@example.org",
                                        "kpr": spec["slug"], "membership_role": "member"})
    for login, url in (("land", "/land/"), (None, "/kpr/"), ("coach1", "/coach/"), ("coach2", "/coach/"),
                       ("land", "/berichte/"), ("land", "/land/personen")):
        text = _text((client_as(login) if login else fresh.test_client()).get(url))
        assert not DOUBLED.search(text), f"{url}: {DOUBLED.search(text).group(0)}"
    joined = "\n".join(shown)
    for spec in demo.TENANTS:  # each one's official name is shown somewhere
        assert compose_name(TenantKind(spec["kind"]), spec["name"]) in joined
    with ctx() as session:
        send_window_reminders(date(2026, 9, 1))  # coordinators and contacts: mails that list KPRs
        session.flush()
        mails = session.scalars(sa.select(OutboxMessage)).all()
        assert len(mails) > len(demo.TENANTS)
        for mail in mails:
            assert not DOUBLED.search(mail.subject + "\n" + mail.body), (mail.kind, mail.subject)


def _id(ctx, slug: str) -> int:
    with ctx():
        return tenant(slug).id
