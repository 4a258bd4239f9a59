"""The consultation log through HTTP: coach writes, the KPR's coordinator reads, nobody else."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from asskomm.audit.models import AuditEntry
from asskomm.coaching import services
from asskomm.coaching.models import Consultation, ConsultationTopic, NextStep
from asskomm.reports.models import ReportFigure
from asskomm.timeutil import today
from tenants import db, tenant_context
from workers.reports import compute_reports_now

from .helpers import tenant, user


def _entry(**changes) -> dict:
    form = {"held_on": today().isoformat(), "topic": "security_analysis", "hours": "1.5",
            "notes": "Fragebogen der Bürgerbefragung abgestimmt.", "steps-0-title": "Fragebogen drucken",
            "steps-0-owner": "Koordinierungsstelle", "steps-0-due_on": today().isoformat()}
    form.update(changes)
    return form


def test_entry_by_coach1_is_seen_by_zwickau_coordinator_and_not_by_zittau(client_as):
    coach = client_as("coach1")
    assert coach.submit("/k/zwickau/beratung/neu", _entry()).status_code == 302
    zwickau = client_as("koordination.zwickau").get("/k/zwickau/beratung").get_data(as_text=True)
    assert "Fragebogen der Bürgerbefragung abgestimmt." in zwickau and "Thomas Wagner" in zwickau
    zittau = client_as("koordination.zittau")
    assert "Fragebogen der Bürgerbefragung" not in zittau.get("/k/zittau/beratung").get_data(as_text=True)
    assert zittau.get("/k/zwickau/beratung").status_code == 404
    assert client_as("mitglied.zwickau").get("/k/zwickau/beratung").status_code == 403
    assert client_as("kontakt").get("/k/zwickau/beratung").status_code == 200
    assert client_as("coach2").get("/k/zwickau/beratung").status_code == 404


def test_due_steps_on_the_coach_home(client_as):
    coach = client_as("coach1")
    coach.submit("/k/zittau/beratung/neu", _entry(**{"steps-0-title": "Termin mit dem Ordnungsamt"}))
    home = coach.get("/coach/").get_data(as_text=True)
    assert "Termin mit dem Ordnungsamt" in home
    assert "Termin mit dem Ordnungsamt" not in client_as("coach2").get("/coach/").get_data(as_text=True)


def test_bad_entries_are_refused_and_change_nothing(client_as, ctx):
    coach = client_as("coach1")
    future = coach.submit("/k/zwickau/beratung/neu", _entry(held_on="2099-01-01"))
    assert future.status_code == 422 and "nicht in der Zukunft" in future.get_data(as_text=True)
    too_long = coach.submit("/k/zwickau/beratung/neu", _entry(hours="30"))
    assert too_long.status_code == 422 and "zwischen 0,25 und 24 Stunden" in too_long.get_data(as_text=True)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.scalar(sa.select(sa.func.count()).select_from(Consultation).where(
            Consultation.notes == "Fragebogen der Bürgerbefragung abgestimmt.")) == 0
    assert client_as("koordination.zwickau").submit("/k/zwickau/beratung/neu", _entry()).status_code == 403


def test_coordinator_marks_a_step_done(client_as, ctx):
    client_as("coach1").submit("/k/zwickau/beratung/neu", _entry())
    with ctx() as session, tenant_context(tenant("zwickau").id):
        step_id = session.scalar(sa.select(NextStep.id).filter_by(title="Fragebogen drucken"))
    coordinator = client_as("koordination.zwickau")
    assert coordinator.submit(f"/k/zwickau/beratung/schritte/{step_id}/erledigt").status_code == 302
    again = coordinator.submit(f"/k/zwickau/beratung/schritte/{step_id}/erledigt", follow_redirects=True)
    assert "bereits erledigt" in again.get_data(as_text=True)


def test_log_page_query_count_does_not_grow(client_as, count_queries):
    coach = client_as("coach1")
    with count_queries() as small:
        assert coach.get("/k/zwickau/beratung").status_code == 200
    for n in range(12):
        coach.submit("/k/zwickau/beratung/neu", _entry(notes=f"Beratung {n}"))
    with count_queries() as large:
        assert coach.get("/k/zwickau/beratung").status_code == 200
    assert large.value == small.value


def test_lifecycle_changes_are_kept_with_who_and_when(client_as, ctx):
    admin = client_as("land")
    form = {"name": "Stadt Plauen", "kind": "city", "ags": "14523320", "district": "14523",
            "federal_state": "Sachsen", "population": "64000", "police_directorate": "Polizeidirektion Zwickau",
            "status": "agreement_signed", "contacted_on": "2026-05-11", "agreement_signed_on": "2026-11-01"}
    assert admin.submit("/k/plauen/stammdaten", form).status_code == 302
    page = admin.get("/k/plauen/stammdaten").get_data(as_text=True)
    assert "Verlauf des Status" in page and "Katrin Albrecht" in page and "01.11.2026" in page


def _entry_id(ctx, notes: str) -> int:
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return session.scalar(sa.select(Consultation.id).filter_by(notes=notes))


def test_the_coach_corrects_their_entry_and_the_audit_trail_keeps_the_old_values(client_as, ctx):
    coach = client_as("coach1")
    coach.submit("/k/zwickau/beratung/neu", _entry(notes="Zu berichtigen", hours="1.5"))
    entry_id = _entry_id(ctx, "Zu berichtigen")
    url = f"/k/zwickau/beratung/{entry_id}/bearbeiten"
    assert f'href="{url}"' in coach.get("/k/zwickau/beratung").get_data(as_text=True)
    form = coach.get(url).get_data(as_text=True)
    assert "Beratung berichtigen" in form and 'value="1.50"' in form and "Zu berichtigen" in form
    future = coach.submit(url, _entry(notes="Zu berichtigen", held_on="2099-01-01"))
    assert future.status_code == 422 and "nicht in der Zukunft" in future.get_data(as_text=True)
    done = coach.submit(url, _entry(notes="Berichtigt: Fragebogen und Stichprobe", hours="2", topic="strategy",
                                    **{"steps-0-title": ""}))
    assert done.status_code == 302
    with ctx() as session, tenant_context(tenant("zwickau").id):
        entry = session.get(Consultation, entry_id)
        assert (entry.hours, entry.topic.value, len(entry.next_steps)) == (Decimal("2.00"), "strategy", 1)
    trail = client_as("koordination.zwickau").get("/k/zwickau/protokoll?objekt=consultation").get_data(as_text=True)
    assert "hours: 1.50 → 2.00" in trail and "topic: security_analysis → strategy" in trail
    assert "notes: Zu berichtigen → Berichtigt: Fragebogen und Stichprobe" in trail
    # Only the coach who wrote it: the KPR's coordinator and another coach find nothing to edit.
    assert client_as("koordination.zwickau").get(url).status_code == 404
    assert client_as("coach2").get(url).status_code == 404
    assert client_as("koordination.zittau").get(url.replace("/zwickau/", "/zittau/")).status_code == 404


def _counted(ctx) -> tuple[Decimal, Decimal, Decimal]:
    """Zwickau's evaluation hours this year: on the log page's summary, in coach1's caseload, in the reports."""
    with ctx():
        zwickau = tenant("zwickau")
        with tenant_context(zwickau.id):
            log = dict(services.hours_by_topic()).get(ConsultationTopic.evaluation, Decimal(0))
        caseload = next(row.hours for row in services.caseload(user("coach1")).rows
                        if row.assignment.tenant_id == zwickau.id)
        compute_reports_now()
        reported = db.session.scalar(sa.select(ReportFigure.value).filter_by(
            year=today().year, scope="kpr", scope_key=str(zwickau.id), metric="coaching_hours",
            category="evaluation")) or Decimal(0)
    return Decimal(log), caseload, reported


