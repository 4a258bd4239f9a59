"""Check-in and what follows from it (issue 10, A2 and the day part of A3): check-in opens with the
early window of EVENT_CHECKIN_EARLY_MINUTES; certificates only for attendees, after the event, with
the real dates, reissued when the dates change (the old PDF kept); the reports count only check-ins
that were possible; waitlisted and cancelled people get neither certificate nor feedback, and the
certificate's .pdf address answers a PDF or a 404."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa
from axe_playwright_python.sync_playwright import Axe
from pypdf import PdfReader

from asskomm.events.day import certificates
from asskomm.events.models import (
    Attendance,
    Certificate,
    CertificateVersion,
    Event,
    EventKind,
    EventSession,
    Feedback,
    Registration,
    RegistrationStatus,
)
from asskomm.reports.models import ReportFigure
from asskomm.snapshots.models import EventFigures
from asskomm.timeutil import berlin, format_date, now
from config import ConfigError, load_settings
from tenants import db
from workers.events import aggregate_events_now
from workers.reports import compute_reports_now

from .fixtures.browser import log_in
from .helpers import tenant, user


def _event(session, starts_in: list[timedelta], people: dict[str, RegistrationStatus], title: str,
           hours: int = 3) -> tuple[int, list[int], dict[str, int]]:
    first = now() + min(starts_in)
    event = Event(kind=EventKind.training, title=title, capacity=10, registration_closes_at=first - timedelta(days=1))
    for offset in starts_in:
        starts = now() + offset
        event.sessions.append(EventSession(starts_at=starts, ends_at=starts + timedelta(hours=hours), place="Meißen"))
    session.add(event)
    session.flush()
    registrations = {}
    for login, status in people.items():
        registration = Registration(event_id=event.id, user_id=user(login).id, status=status,
                                    tenant_id=tenant(login.split(".")[1]).id)
        session.add(registration)
        session.flush()
        registrations[login] = registration.id
    event.confirmed_count = sum(s == RegistrationStatus.confirmed for s in people.values())
    session.flush()
    return event.id, [s.id for s in event.sessions], registrations


def _present(session, registration_id: int, session_id: int, recorded_at=None) -> None:
    session.add(Attendance(registration_id=registration_id, session_id=session_id, present=True,
                           recorded_at=recorded_at or now()))


def _pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _count(session, model, **filters) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model).filter_by(**filters))


CONFIRMED = RegistrationStatus.confirmed


# --- A2: check-in opens with its early window ------------------------------------------------------


def test_the_setting_is_validated_in_german(tmp_path):
    assert load_settings({}, instance_path=str(tmp_path)).event_checkin_early_minutes == 60
    assert load_settings({"EVENT_CHECKIN_EARLY_MINUTES": "0"},
                         instance_path=str(tmp_path)).event_checkin_early_minutes == 0
    for raw, expected in (("eine Stunde", "EVENT_CHECKIN_EARLY_MINUTES muss eine ganze Zahl sein"),
                          ("1500", "EVENT_CHECKIN_EARLY_MINUTES muss zwischen 0 und 1440 liegen"),
                          ("-5", "EVENT_CHECKIN_EARLY_MINUTES muss zwischen 0 und 1440 liegen")):
        with pytest.raises(ConfigError, match=expected):
            load_settings({"EVENT_CHECKIN_EARLY_MINUTES": raw}, instance_path=str(tmp_path))


def test_check_in_opens_early_window_before_a_session_and_not_earlier(client_as, ctx, fresh, monkeypatch):
    with ctx() as session:
        event_id, (later, soon), regs = _event(session, [timedelta(hours=2), timedelta(minutes=30)],
                                               {"koordination.meissen": CONFIRMED}, "Check-in-Probe", hours=1)
        session.commit()
    registration = regs["koordination.meissen"]
    client, url = client_as("land"), f"/veranstaltungen/{event_id}/teilnahme"
    page = client.get(url).get_data(as_text=True)
    assert f'value="{registration}:{soon}"' in page  # 30 minutes before: open (60 by default)
    assert f'value="{registration}:{later}"' not in page and "Check-in ab" in page  # 2 hours before: not yet
    refused = client.submit(url, {"present": [f"{registration}:{later}"]}, follow_redirects=True)
    assert "hat noch nicht begonnen: der Check-in öffnet am" in refused.get_data(as_text=True)
    with ctx() as session:
        assert _count(session, Attendance, registration_id=registration) == 0  # nothing stored
    assert client.submit(url, {"present": [f"{registration}:{soon}"]}).status_code == 302
    with ctx() as session:
        marks = {a.session_id: a.present for a in session.scalars(
            sa.select(Attendance).filter_by(registration_id=registration))}
    assert marks == {soon: True}  # the session not yet open got no row at all
    # a wider window (the setting) opens the later session too
    monkeypatch.setitem(fresh.config, "SETTINGS", replace(fresh.config["SETTINGS"], event_checkin_early_minutes=180))
    assert f'value="{registration}:{later}"' in client.get(url).get_data(as_text=True)
    assert client.submit(url, {"present": [f"{registration}:{soon}", f"{registration}:{later}"]}).status_code == 302
    with ctx() as session:
        assert _count(session, Attendance, registration_id=registration, present=True) == 2


# --- A2: certificates ------------------------------------------------------------------------------


def test_certificates_only_after_the_event_and_only_for_real_check_ins(client_as, ctx):
    with ctx() as session:
        running, (done, coming), regs = _event(session, [timedelta(days=-1), timedelta(days=1)],
                                               {"koordination.meissen": CONFIRMED}, "Noch nicht vorbei")
        _present(session, regs["koordination.meissen"], done)
        over, (only,), people = _event(session, [timedelta(days=-3)],
                                       {"koordination.zwickau": CONFIRMED, "koordination.zittau": CONFIRMED},
                                       "Vorbei, mit einem unmöglichen Check-in")
        starts = session.get(EventSession, only).starts_at
        _present(session, people["koordination.zwickau"], only, recorded_at=starts + timedelta(minutes=5))
        # "present", but recorded two days before the session: no check-in could happen then
        _present(session, people["koordination.zittau"], only, recorded_at=starts - timedelta(days=2))
        session.commit()
    manager = client_as("land")
    page = manager.get(f"/veranstaltungen/{running}/teilnahme").get_data(as_text=True)
    assert "Bescheinigungen erstellen" not in page and "Bescheinigungen gibt es nach der Veranstaltung" in page
    refused = manager.submit(f"/veranstaltungen/{running}/bescheinigungen", follow_redirects=True)
    assert "Teilnahmebescheinigungen gibt es erst nach der Veranstaltung" in refused.get_data(as_text=True)
    with ctx() as session:
        assert certificates.make_certificates(running) == 0  # the worker refuses too
        assert _count(session, Certificate, registration_id=regs["koordination.meissen"]) == 0
        session.rollback()
    assert manager.submit(f"/veranstaltungen/{over}/bescheinigungen").status_code == 302
    with ctx() as session:
        made = session.scalars(sa.select(Certificate.registration_id).where(
            Certificate.registration_id.in_(people.values()))).all()
    assert made == [people["koordination.zwickau"]]
    zittau = client_as("koordination.zittau")
    assert zittau.get(f"/veranstaltungen/anmeldungen/{people['koordination.zittau']}/bescheinigung.pdf"
                      ).status_code == 404
    why = zittau.get(f"/veranstaltungen/anmeldungen/{people['koordination.zittau']}/bescheinigung")
    assert "keine Teilnahmebescheinigung" in why.get_data(as_text=True)
    pdf = client_as("koordination.zwickau").get(
        f"/veranstaltungen/anmeldungen/{people['koordination.zwickau']}/bescheinigung.pdf")
    assert pdf.mimetype == "application/pdf" and format_date(starts) in _pdf_text(pdf.data)


def _edit_form(day, title: str) -> dict:
    return {"kind": "training", "title": title, "description": "", "organiser": "", "audience": "open",
            "reach": "all", "capacity": "10",
            "registration_closes_at": (berlin(now()) - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
            "sessions-0-day": day.isoformat(), "sessions-0-starts": "09:00", "sessions-0-ends": "12:00",
            "sessions-0-place": "Meißen"}


def test_changing_the_dates_reissues_certificates_and_keeps_the_old_pdf(client_as, ctx):
    title = "Bescheinigung mit geänderten Terminen"
    old_day = (berlin(now()) - timedelta(days=10)).date()
    manager = client_as("land")
    with ctx() as session:
        event_id, (only,), regs = _event(session, [timedelta(days=-10)], {"koordination.zwickau": CONFIRMED}, title)
        session.commit()
    url = f"/veranstaltungen/verwaltung/{event_id}"
    assert manager.submit(url, _edit_form(old_day, title)).status_code == 302  # 09:00–12:00 Berlin, 10 days ago
    with ctx() as session:
        _present(session, regs["koordination.zwickau"], only)
        session.commit()
    manager.submit(f"/veranstaltungen/{event_id}/bescheinigungen")
    registration = regs["koordination.zwickau"]
    owner = client_as("koordination.zwickau")
    first = owner.get(f"/veranstaltungen/anmeldungen/{registration}/bescheinigung.pdf").data
    assert f"{old_day:%d.%m.%Y}, 09:00 – 12:00 Uhr" in _pdf_text(first)

    new_day = old_day - timedelta(days=2)  # it really took place two days earlier
    assert manager.submit(url, _edit_form(new_day, title)).status_code == 302
    second = owner.get(f"/veranstaltungen/anmeldungen/{registration}/bescheinigung.pdf").data
    text = _pdf_text(second)
    assert f"{new_day:%d.%m.%Y}, 09:00 – 12:00 Uhr" in text and f"{old_day:%d.%m.%Y}" not in text
    with ctx() as session:
        certificate = session.scalar(sa.select(Certificate).filter_by(registration_id=registration))
        (kept,) = session.scalars(sa.select(CertificateVersion).filter_by(registration_id=registration)).all()
        assert certificate.version == 2 and kept.version == 1 and kept.pdf == first
    page = owner.get(f"/veranstaltungen/anmeldungen/{registration}/bescheinigung").get_data(as_text=True)
    assert "Fassung 2" in page and f"{new_day:%d.%m.%Y}, 09:00 Uhr" in page
    manager.submit(f"/veranstaltungen/{event_id}/bescheinigungen")  # unchanged: no third version
    with ctx() as session:
        assert _count(session, CertificateVersion, registration_id=registration) == 1

    # moved into the future: the person did not attend that session (yet); the certificate is withdrawn, kept
    later = (berlin(now()) + timedelta(days=5)).date()
    form = _edit_form(later, title) | {"registration_closes_at": (berlin(now()) + timedelta(days=1)).strftime(
        "%Y-%m-%dT%H:%M")}
    assert manager.submit(url, form).status_code == 302
    assert owner.get(f"/veranstaltungen/anmeldungen/{registration}/bescheinigung.pdf").status_code == 404
    with ctx() as session:
        assert _count(session, Certificate, registration_id=registration) == 0
        assert _count(session, CertificateVersion, registration_id=registration) == 2


# --- A2: the reports count only check-ins that were possible ----------------------------------------


def _meissen(session, metric: str, year: int) -> int:
    value = session.scalar(sa.select(ReportFigure.value).filter_by(
        year=year, scope="kpr", scope_key=str(tenant("meissen").id), metric=metric, category=""))
    return int(value or 0)


def test_reports_count_attendance_only_from_check_ins_that_were_possible(ctx):
    with ctx() as session:
        compute_reports_now()
        year = berlin(now() - timedelta(days=20)).year
        before = (_meissen(session, "trainings_attended", year), _meissen(session, "training_participants", year))
        event_id, (only,), regs = _event(session, [timedelta(days=-20)],
                                         {"koordination.meissen": CONFIRMED, "mitglied.meissen": CONFIRMED},
                                         "Zählt nur echte Check-ins")
        starts = session.get(EventSession, only).starts_at
        _present(session, regs["koordination.meissen"], only, recorded_at=starts - timedelta(minutes=30))
        _present(session, regs["mitglied.meissen"], only, recorded_at=starts - timedelta(days=1))  # impossible
        session.flush()
        compute_reports_now()
        after = (_meissen(session, "trainings_attended", year), _meissen(session, "training_participants", year))
        assert after == (before[0] + 1, before[1] + 1)  # one person, not two
        aggregate_events_now()
        whole = session.scalar(sa.select(EventFigures).filter_by(event_id=event_id, scope="event", scope_key=""))
        assert (whole.attended, whole.no_shows) == (1, 1)
        session.rollback()


# --- A3: waitlisted and cancelled people get neither certificate nor feedback ------------------------


def test_waitlisted_and_cancelled_people_get_no_certificate_and_no_feedback(client_as, ctx):
    with ctx() as session:
        event_id, (only,), regs = _event(session, [timedelta(days=-5)], {
            "koordination.zwickau": CONFIRMED, "mitglied.zittau": RegistrationStatus.waitlisted,
            "koordination.meissen": RegistrationStatus.cancelled}, "Nur für Bestätigte")
        for login in regs:  # even marked present by mistake
            _present(session, regs[login], only)
        session.commit()
    client_as("land").submit(f"/veranstaltungen/{event_id}/bescheinigungen")
    with ctx() as session:
        assert session.scalars(sa.select(Certificate.registration_id).where(
            Certificate.registration_id.in_(regs.values()))).all() == [regs["koordination.zwickau"]]
        # a certificate row for the cancelled one (from before the rule) is not handed out either
        session.add(Certificate(registration_id=regs["koordination.meissen"], pdf=b"%PDF-1.4 alt"))
        session.commit()
    for login in ("mitglied.zittau", "koordination.meissen"):
        person, base = client_as(login), f"/veranstaltungen/anmeldungen/{regs[login]}"
        for path in ("bescheinigung", "bescheinigung.pdf", "rueckmeldung"):
            assert person.get(f"{base}/{path}").status_code == 404, (login, path)
        assert person.submit(f"{base}/rueckmeldung", {"overall": "5", "usefulness": "5"}).status_code == 404
        detail = person.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
        assert f"{base}/bescheinigung" not in detail and f"{base}/rueckmeldung" not in detail
    with ctx() as session:
        assert _count(session, Feedback, registration_id=regs["mitglied.zittau"]) == 0
        assert _count(session, Feedback, registration_id=regs["koordination.meissen"]) == 0
    confirmed = client_as("koordination.zwickau")
    base = f"/veranstaltungen/anmeldungen/{regs['koordination.zwickau']}"
    assert confirmed.get(f"{base}/bescheinigung.pdf").mimetype == "application/pdf"
    assert confirmed.submit(f"{base}/rueckmeldung", {"overall": "4", "usefulness": "5"}).status_code == 302
    detail = confirmed.get(f"/veranstaltungen/{event_id}").get_data(as_text=True)
    assert f"{base}/bescheinigung" in detail and f"{base}/rueckmeldung" in detail


def test_demo_check_ins_are_real_ones(ctx):
    """The demo's past events were checked in when their sessions began, so the figures count them."""
    with ctx() as session:
        rows = session.execute(sa.select(Attendance.recorded_at, EventSession.starts_at)
                               .join(EventSession, EventSession.id == Attendance.session_id)).all()
        assert rows and all(berlin(recorded) >= berlin(starts) - timedelta(hours=1) for recorded, starts in rows)


