"""Deleting a body, a person of the directory or a news post asks first (asskomm.confirm): the page
that offered a direct button links to the question, which says what will happen; the optional reason
goes into the audit trail."""

from __future__ import annotations

from datetime import date, timedelta

import sqlalchemy as sa

from asskomm.audit.models import AuditEntry
from asskomm.meetings.models import Meeting
from asskomm.public.models import CommunityOfficer, NewsPost, Partner
from asskomm.structure.models import Body, BodyKind, BodyMembership, Person
from asskomm.timeutil import now
from tenants import tenant_context

from .helpers import tenant, user

QUESTION = "Das kann nicht rückgängig gemacht werden."


def _exists(ctx, model: type, object_id: int) -> bool:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return session.get(model, object_id) is not None


def _reason(ctx, table: str, object_id: int) -> str | None:
    with ctx() as session:
        return session.scalar(sa.select(AuditEntry.reason).filter_by(object_type=table, object_id=str(object_id),
                                                                       action="delete"))


def _group_with_members(ctx) -> tuple[int, int]:
    """A working group with two current members and one former; returns (body id, a member's person id)."""
    with ctx() as session, tenant_context(tenant("zwickau").id):
        body = Body(kind=BodyKind.working_group, name="AG Schulweg")
        people = [Person(name=f"Schulweg {n}", email=f"schulweg{n}@zwickau.example") for n in range(3)]
        body.memberships = [BodyMembership(person=people[0]), BodyMembership(person=people[1]),
                            BodyMembership(person=people[2], starts_on=date(2020, 1, 1), ends_on=date(2021, 1, 1))]
        session.add(body)
        session.commit()
        return body.id, people[0].id


def test_deleting_a_body_asks_first_says_how_many_memberships_end_and_keeps_the_reason(client_as, ctx):
    body_id, _ = _group_with_members(ctx)
    client = client_as("koordination.zwickau")
    url = f"/k/zwickau/struktur/gremien/{body_id}/loeschen"
    body_page = client.get(f"/k/zwickau/struktur/gremien/{body_id}").get_data(as_text=True)
    assert f'href="{url}"' in body_page and f'action="{url}"' not in body_page
    question = client.get(url)
    page = question.get_data(as_text=True)
    assert question.status_code == 200 and QUESTION in page and "AG Schulweg löschen?" in page
    assert "2 aktuelle Mitgliedschaften enden, 1 frühere wird aus der Historie gelöscht." in page
    assert "verschwindet aus dem Organigramm" in page and "Begründung (freiwillig)" in page
    assert client_as("mitglied.zwickau").get(url).status_code == 403
    assert _exists(ctx, Body, body_id)
    assert client.submit(url, {"reason": "x" * 1001}, page=url).status_code == 422 and _exists(ctx, Body, body_id)
    done = client.submit(url, {"reason": "AG ist in der AG Sichere Stadt aufgegangen."}, page=url)
    assert done.status_code == 302 and not _exists(ctx, Body, body_id)
    assert _reason(ctx, "body", body_id) == "AG ist in der AG Sichere Stadt aufgegangen."


