"""The records of one generated KPR (scale.py): its people, structure, three years of meetings and
consultations, agreement, funding, prevention cycle, annual report and event registrations. What
exists depends on how far the KPR's lifecycle has come; the prevention stages vary on purpose."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from types import SimpleNamespace

import sqlalchemy as sa

from tenants import Tenant, TenantStatus, db

from ..accounts.models import Assignment, MembershipRole, User, UserRole
from ..agreements.models import AgreementRenewal, AgreementSignatory, CooperationAgreement
from ..annual_report.models import AnnualReport, ReportVersion
from ..coaching.models import Consultation, ConsultationTopic, NextStep
from ..documents.demo import pdf_bytes
from ..events.models import Attendance, Audience, Event, EventKind, EventSession, Feedback, Registration
from ..funding.models import FundingApplication
from ..meetings.models import ActionItem, AgendaItem, Decision, Meeting, Minutes
from ..prevention.models import (
    ActionField,
    Goal,
    GoalMeasurement,
    Measure,
    PreventionCycle,
    PreventionOffer,
    Problem,
    offer_problem,
)
from ..state.models import StatusChange
from ..structure.models import Body, BodyMembership, Person
from .loader import DEMO_DOMAIN
from .scale_rows import Row, Rows

T = {model.__name__: model.__table__ for model in (
    Tenant, User, UserRole, Assignment, StatusChange, Person, Body, BodyMembership, Meeting, Minutes, Decision,
    AgendaItem, ActionItem, Consultation, NextStep, CooperationAgreement, AgreementSignatory, AgreementRenewal,
    FundingApplication, PreventionCycle, Problem, PreventionOffer, ActionField, Goal, GoalMeasurement, Measure,
    AnnualReport, ReportVersion, Event, EventSession, Registration, Attendance, Feedback)}
MEMBERSHIP = "membership"
ORDER = [T["Tenant"], T["User"], T["UserRole"], db.metadata.tables[MEMBERSHIP], T["Assignment"],
         T["StatusChange"], T["Person"], T["Body"], T["BodyMembership"], T["Meeting"], T["Minutes"], T["Decision"],
         T["AgendaItem"], T["ActionItem"], T["Consultation"], T["NextStep"], T["CooperationAgreement"],
         T["AgreementSignatory"], T["AgreementRenewal"], T["FundingApplication"], T["PreventionCycle"],
         T["Problem"], T["PreventionOffer"], offer_problem, T["ActionField"], T["Goal"], T["GoalMeasurement"],
         T["Measure"], T["AnnualReport"], T["ReportVersion"], T["Event"], T["EventSession"], T["Registration"],
         T["Attendance"], T["Feedback"]]
WITH_IDS = {t.name for t in ORDER if t.name in {
    "tenant", "user_account", "person", "body", "meeting", "minutes", "consultation", "cooperation_agreement",
    "prevention_cycle", "prevention_problem", "prevention_offer", "prevention_action_field", "prevention_goal",
    "prevention_measure", "annual_report", "event", "event_session", "registration"}}
SEARCHED = {"person": T["Person"], "meeting": T["Meeting"], "minutes": T["Minutes"], "measure": T["Measure"]}

FIRST = ["Anja", "Birgit", "Claudia", "Daniel", "Elke", "Frank", "Gabriele", "Heiko", "Ines", "Jan", "Katrin",
         "Lars", "Maria", "Nico", "Olaf", "Petra", "Ronny", "Sandra", "Thomas", "Ute", "Volker", "Yvonne"]
LAST = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz",
        "Richter", "Klein", "Wolf", "Neumann", "Schwarz", "Krüger", "Hartmann", "Lange", "Werner", "Lehmann"]
PARTNERS = [("Polizeirevier", "Revierleitung", "police"), ("Ordnungsamt", "Amtsleitung", "administration"),
            ("Oberschule", "Schulleitung", "education"), ("Jugendhilfe", "Bereichsleitung", "youth_welfare"),
            ("Suchtberatung", "Leitung", "addiction_counselling"), ("Seniorenbeirat", "Vorsitz", "civil_society")]
THEMES = [("AG Sucht", "Suchtprävention"), ("AG Graffiti", "Graffiti und legale Flächen"),
          ("AG Sichere Stadt", "Sicherheit im öffentlichen Raum"), ("AG Gewalt", "Gewaltprävention"),
          ("AG Jugend", "Jugendschutz"), ("AG Senioren", "Sicherheit im Alter")]
AGENDA = ["Bericht der Koordinierungsstelle", "Ergebnisse der Bürgerbefragung", "Stand der Maßnahmen",
          "Förderantrag für das kommende Jahr", "Berichte aus den Arbeitsgruppen", "Verschiedenes"]
ACTIONS = ["Entwurf an das Lenkungsgremium senden", "Termin mit der Polizeidirektion abstimmen",
           "Presseinformation vorbereiten", "Förderantrag einreichen", "Begehung des Stadtparks organisieren"]
PROBLEMS = ["Sachbeschädigung durch Graffiti", "Unsicherheitsgefühl am Bahnhof", "Alkoholkonsum auf Spielplätzen",
            "Wohnungseinbrüche", "Ruhestörung in der Innenstadt", "Betrug an Seniorinnen und Senioren"]
TOPICS = list(ConsultationTopic)
PAST, FUTURE = timedelta(days=3 * 365), timedelta(days=90)


def person_name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _reached(tenant: Row, status: TenantStatus) -> bool:
    return tenant[status.date_field] is not None


def people(rows: Rows, rng: random.Random, tenant: Row, password_hash: str) -> list[tuple[Row, MembershipRole]]:
    """The coordinator and 2–4 members, signing in with the demo password."""
    slug = tenant["slug"]
    logins = [("koordination", MembershipRole.coordinator), ("mitglied", MembershipRole.member)]
    logins += [(f"mitglied{n}", MembershipRole.member) for n in range(2, rng.randint(2, 4) + 1)]
    return [(rows.add(T["User"], email=f"{login}.{slug}@{DEMO_DOMAIN}", name=person_name(rng),
                      password_hash=password_hash), role) for login, role in logins]


def workspace(rows: Rows, rng: random.Random, day: date, tenant: Row, members: list, coach: Row,
              recorder: int | None) -> None:
    _coaching(rows, rng, day, tenant, coach)
    if not _reached(tenant, TenantStatus.agreement_signed):
        return
    _agreement(rows, rng, day, tenant, recorder)
    if not _reached(tenant, TenantStatus.founded):
        return
    persons, bodies = _structure(rows, rng, tenant, members)
    _meetings(rows, rng, day, tenant, persons, bodies)
    _funding(rows, rng, day, tenant)
    _cycle(rows, rng, day, tenant, persons, bodies["working_group"])
    if _reached(tenant, TenantStatus.active) and rng.random() < 0.4:
        _annual_report(rows, rng, day, tenant, members[0][0])


def _coaching(rows: Rows, rng: random.Random, day: date, tenant: Row, coach: Row) -> None:
    begin = max(tenant["contacted_on"], day - PAST)
    span = (day - begin).days
    for _ in range(max(1, span * rng.randint(2, 4) // 365)):
        held = begin + timedelta(days=rng.randint(0, span))
        entry = rows.add(T["Consultation"], tenant_id=tenant, coach_id=coach, held_on=held, topic=rng.choice(TOPICS)
                         .value, hours=Decimal(rng.choice(["1.0", "1.5", "2.0", "2.5", "3.0"])),
                         notes="Beratung vor Ort mit der Koordinierungsstelle; nächste Schritte vereinbart.")
        if rng.random() < 0.6:
            due = held + timedelta(days=rng.randint(14, 60))
            rows.add(T["NextStep"], tenant_id=tenant, consultation_id=entry, title=rng.choice(ACTIONS),
                     owner="Koordinierungsstelle", due_on=due, done_on=due if due < day and rng.random() < 0.7
                     else None)


def _agreement(rows: Rows, rng: random.Random, day: date, tenant: Row, recorder: int | None) -> None:
    signed = tenant["agreement_signed_on"]
    agreement = rows.add(T["CooperationAgreement"], tenant_id=tenant, signed_on=signed,
                         police_directorate=tenant["police_directorate"], recorded_by_id=recorder,
                         valid_until=signed + timedelta(days=5 * 365) if rng.random() < 0.8 else None,
                         notes="Für fünf Jahre geschlossen.")
    for party, function in (("municipality", "Bürgermeister:in"), ("police", "Präsident:in der Polizeidirektion"),
                            ("state_council", "Geschäftsführung des Landespräventionsrates")):
        rows.add(T["AgreementSignatory"], tenant_id=tenant, agreement_id=agreement, party=party,
                 name=person_name(rng), function=function)
    renewed = signed + timedelta(days=4 * 365 + rng.randint(0, 200))
    if renewed < day and rng.random() < 0.5:
        rows.add(T["AgreementRenewal"], tenant_id=tenant, agreement_id=agreement, renewed_on=renewed,
                 valid_until=renewed + timedelta(days=5 * 365), note="Verlängert nach der Evaluation.")


def _structure(rows: Rows, rng: random.Random, tenant: Row, members: list) -> tuple[list[Row], dict[str, Row]]:
    created = _at(tenant["founded_on"], 12)
    persons = [rows.add(T["Person"], tenant_id=tenant, name=user["name"], organisation="Stadtverwaltung",
                        function="Koordinator:in" if role == MembershipRole.coordinator else "Mitglied",
                        sector="administration", email=user["email"], user_id=user) for user, role in members]
    for organisation, function, sector in rng.sample(PARTNERS, 3):
        persons.append(rows.add(T["Person"], tenant_id=tenant, name=person_name(rng), organisation=organisation,
                                function=function, sector=sector, email="", user_id=None))
    name, topic = rng.choice(THEMES)
    bodies = {kind: rows.add(T["Body"], tenant_id=tenant, kind=kind, name=label, basis=basis, topic=subject,
                             position=position, created_at=created, description="")
              for position, (kind, label, basis, subject) in enumerate([
                  ("steering_group", "Lenkungsgremium", None, ""), ("coordination", "Koordinierungsstelle", None, ""),
                  ("working_group", name, "thematic", topic)])}
    links = [("steering_group", p, "member") for p in persons[2:]] + [("steering_group", persons[0], "member"),
                                                                     ("coordination", persons[0], "lead"),
                                                                     ("working_group", persons[1], "lead"),
                                                                     ("working_group", persons[-1], "member")]
    for kind, person, role in links:
        rows.add(T["BodyMembership"], tenant_id=tenant, body_id=bodies[kind], person_id=person, role=role,
                 starts_on=tenant["founded_on"], ends_on=None)
    return persons, bodies


def _meetings(rows: Rows, rng: random.Random, day: date, tenant: Row, persons: list, bodies: dict) -> None:
    begin = max(tenant["founded_on"], day - PAST)
    last = day + FUTURE if tenant["dormant_on"] is None else tenant["dormant_on"]
    for kind, every in (("steering_group", 180), ("working_group", 240)):
        on = begin + timedelta(days=rng.randint(10, 90))
        sequence = 0
        while on <= last:
            sequence += 1
            starts = _at(on, 15)
            held = on < day
            status = "planned" if not held else ("cancelled" if rng.random() < 0.05 else "held")
            meeting = rows.add(T["Meeting"], tenant_id=tenant, body_id=bodies[kind], title=f"{sequence}. Sitzung "
                               f"{'des Lenkungsgremiums' if kind == 'steering_group' else bodies[kind]['name']}",
                               starts_at=starts, ends_at=starts + timedelta(hours=2), place="Rathaus, Sitzungssaal",
                               public=rng.random() < 0.2, status=status, sequence=sequence)
            for position, title in enumerate(rng.sample(AGENDA, 2)):
                rows.add(T["AgendaItem"], tenant_id=tenant, meeting_id=meeting, position=position, title=title,
                         owner_id=rng.choice(persons))
            if status == "held":
                minutes = rows.add(T["Minutes"], tenant_id=tenant, meeting_id=meeting,
                                   text="Die Teilnehmenden berieten den Stand der Präventionsarbeit.",
                                   recorded_at=starts + timedelta(days=3))
                rows.add(T["Decision"], tenant_id=tenant, minutes_id=minutes, position=0,
                         text="Das Gremium beschließt die vorgeschlagenen Schwerpunkte.")
                for _ in range(rng.randint(1, 2)):
                    due = on + timedelta(days=rng.randint(30, 120))
                    done = due < day and rng.random() < 0.7
                    rows.add(T["ActionItem"], tenant_id=tenant, meeting_id=meeting, title=rng.choice(ACTIONS),
                             owner_id=rng.choice(persons), due_on=due, status="done" if done else "open",
                             done_on=due if done else None)
            on += timedelta(days=every + rng.randint(-30, 30))


def _funding(rows: Rows, rng: random.Random, day: date, tenant: Row) -> None:
    for year in rng.sample(range(day.year - 2, day.year + 2), rng.randint(1, 3)):
        applied_on = date(year - 1, 9, rng.randint(1, 30))
        decided_on = date(year - 1, 12, 10)
        if applied_on > day:
            status = "planned"
        elif decided_on > day:
            status = "applied"
        else:
            status = rng.choices(["granted", "rejected", "withdrawn"], weights=[75, 18, 7])[0]
        applied = Decimal(rng.randrange(1500, 15000, 50))
        rows.add(T["FundingApplication"], tenant_id=tenant, year=year, purpose=f"Präventionsprojekt {year}",
                 status=status, amount_applied=None if status == "planned" else applied,
                 applied_on=None if status == "planned" else applied_on,
                 amount_granted=(applied * Decimal("0.9")).quantize(Decimal("0.01")) if status == "granted" else None,
                 decided_on=decided_on if status in ("granted", "rejected") else None, notes="")


def _cycle(rows: Rows, rng: random.Random, day: date, tenant: Row, persons: list, group: Row) -> None:
    """Stages vary: analysis running, resources, strategy, measures, evaluation (and no round)."""
    reach = rng.choices(range(6), weights=[10, 25, 20, 15, 18, 12])[0]
    if reach == 0:
        return
    started = max(tenant["founded_on"], day - PAST) + timedelta(days=rng.randint(0, 120))
    finished = started + timedelta(days=rng.randint(90, 240)) if reach > 1 else None
    adopted = finished + timedelta(days=rng.randint(60, 200)) if reach > 3 else None
    if (finished and finished > day) or (adopted and adopted > day):
        finished, adopted, reach = None, None, 1  # not yet: the dates tell
    cycle = rows.add(T["PreventionCycle"], tenant_id=tenant, number=1, analysis_started_on=started,
                     analysis_finished_on=finished, first_year=started.year - 3, last_year=started.year - 1,
                     survey_year=started.year, survey_sample=2000, survey_responses=rng.randint(300, 900),
                     survey_unsafe_share=Decimal(rng.randint(150, 450)) / 10, strategy_adopted_on=adopted,
                     findings="Auffällig sind Sachbeschädigungen und das Sicherheitsgefühl am Abend.")
    if reach < 3:
        return
    problems = [rows.add(T["Problem"], tenant_id=tenant, cycle_id=cycle, title=title, priority=priority)
                for priority, title in enumerate(rng.sample(PROBLEMS, 2), 1)]
    offer = rows.add(T["PreventionOffer"], tenant_id=tenant, cycle_id=cycle, title="Streetwork in der Innenstadt",
                     provider="Jugendhilfe")
    rows.add(offer_problem, offer_id=offer, problem_id=problems[0])
    if reach < 4:
        return
    field = rows.add(T["ActionField"], tenant_id=tenant, cycle_id=cycle, title=problems[0]["title"],
                     working_group_id=group, position=0)
    baseline = Decimal(rng.randint(200, 400)) / 10
    goal = rows.add(T["Goal"], tenant_id=tenant, action_field_id=field, title="Weniger Menschen fühlen sich "
                    "nachts unsicher", indicator_kind="survey_unsafe", baseline_year=started.year,
                    baseline_value=baseline, target_value=baseline - 5, target_year=started.year + 3)
    evaluated = reach == 5
    rows.add(T["Measure"], tenant_id=tenant, cycle_id=cycle, action_field_id=field, goal_id=goal,
             title=f"{group['topic']}: Projekt mit Schulen", working_group_id=group, responsible_id=persons[1],
             starts_on=adopted, status="finished" if evaluated else "running",
             evaluated_on=day - timedelta(days=rng.randint(1, 60)) if evaluated else None,
             evaluation_done="Befragung der Beteiligten." if evaluated else "")
    if evaluated:
        rows.add(T["GoalMeasurement"], tenant_id=tenant, goal_id=goal, year=day.year,
                 value=baseline - Decimal(rng.randint(0, 60)) / 10, source="Bürgerbefragung")


_PDF: list[bytes] = []


def _annual_report(rows: Rows, rng: random.Random, day: date, tenant: Row, coordinator: Row) -> None:
    if not _PDF:  # one small PDF for every generated report: the benchmark reads lists, not files
        _PDF.append(pdf_bytes("Präventionsbericht", ["Erzeugter Bericht für die Lasttests."]))
    year = day.year - 1
    report = rows.add(T["AnnualReport"], tenant_id=tenant, year=year, foreword="Der KPR berichtet über das Jahr.",
                      outlook="Im kommenden Jahr wird die Bürgerbefragung wiederholt.")
    rows.add(T["ReportVersion"], tenant_id=tenant, report_id=report, number=1, year=year, html="<p>Bericht</p>",
             pdf=_PDF[0], status="submitted", submitted_by_id=coordinator,
             submitted_at=_at(date(day.year, 1, 1) + timedelta(days=rng.randint(0, 80)), 10))


def events(rows: Rows, rng: random.Random, day: date, count: int, alliance_id: int) -> list[SimpleNamespace]:
    """Trainings and network meetings of the alliance's state council over three years (a tenth ahead)."""
    made = []
    for number in range(count):
        past = number % 10 != 9
        on = day - timedelta(days=rng.randint(7, 3 * 365)) if past else day + timedelta(days=rng.randint(20, 120))
        kind = EventKind.training if rng.random() < 0.6 else EventKind.network_meeting
        starts = _at(on, 9)
        title = (f"Fortbildung {rng.choice(THEMES)[1]}" if kind == EventKind.training else
                 "Koordinator:innen-Treffen") + f" {on:%m/%Y} ({number + 1})"
        event = rows.add(T["Event"], kind=kind.value, title=title, audience=Audience.open.value, capacity=0,
                         confirmed_count=0, registration_closes_at=starts - timedelta(days=7), alliance_id=alliance_id)
        session = rows.add(T["EventSession"], event_id=event, starts_at=starts, ends_at=starts + timedelta(hours=6),
                           place="Dresden, Landespräventionsrat")
        made.append(SimpleNamespace(event=event, session=session, starts=starts, past=past))
    return made


