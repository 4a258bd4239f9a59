"""The KPR picker (asskomm/kpr_picker.py): typed text resolves to one KPR, to a list to choose from, or
to a message; a coach finds only their assigned KPRs; the suggestions need a sign-in; and the pages
that use it (reports, people, the event form) cost the same queries with 3 KPRs or people as with 60."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from asskomm import kpr_picker
from asskomm.accounts.models import GlobalRole, Membership, User, UserRole
from asskomm.events.models import Event, KprInvitation
from asskomm.timeutil import BERLIN, now
from tenants import Tenant, TenantKind, TenantStatus, cross_tenant

from .helpers import tenant, user

DAY = (now() + timedelta(days=40)).astimezone(BERLIN).date()
CLOSES = (now() + timedelta(days=30)).astimezone(BERLIN).strftime("%Y-%m-%dT%H:%M")


def _add_kprs(session, count: int, start: int = 0) -> None:
    session.execute(sa.insert(Tenant), [
        {"slug": f"picker-{n}", "name": f"Pickergemeinde {n:03d}", "kind": TenantKind.municipality,
         "ags": f"{14900000 + n:08d}", "district": "Landkreis Picker", "status": TenantStatus.active}
        for n in range(start, start + count)])


def _add_people(session, count: int, start: int = 0) -> None:
    session.execute(sa.insert(User), [{"email": f"person{n:03d}@picker.example", "name": f"Person {n:03d}"}
                                      for n in range(start, start + count)])
    ids = session.scalars(sa.select(User.id).where(User.email.like("%@picker.example"))).all()
    known = set(session.scalars(sa.select(UserRole.user_id).where(UserRole.user_id.in_(ids))))
    session.execute(sa.insert(UserRole), [{"user_id": i, "role": GlobalRole.coach} for i in ids if i not in known])


def test_text_resolves_to_one_kpr_a_choice_or_a_message(ctx):
    with ctx() as session:
        _add_kprs(session, 25)
        session.flush()
        assert kpr_picker.resolve("zwickau").kpr.slug == "zwickau"  # the exact slug
        assert kpr_picker.resolve("  stadt   ZWICKAU ").kpr.slug == "zwickau"  # the exact name, any case
        assert kpr_picker.resolve("Zitt").kpr.slug == "zittau"  # the only name containing it
        several = kpr_picker.resolve("Stadt")
        assert several.kpr is None and not several.ok and "Mehrere KPR passen zu „Stadt“" in several.message
        assert {"zwickau", "meissen", "plauen"} <= {k.slug for k in several.matches}
        many = kpr_picker.resolve("Pickergemeinde")
        assert len(many.matches) == kpr_picker.MAX_CHOICES and "die ersten 20" in many.message
        assert kpr_picker.resolve("Pickergemeinde 007").kpr.slug == "picker-7"
        for nothing in ("Atlantis", "%", "_", "Stadt%Zwickau"):
            missing = kpr_picker.resolve(nothing)
            assert missing.kpr is None and missing.matches == [] and "Kein KPR passt" in missing.message
        assert kpr_picker.resolve("   ").empty and kpr_picker.resolve("").ok
        coach = kpr_picker.assigned_to(user("coach1"))
        assert kpr_picker.resolve("zwickau", coach).kpr.slug == "zwickau"
        for foreign in ("meissen", "Stadt Meißen", "Pickergemeinde 001"):
            assert kpr_picker.resolve(foreign, coach).kpr is None  # not found, as if it did not exist
        mine = [k.slug for k in kpr_picker.resolve("Stadt", coach).matches]
        assert mine == ["zittau", "bautzen", "zwickau"]  # coach1's, by name
        # a chosen match (radio `<field>_wahl`) wins over the text, if it is a KPR this person may pick
        assert kpr_picker.from_form({"kpr": "Stadt", "kpr_wahl": "plauen"}, "kpr").kpr.slug == "plauen"
        assert kpr_picker.from_form({"kpr": "", "kpr_wahl": "meissen"}, "kpr", coach).empty


def test_reports_resolve_the_typed_kpr_without_scripts(client_as, ctx):
    admin = client_as("land")
    one = admin.get("/berichte/?kpr_suche=Zitt")
    assert one.status_code == 200 and "Berichte: KPR Große Kreisstadt Zittau" in one.get_data(as_text=True)
    several = admin.get("/berichte/?kpr_suche=Stadt")
    page = several.get_data(as_text=True)
    assert several.status_code == 200 and "Mehrere KPR passen zu „Stadt“" in page and "Berichte: Sachsen" in page
    assert 'name="kpr_suche_wahl" id="kpr_suche-wahl-1"' in page and 'value="plauen"' in page
    chosen = admin.get("/berichte/?kpr_suche=Stadt&kpr_suche_wahl=plauen").get_data(as_text=True)
    assert "Berichte: KPR Stadt Plauen" in chosen and 'value="Stadt Plauen"' in chosen
    none = admin.get("/berichte/?kpr_suche=Atlantis")
    assert none.status_code == 422 and "Kein KPR passt zu „Atlantis“" in none.get_data(as_text=True)
    assert "Berichte: Sachsen" in none.get_data(as_text=True)  # nothing changed
    page = admin.get("/berichte/").get_data(as_text=True)
    assert "<option" not in page.split('id="kpr_suche"')[1].split("</div>")[0]  # a text field, no list
    coach = client_as("coach1")
    assert "Berichte: KPR Stadt Zwickau" in coach.get("/berichte/?kpr_suche=Zwickau").get_data(as_text=True)
    foreign = coach.get("/berichte/?kpr_suche=Stadt+Mei%C3%9Fen")
    text = foreign.get_data(as_text=True)
    assert foreign.status_code == 422 and "Kein KPR passt" in text and "Berichte: Meine KPR" in text
    listed = coach.get("/berichte/?kpr_suche=Stadt").get_data(as_text=True)
    assert 'value="zittau"' in listed and 'value="zwickau"' in listed  # coach1's two "…stadt…" KPRs
    assert 'value="meissen"' not in listed and "Plauen" not in listed
    assert coach.get("/berichte/?kpr_suche_wahl=meissen").get_data(as_text=True).count("Berichte: Meine KPR")
    assert coach.get("/berichte/?kpr=meissen").status_code == 404  # a link's slug: 404, as before


def test_suggestions_need_a_sign_in_and_show_only_what_the_person_may_pick(client_as, client, ctx):
    with ctx() as session:
        _add_kprs(session, 15)
        session.commit()
    assert client.get("/kpr-vorschlaege?fuer=alle&q=Stadt").status_code in (302, 401)
    admin = client_as("land")
    found = admin.get("/kpr-vorschlaege?fuer=alle&q=zwi").get_json()
    assert found[0] == {"slug": "zwickau", "name": "Stadt Zwickau", "district": "Landkreis Zwickau"}
    assert len(admin.get("/kpr-vorschlaege?fuer=alle&q=Pickergemeinde").get_json()) == kpr_picker.MAX_SUGGESTIONS
    assert admin.get("/kpr-vorschlaege?fuer=alle&q=").get_json() == []
    coach = client_as("coach1")
    mine = coach.get("/kpr-vorschlaege?fuer=berichte&q=Stadt").get_json()
    assert sorted(k["slug"] for k in mine) == ["bautzen", "zittau", "zwickau"]
    assert coach.get("/kpr-vorschlaege?fuer=berichte&q=mei").get_json() == []
    assert coach.get("/kpr-vorschlaege?fuer=alle&q=Stadt").status_code == 404  # coaches name no other KPR
    assert client_as("mitglied.zwickau").get("/kpr-vorschlaege?fuer=berichte&q=Stadt").status_code == 404
    assert client_as("koordination.zwickau").get("/kpr-vorschlaege?fuer=alle&q=Zitt").get_json()[0]["slug"] == "zittau"
    assert admin.get("/kpr-vorschlaege?fuer=irgendwas&q=Stadt").status_code == 404


def test_people_are_paginated_searched_and_filtered(client_as, ctx):
    with ctx() as session:
        _add_people(session, 60)
        session.commit()
    admin = client_as("land")
    first = admin.get("/land/personen").get_data(as_text=True)
    rows = re.findall(r"<tr>\s*<td>", first)
    assert len(rows) == 50 and "Seite 1 von 2" in first and "seite=2" in first
    found = admin.get("/land/personen?suche=person007").get_data(as_text=True)
    assert "person007@picker.example" in found and "person008@picker.example" not in found
    assert "1 Konten" in found
    coordinators = admin.get("/land/personen?rolle=koordination").get_data(as_text=True)
    assert "koordination.zwickau@demo.asskomm.de" in coordinators
    assert "mitglied.zwickau@demo.asskomm.de" not in coordinators and "person001@" not in coordinators
    coaches = admin.get("/land/personen?rolle=coach&suche=demo").get_data(as_text=True)
    assert "coach1@demo.asskomm.de" in coaches and "koordination.zwickau@" not in coaches


def test_the_invitation_picks_its_kpr_by_name(client_as, ctx):
    admin = client_as("land")
    form = {"name": "Neu Picker", "email": "neu@picker.example", "membership_role": "member"}
    several = admin.submit("/land/personen", form | {"kpr": "Stadt"}, page="/land/personen")
    page = several.get_data(as_text=True)
    assert several.status_code == 422 and "Mehrere KPR passen" in page and 'name="kpr_wahl"' in page
    none = admin.submit("/land/personen", form | {"kpr": "Atlantis"}, page="/land/personen")
    assert none.status_code == 422 and "Kein KPR passt zu „Atlantis“" in none.get_data(as_text=True)
    with ctx():
        assert user("neu@picker.example") is None
    chosen = admin.submit("/land/personen", form | {"kpr": "Stadt", "kpr_wahl": "plauen"}, page="/land/personen")
    assert chosen.status_code == 302
    with ctx() as session, cross_tenant("test: the new membership"):
        person = user("neu@picker.example")
        assert session.scalars(sa.select(Membership.tenant_id).filter_by(user_id=person.id)).all() == [
            tenant("plauen").id]


def _event_form(**changes) -> dict:
    return {"kind": "network_meeting", "title": "Vernetzung Picker", "description": "", "organiser": "",
            "audience": "open", "reach": "invited", "capacity": "20", "registration_closes_at": CLOSES,
            "sessions-0-day": DAY.isoformat(), "sessions-0-starts": "09:00", "sessions-0-ends": "12:00",
            "sessions-0-place": "Dresden"} | changes


def test_the_event_form_invites_kprs_one_by_one_and_unchecks_them(client_as, ctx):
    with ctx():
        plauen, zittau, bautzen = tenant("plauen").id, tenant("zittau").id, tenant("bautzen").id
    admin = client_as("land")
    new = "/veranstaltungen/verwaltung/neu"
    added = admin.submit(new, _event_form(invite="Plauen", hinzufuegen="1"), page=new)
    page = added.get_data(as_text=True)
    assert added.status_code == 200 and f'value="{plauen}"' in page and "Stadt Plauen" in page
    assert re.search(rf'<input checked[^>]*value="{plauen}"|<input[^>]*value="{plauen}"[^>]*checked', page)
    ambiguous = admin.submit(new, _event_form(invite="Stadt", hinzufuegen="1", invited=[str(plauen)]), page=new)
    assert ambiguous.status_code == 422 and 'name="invite_wahl"' in ambiguous.get_data(as_text=True)
    with ctx() as session:
        assert session.scalar(sa.select(Event.id).filter_by(title="Vernetzung Picker")) is None  # nothing saved
    saved = admin.submit(new, _event_form(invited=[str(plauen)], invite="Stadt", invite_wahl="bautzen",
                                          organiser="zittau"), page=new)
    assert saved.status_code == 302
    with ctx() as session:
        event = session.scalar(sa.select(Event).filter_by(title="Vernetzung Picker"))
        event_id, organiser = event.id, event.organiser_tenant_id
        invited = set(session.scalars(sa.select(KprInvitation.tenant_id).filter_by(event_id=event_id)))
    assert organiser == zittau and invited == {plauen, bautzen}
    edit = f"/veranstaltungen/verwaltung/{event_id}"
    shown = admin.get(edit).get_data(as_text=True)
    assert 'value="zittau"' in shown and f'value="{bautzen}"' in shown
    assert admin.submit(edit, _event_form(invited=[str(bautzen)], organiser=""), page=edit).status_code == 302
    with ctx() as session:
        assert set(session.scalars(sa.select(KprInvitation.tenant_id).filter_by(event_id=event_id))) == {bautzen}
        assert session.get(Event, event_id).organiser_tenant_id is None  # empty: the state council


@pytest.fixture
def an_invited_event(client_as, ctx) -> str:
    with ctx():
        ids = [str(tenant(slug).id) for slug in ("plauen", "zittau")]
    admin = client_as("land")
    new = "/veranstaltungen/verwaltung/neu"
    assert admin.submit(new, _event_form(invited=ids), page=new).status_code == 302
    with ctx() as session:
        return f"/veranstaltungen/verwaltung/{session.scalar(sa.select(Event.id).filter_by(title='Vernetzung Picker'))}"


def test_pages_with_the_picker_take_the_same_queries_for_3_and_60_kprs_and_people(
        client_as, ctx, count_queries, an_invited_event):
    admin = client_as("land")
    pages = ("/berichte/", "/berichte/?kpr_suche=Pickergemeinde", "/berichte/?landkreis=Landkreis+Picker",
             "/land/personen", "/land/personen?rolle=coach&suche=person", "/veranstaltungen/verwaltung/neu",
             an_invited_event, "/kpr-vorschlaege?fuer=alle&q=Picker")
    counts: dict[str, list[int]] = {}
    for added, start in ((3, 0), (57, 3)):
        with ctx() as session:
            _add_kprs(session, added, start)
            _add_people(session, added, start)
            session.commit()
        for url in pages:
            with count_queries() as n:
                response = admin.get(url)
            assert response.status_code == 200, url
            counts.setdefault(url, []).append(n.value)
        people = admin.get("/land/personen").get_data(as_text=True)
        assert len(re.findall(r"<tr>\s*<td>", people)) <= 50
        form = admin.get("/veranstaltungen/verwaltung/neu").get_data(as_text=True)
        assert "Pickergemeinde" not in form and "<option" not in form.split('id="eingeladene"')[1]
    for url, (small, large) in counts.items():
        assert small == large, (url, small, large)
