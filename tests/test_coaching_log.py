"""The consultation log through HTTP: coach writes, the KPR's coordinator reads, nobody else."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.coaching.models import Consultation, NextStep
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant


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
    form = {"name": "Stadt Plauen", "kind": "city", "ags": "14523320", "district": "Vogtlandkreis",
            "federal_state": "Sachsen", "population": "64000", "police_directorate": "Polizeidirektion Zwickau",
            "status": "agreement_signed", "contacted_on": "2026-05-11", "agreement_signed_on": "2026-11-01"}
    assert admin.submit("/k/plauen/stammdaten", form).status_code == 302
    page = admin.get("/k/plauen/stammdaten").get_data(as_text=True)
    assert "Verlauf des Status" in page and "Katrin Albrecht" in page and "01.11.2026" in page