def registrations(rows: Rows, rng: random.Random, day: date, tenant: Row, members: list, events: list,
                  seats: Counter) -> None:
    if not _reached(tenant, TenantStatus.agreement_signed):
        return
    for user, role in members:
        if role != MembershipRole.coordinator and rng.random() < 0.7:
            continue
        for event in rng.sample(events, min(len(events), rng.randint(1, 2))):
            registration = rows.add(T["Registration"], event_id=event.event, user_id=user, tenant_id=tenant,
                                    registered_by_id=user, status="confirmed",
                                    queued_at=event.starts - timedelta(days=30))
            seats[id(event)] += 1
            if not event.past:
                continue
            present = rng.random() < 0.88
            rows.add(T["Attendance"], registration_id=registration, session_id=event.session, present=present,
                     recorded_at=event.starts)
            if present and rng.random() < 0.5:
                rows.add(T["Feedback"], registration_id=registration, overall=rng.randint(3, 5),
                         usefulness=rng.randint(2, 5), comment="", submitted_at=event.starts + timedelta(hours=7))


def fill_seats(events: list, seats: Counter) -> None:
    """Confirmed seats as counted, capacity a little above them (what events.seats keeps)."""
    table = T["Event"]
    params = [{"event_id": e.event.id, "taken": seats[id(e)], "room": seats[id(e)] + 20} for e in events]
    db.session.connection().execute(
        sa.update(table).where(table.c.id == sa.bindparam("event_id"))
        .values(confirmed_count=sa.bindparam("taken"), capacity=sa.bindparam("room")), params)
