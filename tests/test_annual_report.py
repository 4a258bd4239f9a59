"""The Präventionsbericht through HTTP: Zwickau's demo report for 2025 as a tagged PDF read back with
pypdf, opening a year, texts, submission (asked first) and return with a remark, the state council's
list and overview column, who sees what, and bad input that changes nothing."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, time

import sqlalchemy as sa
from pypdf import PdfReader

from asskomm.annual_report.models import AnnualReport, ReportVersion, VersionStatus
from asskomm.annual_report.reading import year_bounds
from asskomm.mail.models import OutboxMessage
from asskomm.meetings.models import Meeting, MeetingStatus
from asskomm.meetings.services import berlin_to_utc
from asskomm.structure.models import Body
from asskomm.timeutil import format_date, now
from tenants import FIRST_ALLIANCE_ID, Tenant, tenant_context

from .helpers import pdf_tags, tenant

BASE = "/k/zwickau/praeventionsbericht"


def _demo_version(ctx) -> tuple[int, int]:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        report = session.scalar(sa.select(AnnualReport).filter_by(year=2025))
        return report.id, report.versions[0].id


def _meetings_per_body(ctx, year: int) -> dict[str, int]:
    """The data's count, read here independently of the report: taken place, not cancelled."""
    start, end = year_bounds(year)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        rows = session.execute(
            sa.select(Body.name, sa.func.count(Meeting.id)).join(Meeting, Meeting.body_id == Body.id)
            .where(Meeting.status != MeetingStatus.cancelled, Meeting.starts_at >= start, Meeting.starts_at < end)
            .group_by(Body.name)).all()
    return dict(rows)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_zwickaus_2025_pdf_holds_the_meeting_counts_and_is_tagged(client_as, ctx):
    _, version_id = _demo_version(ctx)
    response = client_as("koordination.zwickau").get(f"{BASE}/fassungen/{version_id}/bericht.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    text = _text(response.data)
    counts = _meetings_per_body(ctx, 2025)
    assert sum(counts.values()) >= 4  # the demo's meetings of 2025
    assert f"Sitzungen der Gremien {sum(counts.values())}" in text
    for name, n in counts.items():
        heading = f"{name}: {n} Sitzung" if not name.startswith("AG") else f"{n} Sitzung"
        assert heading in text, heading
    assert "1 Sitzung im Jahr 2025." in text  # the AG Graffiti
    assert "Mit diesem Präventionsbericht legt die Stabsstelle" in text and "Ausblick" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "de"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert reader.metadata.title.startswith("Präventionsbericht 2025")
    tags = pdf_tags(root["/StructTreeRoot"])
    names = {name for name, _ in tags}
    assert {"/H1", "/H2", "/Table", "/TH", "/Figure"} <= names
    figures = [alt for name, alt in tags if name == "/Figure"]
    assert figures and all(alt and str(alt).startswith(("Sitzungen je Gremium", "Straftaten", "Gemeldete",
                                                           "Beratungsstunden")) for alt in figures)
    # reading order: the foreword comes before the bodies, the outlook last
    assert text.index("Vorwort") < text.index("Gremien und ihre Sitzungen") < text.rindex("Ausblick")


def test_the_draft_reads_the_records_anew_the_submitted_version_stays(client_as, ctx):
    report_id, version_id = _demo_version(ctx)
    client = client_as("koordination.zwickau")
    frozen = client.get(f"{BASE}/fassungen/{version_id}/bericht.html").get_data(as_text=True)
    before = sum(_meetings_per_body(ctx, 2025).values())
    with ctx() as session, tenant_context(tenant("zwickau").id):
        body = session.scalar(sa.select(Body).filter_by(name="AG Sucht"))
        session.add(Meeting(body=body, title="Sitzung der AG Sucht 2025", status=MeetingStatus.held,
                            starts_at=berlin_to_utc(date(2025, 12, 31), time(23, 30))))
        session.commit()
    draft = client.get(f"{BASE}/{report_id}").get_data(as_text=True)
    assert f"<dt>Sitzungen der Gremien</dt><dd>{before + 1}</dd>" in draft
    assert "31.12.2025: Sitzung der AG Sucht 2025" in draft  # 23:30 on 31 December, Berlin time, is still 2025
    assert "Sitzung der AG Sucht 2025" in _text(client.get(f"{BASE}/{report_id}/entwurf.pdf").data)
    standalone = client.get(f"{BASE}/{report_id}/entwurf.html").get_data(as_text=True)
    assert standalone.startswith("<!doctype html>") and '<html lang="de">' in standalone
    assert "Sitzung der AG Sucht 2025" in standalone and "csrf" not in standalone  # no trace of the site
    again = client.get(f"{BASE}/fassungen/{version_id}/bericht.html")
    assert again.get_data(as_text=True) == frozen and "AG Sucht 2025" not in frozen
    assert "style-src 'unsafe-inline'" in again.headers["Content-Security-Policy"]
    assert "script-src" not in again.headers["Content-Security-Policy"]


def test_submit_asks_first_then_the_state_council_returns_with_a_remark(client_as, ctx):
    coordinator, contact = client_as("koordination.zwickau"), client_as("kontakt")
    created = coordinator.submit(f"{BASE}/neu", {"year": "2024"}, page=f"{BASE}/")
    assert created.status_code == 302
    report_id = int(re.search(r"/praeventionsbericht/(\d+)$", created.headers["Location"]).group(1))
    saved = coordinator.submit(f"{BASE}/{report_id}", {"foreword": "Ein Jahr des Aufbaus.", "outlook": "Mehr AGs."})
    assert saved.status_code == 302
    question = coordinator.get(f"{BASE}/{report_id}/einreichen")
    assert question.status_code == 200
    page = question.get_data(as_text=True)
    assert "als Fassung 1 eingefroren" in page and "Verbindlich einreichen" in page
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(ReportVersion).filter_by(year=2024)) == 0
    done = coordinator.submit(f"{BASE}/{report_id}/einreichen", {"reason": ""})
    assert done.status_code == 302 and "/fassungen/" in done.headers["Location"]
    version_url = done.headers["Location"]
    assert "Ein Jahr des Aufbaus." in coordinator.get(version_url + "/bericht.html").get_data(as_text=True)

    # a second one while the first lies with the state council: refused with a message, nothing added
    refused = coordinator.submit(f"{BASE}/{report_id}/einreichen", {"reason": ""}, follow_redirects=True)
    assert "Fassung 1 liegt dem Landespräventionsrat noch vor" in refused.get_data(as_text=True)
    not_asked = coordinator.get(f"{BASE}/{report_id}/einreichen")  # no question for what cannot be done
    assert not_asked.status_code == 302 and not_asked.headers["Location"].endswith(f"/{report_id}")

    # the state council sees who submitted: the list (by year) and the overview's column
    listed = contact.get("/land/praeventionsberichte/?jahr=2024").get_data(as_text=True)
    assert "Stadt Zwickau" in listed and "Fassung 1" in listed and "Große Kreisstadt Zittau" not in listed
    assert version_url.split("/k/")[1] in listed  # the contact of Zwickau opens it from the list
    other = client_as("kontakt2").get("/land/praeventionsberichte/?jahr=2024").get_data(as_text=True)
    assert "Stadt Zwickau" in other and version_url.split("/k/")[1] not in other  # not Zwickau's contact
    overview = contact.get("/land/").get_data(as_text=True)
    assert "Präventionsbericht eingereicht" in overview and 'praeventionsberichte/?jahr=2025">2025</a>' in overview
    assert contact.get(version_url).status_code == 200

    # returning needs a remark; then the coordinator reads it and may submit version 2
    empty = contact.submit(version_url + "/zurueckgeben", {"remark": "  "})
    assert empty.status_code == 422
    assert "Bitte schreiben Sie, was an dieser Fassung zu ändern ist." in empty.get_data(as_text=True)
    returned = contact.submit(version_url + "/zurueckgeben", {"remark": "Bitte die Arbeitsgruppen ergänzen."})
    assert returned.status_code == 302
    with ctx() as session:
        mails = session.scalars(sa.select(OutboxMessage).where(OutboxMessage.kind == "mail_returned")).all()
    assert [m.recipient for m in mails] == ["koordination.zwickau@demo.asskomm.de"]
    assert "Bitte die Arbeitsgruppen ergänzen." in mails[0].body and f"/{report_id}" in mails[0].body
    assert contact.submit(version_url + "/zurueckgeben", {"remark": "noch einmal"}).status_code == 422
    draft = coordinator.get(f"{BASE}/{report_id}").get_data(as_text=True)
    assert "Bitte die Arbeitsgruppen ergänzen." in draft and "zurückgegeben" in draft
    second = coordinator.submit(f"{BASE}/{report_id}/einreichen", {"reason": ""})
    assert second.status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        versions = session.execute(sa.select(ReportVersion.number, ReportVersion.status)
                                   .filter_by(year=2024).order_by(ReportVersion.number)).all()
    assert versions == [(1, VersionStatus.returned), (2, VersionStatus.submitted)]


