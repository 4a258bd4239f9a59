"""Cross-municipal reports: the worker's figures match direct counts and a second run changes
nothing; the pages stay within a fixed number of queries; exports say what the page says; a coach
sees their own KPRs only."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from asskomm.agreements.models import AgreementRenewal, CooperationAgreement
from asskomm.coaching.models import Consultation, ConsultationTopic
from asskomm.formats import format_number
from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.meetings.models import ActionItem, ActionStatus, Meeting, MeetingStatus
from asskomm.reports.models import ReportFigure
from asskomm.structure.models import Body, BodyKind
from asskomm.timeutil import now, today
from tenants import Tenant, TenantKind, TenantStatus, cross_tenant, db, tenant_context
from workers.locks import job_lock
from workers.reports import compute_reports, compute_reports_now

from .helpers import run_job_from_page, tenant, user

YEAR = today().year


def _all_rows(session) -> list[tuple]:
    figure = ReportFigure
    return session.execute(sa.select(figure.year, figure.scope, figure.scope_key, figure.metric, figure.category,
                                     figure.value).order_by(figure.year, figure.scope, figure.scope_key,
                                                            figure.metric, figure.category)).all()


def _value(session, scope: str, key: str, metric: str, category: str = "", year: int = YEAR) -> Decimal:
    return session.scalar(sa.select(ReportFigure.value).filter_by(
        year=year, scope=scope, scope_key=key, metric=metric, category=category)) or Decimal(0)


def _berlin_new_year(year: int) -> datetime:
    return datetime(year, 1, 1, tzinfo=ZoneInfo("Europe/Berlin")).astimezone(UTC)


def _add_activity(slug: str, hours: str = "2.5") -> None:
    """A consultation, a held meeting with two action items, a working group, an agreement with
    a renewal and a granted funding application, all this year."""
    coach = user("coach1" if slug in ("zwickau", "zittau", "bautzen") else "coach2")
    with tenant_context(tenant(slug).id):
        session = db.session
        session.add(Consultation(coach_id=coach.id, held_on=date(YEAR, 1, 10),
                                 topic=ConsultationTopic.security_analysis, hours=Decimal(hours), notes="Bericht"))
        group = Body(kind=BodyKind.working_group, name="AG Schulweg", topic="Verkehrssicherheit")
        session.add(group)
        session.flush()
        meeting = Meeting(body_id=group.id, title="AG-Sitzung", starts_at=datetime(YEAR, 1, 12, 15, 0, tzinfo=UTC),
                          status=MeetingStatus.held)
        session.add(meeting)
        session.flush()
        session.add_all([ActionItem(meeting_id=meeting.id, title="Plakat", status=ActionStatus.open),
                         ActionItem(meeting_id=meeting.id, title="Begehung", status=ActionStatus.done,
                                    done_on=date(YEAR, 1, 20))])
        agreement = CooperationAgreement(signed_on=date(YEAR, 1, 5), police_directorate="Polizeidirektion Test")
        agreement.renewals.append(AgreementRenewal(renewed_on=date(YEAR, 1, 6), valid_until=date(YEAR + 3, 1, 1)))
        session.add(agreement)
        session.add(FundingApplication(year=YEAR, purpose="Präventionstag", status=FundingStatus.granted,
                                       amount_applied=Decimal("1200.00"), applied_on=date(YEAR, 1, 2),
                                       amount_granted=Decimal("1000.50"), decided_on=date(YEAR, 1, 3)))
        session.flush()


def test_figures_match_direct_counts_and_a_second_run_changes_nothing(ctx):
    with ctx() as session:
        _add_activity("zwickau")
        _add_activity("zittau", hours="1.5")
        compute_reports_now()
        first = _all_rows(session)
        compute_reports_now()
        assert _all_rows(session) == first

        with cross_tenant("test: direct counts"):
            tenants = session.scalars(sa.select(Tenant)).all()
            hours = session.execute(sa.select(Consultation.tenant_id, sa.func.sum(Consultation.hours))
                                    .where(Consultation.topic == ConsultationTopic.security_analysis,
                                           sa.extract("year", Consultation.held_on) == YEAR)
                                    .group_by(Consultation.tenant_id)).all()
            in_year = sa.and_(Meeting.starts_at >= _berlin_new_year(YEAR),
                              Meeting.starts_at < _berlin_new_year(YEAR + 1))
            open_items = session.execute(sa.select(ActionItem.tenant_id, sa.func.count()).join(Meeting)
                                         .where(ActionItem.status == ActionStatus.open, in_year)
                                         .group_by(ActionItem.tenant_id)).all()
            held = session.scalar(sa.select(sa.func.count()).select_from(Meeting).where(
                Meeting.status != MeetingStatus.cancelled, Meeting.starts_at <= now(), in_year))
        for tenant_id, total in hours:
            assert _value(session, "kpr", str(tenant_id), "coaching_hours", "security_analysis") == total
        for tenant_id, count in open_items:
            assert _value(session, "kpr", str(tenant_id), "action_items_open") == count
        zwickau = tenant("zwickau")
        with tenant_context(zwickau.id):
            signed = session.scalar(sa.select(sa.func.count()).select_from(CooperationAgreement).where(
                sa.extract("year", CooperationAgreement.signed_on) == YEAR))
            renewed = session.scalar(sa.select(sa.func.count()).select_from(AgreementRenewal).where(
                sa.extract("year", AgreementRenewal.renewed_on) == YEAR))
            granted = session.scalar(sa.select(sa.func.sum(FundingApplication.amount_granted)).where(
                FundingApplication.year == YEAR, FundingApplication.status == FundingStatus.granted))
        key = str(zwickau.id)
        assert signed >= 1 and _value(session, "kpr", key, "agreements_signed") == signed
        assert renewed >= 1 and _value(session, "kpr", key, "agreements_renewed") == renewed
        assert granted >= Decimal("1000.50") and _value(session, "kpr", key, "funding_granted") == granted
        assert _value(session, "kpr", key, "working_groups", "Verkehrssicherheit") == 1
        assert _value(session, "kpr", key, "lifecycle", zwickau.status.value) == 1

        # Districts and states are the sums of their KPRs.
        in_saxony = [t for t in tenants if t.federal_state == "Sachsen"]
        state_hours = sum((total for t_id, total in hours if any(t.id == t_id for t in in_saxony)), Decimal(0))
        assert _value(session, "state", "Sachsen", "coaching_hours", "security_analysis") == state_hours
        assert _value(session, "state", "Sachsen", "lifecycle", "active") == sum(
            1 for t in in_saxony if t.status == TenantStatus.active)
        all_held = sum(_value(session, "state", s, "meetings_held") for s in {t.federal_state for t in tenants})
        assert all_held == held
        district = zwickau.district
        assert _value(session, "district", district, "coaching_hours", "security_analysis") == sum(
            (total for t_id, total in hours if any(t.id == t_id and t.district == district for t in tenants)),
            Decimal(0))


def test_a_deleted_entry_leaves_no_figure_behind(ctx):
    with ctx() as session:
        _add_activity("zwickau")
        compute_reports_now()
        key = str(tenant("zwickau").id)
        assert _value(session, "kpr", key, "agreements_renewed") == 1
        with tenant_context(tenant("zwickau").id):
            session.execute(sa.delete(AgreementRenewal))
        compute_reports_now()
        assert session.scalar(sa.select(sa.func.count()).select_from(ReportFigure).filter_by(
            scope="kpr", scope_key=key, metric="agreements_renewed")) == 0


def test_runs_never_overlap(ctx):
    with ctx(), job_lock("reports") as acquired:
        assert acquired
        assert compute_reports.apply().get() == "locked"


# --- pages ----------------------------------------------------------------------------------------


class _Tables(HTMLParser):
    """The cell texts of every table on a page, keyed by the id of its caption."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._current: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "caption":
            self._current = self.tables.setdefault(dict(attrs).get("id", ""), [])
        elif tag in ("td", "th") and self._current is not None:
            self._cell = []
        elif tag == "tr" and self._current is not None:
            self._current.append([])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._current:
            self._current[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table":
            self._current = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _page_table(html: str, key: str) -> list[list[str]]:
    parser = _Tables()
    parser.feed(html)
    return [row for row in parser.tables[f"tabelle-{key}"] if row]


def _computed(ctx) -> None:
    with ctx() as session:
        compute_reports_now()
        session.commit()


@pytest.mark.parametrize("key", ["kennzahlen", "beratung", "aufschluesselung"])
def test_exports_open_and_match_the_page(client_as, ctx, key):
    with ctx() as session:
        _add_activity("zwickau")
        session.commit()
    _computed(ctx)
    client = client_as("land")
    page = client.get("/berichte/")
    assert page.status_code == 200
    shown = _page_table(page.get_data(as_text=True), key)
    assert len(shown) > 2

    as_csv = client.get(f"/berichte/export?tabelle={key}&format=csv")
    assert as_csv.status_code == 200 and as_csv.mimetype == "text/csv"
    lines = list(csv.reader(io.StringIO(as_csv.data.decode("utf-8-sig")), delimiter=";"))
    assert lines[1][0].startswith("Stand: berechnet am")
    assert lines[2:] == shown  # header and every cell, as the page shows them

    as_xlsx = client.get(f"/berichte/export?tabelle={key}&format=xlsx")
    assert as_xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(as_xlsx.data)).active
    values = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert [str(cell) for cell in values[0]] == shown[0]
    kinds = {"Beratungsstunden": "hours", "Fördermittel beantragt": "euro", "Fördermittel bewilligt": "euro"}
    for sheet_row, page_row in zip(values[1:], shown[1:], strict=True):
        assert sheet_row[0] == page_row[0]
        for index, (cell, text) in enumerate(zip(sheet_row[1:], page_row[1:], strict=True), 1):
            header = shown[0][index] if key != "kennzahlen" else page_row[0]
            kind = kinds.get(header, "hours" if "stunden" in header.lower() else "count")
            assert isinstance(cell, int | float) and format_number(Decimal(str(cell)), kind) == text


