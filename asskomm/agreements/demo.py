"""Demo cooperation agreements for every KPR that has signed one (the dates of the demo KPRs),
with invented signatories, Zwickau's renewal and the signed papers: Meißen's and Zittau's are the
documents the documents demo already holds, Zwickau's is written here."""

from __future__ import annotations

import io
from datetime import date

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from ..documents import services as documents
from ..documents.demo import pdf_bytes
from ..documents.models import Document
from . import services
from .models import CooperationAgreement, Party

LPR = ("Dr. Henrik Ostermann", "Geschäftsführer des Landespräventionsrates Sachsen")

# slug -> valid until, notes, {party: [(name, function)]}, signed paper: a stored document's title,
# or None to write one here, or False for none
AGREEMENTS = {
    "zwickau": (date(2024, 11, 11), "Unterzeichnet im Rathaus Zwickau; zunächst für fünf Jahre geschlossen.", {
        Party.municipality: [("Carola Brenner", "Oberbürgermeisterin"),
                             ("Uwe Lindner", "Bürgermeister für Ordnung und Sicherheit")],
        Party.police: [("Matthias Kühnel", "Präsident der Polizeidirektion Zwickau")],
        Party.state_council: [LPR],
    }, None),
    "zittau": (None, "", {
        Party.municipality: [("Holger Weißbach", "Oberbürgermeister")],
        Party.police: [("Kerstin Fröhlich", "Präsidentin der Polizeidirektion Görlitz")],
        Party.state_council: [LPR],
    }, "Kooperationsvereinbarung ASSKomm (2021)"),
    "meissen": (date(2027, 6, 28), "Gültig für fünf Jahre; eine Verlängerung ist vorgesehen.", {
        Party.municipality: [("Bernd Rothenbächer", "Oberbürgermeister")],
        Party.police: [("Ralf Baumgart", "Leiter des Polizeireviers Meißen, für die Polizeidirektion Dresden")],
        Party.state_council: [LPR],
    }, "Kooperationsvereinbarung „Allianz Sichere Sächsische Kommunen“"),
    "landkreis-rostock": (None, "Vereinbarung mit dem Landkreis als Partner der Allianz außerhalb Sachsens.", {
        Party.municipality: [("Sybille Rahn", "Landrätin")],
        Party.police: [("Jörg Petersen", "Polizeipräsidium Rostock")],
        Party.state_council: [LPR],
    }, False),
    "bautzen": (date(2030, 3, 17), "", {
        Party.municipality: [("Frank Dietzsch", "Oberbürgermeister"), ("Ines Lehmann", "Leiterin Ordnungsamt")],
        Party.police: [("Kerstin Fröhlich", "Präsidentin der Polizeidirektion Görlitz")],
        Party.state_council: [LPR],
    }, None),
    "freiberg": (date(2023, 4, 9), "Der KPR ruht seit 2024; die Vereinbarung ist ausgelaufen.", {
        Party.municipality: [("Gernot Haase", "Oberbürgermeister")],
        Party.police: [("Andrea Wendt", "Präsidentin der Polizeidirektion Chemnitz")],
        Party.state_council: [LPR],
    }, False),
}

# slug -> (renewed on, new validity, note)
RENEWALS = {"zwickau": (date(2024, 10, 1), date(2029, 12, 31), "Verlängert nach der Evaluation 2024.")}


def load(tenants: dict[str, Tenant]) -> None:
    recorder = db.session.scalar(sa.select(User).filter_by(email="land@demo.asskomm.de"))
    for slug, (valid_until, notes, signatories, paper) in AGREEMENTS.items():
        tenant = tenants[slug]
        with tenant_context(tenant.id):
            if db.session.scalar(sa.select(CooperationAgreement.id).limit(1)) is not None:
                continue
            signed_on = tenant.agreement_signed_on
            upload = None
            if paper is None:
                title = f"Kooperationsvereinbarung {tenant.name}"
                upload = documents.check(f"{title}.pdf", io.BytesIO(pdf_bytes(title, [
                    "Allianz Sichere Sächsische Kommunen",
                    f"{tenant.name}, {tenant.police_directorate}, Landespräventionsrat Sachsen",
                    f"Unterzeichnet am {signed_on:%d.%m.%Y}."])))
            data = {"signed_on": signed_on, "valid_until": valid_until, "notes": notes,
                    "police_directorate": tenant.police_directorate}
            agreement = services.save_agreement(tenant, None, data, signatories, upload, recorder)
            if paper:
                agreement.document_id = db.session.scalar(sa.select(Document.id).filter_by(title=paper))
            if slug in RENEWALS:
                services.renew(agreement, *RENEWALS[slug])
            db.session.flush()