def test_who_sees_what(client_as, ctx):
    report_id, version_id = _demo_version(ctx)
    draft, version = f"{BASE}/{report_id}", f"{BASE}/fassungen/{version_id}"
    member, coach = client_as("mitglied.zwickau"), client_as("coach1")
    for reader in (member, coach):
        assert reader.get(draft).status_code == 200 and reader.get(version).status_code == 200
        assert reader.submit(draft, {"foreword": "geändert"}).status_code == 403
        assert reader.get(f"{draft}/einreichen").status_code == 403
        assert reader.get(f"{version}/zurueckgeben").status_code == 403
        assert "Mit Anmerkung zurückgeben" not in reader.get(version).get_data(as_text=True)
    # the state council reads submitted versions, not the KPR's draft; a contact of other KPRs nothing
    contact = client_as("kontakt")
    assert contact.get(draft).status_code == 404 and contact.get(f"{draft}/entwurf.pdf").status_code == 404
    assert "Mit Anmerkung zurückgeben" in contact.get(version).get_data(as_text=True)
    assert client_as("kontakt2").get(version).status_code == 404
    # another KPR's report or version is a 404, under its slug or one's own
    zittau = client_as("koordination.zittau")
    for url in (draft, version, f"{version}/bericht.pdf"):
        assert zittau.get(url).status_code == 404
        assert zittau.get(url.replace("/k/zwickau/", "/k/zittau/")).status_code == 404
    assert member.get("/land/praeventionsberichte/").status_code == 404
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(AnnualReport, report_id).foreword.startswith("Mit diesem Präventionsbericht")