def test_page_and_exports_show_when_the_figures_were_computed(client_as, ctx):
    client = client_as("land")
    assert "Noch nicht berechnet" in client.get("/berichte/").get_data(as_text=True)
    _computed(ctx)
    page = client.get("/berichte/").get_data(as_text=True)
    assert page.count("Stand: berechnet am") >= 6  # the page and every table caption


def test_selection_by_district_and_kpr(client_as, ctx):
    with ctx() as session:
        _add_activity("zwickau", hours="3")
        session.commit()
    _computed(ctx)
    client = client_as("kontakt")
    with ctx():
        district, name = tenant("zwickau").district, tenant("zwickau").name
    by_district = client.get("/berichte/", query_string={"landkreis": district}).get_data(as_text=True)
    assert f"Berichte: {district}" in by_district
    rows = _page_table(by_district, "aufschluesselung")
    assert [r[0] for r in rows[1:]] == [name]  # one KPR in that district in the demo
    by_kpr = client.get("/berichte/?kpr=zwickau").get_data(as_text=True)
    assert ["Sicherheitsanalyse", "3"] in _page_table(by_kpr, "beratung")
    assert client.get("/berichte/?kpr=gibt-es-nicht").status_code == 404
    assert client.get("/berichte/?landkreis=Atlantis").status_code == 404
    odd_year = client.get("/berichte/?jahr=1850").get_data(as_text=True)
    assert "Für das Jahr „1850“ gibt es keine Zahlen" in odd_year and f"Sachsen {YEAR}" in odd_year
    assert client.get("/berichte/export?tabelle=gibt-es-nicht&format=csv").status_code == 404
    assert client.get("/berichte/export?tabelle=kennzahlen&format=pdf").status_code == 404


