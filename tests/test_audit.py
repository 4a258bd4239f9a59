"""The audit trail through HTTP: every change leaves an entry with old and new values in the same
transaction, a refused one leaves none; sign-ins are recorded without passwords; the KPR's page is
its coordinators', the state's page the state admins', both filtered, paginated and as CSV."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from datetime import timedelta
from decimal import Decimal
from html import unescape as html_unescape

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind, Membership, User, UserRole
from asskomm.audit.labels import OBJECT_TYPES
from asskomm.audit.listener import audited_tables
from asskomm.audit.models import AuditEntry
from asskomm.documents.demo import pdf_bytes
from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.mail.models import OutboxMessage
from asskomm.public.models import NewsPost
from asskomm.timeutil import now, today
from tenants import FIRST_ALLIANCE_ID, db, tenant_context

from .fixtures.clients import make_client
from .helpers import tenant, user

RESET_LINK = re.compile(r"http://localhost(/passwort-neu/\S+)")
LABEL = re.compile(r"„([^“]*)“")
CSV_LINK = re.compile(r'href="(/[^"]*protokoll\.csv[^"]*)"')


# -- helpers ------------------------------------------------------------------------------------------------------


def _last_id(ctx) -> int:
    with ctx() as session:
        return session.scalar(sa.select(sa.func.coalesce(sa.func.max(AuditEntry.id), 0)))


def _entries_since(ctx, marker: int, **where) -> list[AuditEntry]:
    with ctx() as session:
        rows = session.scalars(sa.select(AuditEntry).filter_by(**where).where(AuditEntry.id > marker)
                               .order_by(AuditEntry.id)).all()
        session.expunge_all()
        return rows


def _one(ctx, marker: int, **where) -> AuditEntry:
    rows = _entries_since(ctx, marker, **where)
    assert len(rows) == 1, [(r.object_type, r.action, r.changes) for r in rows]
    return rows[0]


def _add_entries(ctx, count: int, **values) -> None:
    """Entries written directly, for the pages' filters and query counts."""
    with ctx() as session:
        for n in range(count):
            session.add(AuditEntry(**{"at": now(), "object_type": "news_post", "object_id": str(n),
                                      "action": "update", "changes": {"title": [f"alt {n}", f"neu {n}"]},
                                      "object_label": f"Eintrag {n}", **values}))
        session.commit()


def _news_post(ctx, slug: str) -> tuple[int, str]:
    with ctx() as session, tenant_context(tenant(slug).id):
        post = session.scalars(sa.select(NewsPost).order_by(NewsPost.id)).first()
        return post.id, post.title


def _all_entry_text(ctx) -> str:
    with ctx() as session:
        rows = session.execute(sa.select(AuditEntry.changes, AuditEntry.object_label, AuditEntry.actor_email)).all()
    return json.dumps([list(row) for row in rows], ensure_ascii=False)


def _csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def _page_labels(html: str) -> list[str]:
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return LABEL.findall(body)


# -- one entry per kind of change, with old and new values -------------------------------------------------------