def _csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"].startswith('attachment; filename="praeventionsberichte-')
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), delimiter=";"))


def test_the_state_list_downloads_as_csv_with_the_pages_filter_and_every_page(client, client_as, ctx):
    with ctx() as session:
        places = session.scalars(sa.select(Tenant).order_by(Tenant.id)).all()
        expected = set()
        years = range(2016, 2025)  # more than one page of 50 rows (Saxony has 6 demo KPRs)
        for place in places:
            with tenant_context(place.id):
                for year in years:
                    report = AnnualReport(year=year)
                    session.add(ReportVersion(report=report, number=1, year=year, html="<p>Bericht</p>", pdf=b"%PDF"))
                    if year == 2024:  # a second version: the list and the CSV show the latest
                        session.add(ReportVersion(report=report, number=2, year=year, html="<p>2</p>", pdf=b"%PDF"))
                session.flush()
            if place.alliance_id == FIRST_ALLIANCE_ID:  # MV's reports are not Saxony's state council's list
                expected.add(place.council_name)
        session.commit()
    contact = client_as("kontakt")
    page = contact.get("/land/praeventionsberichte/?jahr=2024").get_data(as_text=True)
    assert 'href="/land/praeventionsberichte/liste.csv?jahr=2024" download>Diese Liste als CSV herunterladen' in page
    header, *rows = _csv_rows(contact.get("/land/praeventionsberichte/liste.csv?jahr=2024"))
    assert header == ["KPR", "Jahr", "Fassung", "Stand", "eingereicht am"]
    assert sorted(row[0] for row in rows) == sorted(expected)
    assert all(row[1:] == ["2024", "2", "eingereicht", format_date(now())] for row in rows), rows[:3]
    everything = _csv_rows(contact.get("/land/praeventionsberichte/liste.csv"))[1:]
    assert len(everything) == len(years) * len(expected) + 1 > 50  # and Zwickau's demo report 2025: all pages
    assert [row[1] for row in everything] == sorted((row[1] for row in everything), reverse=True)
    assert ["Kommunaler Präventionsrat Stadt Zwickau", "2025", "1", "eingereicht"] in [r[:4] for r in everything]
    listed = contact.get("/land/praeventionsberichte/").get_data(as_text=True)
    assert "nicht nur diese Seite" in listed and 'href="/land/praeventionsberichte/liste.csv" download' in listed
    # a year without submissions: the page shows all years, so does the file
    assert len(_csv_rows(contact.get("/land/praeventionsberichte/liste.csv?jahr=1999"))) == len(everything) + 1
    # those who may not read the list get a 404 for the file as for the page; the public a login
    for login in ("mitglied.zwickau", "koordination.zwickau", "coach1"):
        reader = client_as(login)
        for url in ("/land/praeventionsberichte/", "/land/praeventionsberichte/liste.csv?jahr=2024"):
            assert reader.get(url).status_code == 404, (login, url)
    assert (client.get("/land/praeventionsberichte/liste.csv").status_code
            == client.get("/land/praeventionsberichte/").status_code != 200)


