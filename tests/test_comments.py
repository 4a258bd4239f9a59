"""Comments on workspace items through HTTP: the assigned coach comments, the KPR's coordinators see it
and get a mail, and answer; outsiders get 404, members read but may not write; bad input changes
nothing; withdrawing is the author's alone; the panel costs the same queries for 1 or 40 comments."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind
from asskomm.comments import demo
from asskomm.comments.models import WorkspaceComment
from asskomm.documents.models import Document, DocumentCategory
from asskomm.founding.models import FoundingStep, FoundingStepKey
from asskomm.mail.models import OutboxMessage
from asskomm.meetings.models import ActionItem, Meeting
from asskomm.structure.models import Body
from asskomm.timeutil import now
from tenants import Tenant, tenant_context

from .helpers import tenant, user

EMAIL = "{}@demo.asskomm.de"


def make_meeting(ctx, slug: str = "zwickau", title: str = "Sitzung des Lenkungsgremiums") -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        meeting = Meeting(body=Body(kind="steering_group", name=f"Lenkungsgremium {slug}"), title=title,
                          starts_at=now() - timedelta(days=3), ends_at=now() - timedelta(days=3, hours=-2),
                          place="Rathaus")
        session.add(meeting)
        session.commit()
        return meeting.id


def comments(ctx, item_id: int | None = None, slug: str = "zwickau", kind: str = "meeting") -> list[WorkspaceComment]:
    """The comments on one item, or all of a KPR's (the demo has some) with no item given."""
    with ctx() as session, tenant_context(tenant(slug).id):
        query = sa.select(WorkspaceComment).order_by(WorkspaceComment.id)
        if item_id is not None:
            query = query.filter_by(item_kind=kind, item_id=item_id)
        return list(session.scalars(query))


def mails(ctx, prefix: str = "comment:") -> list[OutboxMessage]:
    with ctx() as session:
        return list(session.scalars(sa.select(OutboxMessage).where(OutboxMessage.dedup_key.startswith(prefix))
                                    .order_by(OutboxMessage.id)))


def post(client, slug: str, kind: str, item_id, body: str = "Bitte die Ergebnisse der Befragung ergänzen."):
    return client.submit(f"/k/{slug}/kommentare", {"item_kind": kind, "item_id": str(item_id), "body": body})


def test_coach_comment_is_seen_and_mailed_to_the_coordinator_and_hidden_from_zittau(client_as, ctx, fresh):
    meeting_id = make_meeting(ctx)
    coach = client_as("coach1")
    response = post(coach, "zwickau", "meeting", meeting_id, "  Bitte <b>Zahlen</b> ergänzen.\r\nZweite Zeile  ")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/k/zwickau/sitzungen/{meeting_id}#kommentare-meeting-{meeting_id}"
    [comment] = comments(ctx, meeting_id)
    assert comment.body == "Bitte <b>Zahlen</b> ergänzen.\nZweite Zeile"  # trimmed
    page = client_as("koordination.zwickau").get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert "Kommentare (1)" in page and "Thomas Wagner" in page
    assert "Bitte &lt;b&gt;Zahlen&lt;/b&gt; ergänzen.\nZweite Zeile" in page  # escaped, line break kept
    assert 'class="prewrap"' in page and "Ihr Kommentar" in page  # the coordinator may answer
    [mail] = mails(ctx)
    with ctx():
        coordinator = user("koordination.zwickau")
        assert mail.recipient == coordinator.email and mail.dedup_key == f"comment:{comment.id}:{coordinator.id}"
    assert mail.tenant_id == comment.tenant_id
    assert "Neuer Kommentar zu Sitzung „Sitzung des Lenkungsgremiums“" in mail.subject
    assert "Thomas Wagner (Coach)" in mail.body and "Bitte <b>Zahlen</b> ergänzen." in mail.body
    base = fresh.config["SETTINGS"].base_url
    assert f"{base}/k/zwickau/sitzungen/{meeting_id}#kommentare-meeting-{meeting_id}" in mail.body
    zittau = client_as("koordination.zittau")
    assert zittau.get(f"/k/zwickau/sitzungen/{meeting_id}").status_code == 404
    assert post(zittau, "zwickau", "meeting", meeting_id).status_code == 404
    assert post(zittau, "zittau", "meeting", meeting_id).status_code == 404  # not found in Zittau either
    assert len(comments(ctx, meeting_id)) == 1


