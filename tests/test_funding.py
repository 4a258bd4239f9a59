"""Funding per KPR and year through HTTP: who reads, who edits, who decides; German amounts; sums."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa

from asskomm.funding.models import FundingApplication, FundingStatus
from asskomm.timeutil import today
from tenants import tenant_context

from .helpers import tenant

URL = "/k/zwickau/foerderung"


def _form(**changes) -> dict:
    form = {"year": str(today().year), "purpose": "Präventionsprojekt Graffiti", "status": "applied",
            "amount_applied": "12.500,50", "applied_on": today().isoformat(), "amount_granted": "",
            "decided_on": "", "notes": ""}
    form.update(changes)
    return form


def _entries(ctx, slug: str = "zwickau") -> list[FundingApplication]:
    with ctx() as session, tenant_context(tenant(slug).id):
        rows = session.scalars(sa.select(FundingApplication).order_by(FundingApplication.id)).all()
        session.expunge_all()
        return rows


def _add(ctx, slug: str = "zwickau", **values) -> int:
    with ctx() as session, tenant_context(tenant(slug).id):
        entry = FundingApplication(**{"year": today().year, "purpose": "Bestand", "status": FundingStatus.planned,
                                      **values})
        session.add(entry)
        session.commit()
        return entry.id


def test_coordinator_applies_and_the_page_shows_german_amounts_and_sums(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    before = len(_entries(ctx))
    assert coordinator.submit(f"{URL}/neu", _form()).status_code == 302
    assert coordinator.submit(f"{URL}/neu", _form(purpose="Bürgerbefragung", amount_applied="1000")).status_code == 302
    entries = _entries(ctx)
    assert len(entries) == before + 2
    new = entries[-2]
    assert new.amount_applied == Decimal("12500.50") and new.status == FundingStatus.applied
    page = coordinator.get(URL).get_data(as_text=True)
    assert "12.500,50 €" in page and "1.000,00 €" in page and f"Förderjahr {today().year}" in page
    year_sum = sum((e.amount_applied or 0) for e in entries if e.year == today().year)
    assert f"{year_sum:,.2f} €".replace(",", "X").replace(".", ",").replace("X", ".") in page


def test_coordinators_are_not_offered_the_decision_and_a_crafted_one_changes_nothing(client_as, ctx):
    coordinator = client_as("koordination.zwickau")
    page = coordinator.get(f"{URL}/neu").get_data(as_text=True)
    assert 'name="amount_granted"' not in page and 'name="decided_on"' not in page
    assert 'value="granted"' not in page and 'value="rejected"' not in page and 'value="applied"' in page
    before = _entries(ctx)
    crafted = [
        _form(status="granted", amount_granted="500", decided_on=today().isoformat()),
        _form(status="rejected", decided_on=today().isoformat()),
        _form(amount_granted="500"),
        _form(decided_on=today().isoformat()),
    ]
    for data in crafted:
        response = coordinator.submit(f"{URL}/neu", data)
        assert response.status_code == 422
        assert "entscheidet der Landespräventionsrat" in response.get_data(as_text=True)
    assert len(_entries(ctx)) == len(before)
    granted = _add(ctx, status=FundingStatus.granted, amount_applied=Decimal("900"), applied_on=today(),
                   amount_granted=Decimal("800"), decided_on=today())
    edit = f"{URL}/{granted}/bearbeiten"
    refused = coordinator.submit(edit, _form(status="applied", amount_applied="900"))
    assert refused.status_code == 422 and "entscheidet der Landespräventionsrat" in refused.get_data(as_text=True)
    refused = coordinator.submit(edit, _form(status="granted", amount_applied="900", amount_granted="900"))
    assert refused.status_code == 422
    entry = next(e for e in _entries(ctx) if e.id == granted)
    assert (entry.status, entry.amount_granted, entry.purpose) == (FundingStatus.granted, Decimal("800"), "Bestand")
    # Changing what is theirs keeps the recorded decision.
    kept = coordinator.submit(edit, _form(status="granted", amount_applied="900", purpose="Neuer Zweck"))
    assert kept.status_code == 302
    entry = next(e for e in _entries(ctx) if e.id == granted)
    assert (entry.status, entry.amount_granted, entry.decided_on, entry.purpose) == (
        FundingStatus.granted, Decimal("800"), today(), "Neuer Zweck")


def test_the_state_contact_decides(client_as, ctx):
    entry_id = _add(ctx, status=FundingStatus.applied, amount_applied=Decimal("5000"),
                    applied_on=date(2025, 9, 15))
    contact = client_as("kontakt")
    page = contact.get(f"{URL}/{entry_id}/bearbeiten").get_data(as_text=True)
    assert 'name="amount_granted"' in page and 'value="granted"' in page and "5000,00" in page
    response = contact.submit(f"{URL}/{entry_id}/bearbeiten", _form(
        status="granted", amount_applied="5.000", applied_on="2025-09-15", amount_granted="4.750,25",
        decided_on="2025-12-01"))
    assert response.status_code == 302
    entry = next(e for e in _entries(ctx) if e.id == entry_id)
    assert (entry.status, entry.amount_applied, entry.amount_granted, entry.decided_on) == (
        FundingStatus.granted, Decimal("5000"), Decimal("4750.25"), date(2025, 12, 1))
    assert "4.750,25 €" in contact.get(URL).get_data(as_text=True)
    rejected = contact.submit(f"{URL}/neu", _form(status="rejected", decided_on=today().isoformat()))
    assert rejected.status_code == 302 and _entries(ctx)[-1].status == FundingStatus.rejected


def test_bad_input_is_refused_with_german_messages_and_changes_nothing(client_as, ctx):
    contact = client_as("kontakt")
    tomorrow = (today() + timedelta(days=1)).isoformat()
    cases = [
        (_form(year="1999"), f"zwischen 2000 und {today().year + 1}"),
        (_form(year=str(today().year + 2)), f"zwischen 2000 und {today().year + 1}"),
        (_form(year="zwanzig"), "Förderjahr an"),
        (_form(purpose=""), "Zweck der Förderung"),
        (_form(amount_applied="-5"), "nicht negativ"),
        (_form(amount_applied="12,345"), "höchstens zwei Nachkommastellen"),
        (_form(amount_applied="zwölf"), "Betrag in Euro"),
        (_form(applied_on=""), "wann der Antrag gestellt wurde"),
        (_form(amount_applied=""), "beantragten Betrag"),
        (_form(applied_on=tomorrow), "nicht in der Zukunft"),
        (_form(status="granted", decided_on=today().isoformat()), "bewilligten Betrag an"),
        (_form(status="granted", amount_granted="20.000", decided_on=today().isoformat()),
         "nicht höher sein als der beantragte"),
        (_form(status="granted", amount_granted="100"), "Datum der Entscheidung"),
        (_form(status="granted", amount_granted="100", applied_on="2025-10-01", decided_on="2025-09-01"),
         "nicht vor dem Antrag"),
        (_form(amount_granted="100"), "nur bei Status „bewilligt“"),
        (_form(status="kaputt"), "gültigen Status"),
    ]
    before = _entries(ctx)
    for data, message in cases:
        response = contact.submit(f"{URL}/neu", data)
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True), message
    entry_id = before[0].id if before else _add(ctx)
    snapshot = [(e.id, e.purpose, e.status, e.amount_applied) for e in _entries(ctx)]
    assert contact.submit(f"{URL}/{entry_id}/bearbeiten", _form(year="1999")).status_code == 422
    assert [(e.id, e.purpose, e.status, e.amount_applied) for e in _entries(ctx)] == snapshot
    assert len(_entries(ctx)) == len(before) + (0 if before else 1)


def test_who_may_read_and_edit(client_as, ctx):
    entry_id = _add(ctx, purpose="Nur für Zwickau")
    edit = f"{URL}/{entry_id}/bearbeiten"
    coach = client_as("coach1")
    page = coach.get(URL)
    assert page.status_code == 200 and "Nur für Zwickau" in page.get_data(as_text=True)
    assert edit not in page.get_data(as_text=True)
    assert coach.get(f"{URL}/neu").status_code == 403 and coach.submit(f"{URL}/neu", _form()).status_code == 403
    assert coach.get(edit).status_code == 403 and coach.submit(edit, _form()).status_code == 403
    member = client_as("mitglied.zwickau")
    assert member.get(URL).status_code == 403 and member.get(edit).status_code == 403
    assert client_as("kontakt").get("/k/zittau/foerderung").status_code == 404  # contact of another KPR
    assert client_as("coach2").get(URL).status_code == 404  # coach not assigned to Zwickau
    assert client_as("koordination.zittau").get(edit).status_code == 404
    # Zwickau's entry under Zittau's address, by people of Zittau: 404.
    assert client_as("land").get(f"/k/zittau/foerderung/{entry_id}/bearbeiten").status_code == 404
    assert client_as("koordination.zittau").submit(f"/k/zittau/foerderung/{entry_id}/bearbeiten",
                                                   _form()).status_code == 404
    assert next(e for e in _entries(ctx) if e.id == entry_id).purpose == "Nur für Zwickau"


def test_years_newest_first_with_empty_state(client_as):
    page = client_as("koordination.plauen").get("/k/plauen/foerderung").get_data(as_text=True)
    assert "Noch keine Förderung eingetragen" in page
    zwickau = client_as("koordination.zwickau").get(URL).get_data(as_text=True)
    assert zwickau.index("Förderjahr 2027") < zwickau.index("Förderjahr 2026") < zwickau.index("Förderjahr 2025")


def test_page_queries_do_not_grow_with_entries(client_as, ctx, count_queries):
    coordinator = client_as("koordination.plauen")
    _add(ctx, "plauen", purpose="Erster Antrag")
    coordinator.get("/k/plauen/foerderung")
    with count_queries() as small:
        assert coordinator.get("/k/plauen/foerderung").status_code == 200
    for n in range(29):
        _add(ctx, "plauen", year=2020 + n % 7, purpose=f"Antrag {n}", status=FundingStatus.granted,
             amount_applied=Decimal("100.50"), applied_on=date(2020, 1, 1), amount_granted=Decimal("100"),
             decided_on=date(2020, 2, 1))
    with count_queries() as large:
        page = coordinator.get("/k/plauen/foerderung")
    assert page.status_code == 200 and "Antrag 28" in page.get_data(as_text=True)
    assert large.value == small.value, (small.value, large.value)
    print(f"funding page: {small.value} queries with 1 entry, {large.value} with 30")


def test_demo_funding_loads_once(ctx):
    from asskomm.demo.loader import load_demo
    from tenants import cross_tenant

    def rows(session) -> list:
        with cross_tenant("test: demo funding"):
            return session.execute(sa.select(FundingApplication.tenant_id, FundingApplication.year,
                                             FundingApplication.status).order_by(FundingApplication.id)).all()

    with ctx() as session:
        before = rows(session)
        assert {status for _, _, status in before} == set(FundingStatus)
        assert {year for _, year, _ in before} == {2025, 2026, 2027}
        load_demo()
        session.flush()
        assert rows(session) == before


def _on(monkeypatch, day: date) -> None:
    """The pages' today, for the window they show (the app's clock is the real one)."""
    import asskomm.funding.views
    import asskomm.state.views

    for module in (asskomm.funding.views, asskomm.state.views):
        monkeypatch.setattr(module, "today", lambda: day)


def test_the_application_window_from_the_settings_is_shown_on_the_funding_page_and_the_overview(
        fresh, client_as, monkeypatch):
    import dataclasses

    coordinator, admin = client_as("koordination.zwickau"), client_as("land")
    _on(monkeypatch, date(2026, 9, 10))  # default window 31.08. to 15.10.: running
    for client, url in ((coordinator, URL), (admin, "/land/")):
        page = client.get(url).get_data(as_text=True)
        assert "Antragszeitraum Förderung 2027" in page
        assert "vom <strong>31.08.2026</strong> bis zum <strong>15.10.2026</strong>" in page
        assert "Der Zeitraum läuft: noch 36 Tage" in page
    _on(monkeypatch, date(2026, 10, 16))  # closed: next year's window
    page = coordinator.get(URL).get_data(as_text=True)
    assert "Antragszeitraum Förderung 2028" in page and "<strong>31.08.2027</strong>" in page
    assert "Er beginnt in 319 Tagen." in page
    settings = dataclasses.replace(fresh.config["SETTINGS"], funding_window_start=(1, 3), funding_window_end=(31, 3))
    monkeypatch.setitem(fresh.config, "SETTINGS", settings)  # FUNDING_WINDOW_START=01.03., _END=31.03.
    page = admin.get("/land/").get_data(as_text=True)
    assert "vom <strong>01.03.2027</strong> bis zum <strong>31.03.2027</strong>" in page
