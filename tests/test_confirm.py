"""Actions that cannot be undone ask first, say what will happen and take an optional reason,
which the audit trail keeps."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.audit.models import AuditEntry
from asskomm.documents.models import Document, DocumentCategory, Visibility
from tenants import tenant_context

from .helpers import tenant


def _document_id(ctx) -> int:
    """A document of this test's own: deleting a demo document would delete its file for the tests after."""
    with ctx() as session, tenant_context(tenant("zwickau").id):
        document = Document(title="Entwurf Sicherheitsbericht", category=DocumentCategory.other,
                            visibility=Visibility.internal)
        session.add(document)
        session.commit()
        return document.id


def _exists(ctx, document_id: int) -> bool:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return session.get(Document, document_id) is not None


def test_deleting_a_document_asks_first_and_keeps_the_reason(client_as, ctx):
    document_id = _document_id(ctx)
    client = client_as("koordination.zwickau")
    url = f"/k/zwickau/dokumente/{document_id}/loeschen"
    detail = client.get(f"/k/zwickau/dokumente/{document_id}").get_data(as_text=True)
    assert f'href="{url}"' in detail  # the page links to the question, it does not delete at once
    question = client.get(url)
    page = question.get_data(as_text=True)
    assert question.status_code == 200 and "Das kann nicht rückgängig gemacht werden." in page
    assert "Kommentare zum Dokument werden mit gelöscht." in page and "Begründung (freiwillig)" in page
    assert _exists(ctx, document_id)
    too_long = client.submit(url, {"reason": "x" * 1001}, page=url)
    assert too_long.status_code == 422 and "höchstens 1000 Zeichen" in too_long.get_data(as_text=True)
    assert _exists(ctx, document_id)
    done = client.submit(url, {"reason": "  Ersetzt durch die Fassung vom Mai.  "}, page=url)
    assert done.status_code == 302
    assert not _exists(ctx, document_id)
    with ctx() as session:
        entry = session.scalar(sa.select(AuditEntry).filter_by(object_type="document", object_id=str(document_id),
                                                                action="delete"))
        assert entry.reason == "Ersetzt durch die Fassung vom Mai."
    trail = client.get("/k/zwickau/protokoll").get_data(as_text=True)
    assert "Begründung: Ersetzt durch die Fassung vom Mai." in trail


def test_a_member_gets_no_question_to_delete(client_as, ctx):
    document_id = _document_id(ctx)
    assert client_as("mitglied.zwickau").get(f"/k/zwickau/dokumente/{document_id}/loeschen").status_code == 403
    assert client_as("koordination.zittau").get(f"/k/zwickau/dokumente/{document_id}/loeschen").status_code == 404
