"""A coach's caseload through HTTP: on the coach's home and, for the state council, per coach."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from asskomm.accounts.models import Assignment, AssignmentKind
from asskomm.coaching.models import Consultation, ConsultationTopic, NextStep
from asskomm.formats import format_number
from asskomm.snapshots.models import ActivitySnapshot
from asskomm.timeutil import format_datetime, today
from tenants import Tenant, TenantKind, TenantStatus, tenant_context

from .helpers import tenant, user

CELL = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)


def _rows(html: str, caption: str) -> list[list[str]]:
    """The body and foot rows of the table whose caption starts with `caption`, as cell texts."""
    table = next(t for t in re.findall(r"<table.*?</table>", html, re.S)
                 if re.search(r"<caption[^>]*>\s*" + re.escape(caption), t))
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</thead>")[-1], re.S):
        rows.append([" ".join(re.sub(r"<[^>]+>", "", cell).split()) for cell in CELL.findall(row)])
    return rows


def _caseload(html: str) -> dict[str, list[str]]:
    """KPR name (or "Summe …") -> the other cells of its caseload row."""
    return {row[0]: row[1:] for row in _rows(html, "Ihre KPR heute" if "Ihre KPR" in html else "Zugeordnete KPR")}


def _former(html: str) -> list[list[str]]:
    return _rows(html, "Beendete Zuordnungen")


def _entry(held_on: date, hours: str, steps: list[tuple[str, date]]) -> dict:
    form = {"held_on": held_on.isoformat(), "topic": "founding", "hours": hours, "notes": "Gründung besprochen."}
    for n, (title, due) in enumerate(steps):
        form.update({f"steps-{n}-title": title, f"steps-{n}-owner": "Koordinierungsstelle",
                     f"steps-{n}-due_on": due.isoformat()})
    return form


def _hours(value: Decimal) -> str:
    return format_number(value, "hours")


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _totals(rows: dict[str, list[str]]) -> list[str]:
    return next(cells for name, cells in rows.items() if name.startswith("Summe"))


def test_figures_match_what_was_entered(client_as, ctx):
    admin, coach = client_as("land"), client_as("coach1")
    day = today()
    assign = {"kind": "coach", "user_id": "", "starts_on": day.isoformat()}
    with ctx():
        assign["user_id"] = str(user("coach1").id)
        coach_id = user("coach1").id
    assert admin.submit("/k/plauen/zuordnung", assign).status_code == 302
    yesterday, soon = day - timedelta(days=1), day + timedelta(days=5)
    assert coach.submit("/k/plauen/beratung/neu", _entry(day, "1.5", [("Satzung entwerfen", yesterday),
                                                                        ("Akteure einladen", soon)])).status_code == 302
    assert coach.submit("/k/plauen/beratung/neu", _entry(day, "2.25", [])).status_code == 302
    # last year's consultation: not in this year's figures, its open step still counts
    last_year = _entry(date(day.year - 1, 12, 15), "4", [("Alter Schritt", date(day.year - 1, 12, 20))])
    assert coach.submit("/k/plauen/beratung/neu", last_year).status_code == 302
    with ctx() as session, tenant_context(tenant("plauen").id):
        step = session.scalar(sa.select(NextStep).filter_by(title="Akteure einladen"))
        step.done_on = day  # done: no longer open
        session.add(NextStep(title="Zweiter offener Schritt", consultation_id=step.consultation_id, due_on=soon))
        login = datetime(day.year, day.month, day.day, 6, 10, tzinfo=UTC)
        change = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
        session.add(ActivitySnapshot(tenant_id=tenant("plauen").id, day=day, last_login_at=login,
                                     last_change_at=change))
        session.commit()

    home = coach.get("/coach/").get_data(as_text=True)
    rows = _caseload(home)
    expected = ["Kontaktiert", "Vogtlandkreis", day.strftime("%d.%m.%Y"), "2", "3,75", day.strftime("%d.%m.%Y"),
                "3", "2", format_datetime(change)]
    assert rows["Stadt Plauen"] == expected
    assert format_datetime(login) not in home  # the workspace's last change, nobody's sign-in
    assert set(rows) == {"Stadt Zwickau", "Große Kreisstadt Zittau", "Stadt Bautzen", "Stadt Plauen", "Summe (4 KPR)"}

    # the totals row is the sum of the rows
    body = [cells for name, cells in rows.items() if not name.startswith("Summe")]
    totals = _totals(rows)
    assert int(totals[3]) == sum(int(r[3]) for r in body)
    assert totals[4] == _hours(sum(_number(r[4]) for r in body))
    assert int(totals[6]) == sum(int(r[6]) for r in body) and int(totals[7]) == sum(int(r[7]) for r in body)

    # the state council sees the same table for this coach, and the same figures in the list of coaches
    page = admin.get(f"/land/coaches/{coach_id}").get_data(as_text=True)
    assert "Thomas Wagner" in page and _caseload(page) == rows
    listing = _rows(admin.get("/land/coaches/").get_data(as_text=True), "Coaches mit der Zahl")
    assert ["Thomas Wagner", "4", totals[4]] in listing
    assert client_as("kontakt").get(f"/land/coaches/{coach_id}").status_code == 200


def test_ended_assignment_moves_to_earlier_assignments_and_out_of_the_totals(client_as, ctx):
    admin, coach = client_as("land"), client_as("coach1")
    coach.submit("/k/zittau/beratung/neu", _entry(today(), "3", [("Termin mit dem Ordnungsamt", today())]))
    before = _caseload(coach.get("/coach/").get_data(as_text=True))
    zittau = before["Große Kreisstadt Zittau"]
    assert int(zittau[3]) >= 1 and int(zittau[6]) >= 1
    with ctx() as session:
        assignment = session.scalar(sa.select(Assignment).filter_by(
            tenant_id=tenant("zittau").id, user_id=user("coach1").id, kind=AssignmentKind.coach))
        assignment_id, started = assignment.id, assignment.starts_on
        coach_id = user("coach1").id
    assert admin.submit(f"/k/zittau/zuordnung/{assignment_id}/beenden", {}).status_code == 302

    for page in (coach.get("/coach/"), admin.get(f"/land/coaches/{coach_id}")):
        html = page.get_data(as_text=True)
        after = _caseload(html)
        assert "Große Kreisstadt Zittau" not in after and "Summe (2 KPR)" in after
        assert _former(html) == [["Große Kreisstadt Zittau", started.strftime("%d.%m.%Y"),
                                  today().strftime("%d.%m.%Y")]]
        old, new = _totals(before), _totals(after)
        assert int(new[3]) == int(old[3]) - int(zittau[3])
        assert _number(new[4]) == _number(old[4]) - _number(zittau[4])
        assert int(new[6]) == int(old[6]) - int(zittau[6])
    # its due steps leave the coach's home too
    assert "Termin mit dem Ordnungsamt" not in coach.get("/coach/").get_data(as_text=True)


def test_only_the_state_council_sees_caseloads_and_only_of_coaches(client_as, ctx):
    with ctx():
        coach_id, contact_id = user("coach2").id, user("kontakt").id
    for login in ("coach1", "coach2", "koordination.zwickau", "mitglied.zwickau"):
        client = client_as(login)
        for url in ("/land/coaches/", f"/land/coaches/{coach_id}"):
            assert client.get(url).status_code == 404, (login, url)
    admin = client_as("land")
    assert admin.get("/land/coaches/").status_code == 200
    page = admin.get(f"/land/coaches/{coach_id}").get_data(as_text=True)
    assert "Ulrike Schubert" in page and "Stadt Meißen" in page and "Stadt Zwickau" not in page
    assert admin.get(f"/land/coaches/{contact_id}").status_code == 404
    assert admin.get("/land/coaches/999999").status_code == 404


def test_a_coach_without_kprs_has_an_empty_caseload(client_as, ctx):
    with ctx() as session:
        for assignment in session.scalars(sa.select(Assignment).filter_by(user_id=user("coach2").id)):
            assignment.ends_on = today()
        session.commit()
        coach_id = user("coach2").id
    html = client_as("land").get(f"/land/coaches/{coach_id}").get_data(as_text=True)
    assert "Ulrike Schubert ist derzeit kein KPR zugeordnet." in html
    assert {row[0] for row in _former(html)} == {"Stadt Meißen"}


def generated_kprs(session, count: int, name: str, first_ags: int) -> list[Tenant]:
    """`count` active KPRs "<name> 0", "<name> 1", … with AGS from `first_ags` on."""
    places = [Tenant(slug=f"{name.lower()}-{n}", name=f"{name} {n}", kind=TenantKind.municipality,
                     ags=f"{first_ags + n:08d}", district="Landkreis Görlitz", status=TenantStatus.active)
              for n in range(count)]
    session.add_all(places)
    session.flush()
    return places


def _more_kprs(session, count: int) -> None:
    coach = user("coach1")
    for n, place in enumerate(generated_kprs(session, count, "Fallgemeinde", 14900000)):
        session.add(Assignment(tenant_id=place.id, user_id=coach.id, kind=AssignmentKind.coach,
                               starts_on=today() - timedelta(days=30)))
        session.add(Assignment(tenant_id=place.id, user_id=coach.id, kind=AssignmentKind.coach,
                               starts_on=today() - timedelta(days=90), ends_on=today() - timedelta(days=60)))
        session.add(ActivitySnapshot(tenant_id=place.id, day=today(), last_login_at=datetime.now(UTC)))
        with tenant_context(place.id):
            entry = Consultation(coach_id=coach.id, held_on=today(), topic=ConsultationTopic.strategy,
                                 hours=Decimal("1.5"))
            entry.next_steps.append(NextStep(title=f"Schritt {n}", due_on=today() - timedelta(days=1)))
            session.add(entry)
            session.flush()
    session.commit()


@pytest.mark.parametrize("page", ["/coach/", "/land/coaches/", "/land/coaches/{coach}"])
def test_pages_take_the_same_queries_for_2_and_60_kprs(client_as, ctx, count_queries, page):
    with ctx():
        coach_id = user("coach1").id
    client = client_as("coach1" if page == "/coach/" else "land")
    url = page.format(coach=coach_id)
    with count_queries() as small:
        assert client.get(url).status_code == 200
    with ctx() as session:
        _more_kprs(session, 58)
    with count_queries() as large:
        response = client.get(url)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert ("Fallgemeinde 57" in html or "<td class=\"num\">61</td>" in html), html[-2000:]
    assert large.value == small.value <= 12, (url, small.value, large.value)