def test_coordinator_answer_is_mailed_to_the_current_coach_only(client_as, ctx):
    meeting_id = make_meeting(ctx)
    assert post(client_as("coach1"), "zwickau", "meeting", meeting_id).status_code == 302
    assert post(client_as("koordination.zwickau"), "zwickau", "meeting", meeting_id,
                "Danke, wir ergänzen sie bis Freitag.").status_code == 302
    first, answer = comments(ctx, meeting_id)
    sent = [(m.recipient, m.dedup_key) for m in mails(ctx)]
    with ctx():
        coach, coordinator = user("coach1"), user("koordination.zwickau")
    assert sent == [(coordinator.email, f"comment:{first.id}:{coordinator.id}"),
                    (coach.email, f"comment:{answer.id}:{coach.id}")]  # never to the author, not to coach2
    assert "Nadine Kretzschmar (Koordination)" in mails(ctx)[-1].body


def test_member_reads_but_may_not_write(client_as, ctx):
    meeting_id = make_meeting(ctx)
    post(client_as("coach1"), "zwickau", "meeting", meeting_id, "Ein Hinweis des Coachs.")
    member = client_as("mitglied.zwickau")
    page = member.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert "Ein Hinweis des Coachs." in page and "Ihr Kommentar" not in page and "Zurückziehen" not in page
    assert post(member, "zwickau", "meeting", meeting_id).status_code == 403
    assert len(comments(ctx, meeting_id)) == 1


def test_unassigned_coach_and_ended_assignment_get_404(client_as, ctx):
    meeting_id = make_meeting(ctx)
    coach2 = client_as("coach2")
    assert coach2.get(f"/k/zwickau/sitzungen/{meeting_id}").status_code == 404
    assert post(coach2, "zwickau", "meeting", meeting_id).status_code == 404
    coach1 = client_as("coach1")
    assert post(coach1, "zwickau", "meeting", meeting_id).status_code == 302
    with ctx() as session:
        assignment_id = session.scalar(sa.select(Assignment.id).filter_by(
            tenant_id=tenant("zwickau").id, kind=AssignmentKind.coach, ends_on=None))
    admin = client_as("land")
    assert admin.submit(f"/k/zwickau/zuordnung/{assignment_id}/beenden", page="/k/zwickau/zuordnung"
                        ).status_code == 302
    assert post(coach1, "zwickau", "meeting", meeting_id, "Noch ein Gedanke.").status_code == 404
    assert len(comments(ctx, meeting_id)) == 1
    # with no coach assigned any more, a coordinator's answer mails nobody
    assert post(client_as("koordination.zwickau"), "zwickau", "meeting", meeting_id, "Antwort").status_code == 302
    assert len(mails(ctx)) == 1


def test_foreign_or_unknown_items_are_404_and_store_nothing(client_as, ctx):
    zittau_meeting = make_meeting(ctx, "zittau")
    before = (len(comments(ctx)), len(comments(ctx, slug="zittau")))
    coordinator = client_as("koordination.zwickau")
    assert post(coordinator, "zwickau", "meeting", zittau_meeting).status_code == 404
    assert post(client_as("coach1"), "zwickau", "meeting", zittau_meeting).status_code == 404  # coaches both
    assert post(coordinator, "zwickau", "protokoll", make_meeting(ctx)).status_code == 404
    assert post(coordinator, "zwickau", "meeting", 2**31 - 1).status_code == 404
    response = coordinator.submit("/k/zwickau/kommentare", {"body": "Ohne Eintrag"})
    assert response.status_code == 422 and "Kommentar nicht gesendet" in response.get_data(as_text=True)
    assert (len(comments(ctx)), len(comments(ctx, slug="zittau"))) == before and mails(ctx) == []