def test_bad_input_gets_a_german_message_and_changes_nothing(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    cases = {"abc": "vierstellige Zahl", "20.25": "vierstellige Zahl", "": "vierstellige Zahl",
             "1999": "für die Jahre 2000 bis", "2999": "für die Jahre 2000 bis", "2025": "gibt es schon"}
    for raw, message in cases.items():
        response = coordinator.submit(f"{BASE}/neu", {"year": raw})
        assert response.status_code == 422, raw
        assert message in response.get_data(as_text=True), raw
    report_id, version_id = _demo_version(ctx)
    long = coordinator.submit(f"{BASE}/{report_id}", {"foreword": "x" * 20_001, "outlook": ""})
    assert long.status_code == 422 and "Bitte fassen Sie das Vorwort kürzer" in long.get_data(as_text=True)
    contact = client_as("kontakt")
    too_long = contact.submit(f"{BASE}/fassungen/{version_id}/zurueckgeben", {"remark": "x" * 4001})
    assert too_long.status_code == 422 and "Anmerkung kürzer" in too_long.get_data(as_text=True)
    state = contact.get("/land/praeventionsberichte/?jahr=abc&seite=-3")
    assert state.status_code == 200 and "kein Präventionsbericht eingereicht" in state.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(AnnualReport)) == 1
        assert session.get(ReportVersion, version_id).status == VersionStatus.submitted
        assert session.get(AnnualReport, report_id).foreword.startswith("Mit diesem Präventionsbericht")


def test_the_demo_report_is_on_zwickaus_public_page_and_publishing_asks_first(client, client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        report = session.scalar(sa.select(AnnualReport).filter_by(year=2025))
        document_id, version = report.document_id, report.versions[0]
        assert document_id is not None and version.published_at is not None
        frozen = version.pdf
    home = client.get("/k/zwickau/").get_data(as_text=True)
    assert "Präventionsbericht 2025" in home and f"/dokumente/{document_id}/datei" in home
    public = client.get(f"/k/zwickau/dokumente/{document_id}/datei")  # anonymous: the generated, tagged PDF
    assert public.status_code == 200 and public.data == frozen
    assert "/StructTreeRoot" in PdfReader(io.BytesIO(public.data)).trailer["/Root"]

    coordinator = client_as("koordination.zwickau")
    created = coordinator.submit(f"{BASE}/neu", {"year": "2024"})
    report_id = int(created.headers["Location"].rsplit("/", 1)[1])
    version_url = coordinator.submit(f"{BASE}/{report_id}/einreichen", {"reason": ""}).headers["Location"]
    assert "Auf der öffentlichen Seite veröffentlichen" in coordinator.get(version_url).get_data(as_text=True)
    question = coordinator.get(version_url + "/veroeffentlichen").get_data(as_text=True)
    assert "für alle lesbar" in question and "Veröffentlichen" in question
    assert "Präventionsbericht 2024" not in client.get("/k/zwickau/").get_data(as_text=True)
    assert client_as("mitglied.zwickau").submit(version_url + "/veroeffentlichen", {}).status_code == 403
    assert coordinator.submit(version_url + "/veroeffentlichen", {"reason": ""}).status_code == 302
    assert "Präventionsbericht 2024" in client.get("/k/zwickau/").get_data(as_text=True)
    again = coordinator.get(version_url + "/veroeffentlichen", follow_redirects=True)
    assert "Diese Fassung ist bereits veröffentlicht." in again.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(ReportVersion)
                              .where(ReportVersion.published_at.is_not(None))) == 2


def test_the_coach_comments_on_the_draft_and_the_coordinator_is_told(client_as, ctx):
    report_id, _ = _demo_version(ctx)
    coach = client_as("coach1")
    sent = coach.submit("/k/zwickau/kommentare", {"item_kind": "annual_report", "item_id": report_id,
                                                 "body": "Bitte die Fortbildungen des Jahres ergänzen."})
    assert sent.status_code == 302
    page = client_as("koordination.zwickau").get(f"{BASE}/{report_id}").get_data(as_text=True)
    assert "Kommentare (1)" in page and "Bitte die Fortbildungen des Jahres ergänzen." in page
    with ctx() as session:
        mail = session.scalar(sa.select(OutboxMessage).where(OutboxMessage.kind == "mail_comment"))
    assert mail.recipient == "koordination.zwickau@demo.asskomm.de" and "Präventionsbericht 2025" in mail.subject
    # the state council reads versions and takes no part in the KPR's comments
    outside = client_as("kontakt").submit("/k/zwickau/kommentare", {"item_kind": "annual_report",
                                                                   "item_id": report_id, "body": "Von außen"})
    assert outside.status_code in (403, 404)