def test_a_withdrawn_entry_stays_in_the_log_but_counts_nowhere(client_as, ctx):
    coach = client_as("coach1")
    coach.submit("/k/zwickau/beratung/neu", _entry(notes="Versehentlich doppelt", hours="3", topic="evaluation",
                                                  **{"steps-0-title": "Doppelter Schritt"}))
    entry_id = _entry_id(ctx, "Versehentlich doppelt")
    counted = _counted(ctx)
    assert "Doppelter Schritt" in coach.get("/coach/").get_data(as_text=True)
    url = f"/k/zwickau/beratung/{entry_id}/zurueckziehen"
    question = coach.get(url).get_data(as_text=True)
    assert "Das kann nicht rückgängig gemacht werden." in question
    assert "zählt nicht mehr in den Beratungsstunden" in question and "1 offene nächste Schritte" in question
    assert _withdrawn_at(ctx, entry_id) is None
    assert client_as("koordination.zwickau").get(url).status_code == 404
    assert coach.submit(url, {"reason": "Doppelt eingetragen."}, page=url).status_code == 302
    assert _withdrawn_at(ctx, entry_id) is not None

    assert [before - after for before, after in zip(counted, _counted(ctx), strict=True)] == [Decimal(3)] * 3
    log = coach.get("/k/zwickau/beratung").get_data(as_text=True)
    assert "Versehentlich doppelt" in log and "zurückgezogen am" in log
    assert f"/beratung/{entry_id}/bearbeiten" not in log and f"/beratung/{entry_id}/zurueckziehen" not in log
    assert coach.get(f"/k/zwickau/beratung/{entry_id}/bearbeiten").status_code == 404
    assert coach.get(url).status_code == 404
    assert "Doppelter Schritt" not in coach.get("/coach/").get_data(as_text=True)
    with ctx() as session:
        entry = session.scalar(sa.select(AuditEntry).filter_by(object_type="consultation", object_id=str(entry_id),
                                                                 action="update"))
        assert entry.reason == "Doppelt eingetragen." and entry.changes["withdrawn_at"][0] is None


def _withdrawn_at(ctx, entry_id: int):
    with ctx() as session, tenant_context(tenant("zwickau").id):
        return session.get(Consultation, entry_id).withdrawn_at


def test_hostile_durations_get_the_german_message_on_new_and_edit(client_as, ctx):
    coach = client_as("coach1")
    coach.submit("/k/zwickau/beratung/neu", _entry(notes="Dauer bleibt", hours="1.5"))
    entry_id = _entry_id(ctx, "Dauer bleibt")
    for url in ("/k/zwickau/beratung/neu", f"/k/zwickau/beratung/{entry_id}/bearbeiten"):
        for hours in ("NaN", "sNaN", "Infinity", "0.001", "0.2", "-1"):
            response = coach.submit(url, _entry(notes="Feindlich", hours=hours))
            assert response.status_code == 422, (url, hours)
            assert "zwischen 0,25 und 24 Stunden" in response.get_data(as_text=True), (url, hours)
    with ctx() as session, tenant_context(tenant("zwickau").id):
        assert session.get(Consultation, entry_id).hours == Decimal("1.50")
        assert _entry_id(ctx, "Feindlich") is None