def test_empty_or_too_long_comments_are_refused_in_german(client_as, ctx):
    meeting_id = make_meeting(ctx)
    coach = client_as("coach1")
    response = post(coach, "zwickau", "meeting", meeting_id, "   \r\n  ")
    assert response.status_code == 302
    assert "Bitte schreiben Sie einen Kommentar." in coach.get(response.headers["Location"]).get_data(as_text=True)
    response = post(coach, "zwickau", "meeting", meeting_id, "x" * 5001)
    page = coach.get(response.headers["Location"]).get_data(as_text=True)
    assert "Ein Kommentar darf höchstens 5.000 Zeichen lang sein (Ihrer hat 5.001)." in page
    assert comments(ctx, meeting_id) == [] and mails(ctx) == []
    assert post(coach, "zwickau", "meeting", meeting_id, f"  {'x' * 5000}\n").status_code == 302
    assert len(comments(ctx, meeting_id)[0].body) == 5000


def test_only_the_author_withdraws(client_as, ctx):
    meeting_id = make_meeting(ctx)
    coach = client_as("coach1")
    post(coach, "zwickau", "meeting", meeting_id, "Das nehme ich zurück.")
    [comment] = comments(ctx, meeting_id)
    url = f"/k/zwickau/kommentare/{comment.id}/zurueckziehen"
    coordinator = client_as("koordination.zwickau")
    assert "Zurückziehen" not in coordinator.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert coordinator.submit(url).status_code == 403
    assert client_as("mitglied.zwickau").submit(url).status_code == 403
    assert client_as("koordination.zittau").submit(f"/k/zittau/kommentare/{comment.id}/zurueckziehen"
                                                   ).status_code == 404
    assert comments(ctx, meeting_id)[0].deleted_at is None
    response = coach.submit(url)
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#kommentare-meeting-{meeting_id}")
    assert comments(ctx, meeting_id)[0].deleted_at is not None
    page = coordinator.get(f"/k/zwickau/sitzungen/{meeting_id}").get_data(as_text=True)
    assert "Kommentar zurückgezogen" in page and "Das nehme ich zurück." not in page
    again = coach.submit(url, follow_redirects=True).get_data(as_text=True)
    assert "Dieser Kommentar ist bereits zurückgezogen." in again


def test_every_kind_has_its_panel(client_as, ctx):
    """Documents, founding steps and action items carry the panel on their pages too."""
    meeting_id = make_meeting(ctx, "zittau")
    with ctx() as session, tenant_context(tenant("zittau").id):
        document = Document(title="Sicherheitsanalyse 2026", category=DocumentCategory.report)
        item = ActionItem(meeting_id=meeting_id, title="Fragebogen abstimmen")
        session.add_all([document, item])
        session.flush()
        step = session.scalar(sa.select(FoundingStep).filter_by(key=FoundingStepKey.actors))
        ids = {"document": document.id, "action_item": item.id, "founding_step": step.id}
        session.commit()
    pages = {"document": f"/k/zittau/dokumente/{ids['document']}", "founding_step": "/k/zittau/gruendung",
             "action_item": f"/k/zittau/sitzungen/{meeting_id}"}
    coach = client_as("coach1")
    for kind, item_id in ids.items():
        response = post(coach, "zittau", kind, item_id, f"Anmerkung zu {kind}")
        anchor = f"kommentare-{kind.replace('_', '-')}-{item_id}"
        assert response.headers["Location"] == f"{pages[kind]}#{anchor}"
        page = client_as("koordination.zittau").get(pages[kind]).get_data(as_text=True)
        assert f'id="{anchor}"' in page and f"Anmerkung zu {kind}" in page
    subjects = [m.subject for m in mails(ctx)]
    with ctx():
        place = tenant("zittau").short_name
    assert subjects == [f"Neuer Kommentar zu Dokument „Sicherheitsanalyse 2026“ ({place})",
                        f"Neuer Kommentar zu Aufgabe „Fragebogen abstimmen“ ({place})",
                        f"Neuer Kommentar zu Gründungsschritt „Akteure definieren“ ({place})"]