def test_a_body_with_meetings_is_refused_before_the_question(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        body = Body(kind=BodyKind.working_group, name="AG Mit Sitzung")
        session.add(Meeting(body=body, title="Auftakt", starts_at=now() - timedelta(days=2), place="Rathaus"))
        session.commit()
        body_id = body.id
    client = client_as("koordination.zwickau")
    answer = client.get(f"/k/zwickau/struktur/gremien/{body_id}/loeschen")
    assert answer.status_code == 302 and answer.headers["Location"].endswith(f"/struktur/gremien/{body_id}")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "AG Mit Sitzung hat Sitzungen und kann deshalb nicht gelöscht werden." in page
    assert _exists(ctx, Body, body_id)


def test_deleting_a_person_asks_first_with_their_memberships(client_as, ctx):
    body_id, person_id = _group_with_members(ctx)
    client = client_as("koordination.zwickau")
    url = f"/k/zwickau/struktur/personen/{person_id}/loeschen"
    form = client.get(f"/k/zwickau/struktur/personen/{person_id}").get_data(as_text=True)
    assert f'href="{url}"' in form and f'action="{url}"' not in form
    page = client.get(url).get_data(as_text=True)
    assert "Schulweg 0 aus dem Personenverzeichnis löschen?" in page and QUESTION in page
    assert "1 aktuelle Mitgliedschaft endet (AG Schulweg)." in page and "Einladungen zu Sitzungen" in page
    assert "Zugang zur Plattform" not in page  # no login linked
    assert _exists(ctx, Person, person_id)
    assert client.submit(url, {"reason": "Doppelt erfasst."}, page=url).status_code == 302
    assert not _exists(ctx, Person, person_id) and _reason(ctx, "person", person_id) == "Doppelt erfasst."
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(BodyMembership).filter_by(body_id=body_id)) == 2
        member_id = session.scalar(sa.select(Person.id).filter_by(user_id=user("mitglied.zwickau").id))
    linked = client.get(f"/k/zwickau/struktur/personen/{member_id}/loeschen").get_data(as_text=True)
    assert "Ihr Zugang zur Plattform bleibt bestehen" in linked and "(Lenkungsgremium)" in linked
    assert client_as("koordination.zittau").get(url.replace(str(person_id), str(member_id))).status_code == 404


def _post(ctx, published: bool) -> int:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        post = NewsPost(title="Tag der offenen Tür" if published else "Entwurf Sommerfest", published=published,
                        published_on=date.today(), body="Text", body_html="<p>Text</p>")
        session.add(post)
        session.commit()
        return post.id


def test_deleting_a_news_post_asks_first_and_says_it_leaves_the_public_page(client_as, client, ctx):
    published, draft = _post(ctx, True), _post(ctx, False)
    coordinator = client_as("koordination.zwickau")
    url = f"/k/zwickau/oeffentlich/meldungen/{published}/loeschen"
    for page_url in ("/k/zwickau/oeffentlich", f"/k/zwickau/oeffentlich/meldungen/{published}"):
        offering = coordinator.get(page_url).get_data(as_text=True)
        assert f'href="{url}"' in offering and f'action="{url}"' not in offering, page_url
    page = coordinator.get(url).get_data(as_text=True)
    assert "Meldung „Tag der offenen Tür“ löschen?" in page and QUESTION in page
    assert "verschwindet von der öffentlichen Seite des KPR" in page and "ziehen Sie sie stattdessen zurück" in page
    draft_page = coordinator.get(f"/k/zwickau/oeffentlich/meldungen/{draft}/loeschen").get_data(as_text=True)
    assert "Der Entwurf wird gelöscht; er war nicht öffentlich sichtbar." in draft_page
    assert client.get(f"/k/zwickau/aktuelles/{published}").status_code == 200  # asking deleted nothing
    assert client_as("mitglied.zwickau").get(url).status_code == 403
    assert client_as("koordination.zittau").get(url.replace("/zwickau/", "/zittau/")).status_code == 404
    assert coordinator.submit(url, {"reason": "Termin entfällt."}, page=url).status_code == 302
    assert client.get(f"/k/zwickau/aktuelles/{published}").status_code == 404
    assert _reason(ctx, "news_post", published) == "Termin entfällt."


def test_partners_and_community_officers_are_removed_after_the_question_too(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        partner = Partner(name="Verkehrswacht Zwickau", sector="civil_society")
        officer = CommunityOfficer(name="Polizeihauptmeisterin Rita Kunze", area="Marienthal")
        session.add_all([partner, officer])
        session.commit()
        partner_id, officer_id = partner.id, officer.id
    coordinator = client_as("koordination.zwickau")
    overview = coordinator.get("/k/zwickau/oeffentlich").get_data(as_text=True)
    for url, text in ((f"/k/zwickau/oeffentlich/partner/{partner_id}/loeschen", "aus der Liste der Netzwerkpartner"),
                      (f"/k/zwickau/oeffentlich/buergerpolizei/{officer_id}/loeschen", "mit Kontaktdaten")):
        assert f'href="{url}"' in overview and f'action="{url}"' not in overview
        page = coordinator.get(url).get_data(as_text=True)
        assert QUESTION in page and text in page
        assert coordinator.submit(url, page=url).status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(Partner, partner_id) is None and session.get(CommunityOfficer, officer_id) is None
