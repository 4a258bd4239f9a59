"""The report's page reads a year in a fixed number of queries (1 or 50 meetings, measures,
consultations, trainings, funding entries), and so does the state council's list (a page of 50,
whatever the number of submissions); the trainings are counted as the reports count them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import sqlalchemy as sa

from asskomm.annual_report.models import AnnualReport, ReportVersion
from asskomm.coaching.models import Consultation, ConsultationTopic
from asskomm.events.models import Attendance, Event, EventKind, EventSession, Registration, RegistrationStatus
from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.meetings.models import Decision, Meeting, MeetingStatus, Minutes
from asskomm.prevention.models import ActionField, Measure, MeasureStatus, PreventionCycle
from asskomm.structure.models import Body
from tenants import FIRST_ALLIANCE_ID, Tenant, tenant_context

from .helpers import tenant, user

YEAR = 2024
BASE = "/k/zwickau/praeventionsbericht"


def _report(session) -> int:
    report = AnnualReport(year=YEAR, foreword="Vorwort", outlook="Ausblick")
    session.add(report)
    session.flush()
    return report.id


def _records(session, start: int, count: int) -> None:
    """`count` of every kind of record in YEAR, numbered from `start`."""
    bodies = session.scalars(sa.select(Body).order_by(Body.id)).all()
    newest = session.scalar(sa.select(sa.func.max(PreventionCycle.number))) or 0
    cycle = session.scalar(sa.select(PreventionCycle).filter_by(number=newest))
    if cycle is None or start == 0:
        cycle = PreventionCycle(number=newest + 1, analysis_started_on=date(YEAR, 1, 10), first_year=YEAR - 4,
                                last_year=YEAR - 1)
        session.add(cycle)
    field = ActionField(cycle=cycle, title=f"Abfragefeld {start}")
    session.add(field)
    coordinator = user("koordination.zwickau")
    for n in range(start, start + count):
        body = bodies[n % len(bodies)]
        starts = datetime(YEAR, 1 + n % 12, 1 + n % 27, 15, tzinfo=UTC)
        meeting = Meeting(body=body, title=f"Abfragesitzung {n}", starts_at=starts, status=MeetingStatus.held)
        meeting.minutes = Minutes(text="", decisions=[Decision(text=f"Beschluss {n}", position=0)])
        session.add(meeting)
        session.add(Measure(cycle=cycle, action_field=field, title=f"Abfragemaßnahme {n}", working_group=body,
                            status=MeasureStatus.running, starts_on=date(YEAR, 1, 1)))
        session.add(Consultation(held_on=date(YEAR, 2, 1 + n % 27), topic=list(ConsultationTopic)[n % 7],
                                 hours=Decimal("1.5")))
        session.add(FundingApplication(year=YEAR, purpose=f"Abfrageförderung {n}", status=FundingStatus.granted,
                                       amount_applied=Decimal(100), amount_granted=Decimal(90)))
        event = Event(kind=EventKind.training, title=f"Abfragefortbildung {n}", capacity=10,
                      registration_closes_at=starts - timedelta(days=1))
        event_session = EventSession(event=event, starts_at=starts, ends_at=starts + timedelta(hours=2))
        registration = Registration(event=event, user_id=coordinator.id, tenant_id=tenant("zwickau").id,
                                    status=RegistrationStatus.confirmed)
        session.add_all([event, event_session, registration])
        session.flush()
        session.add(Attendance(registration_id=registration.id, session_id=event_session.id, present=True,
                               recorded_at=starts + timedelta(minutes=5)))
    session.flush()


def test_the_report_page_takes_the_same_queries_for_1_and_50_records(client_as, ctx, count_queries):
    client = client_as("koordination.zwickau")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        report_id = _report(session)
        _records(session, 0, 1)
        session.commit()
    counts = []
    for added in (0, 49):
        if added:
            with ctx() as session, tenant_context(tenant("zwickau").id):
                _records(session, 1, added)
                session.commit()
        with count_queries() as n:
            response = client.get(f"{BASE}/{report_id}")
        assert response.status_code == 200
        counts.append(n.value)
    page = response.get_data(as_text=True)
    assert "Abfragesitzung 49" in page and "Abfragemaßnahme 49" in page and "Beschluss 49" in page
    assert "<dt>Fortbildungen mit Teilnahme</dt><dd>50</dd>" in page
    assert "Abfragefortbildung 49" in page
    assert counts[0] == counts[1], counts


def _submissions(session, years: range) -> None:
    for place in session.scalars(sa.select(Tenant).order_by(Tenant.id)).all():
        with tenant_context(place.id):
            for year in years:
                report = AnnualReport(year=year)
                session.add(ReportVersion(report=report, number=1, year=year, html="<p>Bericht</p>", pdf=b"%PDF"))
            session.flush()


def test_the_state_list_takes_the_same_queries_for_few_and_many_and_pages_by_50(client_as, ctx, count_queries):
    client = client_as("land")
    counts = []
    for years in (range(2010, 2011), range(2011, 2021)):
        with ctx() as session:
            _submissions(session, years)
            session.commit()
        with count_queries() as n:
            response = client.get("/land/praeventionsberichte/")
        assert response.status_code == 200
        counts.append(n.value)
    assert counts[0] == counts[1], counts
    with ctx() as session:
        # Saxony's: Mecklenburg-Vorpommern's reports are not in Saxony's state council's list
        places = session.scalar(sa.select(sa.func.count()).select_from(Tenant)
                                .where(Tenant.alliance_id == FIRST_ALLIANCE_ID))
    total = places * 11 + 1  # and Zwickau's demo report 2025
    first = response.get_data(as_text=True)
    assert f"{total} Berichte, Seite 1 von {-(-total // 50)}" in first and "Nächste Seite" in first
    assert first.count("<tr>") == 51  # the header and 50 rows
    last = client.get(f"/land/praeventionsberichte/?seite={-(-total // 50)}").get_data(as_text=True)
    assert last.count("<tr>") == 1 + total % 50 and "Vorherige Seite" in last
    by_year = client.get("/land/praeventionsberichte/?jahr=2015").get_data(as_text=True)
    assert f"{places} Berichte für 2015" in by_year and "<td>2014</td>" not in by_year


def test_the_overview_keeps_its_query_count_with_submitted_reports(client_as, ctx, count_queries):
    client = client_as("land")
    counts = []
    for years in (range(2010, 2011), range(2011, 2016)):
        with ctx() as session:
            _submissions(session, years)
            session.commit()
        with count_queries() as n:
            page = client.get("/land/").get_data(as_text=True)
        counts.append(n.value)
    assert counts[0] == counts[1] < 15, counts  # the bound the overview keeps (test_activity_snapshot)
    assert 'praeventionsberichte/?jahr=2025">2025</a>' in page  # Zwickau's demo report
    assert 'praeventionsberichte/?jahr=2015">2015</a>' in page  # the others' latest