def test_editing_a_news_post_records_old_and_new_values_with_the_coordinator(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    post_id, title = _news_post(ctx, "zwickau")
    marker = _last_id(ctx)
    response = coordinator.submit(f"/k/zwickau/oeffentlich/meldungen/{post_id}", {
        "title": "Neue Überschrift", "published_on": "2026-02-04", "body": "Neu", "published": "y"})
    assert response.status_code == 302
    entry = _one(ctx, marker, object_type="news_post")
    with ctx():
        coordinator_id, zwickau_id = user("koordination.zwickau").id, tenant("zwickau").id
    assert (entry.action, entry.object_id, entry.object_label) == ("update", str(post_id), "Neue Überschrift")
    assert entry.changes["title"] == [title, "Neue Überschrift"]
    assert entry.changes["published_on"][1] == "2026-02-04"
    assert "body_html" not in entry.changes and "updated_at" not in entry.changes
    assert (entry.user_id, entry.role, entry.tenant_id) == (coordinator_id, "coordinator", zwickau_id)
    assert entry.actor_email == "koordination.zwickau@demo.asskomm.de" and entry.actor_name
    page = coordinator.get("/k/zwickau/protokoll").get_data(as_text=True)
    assert f"title: {title} → Neue Überschrift" in page and "Koordinator:in" in page and "Meldung Nr." in page


def test_deleting_a_news_post_records_what_it_held(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    post_id, title = _news_post(ctx, "zwickau")
    marker = _last_id(ctx)
    assert coordinator.submit(f"/k/zwickau/oeffentlich/meldungen/{post_id}/loeschen").status_code == 302
    entry = _one(ctx, marker, object_type="news_post")
    assert (entry.action, entry.object_id, entry.object_label) == ("delete", str(post_id), title)
    assert entry.changes["title"] == [title, None]


def test_removing_a_member_is_a_readable_membership_entry(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    with ctx() as session, tenant_context(tenant("zwickau").id):
        member = user("mitglied.zwickau")
        membership_id = session.scalar(sa.select(Membership.id).filter_by(user_id=member.id))
        member_id, member_name = member.id, member.name
    marker = _last_id(ctx)
    assert coordinator.submit(f"/k/zwickau/mitglieder/{membership_id}/entfernen").status_code == 302
    entry = _one(ctx, marker, object_type="membership")
    assert (entry.action, entry.object_id) == ("delete", str(membership_id))
    assert entry.object_label == f"{member_name} (Mitglied)"
    assert entry.changes == {"user_id": [member_id, None], "role": ["member", None]}
    page = coordinator.get("/k/zwickau/protokoll?objekt=membership").get_data(as_text=True)
    assert "Mitgliedschaft" in page and f"„{member_name} (Mitglied)“" in page and "gelöscht" in page


def test_a_changed_funding_amount_shows_both_amounts_and_the_contacts_role(client_as, ctx):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        entry = FundingApplication(year=today().year, purpose="Bürgerbefragung", status=FundingStatus.applied,
                                   amount_applied=Decimal("5000"), applied_on=today())
        session.add(entry)
        session.commit()
        funding_id = entry.id
    marker = _last_id(ctx)
    contact = client_as("kontakt")
    response = contact.submit(f"/k/zwickau/foerderung/{funding_id}/bearbeiten", {
        "year": str(today().year), "purpose": "Bürgerbefragung", "status": "applied", "amount_applied": "5.500,50",
        "applied_on": today().isoformat(), "amount_granted": "", "decided_on": "", "notes": ""})
    assert response.status_code == 302
    entry = _one(ctx, marker, object_type="funding_application")
    old, new = entry.changes["amount_applied"]
    assert (Decimal(old), Decimal(new)) == (Decimal("5000"), Decimal("5500.50"))
    assert set(entry.changes) == {"amount_applied"} and entry.role == "contact"


@pytest.fixture
def uploads(fresh, tmp_path):
    settings = fresh.config["SETTINGS"]
    fresh.config["SETTINGS"] = dataclasses.replace(settings, instance_path=str(tmp_path))
    yield tmp_path / "uploads"
    fresh.config["SETTINGS"] = settings


def test_deleting_a_document_records_it_and_its_versions(client_as, ctx, uploads):
    coordinator = client_as("koordination.zwickau")
    form = {"title": "Wird protokolliert gelöscht", "category": "other", "visibility": "internal",
            "description": "", "note": "", "file": (io.BytesIO(pdf_bytes("Bericht", ["1"])), "bericht.pdf")}
    assert coordinator.submit("/k/zwickau/dokumente/neu", form, content_type="multipart/form-data").status_code == 302
    uploaded = _entries_since(ctx, 0, object_type="document", action="insert")[-1]
    assert uploaded.object_label == "Wird protokolliert gelöscht" and uploaded.role == "coordinator"
    marker = _last_id(ctx)
    assert coordinator.submit(f"/k/zwickau/dokumente/{uploaded.object_id}/loeschen").status_code == 302
    entry = _one(ctx, marker, object_type="document")
    assert entry.action == "delete" and entry.changes["title"] == ["Wird protokolliert gelöscht", None]
    versions = _entries_since(ctx, marker, object_type="document_version")
    assert [v.action for v in versions] == ["delete"]
    assert versions[0].changes["document_id"] == [int(uploaded.object_id), None]


def test_ending_an_assignment_and_granting_a_role_are_readable(client_as, ctx):
    admin = client_as("land")
    with ctx() as session:
        assignment_id = session.scalar(sa.select(Assignment.id).filter_by(
            tenant_id=tenant("zittau").id, kind=AssignmentKind.coach, ends_on=None))
        zittau_id = tenant("zittau").id
    marker = _last_id(ctx)
    assert admin.submit(f"/k/zittau/zuordnung/{assignment_id}/beenden", page="/k/zittau/zuordnung").status_code == 302
    ended = _one(ctx, marker, object_type="assignment")
    assert (ended.action, ended.tenant_id, ended.role) == ("update", zittau_id, "state_admin")
    assert ended.changes["ends_on"] == [None, today().isoformat()]
    assert "(ASSKomm-Coach)" in ended.object_label
    response = admin.submit("/land/personen", {"name": "Clara Neu", "email": "clara.neu@example.org",
                                               "roles": ["coach"], "kpr": "", "membership_role": "member"})
    assert response.status_code == 302
    granted = _one(ctx, marker, object_type="user_role")
    assert (granted.action, granted.object_label, granted.tenant_id) == ("insert", "Clara Neu (ASSKomm-Coach)", None)
    assert granted.changes["role"] == [None, "coach"]
    page = admin.get("/land/protokoll?person=land%40demo").get_data(as_text=True)
    assert "Rolle" in page and "Zuordnung" in page and "„Clara Neu (ASSKomm-Coach)“" in page


def test_old_values_are_read_when_the_session_no_longer_holds_them(ctx):
    """A commit expires what the session loaded: an update or a deletion after it still records
    the old values (read before the flush overwrites them)."""
    post_id, title = _news_post(ctx, "zwickau")
    marker = _last_id(ctx)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        post = session.get(NewsPost, post_id)
        session.commit()
        post.title = "Nach dem Commit"  # set without loading: the session knows no old title
        session.commit()
        session.delete(post)  # expired again: nothing of it is loaded
        session.commit()
    update, delete = _entries_since(ctx, marker, object_type="news_post")
    assert (update.action, update.changes["title"]) == ("update", [title, "Nach dem Commit"])
    assert (delete.action, delete.changes["title"]) == ("delete", ["Nach dem Commit", None])
    assert update.user_id is None and update.role == ""  # no request: the system


# -- sign-ins and passwords ----------------------------------------------------------------------------------------


def test_sign_in_and_failed_sign_in_are_recorded_without_a_password(fresh, client, ctx):
    email = "koordination.zwickau@demo.asskomm.de"
    marker = _last_id(ctx)
    assert client.login(email, "ganz-falsches-passwort").status_code == 401
    failed = _one(ctx, marker, action="login_failed")
    with ctx():
        account_id = user(email).id
    assert (failed.actor_email, failed.object_label, failed.object_id) == (email, email, str(account_id))
    assert failed.user_id is None and failed.changes == {}
    assert client.login(email).status_code == 302
    signed_in = _one(ctx, marker, action="login")
    assert (signed_in.user_id, signed_in.object_id, signed_in.tenant_id) == (account_id, str(account_id), None)
    assert not _entries_since(ctx, marker, object_type="user_account", action="update")  # last_login_at only
    assert "ganz-falsches-passwort" not in _all_entry_text(ctx)
    nobody = make_client(fresh).login("niemand@example.org", "ganz-falsches-passwort")
    assert nobody.status_code == 401
    unknown = _one(ctx, marker, action="login_failed", actor_email="niemand@example.org")
    assert unknown.object_id == ""


def test_a_password_change_says_that_it_changed_and_never_stores_a_hash(client, ctx):
    email = "mitglied.zittau@demo.asskomm.de"
    assert client.submit("/passwort-vergessen", {"email": email}).status_code == 302
    with ctx() as session:
        mail = session.scalars(sa.select(OutboxMessage).filter_by(recipient=email, kind="password_reset")
                               .order_by(OutboxMessage.id.desc())).first()
        link = RESET_LINK.search(mail.body).group(1)
    marker = _last_id(ctx)
    done = client.submit(link, {"password": "ein-neues-passwort", "confirm": "ein-neues-passwort"})
    assert done.status_code == 302
    entry = _one(ctx, marker, object_type="user_account")
    with ctx() as session:
        person = user(email)
        hashes = [h for h in session.scalars(sa.select(User.password_hash)) if h]
    assert (entry.action, entry.object_id, entry.user_id) == ("password_changed", str(person.id), person.id)
    assert entry.changes == {"password_hash": ["gesetzt", "geändert"], "auth_version": [1, 2]}
    text = _all_entry_text(ctx)
    assert hashes and not any(h in text for h in hashes) and "$argon2" not in text
    assert "ein-neues-passwort" not in text


# -- one transaction ---------------------------------------------------------------------------------------------


def test_a_refused_request_leaves_no_entry_although_it_flushed_one(fresh, client_as, ctx):
    """Inviting a member as coach adds the role, flushes it (the membership check queries), then
    is refused: the role and its entry, already written, are rolled back together."""
    admin = client_as("land")
    with ctx():
        member_id = user("mitglied.zwickau").id
    marker = _last_id(ctx)
    written = []

    def watch(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("INSERT INTO AUDIT_ENTRY"):
            written.append(statement)

    with fresh.app_context():
        engine = db.engines[None].engine
    sa.event.listen(engine, "before_cursor_execute", watch)
    try:
        response = admin.submit("/land/personen", {
            "name": "Mitglied", "email": "mitglied.zwickau@demo.asskomm.de", "roles": ["coach"],
            "kpr": "zwickau", "membership_role": "member"})
    finally:
        sa.event.remove(engine, "before_cursor_execute", watch)
    assert response.status_code == 422 and "gehört bereits" in response.get_data(as_text=True)
    assert written, "the refused change was flushed with its entry before the refusal"
    assert _entries_since(ctx, marker, object_type="user_role") == []
    with ctx() as session:
        assert session.get(UserRole, (member_id, "coach", FIRST_ALLIANCE_ID)) is None


def test_entries_cannot_be_changed_or_deleted_in_the_app(ctx, client_as):
    client_as("land")
    with ctx() as session:
        entry = session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        entry.object_label = "verfälscht"
        with pytest.raises(RuntimeError, match="nicht geändert"):
            session.flush()
        session.rollback()
        with pytest.raises(RuntimeError, match="nicht geändert"):
            session.execute(sa.delete(AuditEntry))
        session.rollback()
        session.delete(session.scalars(sa.select(AuditEntry)).first())
        with pytest.raises(RuntimeError, match="nicht geändert"):
            session.flush()
        session.rollback()


# -- who may read -------------------------------------------------------------------------------------------------


def test_the_kpr_page_is_for_its_coordinators_only(client_as):
    coordinator = client_as("koordination.zwickau")
    assert coordinator.get("/k/zwickau/protokoll").status_code == 200
    assert "Änderungsprotokoll" in coordinator.get("/k/zwickau/").get_data(as_text=True)
    assert coordinator.get("/k/zittau/protokoll").status_code == 404
    assert coordinator.get("/k/zittau/protokoll.csv").status_code == 404
    assert coordinator.get("/land/protokoll").status_code == 404
    assert coordinator.get("/land/protokoll.csv").status_code == 404
    for login in ("mitglied.zwickau", "coach1", "kontakt"):
        other = client_as(login)
        assert other.get("/k/zwickau/protokoll").status_code == 403, login
        assert other.get("/k/zwickau/protokoll.csv").status_code == 403, login
        assert "/k/zwickau/protokoll" not in other.get("/k/zwickau/").get_data(as_text=True), login
    for login in ("kontakt", "coach1", "mitglied.zwickau"):
        assert client_as(login).get("/land/protokoll").status_code == 404, login
    admin = client_as("land")
    assert admin.get("/land/protokoll").status_code == 200
    assert 'href="/land/protokoll"' in admin.get("/land/").get_data(as_text=True)
    assert 'href="/land/protokoll"' not in client_as("kontakt").get("/land/").get_data(as_text=True)


def test_the_kpr_page_shows_its_own_entries_only(client_as, ctx):
    with ctx():
        zittau_id, zwickau_id = tenant("zittau").id, tenant("zwickau").id
    _add_entries(ctx, 2, tenant_id=zittau_id, object_label="Nur Zittau", actor_name="Zacharias Zittau")
    _add_entries(ctx, 1, tenant_id=zwickau_id, object_label="Nur Zwickau", actor_name="Zacharias Zittau")
    _add_entries(ctx, 1, tenant_id=None, object_label="Kein KPR", actor_name="Zacharias Zittau")
    coordinator = client_as("koordination.zwickau")
    page = coordinator.get("/k/zwickau/protokoll?person=Zacharias").get_data(as_text=True)
    assert _page_labels(page) == ["Nur Zwickau"]
    rows = _csv(coordinator.get("/k/zwickau/protokoll.csv?person=Zacharias"))
    assert [row["Bezeichnung"] for row in rows] == ["Nur Zwickau"]


# -- the state's page: filters, pages, CSV -------------------------------------------------------------------------


def test_state_admin_filters_by_kpr_person_type_and_dates_and_the_csv_matches(client_as, ctx):
    with ctx():
        zittau_id, zwickau_id = tenant("zittau").id, tenant("zwickau").id
    anna = {"actor_name": "Anna Filter", "actor_email": "anna.filter@example.org", "role": "coordinator"}
    yesterday, long_ago = now() - timedelta(days=1), now() - timedelta(days=10)
    _add_entries(ctx, 1, tenant_id=zittau_id, at=yesterday, object_label="A Zittau Meldung", **anna)
    _add_entries(ctx, 1, tenant_id=zwickau_id, at=yesterday, object_label="B Zwickau Meldung", **anna)
    _add_entries(ctx, 1, tenant_id=zittau_id, at=yesterday, object_type="document", object_label="C Dokument", **anna)
    _add_entries(ctx, 1, tenant_id=zittau_id, at=long_ago, object_label="D alt", **anna)
    _add_entries(ctx, 1, tenant_id=zittau_id, at=yesterday, object_label="E Bernd", actor_name="Bernd Anders",
                 actor_email="bernd@example.org")
    _add_entries(ctx, 1, tenant_id=zittau_id, at=now(), object_label="F neu", **anna)
    admin = client_as("land")
    start = (today() - timedelta(days=3)).isoformat()
    cases = {
        f"kpr=Zittau&person=anna.filter&objekt=news_post&von={start}": ["F neu", "A Zittau Meldung"],
        "kpr=zittau&person=ANNA FILTER": ["F neu", "C Dokument", "A Zittau Meldung", "D alt"],
        "kpr=zwick&person=anna": ["B Zwickau Meldung"],
        "person=Bernd": ["E Bernd"],
        f"person=anna&bis={(today() - timedelta(days=5)).isoformat()}": ["D alt"],
        "person=anna&objekt=document": ["C Dokument"],
    }
    for query, expected in cases.items():
        page = admin.get(f"/land/protokoll?{query}")
        assert page.status_code == 200, query
        html = page.get_data(as_text=True)
        assert _page_labels(html) == expected, query
        export = html_unescape(CSV_LINK.search(html).group(1))  # the page's own link, with its filter
        rows = _csv(admin.get(export))
        assert [row["Bezeichnung"] for row in rows] == expected, query
    rows = _csv(admin.get(f"/land/protokoll.csv?kpr=Zittau&person=anna.filter&objekt=news_post&von={start}"))
    html = admin.get(f"/land/protokoll?kpr=Zittau&person=anna.filter&objekt=news_post&von={start}").get_data(
        as_text=True)
    first = rows[0]
    assert first["KPR"] == "Große Kreisstadt Zittau" and first["Person"] == "Anna Filter"
    assert first["Rolle"] == "Koordinator:in" and first["Aktion"] == "geändert" and first["Art"] == "Meldung"
    assert first["Änderungen"] == "title: alt 0 → neu 0"
    for cell in (first["Zeitpunkt"], first["KPR"], first["E-Mail-Adresse"], first["Änderungen"]):
        assert cell in html
    refused = admin.get(f"/land/protokoll?von={today().isoformat()}&bis={start}")
    assert refused.status_code == 422 and "Enddatum liegt vor dem Anfangsdatum" in refused.get_data(as_text=True)


def test_the_state_page_asks_for_a_kpr_by_text_not_from_a_list(client_as):
    html = client_as("land").get("/land/protokoll").get_data(as_text=True)
    assert 'name="kpr" type="search"' in html
    assert "Große Kreisstadt Zittau</option>" not in html


def test_pages_are_paginated_newest_first(client_as, ctx):
    _add_entries(ctx, 55, actor_name="Paula Seiten")
    admin = client_as("land")
    first = admin.get("/land/protokoll?person=Paula").get_data(as_text=True)
    assert "55 Einträge" in first and "Seite 1 von 2" in first
    assert _page_labels(first)[:2] == ["Eintrag 54", "Eintrag 53"] and len(_page_labels(first)) == 50
    second = admin.get("/land/protokoll?person=Paula&seite=2").get_data(as_text=True)
    assert _page_labels(second) == [f"Eintrag {n}" for n in range(4, -1, -1)]
    assert 'href="/land/protokoll?seite=1&amp;person=Paula"' in second


@pytest.mark.parametrize(("login", "page"), [("koordination.zwickau", "/k/zwickau/protokoll"),
                                             ("land", "/land/protokoll")])
def test_pages_take_the_same_queries_for_5_and_60_entries(client_as, ctx, count_queries, login, page):
    with ctx():
        tenant_ids = [tenant(slug).id for slug in ("zwickau", "zittau", "meissen")]
    client = client_as(login)
    url = f"{page}?person=Zähler"

    def measure() -> int:
        with count_queries() as counted:
            assert client.get(url).status_code == 200
        return counted.value

    for n in range(5):
        _add_entries(ctx, 1, tenant_id=tenant_ids[n % 3] if "land" in page else tenant_ids[0],
                     actor_name="Zähler", user_id=None)
    small = measure()
    for n in range(55):
        _add_entries(ctx, 1, tenant_id=tenant_ids[n % 3] if "land" in page else tenant_ids[0],
                     actor_name="Zähler", user_id=None)
    large = measure()
    assert small == large
    with count_queries() as small_csv:
        client.get(url.replace("protokoll", "protokoll.csv"))
    _add_entries(ctx, 20, tenant_id=tenant_ids[0], actor_name="Zähler")
    with count_queries() as large_csv:
        client.get(url.replace("protokoll", "protokoll.csv"))
    assert small_csv.value == large_csv.value


# -- retention ----------------------------------------------------------------------------------------------------


def test_the_purge_task_removes_entries_older_than_the_retention(fresh, ctx):
    retention = fresh.config["SETTINGS"].audit_retention_days
    assert retention == 730
    _add_entries(ctx, 2, at=now() - timedelta(days=retention + 5), object_label="Zu alt")
    _add_entries(ctx, 1, at=now() - timedelta(days=retention - 5), object_label="Noch aufzubewahren")
    removed = fresh.extensions["celery"].tasks["audit.purge"].delay().get()
    assert removed == 2
    with ctx() as session:
        labels = set(session.scalars(sa.select(AuditEntry.object_label)))
        purge = session.scalars(sa.select(AuditEntry).filter_by(action="purge")).one()
    assert "Zu alt" not in labels and "Noch aufzubewahren" in labels
    assert purge.object_label == f"2 Einträge älter als {retention} Tage entfernt" and purge.user_id is None


# -- coverage -----------------------------------------------------------------------------------------------------


def test_every_audited_table_has_a_german_name():
    tables = audited_tables(db.Model.registry)
    assert {"tenant", "user_account", "user_role", "membership", "assignment", "news_post", "document",
            "funding_application"} <= set(tables)
    assert not {"audit_entry", "report_figure", "activity_snapshot", "kpr_training_year",
                "outbox_message"} & set(tables)
    assert [t for t in tables if t not in OBJECT_TYPES] == []
