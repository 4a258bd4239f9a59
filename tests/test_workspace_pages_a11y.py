"""The workspace pages of issue 10 in a browser: axe-core finds no violation, and at 320 px nothing
scrolls sideways — the confirmation pages (body, person, news post, consultation), the consultation's
correction form, the meeting page with one's own invitation, the meeting form after adding agenda rows,
and a news post with a wide table (which scrolls inside its own region)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.coaching.models import Consultation, ConsultationTopic, NextStep
from asskomm.meetings.models import Invitation, Meeting
from asskomm.public.markup import render_markdown
from asskomm.public.models import NewsPost
from asskomm.structure.models import Body, BodyKind, BodyMembership, Person
from asskomm.timeutil import now
from tenants import db, tenant_context

from .fixtures.browser import log_in, page_problems
from .helpers import tenant, user

pytestmark = pytest.mark.browser

WIDE_TABLE = ("## Termine 2027\n\n| Datum | Veranstaltung | Ort | Zielgruppe | Anmeldung |\n"
              "|---|---|---|---|---|\n| 26.04.2027 | Präventionstag Cybercrime mit Vorträgen und Beratung | "
              "Rathaus Zwickau, Ratssaal | Seniorinnen und Senioren, Angehörige | "
              "Stabsstelle Kommunale Prävention, Telefon 0375 831850 |\n")



def _objects(app) -> dict[str, int]:
    with app.app_context(), tenant_context(tenant("zwickau").id):
        member = db.session.scalar(sa.select(Person).filter_by(user_id=user("mitglied.zwickau").id))
        coach_id = user("coach1").id
        body = Body(kind=BodyKind.working_group, name="AG Barrierefreiheit")
        db.session.add(body)
        person = Person(name="Petra Prüfer", email="petra.pruefer@zwickau.example")
        body.memberships.append(BodyMembership(person=person))
        body.memberships.append(BodyMembership(person=member))
        unused = Body(kind=BodyKind.working_group, name="AG Ohne Sitzungen",
                      memberships=[BodyMembership(person=Person(name="Paul Probe", email="paul@zwickau.example"))])
        start = now() + timedelta(days=20)
        meeting = Meeting(body=body, title="Sitzung der AG Barrierefreiheit", starts_at=start,
                          ends_at=start + timedelta(hours=2), place="Rathaus")
        meeting.invitations.append(Invitation(person=member, token="a11y-eigene-einladung"))
        post = NewsPost(title="Termine mit Tabelle", published=True, published_on=date.today(), body=WIDE_TABLE,
                        body_html=render_markdown(WIDE_TABLE))
        entry = Consultation(coach_id=coach_id, held_on=date.today(), topic=ConsultationTopic.strategy,
                             hours=Decimal("1.50"), notes="Strategie besprochen.",
                             next_steps=[NextStep(title="Entwurf schicken", owner="Koordinierungsstelle")])
        db.session.add_all([body, unused, meeting, post, entry])
        db.session.commit()
        return {"body": body.id, "unused": unused.id, "person": person.id, "meeting": meeting.id, "post": post.id,
                "entry": entry.id}


def test_workspace_pages_of_issue_10_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    ids = _objects(committed)
    base = f"{live_server}/k/zwickau"
    pages = {
        None: [f"{base}/aktuelles/{ids['post']}"],
        "koordination.zwickau": [f"{base}/struktur/gremien/{ids['unused']}/loeschen",
                                 f"{base}/struktur/gremien/{ids['body']}", f"{base}/sitzungen/{ids['meeting']}",
                                 f"{base}/struktur/personen/{ids['person']}/loeschen",
                                 f"{base}/oeffentlich/meldungen/{ids['post']}/loeschen",
                                 f"{base}/sitzungen/neu", f"{base}/gruendung"],
        "mitglied.zwickau": [f"{base}/sitzungen/{ids['meeting']}"],
        "coach1": [f"{base}/beratung/{ids['entry']}/bearbeiten", f"{base}/beratung/{ids['entry']}/zurueckziehen"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        if login:
            log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == "koordination.zwickau":  # the meeting form after "Weitere Zeilen", reached by keyboard
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{base}/sitzungen/neu")
            page.get_by_role("button", name="Weitere Zeilen für die Tagesordnung").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert page.url.endswith("/sitzungen/neu#agenda-5-title")
            assert page.locator("input[name='agenda-7-title']").count() == 1
            problems += [("nach Weitere Zeilen", v["id"]) for v in axe.run(page).response["violations"]]
        if login == "mitglied.zwickau":  # the answer on the meeting page, by keyboard
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{base}/sitzungen/{ids['meeting']}")
            page.get_by_role("button", name="Zusage").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Ihre Antwort: Zusage" in page.inner_text("main")
        context.close()
    assert not problems, "\n".join(map(str, problems))
