"""Meetings, issue 10: a logged-in member answers their invitation on the meeting page (the same
service as the mailed link); an agenda has as many items as needed without JavaScript; the body that
meets is chosen, never defaulted."""

from __future__ import annotations

import re
from datetime import timedelta

import sqlalchemy as sa

from asskomm.meetings.forms import AGENDA_MORE
from asskomm.meetings.models import AgendaItem, Invitation, Meeting, Reply
from asskomm.structure.models import BodyMembership, Person
from asskomm.timeutil import now
from tenants import tenant_context

from .helpers import tenant, user
from .test_meetings import make_body, meeting_form, schedule


def _with_the_member(ctx, body_id: int) -> int:
    """The body gets the directory entry linked to mitglied.zwickau's login; returns its id."""
    with ctx() as session, tenant_context(tenant("zwickau").id):
        person = session.scalar(sa.select(Person).filter_by(user_id=user("mitglied.zwickau").id))
        session.add(BodyMembership(body_id=body_id, person=person))
        session.commit()
        return person.id


def _invitation(ctx, meeting_id: int, person_id: int) -> Invitation:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return session.scalar(sa.select(Invitation).filter_by(meeting_id=meeting_id, person_id=person_id))


def test_a_member_answers_on_the_meeting_page_like_with_the_mailed_link(client_as, client, ctx):
    body_id = make_body(ctx)
    person_id = _with_the_member(ctx, body_id)
    coordinator = client_as("koordination.zwickau")
    meeting_id = schedule(coordinator, body_id)
    page_url = f"/k/zwickau/sitzungen/{meeting_id}"
    member = client_as("mitglied.zwickau")
    assert "Ihre Einladung" not in member.get(page_url).get_data(as_text=True)  # not invited yet
    assert member.submit(f"{page_url}/antwort", {"reply": "yes"}, page=page_url).status_code == 404
    coordinator.submit(f"{page_url}/einladungen")

    page = member.get(page_url).get_data(as_text=True)
    assert "Ihre Einladung" in page and "Ihre Antwort: <strong>keine Antwort</strong>" in page
    assert f'action="{page_url}/antwort"' in page and 'value="maybe"' in page
    bad = member.submit(f"{page_url}/antwort", {"reply": "vielleicht-ja"}, page=page_url)
    assert bad.status_code == 422 and "Keine gültige Auswahl." in bad.get_data(as_text=True)
    assert _invitation(ctx, meeting_id, person_id).reply == Reply.pending
    done = member.submit(f"{page_url}/antwort", {"reply": "yes"}, page=page_url, follow_redirects=True)
    assert "Danke, Ihre Antwort wurde gespeichert: Zusage." in done.get_data(as_text=True)
    answered = _invitation(ctx, meeting_id, person_id)
    assert answered.reply == Reply.yes and answered.replied_at is not None

    # The mailed link shows the same answer and changes the same row.
    link = f"/k/zwickau/antwort/{answered.token}"
    assert "Zusage" in client.get(link).get_data(as_text=True)
    client.submit(link, {"reply": "no"}, page=link)
    assert "Ihre Antwort: <strong>Absage</strong>" in member.get(page_url).get_data(as_text=True)
    assert "Absage" in coordinator.get(page_url).get_data(as_text=True)
    # Only one's own invitation: the coordinator (not invited) gets no answer form and a 404.
    assert "Ihre Einladung" not in coordinator.get(page_url).get_data(as_text=True)
    assert coordinator.submit(f"{page_url}/antwort", {"reply": "yes"}, page=page_url).status_code == 404
    assert client_as("koordination.zittau").submit(f"{page_url}/antwort", {"reply": "yes"}).status_code == 404


