"""Cooperation agreements for the isolation matrix: one per KPR with its signed paper stored."""

from __future__ import annotations

import io
from datetime import date

import sqlalchemy as sa

from asskomm.agreements.models import AgreementSignatory, CooperationAgreement, Party
from asskomm.documents import services
from asskomm.documents.demo import pdf_bytes
from tenants import tenant_context

from ..helpers import tenant

NOTE = "Matrix-Vereinbarung"


def _agreement(session, slug: str) -> int:
    with tenant_context(tenant(slug).id):
        agreement_id = session.scalar(sa.select(CooperationAgreement.id).filter_by(notes=NOTE))
        if agreement_id is None:
            title = f"Matrix-Vereinbarung {slug}"
            upload = services.check("vereinbarung.pdf", io.BytesIO(pdf_bytes(title, ["intern"])))
            document = services.create_document({"title": title, "category": "agreement", "visibility": "internal"},
                                                upload, "", None)
            agreement = CooperationAgreement(signed_on=date(2020, 1, 1), valid_until=date(2030, 1, 1),
                                             police_directorate="Polizeidirektion Matrix", notes=NOTE,
                                             document_id=document.id)
            agreement.signatories = [AgreementSignatory(party=party, name=f"Matrix {slug}") for party in Party]
            session.add(agreement)
            session.flush()
            agreement_id = agreement.id
        return agreement_id


OBJECTS = {"agreement_id": _agreement}