# --- the changed pages in a browser: axe-core, and no horizontal scrolling at 320 px ------------------


@pytest.mark.browser
def test_check_in_certificate_and_renewal_pages_pass_axe_and_fit_320_px(live_server, browser, committed):
    """The pages of this part; the pages they sit beside (the event's, the meetings list) have
    tables of their own that are wider than 320 px, which is theirs to fix."""
    with committed.app_context():
        upcoming, _, _ = _event(db.session, [timedelta(minutes=30), timedelta(days=2)],
                                {"koordination.zwickau": CONFIRMED, "mitglied.zwickau": CONFIRMED},
                                "Check-in mit einem langen Titel für schmale Bildschirme")
        past, (only,), regs = _event(db.session, [timedelta(days=-3)], {"koordination.zwickau": CONFIRMED},
                                     "Vergangene Fortbildung mit Bescheinigung")
        _present(db.session, regs["koordination.zwickau"], only)
        db.session.commit()
        certificates.make_certificates(past)
        db.session.commit()
    pages = {"land": [f"/veranstaltungen/{upcoming}/teilnahme", f"/veranstaltungen/{past}/teilnahme"],
             "koordination.zwickau": [f"/veranstaltungen/anmeldungen/{regs['koordination.zwickau']}/bescheinigung",
                                      "/veranstaltungen/kalender/erneuern", "/k/zwickau/sitzungen/kalender/erneuern"]}
    axe, found, wide = Axe(), {}, {}
    for login, paths in pages.items():
        page = browser.new_page(viewport={"width": 320, "height": 800})
        log_in(page, live_server, login)
        for path in paths:
            assert page.goto(f"{live_server}{path}").status == 200, path
            violations = axe.run(page).response["violations"]
            if violations:
                found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide[path] = width
        page.close()
    assert found == {} and wide == {}
