"""The structure of a KPR through HTTP: bodies, people, memberships, chart, sectors."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.structure.models import Body, BodyKind, BodyMembership, Person
from tenants import tenant_context

from .helpers import tenant


def _body_id(ctx, slug: str, name: str) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        return session.scalar(sa.select(Body.id).filter_by(name=name))


def test_org_chart_shows_bodies_and_people_without_javascript(client_as):
    page = client_as("mitglied.zwickau").get("/k/zwickau/struktur").get_data(as_text=True)
    for name in ("Führungsstab", "Lenkungsgremium", "Koordinierungsstelle", "AG Graffiti", "AG Sichere Stadt"):
        assert name in page
    assert "<script" not in page
    assert "Gremium anlegen" not in page  # members read only


def test_zwickau_demo_fills_chair_and_leadership_as_its_seed_page_describes(client_as, ctx):
    """Zwickau's organisation chart: the Oberbürgermeister:in chairs the KPR; the Führungsstab is the
    Oberbürgermeister:in, the head of the Polizeidirektion Zwickau and the chair of the steering group."""
    members = {}
    with ctx() as session, tenant_context(tenant("zwickau").id):
        for kind in (BodyKind.chair, BodyKind.leadership, BodyKind.steering_group):
            body = session.scalar(sa.select(Body).filter_by(kind=kind))
            members[kind] = {(m.person.function, m.person.organisation, m.role.value) for m in body.memberships}
    assert members[BodyKind.chair] == {("Oberbürgermeisterin", "Stadt Zwickau", "chair")}
    assert ("Oberbürgermeisterin", "Stadt Zwickau", "chair") in members[BodyKind.leadership]
    assert ("Leitung", "Polizeidirektion Zwickau", "member") in members[BodyKind.leadership]
    steering_chairs = {(f, o) for f, o, role in members[BodyKind.steering_group] if role == "chair"}
    assert steering_chairs <= {(f, o) for f, o, _ in members[BodyKind.leadership]}
    chart = client_as("mitglied.zwickau").get("/k/zwickau/struktur").get_data(as_text=True)
    assert "Katrin Hellwig" in chart  # an invented name
    assert "Noch keine Mitglieder" not in chart.split("Lenkungsgremium")[0]


def test_members_by_sector(client_as):
    page = client_as("coach1").get("/k/zwickau/struktur/personen").get_data(as_text=True)
    assert "Polizei" in page and "Justiz/Staatsanwaltschaft" in page and "Suchtberatung" in page
    assert "Polizeidirektion Zwickau" in page


def test_coordinator_builds_a_working_group(client_as, ctx):
    client = client_as("koordination.zwickau")
    response = client.submit("/k/zwickau/struktur/gremien/neu", {"kind": "working_group", "name": "AG Schulweg",
                                                                  "basis": "district", "topic": "Marienthal"})
    assert response.status_code == 302
    person = client.submit("/k/zwickau/struktur/personen/neu", {"name": "Rita Sommer", "organisation": "Grundschule",
                                                                 "sector": "education", "email": "Rita@Example.org"})
    assert person.status_code == 302
    body_id = _body_id(ctx, "zwickau", "AG Schulweg")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        person_id = session.scalar(sa.select(Person.id).filter_by(email="rita@example.org"))
    added = client.submit(f"/k/zwickau/struktur/gremien/{body_id}/mitglieder",
                          {"person_id": str(person_id), "role": "lead", "starts_on": "2026-01-01"})
    assert added.status_code == 302
    again = client.submit(f"/k/zwickau/struktur/gremien/{body_id}/mitglieder",
                          {"person_id": str(person_id), "role": "member"})
    assert again.status_code == 422 and "gehört bereits zu AG Schulweg" in again.get_data(as_text=True)
    page = client.get(f"/k/zwickau/struktur/gremien/{body_id}").get_data(as_text=True)
    assert "Rita Sommer" in page and "Leitung" in page and "stadtteilbezogen" in page
    with ctx() as session, tenant_context(tenant("zwickau").id):
        membership_id = session.scalar(sa.select(BodyMembership.id).filter_by(person_id=person_id))
    assert client.submit(f"/k/zwickau/struktur/mitgliedschaften/{membership_id}/beenden").status_code == 302
    page = client.get(f"/k/zwickau/struktur/gremien/{body_id}").get_data(as_text=True)
    assert "Frühere Mitglieder (1)" in page


def test_second_steering_group_is_refused(client_as, ctx):
    response = client_as("koordination.zwickau").submit(
        "/k/zwickau/struktur/gremien/neu", {"kind": "steering_group", "name": "Noch ein Lenkungsgremium"})
    assert response.status_code == 422
    assert "hat bereits ein Gremium der Art „Lenkungsgremium“" in response.get_data(as_text=True)
    assert _body_id(ctx, "zwickau", "Noch ein Lenkungsgremium") is None


def test_large_steering_group_warns(client_as):
    page = client_as("koordination.landkreis-rostock").get("/k/landkreis-rostock/struktur").get_data(as_text=True)
    assert "Empfohlen sind 10 bis 15" in page


def test_member_cannot_edit_and_outsiders_get_404(client_as, ctx):
    body_id = _body_id(ctx, "zwickau", "AG Gewalt")
    member = client_as("mitglied.zwickau")
    assert member.get(f"/k/zwickau/struktur/gremien/{body_id}").status_code == 200
    assert member.get(f"/k/zwickau/struktur/gremien/{body_id}/bearbeiten").status_code == 403
    assert member.submit(f"/k/zwickau/struktur/gremien/{body_id}/loeschen").status_code == 403
    assert client_as("koordination.zittau").get(f"/k/zittau/struktur/gremien/{body_id}").status_code == 404
    assert client_as("coach2").get("/k/zwickau/struktur").status_code == 404


def test_body_with_invalid_data_changes_nothing(client_as, ctx):
    response = client_as("koordination.zwickau").submit("/k/zwickau/struktur/gremien/neu",
                                                        {"kind": "working_group", "name": ""})
    assert response.status_code == 422 and "Bitte geben Sie einen Namen ein." in response.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Body)) == 9


def test_chart_and_people_pages_have_a_fixed_query_count(client_as, ctx, count_queries):
    client = client_as("koordination.zittau")
    pages = ["/k/zittau/struktur", "/k/zittau/struktur/personen"]
    with count_queries() as small:
        for page in pages:
            assert client.get(page).status_code == 200
    with ctx() as session, tenant_context(tenant("zittau").id):
        for n in range(15):
            body = Body(kind=BodyKind.working_group, name=f"AG {n}")
            for k in range(6):
                body.memberships.append(BodyMembership(person=Person(name=f"P {n}-{k}", sector="police")))
            session.add(body)
        session.commit()
    with count_queries() as large:
        for page in pages:
            assert client.get(page).status_code == 200
    assert large.value == small.value
