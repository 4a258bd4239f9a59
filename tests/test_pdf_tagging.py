"""Every kind of PDF the platform makes is tagged (issue 14): the participation certificate and the
annual report's draft, each rendered once and downloaded through HTTP, and the demo's stand-ins for
uploaded documents, read back with pypdf — structure tags, language de, marked content, the title
shown as the window's title, and the text."""

from __future__ import annotations

import io

import sqlalchemy as sa
from pypdf import PdfReader

from asskomm.annual_report.models import AnnualReport
from asskomm.documents.demo import pdf_bytes
from tenants import tenant_context

from .helpers import pdf_tags, tenant, user
from .test_events_day import _check_in, _event, _ids


def _read_tagged(data: bytes, title: str) -> tuple[set[str], str]:
    """Checks what every tagged PDF of the platform has; returns its tag names and its text."""
    reader = PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    assert str(root["/Lang"]).startswith("de")
    assert bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata.title == title
    names = [name for name, _ in pdf_tags(root["/StructTreeRoot"])]
    assert names, "no structure tags"
    return set(names), "\n".join(page.extract_text() for page in reader.pages)


def test_the_participation_certificate_is_tagged(client_as, ctx):
    with ctx() as session:
        event = _event(session, title="Tagging-Werkstatt Görlitz")
        session.commit()
        event_id, (first, _), regs = _ids(session, event)
        name = user("mitglied.zittau").name
    manager = client_as("land")
    _check_in(manager, event_id, [(regs["mitglied.zittau"], first)])
    assert manager.submit(f"/veranstaltungen/{event_id}/bescheinigungen").status_code == 302
    url = f"/veranstaltungen/anmeldungen/{regs['mitglied.zittau']}/bescheinigung.pdf"
    response = client_as("mitglied.zittau").get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    names, text = _read_tagged(response.data, "Teilnahmebescheinigung – Tagging-Werkstatt Görlitz")
    assert {"/H1", "/P", "/L", "/LI"} <= names
    for part in ("Teilnahmebescheinigung", name, "Tagging-Werkstatt Görlitz", "Dresden, Landespräventionsrat"):
        assert part in text, part


def test_the_annual_reports_draft_is_tagged(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        report = session.scalar(sa.select(AnnualReport).filter_by(year=2025))
        report_id, title = report.id, f"{report.title} – {tenant('zwickau').council_name}"
    response = client_as("mitglied.zwickau").get(f"/k/zwickau/praeventionsbericht/{report_id}/entwurf.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    names, text = _read_tagged(response.data, title)
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD", "/Figure"} <= names
    assert "Präventionsbericht 2025" in text and "Vorwort" in text


def test_the_demos_documents_are_tagged():
    data = pdf_bytes("Flyer Präventionsrat", ["Wir über uns", "Kontakt (Rathaus)"], size=6000)
    assert len(data) > 5000
    names, text = _read_tagged(data, "Flyer Präventionsrat")
    assert {"/H1", "/P"} <= names
    assert "Flyer Präventionsrat" in text and "Kontakt (Rathaus)" in text
