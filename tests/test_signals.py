"""Domain signals between features, through HTTP: a deleted document takes its comments along, a
body that still has meetings is not deleted, an agreement or a completed founding guide moves the
lifecycle, and a change of a KPR's rows marks its report figures stale."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from asskomm.comments.models import WorkspaceComment
from asskomm.documents.models import Document, DocumentCategory, Visibility
from asskomm.meetings.models import Meeting
from asskomm.reports.models import StaleFigures
from asskomm.signals import agreement_signed, founding_completed
from asskomm.structure.models import Body
from asskomm.timeutil import as_utc, now, today
from tenants import Tenant, TenantStatus, db, tenant_context

from .helpers import tenant, user


def _in_zwickau(ctx, query):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return session.scalar(query)


def test_deleting_a_document_deletes_the_comments_on_it(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):  # its own: a demo document's file would go
        document = Document(title="Entwurf", category=DocumentCategory.other, visibility=Visibility.internal)
        session.add(document)
        session.commit()
        document_id = document.id
    coach = client_as("coach1")
    posted = coach.submit("/k/zwickau/kommentare", {"item_kind": "document", "item_id": str(document_id),
                                                    "body": "Bitte die neue Fassung hochladen."})
    assert posted.status_code == 302
    count = sa.select(sa.func.count()).select_from(WorkspaceComment).filter_by(item_kind="document",
                                                                               item_id=document_id)
    assert _in_zwickau(ctx, count) >= 1
    deleted = client_as("koordination.zwickau").submit(f"/k/zwickau/dokumente/{document_id}/loeschen")
    assert deleted.status_code == 302
    assert _in_zwickau(ctx, count) == 0


def test_a_body_with_meetings_is_not_deleted_and_says_why(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        kept = Body(kind="working_group", name="AG Mit Sitzung")
        session.add(Meeting(body=kept, title="Auftakt", starts_at=now() - timedelta(days=2), place="Rathaus"))
        empty = Body(kind="working_group", name="AG Ohne Sitzung")
        session.add(empty)
        session.commit()
        kept_id, empty_id = kept.id, empty.id
    client = client_as("koordination.zwickau")
    refused = client.submit(f"/k/zwickau/struktur/gremien/{kept_id}/loeschen", follow_redirects=True)
    assert "AG Mit Sitzung hat Sitzungen und kann deshalb nicht gelöscht werden." in refused.get_data(as_text=True)
    assert client.submit(f"/k/zwickau/struktur/gremien/{empty_id}/loeschen").status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(Body, kept_id) is not None
        assert session.get(Body, empty_id) is None


def test_the_lifecycle_listens_to_agreements_and_founding(ctx):
    with ctx() as session:
        kpr = Tenant(slug="neustadt", name="Neustadt", kind="city", ags="14999001", district="Bautzen",
                     status=TenantStatus.contacted)
        session.add(kpr)
        session.flush()
        by = user("land")
        agreement_signed.send(kpr, on=today(), by=by)
        assert kpr.status == TenantStatus.agreement_signed and kpr.agreement_signed_on == today()
        agreement_signed.send(kpr, on=today(), by=by)  # a second agreement moves nothing back or forth
        assert kpr.status == TenantStatus.agreement_signed
        founding_completed.send(kpr, on=today(), by=by)
        assert kpr.status == TenantStatus.founded
        session.rollback()


def test_a_change_marks_the_kpr_figures_stale_and_a_read_does_not(client_as, ctx):
    stale = sa.select(StaleFigures.tenant_id)
    with ctx() as session:
        session.execute(sa.delete(StaleFigures))
        session.commit()
    client = client_as("koordination.zwickau")
    assert client.get("/k/zwickau/struktur").status_code == 200
    with ctx() as session:
        assert session.scalars(stale).all() == []
    assert client.submit("/k/zwickau/struktur/gremien/neu", {"kind": "working_group", "name": "AG Neu"}
                         ).status_code == 302
    with ctx() as session:
        assert session.scalars(stale).all() == [tenant("zwickau").id]
    refused = client.submit("/k/zittau/struktur/gremien/neu", {"kind": "working_group", "name": "AG Fremd"})
    assert refused.status_code == 404
    with ctx() as session:
        assert session.scalars(stale).all() == [tenant("zwickau").id]
        assert as_utc(db.session.get(StaleFigures, tenant("zwickau").id).since) <= now()


def test_a_report_run_clears_the_marks_of_changes_made_before_it(ctx):
    from workers.reports import compute_reports_now

    with ctx() as session:
        session.execute(sa.delete(StaleFigures))
        session.add(StaleFigures(tenant_id=tenant("zwickau").id, since=now() - timedelta(minutes=5)))
        session.add(StaleFigures(tenant_id=tenant("zittau").id, since=now() + timedelta(minutes=5)))
        session.flush()
        compute_reports_now()
        assert session.scalars(sa.select(StaleFigures.tenant_id)).all() == [tenant("zittau").id]
        session.rollback()