def test_a_coach_sees_the_assigned_kprs_only(client_as, ctx):
    with ctx() as session:
        _add_activity("zwickau", hours="2")
        _add_activity("zittau", hours="1")
        _add_activity("meissen", hours="7")
        session.commit()
    _computed(ctx)
    coach = client_as("coach1")
    page = coach.get("/berichte/").get_data(as_text=True)
    assert "Berichte: Meine KPR" in page
    with ctx():
        names = sorted([tenant("zittau").name, tenant("zwickau").name, tenant("bautzen").name])  # coach1's
    assert [r[0] for r in _page_table(page, "aufschluesselung")[1:]] == names
    assert ["Sicherheitsanalyse", "3"] in _page_table(page, "beratung")  # 2 + 1, not Meißen's 7
    assert coach.get("/berichte/?kpr=zwickau").status_code == 200
    for query in ("kpr=meissen", "landkreis=Landkreis+Meißen", "land=Sachsen"):
        assert coach.get(f"/berichte/?{query}").status_code == 404
        assert coach.get(f"/berichte/export?tabelle=kennzahlen&format=csv&{query}").status_code == 404
    assert coach.submit("/berichte/berechnen", {}).status_code == 404
    for login in ("koordination.zwickau", "mitglied.zwickau"):
        assert client_as(login).get("/berichte/").status_code == 404