def add_comments(ctx, slug: str, targets: list[tuple[str, int]], first: int, last: int) -> None:
    """Comments number first..last on each target, by three authors, every seventh withdrawn."""
    with ctx() as session, tenant_context(tenant(slug).id):
        authors = [user(login).id for login in ("coach1", f"koordination.{slug}", f"mitglied.{slug}")]
        for n in range(first, last + 1):
            for kind, target in targets:
                session.add(WorkspaceComment(item_kind=kind, item_id=target, author_id=authors[n % 3],
                                             body=f"Kommentar {n}", deleted_at=now() if n % 7 == 3 else None))
        session.commit()


def queries_at_1_and_40(client, count_queries, ctx, slug: str, page: str, targets: list[tuple[str, int]]):
    def measure() -> int:
        with count_queries() as n:
            assert client.get(page).status_code == 200
        return n.value

    add_comments(ctx, slug, targets, 1, 1)
    small = measure()
    add_comments(ctx, slug, targets, 2, 40)
    large = measure()
    html = client.get(page).get_data(as_text=True)
    assert html.count("Kommentare (4") == len(targets) and "Kommentar 40" in html  # 40, plus any demo ones
    assert "Kommentar zurückgezogen" in html
    return small, large


def test_panels_cost_the_same_queries_for_1_and_40_comments(client_as, ctx, count_queries):
    meeting_id = make_meeting(ctx)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        item = ActionItem(meeting_id=meeting_id, title="Aufgabe mit Kommentaren")
        session.add(item)
        session.commit()
        item_id = item.id
    client = client_as("koordination.zwickau")
    small, large = queries_at_1_and_40(client, count_queries, ctx, "zwickau", f"/k/zwickau/sitzungen/{meeting_id}",
                                       [("meeting", meeting_id), ("action_item", item_id)])
    assert small == large <= 15, (small, large)  # the meeting and its action items: one query for both


def test_document_and_founding_panels_cost_fixed_queries(client_as, ctx, count_queries):
    with ctx() as session, tenant_context(tenant("zittau").id):
        document = Document(title="Geschäftsordnung", category=DocumentCategory.rules_of_procedure)
        session.add(document)
        session.commit()
        document_id = document.id
        steps = [("founding_step", step.id) for step in session.scalars(sa.select(FoundingStep))]
    client = client_as("koordination.zittau")
    small, large = queries_at_1_and_40(client, count_queries, ctx, "zittau", f"/k/zittau/dokumente/{document_id}",
                                       [("document", document_id)])
    assert small == large <= 9, (small, large)
    small, large = queries_at_1_and_40(client, count_queries, ctx, "zittau", "/k/zittau/gruendung", steps)
    assert len(steps) == 5 and small == large <= 12, (small, large)  # five panels, one query


def test_demo_comments_load_once(ctx):
    with ctx() as session:
        tenants = {t.slug: t for t in session.scalars(sa.select(Tenant))}

        def count() -> dict[str, int]:
            result = {}
            for slug in ("zwickau", "zittau"):
                with tenant_context(tenants[slug].id):
                    result[slug] = session.scalar(sa.select(sa.func.count()).select_from(WorkspaceComment))
            return result

        demo.load(tenants)
        first = count()
        demo.load(tenants)
        assert count() == first and first["zwickau"] >= 2 and first["zittau"] >= 2