def test_once_the_meeting_has_begun_the_page_offers_no_answer_and_the_service_refuses(client_as, ctx):
    body_id = make_body(ctx)
    person_id = _with_the_member(ctx, body_id)
    coordinator = client_as("koordination.zwickau")
    meeting_id = schedule(coordinator, body_id)
    coordinator.submit(f"/k/zwickau/sitzungen/{meeting_id}/einladungen")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        meeting = session.get(Meeting, meeting_id)
        meeting.starts_at, meeting.ends_at = now() - timedelta(minutes=5), now() + timedelta(hours=1)
        session.commit()
    page_url = f"/k/zwickau/sitzungen/{meeting_id}"
    member = client_as("mitglied.zwickau")
    page = member.get(page_url).get_data(as_text=True)
    assert "Ihre Einladung" in page and f'action="{page_url}/antwort"' not in page
    refused = member.submit(f"{page_url}/antwort", {"reply": "yes"}, page=page_url)
    assert refused.status_code == 422
    assert "Die Sitzung hat bereits begonnen; eine Antwort ist nicht mehr möglich." in refused.get_data(as_text=True)
    assert _invitation(ctx, meeting_id, person_id).reply == Reply.pending


def _rows(page: str) -> int:
    return len(re.findall(r'name="agenda-\d+-title"', page))


def test_the_agenda_grows_by_empty_rows_without_saving_and_keeps_what_was_typed(client_as, ctx):
    body_id = make_body(ctx)
    client = client_as("koordination.zwickau")
    form_page = client.get("/k/zwickau/sitzungen/neu").get_data(as_text=True)
    assert _rows(form_page) == 5 and 'name="add_rows"' in form_page
    # the button leads to the first row it adds (the browser keeps the fragment of formaction)
    assert 'formaction="/k/zwickau/sitzungen/neu#agenda-5-title"' in form_page
    typed = meeting_form(body_id, title="Lange Tagesordnung",
                         **{f"agenda-{n}-title": f"Punkt {n + 1}" for n in range(5)},
                         **{f"agenda-{n}-owner_id": "0" for n in range(5)})
    grown = client.submit("/k/zwickau/sitzungen/neu", {**typed, "add_rows": "1"})
    page = grown.get_data(as_text=True)
    assert grown.status_code == 200 and _rows(page) == 5 + AGENDA_MORE
    assert 'value="Punkt 5"' in page and 'value="Lange Tagesordnung"' in page
    assert f"{AGENDA_MORE} leere Zeilen für die Tagesordnung angefügt. Noch ist nichts gespeichert." in page
    assert 'id="agenda-5-title"' in page and 'formaction="/k/zwickau/sitzungen/neu#agenda-8-title"' in page
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Meeting).filter_by(body_id=body_id)) == 0
    items = {f"agenda-{n}-title": f"Punkt {n + 1}" for n in range(12)}
    meeting_id = schedule(client, body_id, title="Lange Tagesordnung", **items)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        titles = session.scalars(sa.select(AgendaItem.title).filter_by(meeting_id=meeting_id)
                                 .order_by(AgendaItem.position)).all()
    assert titles == [f"Punkt {n + 1}" for n in range(12)]
    edit = client.get(f"/k/zwickau/sitzungen/{meeting_id}/bearbeiten").get_data(as_text=True)
    assert _rows(edit) == 14 and 'value="Punkt 12"' in edit


def test_the_body_is_chosen_not_defaulted(client_as, ctx):
    body_id = make_body(ctx)
    client = client_as("koordination.zwickau")
    page = client.get("/k/zwickau/sitzungen/neu").get_data(as_text=True)
    select = re.search(r'<select[^>]*name="body_id"[^>]*>(.*?)</select>', page, re.DOTALL)
    assert "required" in select.group(0)
    first = re.search(r"<option[^>]*>[^<]*</option>", select.group(1)).group(0)
    assert 'value=""' in first and "bitte wählen" in first and "selected" in first
    assert "Vorsitz</option>" in select.group(1) and 'selected value="' not in select.group(1).replace(first, "")
    complete = meeting_form(body_id)
    without = {key: value for key, value in complete.items() if key != "body_id"}
    for form in ({**complete, "body_id": ""}, without):
        response = client.submit("/k/zwickau/sitzungen/neu", form)
        assert response.status_code == 422
        assert "Bitte wählen Sie das Gremium, das tagt." in response.get_data(as_text=True)
    for garbage in ("abc", "999999"):
        assert client.submit("/k/zwickau/sitzungen/neu", {**complete, "body_id": garbage}).status_code == 422
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Meeting).filter_by(body_id=body_id)) == 0
    preset = client.get(f"/k/zwickau/sitzungen/neu?gremium={body_id}").get_data(as_text=True)
    assert re.search(rf'<option selected value="{body_id}">|<option value="{body_id}" selected>', preset)
