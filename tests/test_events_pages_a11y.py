"""The event pages of issue 10 in a browser: axe-core finds no violation and nothing scrolls sideways
at 320 px — the catalog and an event's page with "abgesagt", the reason why one may not register,
the follow-up links, one's registrations, the organisers' list and form, the question before
cancelling, an invited KPR's reply form and the dashboard; an event is cancelled by keyboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe

from asskomm.events.models import Event, EventKind, EventSession, KprInvitation, Reach
from asskomm.timeutil import now
from tenants import db
from workers.events import aggregate_events_now

from .fixtures.browser import log_in, page_problems
from .helpers import tenant

pytestmark = pytest.mark.browser


def _event(title: str, **values) -> Event:
    starts = now() + timedelta(days=25)
    event = Event(kind=EventKind.network_meeting, title=title, capacity=30,
                  registration_closes_at=now() + timedelta(days=10), **values)
    event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=3),
                                       place="Görlitz, Rathaus, Untermarkt 6"))
    db.session.add(event)
    return event


def _objects(app) -> dict[str, int]:
    with app.app_context():
        cancelled = _event("Koordinator:innen-Treffen Nordsachsen", cancelled_at=now())
        far = _event("Vernetzungstreffen im Landkreis Görlitz", reach=Reach.district, district="Landkreis Görlitz")
        invited = _event("Vernetzungstreffen Oberlausitz-Niederschlesien", reach=Reach.invited)
        to_cancel = _event("Fachtag Sicherheit im öffentlichen Raum")
        db.session.flush()
        db.session.add(KprInvitation(event_id=invited.id, tenant_id=tenant("zittau").id))
        past = db.session.scalar(sa.select(Event.id).filter_by(title="Koordinator:innen-Treffen Westsachsen"))
        aggregate_events_now()
        db.session.commit()
        return {"cancelled": cancelled.id, "far": far.id, "invited": invited.id, "to_cancel": to_cancel.id,
                "past": past}


def test_event_pages_of_issue_10_have_no_axe_violations_and_fit_320_px(live_server, browser, committed):
    ids = _objects(committed)
    base = f"{live_server}/veranstaltungen"
    pages = {
        "koordination.zwickau": [f"{base}/", f"{base}/{ids['cancelled']}", f"{base}/{ids['far']}",
                                 f"{base}/{ids['past']}", f"{base}/meine-anmeldungen"],
        "koordination.zittau": [f"{base}/{ids['invited']}"],
        "land": [f"{base}/verwaltung/", f"{base}/verwaltung/{ids['to_cancel']}",
                 f"{base}/verwaltung/{ids['to_cancel']}/absagen", f"{live_server}/land/veranstaltungen/"],
    }
    axe, problems = Axe(), []
    for login, urls in pages.items():
        context = browser.new_context()
        page = context.new_page()
        log_in(page, live_server, login)
        for url in urls:
            problems += page_problems(page, axe, url)
        if login == "land":  # cancelling by keyboard: the link, the question, the reason, the button
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{base}/{ids['to_cancel']}")
            page.get_by_role("link", name="Veranstaltung absagen").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Personen werden benachrichtigt" in page.inner_text("main")
            page.get_by_label("Begründung (freiwillig)").focus()
            page.keyboard.type("Der Saal steht nicht zur Verfügung.")
            page.get_by_role("button", name="Veranstaltung absagen").focus()
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "Die Veranstaltung ist abgesagt" in page.inner_text("main")
        context.close()
    assert not problems, "\n".join(map(str, problems))
    with committed.app_context():
        assert db.session.get(Event, ids["to_cancel"]).cancelled_at is not None