def test_a_coach_reassigned_away_loses_the_kpr_report_at_once(client_as, ctx):
    coach = client_as("coach1")
    assert coach.get("/berichte/?kpr=zittau").status_code == 200
    admin = client_as("land")
    with ctx():
        from asskomm.accounts.models import Assignment, AssignmentKind

        assignment = db.session.scalar(sa.select(Assignment).filter_by(
            tenant_id=tenant("zittau").id, user_id=user("coach1").id, kind=AssignmentKind.coach))
        assignment_id = assignment.id
    assert admin.submit(f"/k/zittau/zuordnung/{assignment_id}/beenden", {}).status_code == 302
    assert coach.get("/berichte/?kpr=zittau").status_code == 404


def _generated_kprs(session, count: int, start: int) -> None:
    for n in range(start, start + count):
        place = Tenant(slug=f"bericht-{n}", name=f"Berichtsgemeinde {n}", kind=TenantKind.municipality,
                       ags=f"{14800000 + n:08d}", district="Landkreis Görlitz", status=TenantStatus.active,
                       contacted_on=date(YEAR - 2, 3, 1), active_on=date(YEAR - 1, 5, 1))
        session.add(place)
        session.flush()
        with tenant_context(place.id):
            session.add(Consultation(coach_id=None, held_on=date(YEAR, 2, 1), topic=ConsultationTopic.founding,
                                     hours=Decimal("1")))
            session.flush()


def test_report_and_overview_pages_take_the_same_queries_for_4_and_420_kprs(client_as, ctx, count_queries):
    client = client_as("land")
    counts: dict[str, list[int]] = {}
    pages = ("/berichte/", "/berichte/?landkreis=Landkreis+Görlitz", "/land/")
    for added, start in ((4, 0), (416, 4)):
        with ctx() as session:
            _generated_kprs(session, added, start)
            compute_reports_now()
            session.commit()
        for url in pages:
            with count_queries() as n:
                response = client.get(url)
            assert response.status_code == 200
            counts.setdefault(url, []).append(n.value)
        district = client.get(pages[1]).get_data(as_text=True)
        assert f"Berichtsgemeinde {start + added - 1}" in district
    for url, (small, large) in counts.items():
        assert small == large < 15, (url, small, large)


@pytest.mark.worker
def test_recompute_on_demand_through_the_worker_with_progress(redis_worker, through_broker, live_client):
    assert live_client.login("land@demo.asskomm.de").status_code == 302
    assert "Noch nicht berechnet" in live_client.get("/berichte/").get_data(as_text=True)
    state = run_job_from_page(live_client, "/berichte/", redis_worker.log)
    assert state["done"] == state["total"] == 3
    assert "Stand: berechnet am" in live_client.get("/berichte/").get_data(as_text=True)


def test_the_old_years_stay_reachable(client_as, ctx):
    with ctx() as session:
        with tenant_context(tenant("zwickau").id):
            session.add(Consultation(coach_id=user("coach1").id, held_on=date(YEAR - 1, 6, 1),
                                     topic=ConsultationTopic.evaluation, hours=Decimal("4")))
            session.flush()
        compute_reports_now()
        session.commit()
    page = client_as("land").get(f"/berichte/?jahr={YEAR - 1}").get_data(as_text=True)
    assert f"Sachsen {YEAR - 1}" in page
    assert ["Evaluation", "4"] in _page_table(page, "beratung")


def test_a_kpr_sees_its_own_figures(client_as, ctx):
    with ctx() as session:
        _add_activity("zwickau", hours="3")
        _add_activity("zittau", hours="9")
        session.commit()
    _computed(ctx)
    coordinator = client_as("koordination.zwickau")
    page = coordinator.get("/k/zwickau/kennzahlen")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert ["Sicherheitsanalyse", "3"] in _page_table(html, "beratung")
    assert "Stand: berechnet am" in html and "aufschluesselung" not in html
    as_csv = coordinator.get("/k/zwickau/kennzahlen/export?tabelle=beratung&format=csv")
    lines = list(csv.reader(io.StringIO(as_csv.data.decode("utf-8-sig")), delimiter=";"))
    assert lines[2:] == _page_table(html, "beratung")
    assert coordinator.get("/k/zittau/kennzahlen").status_code == 404
    assert coordinator.get("/berichte/").status_code == 404  # the alliance's figures are not theirs
    assert client_as("mitglied.zwickau").get("/k/zwickau/kennzahlen").status_code == 403
    assert client_as("coach2").get("/k/zwickau/kennzahlen/export").status_code == 404
