"""Demo meetings of the demo KPRs: past sessions with minutes, decisions and action items (facts
from the seed pages, in our own words), one set of minutes approved at the following meeting,
and upcoming meetings, some of them public. Running it again changes nothing."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import date, time, timedelta

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..structure.models import Body, BodyKind, BodyMembership, Person
from .models import ActionItem, ActionStatus, AgendaItem, Decision, Invitation, Meeting, MeetingStatus, Minutes, Reply
from .services import berlin_to_utc


@dataclass
class DemoMeeting:
    body: str  # a body's name, or "steering" for the KPR's steering group
    title: str
    day: date
    start: time
    hours: float
    place: str = ""
    online_url: str = ""
    public: bool = False
    agenda: list[tuple[str, int | None]] = field(default_factory=list)  # (title, index of a member)
    minutes: str = ""
    decisions: list[str] = field(default_factory=list)
    actions: list[tuple[str, int | None, date | None, bool]] = field(default_factory=list)  # title, owner, due, done
    approves: str = ""  # title of an earlier meeting of the same body whose minutes this one approved


RATHAUS_ZWICKAU = "Rathaus Zwickau, Hauptmarkt 1, 08056 Zwickau"

MEETINGS: dict[str, list[DemoMeeting]] = {
    "zwickau": [
        DemoMeeting(
            "steering", "2. Sitzung des Kommunalen Präventionsrates", date(2021, 10, 7), time(16, 0), 2,
            RATHAUS_ZWICKAU,
            agenda=[("Bericht der Stabsstelle Kommunale Prävention", 0), ("Modellprojekt „Trouble in the City – "
                    "Stark ohne Drogen“", 7), ("Sicherheitsanalyse: Auftrag und Bürgerbefragung", 1),
                    ("Graffiti: Vorschläge für legale Flächen", 3)],
            minutes="Die Stabsstelle berichtete über die Arbeit seit der ersten Sitzung. Die Suchtberatung stellte "
                    "das Modellprojekt gegen Drogenkonsum Jugendlicher vor, das noch im Oktober mit ersten Aktionen "
                    "beginnt. Für die Präventionsstrategie braucht der KPR eine Sicherheitsanalyse aus "
                    "Kriminalstatistik und Bürgerbefragung.",
            decisions=["Der KPR unterstützt das Modellprojekt „Trouble in the City – Stark ohne Drogen“.",
                       "Die Stabsstelle beauftragt eine Sicherheitsanalyse mit Bürgerbefragung.",
                       "Die AG Graffiti schlägt Flächen vor, auf denen Graffiti legal gesprüht werden darf."],
            actions=[("Fragebogen der Bürgerbefragung mit der Polizeidirektion abstimmen", 1, date(2021, 12, 15),
                      True),
                     ("Liste möglicher legaler Graffiti-Flächen vorlegen", 3, date(2022, 3, 1), True),
                     ("Seniorensicherheitstag im November vorbereiten", 6, date(2021, 11, 5), True)],
        ),
        DemoMeeting(
            "steering", "3. Sitzung des Kommunalen Präventionsrates", date(2022, 4, 5), time(16, 0), 2,
            RATHAUS_ZWICKAU, approves="2. Sitzung des Kommunalen Präventionsrates",
            agenda=[("Genehmigung der Niederschrift der 2. Sitzung", None),
                    ("Ergebnisse der Sicherheitsanalyse", 1), ("Erster Präventionstag Cybercrime am 26. April", 0),
                    ("Neue legale Graffiti-Flächen", 3)],
            minutes="Die Niederschrift der 2. Sitzung wurde ohne Änderungen genehmigt. Die Ergebnisse der "
                    "Sicherheitsanalyse liegen vor und wurden vorgestellt. Seit März gibt es die ersten legalen "
                    "Graffiti-Flächen; weitere sollen in das Konzept aufgenommen werden.",
            decisions=["Aus der Sicherheitsanalyse werden Schwerpunkte für die Präventionsstrategie abgeleitet.",
                       "Der Präventionstag Cybercrime findet am 26. April statt."],
            actions=[("Schwerpunkte der Präventionsstrategie aus der Sicherheitsanalyse vorschlagen", 0,
                      date(2027, 1, 31), False),
                     ("Weitere Freiflächen für das Graffiti-Konzept mit dem Stadtplanungsamt prüfen", 3,
                      date(2026, 12, 15), False)],
        ),
        # The year 2025, which Zwickau's Präventionsbericht 2025 reports on (annual_report demo).
        DemoMeeting(
            "steering", "Frühjahrssitzung des Lenkungsgremiums 2025", date(2025, 3, 13), time(16, 0), 2,
            RATHAUS_ZWICKAU,
            agenda=[("Präventionsbericht 2024", 0), ("Graffiti-Konzept: Bilanz der legalen Flächen", 3),
                    ("Suchtprävention an Treffpunkten der Innenstadt", 7)],
            minutes="Das Lenkungsgremium nahm den Präventionsbericht 2024 zur Kenntnis. Die AG Graffiti zog Bilanz: "
                    "an den legalen Flächen wird gesprüht, an den Brücken daneben weniger. Die Suchtberatung "
                    "berichtete von den Aktionen an den Treffpunkten.",
            decisions=["Der Präventionsbericht 2024 geht dem Stadtrat zur Kenntnis zu.",
                       "Das Graffiti-Konzept wird um eine Fläche im Stadtteil Eckersbach erweitert."],
            actions=[("Fläche in Eckersbach mit der Wohnungsgesellschaft abstimmen", 3, date(2025, 6, 30), True)],
        ),
        DemoMeeting(
            "Führungsstab", "Sicherheitskonferenz 2025", date(2025, 5, 22), time(10, 0), 3, RATHAUS_ZWICKAU,
            agenda=[("Lagebild der Polizeidirektion Zwickau", 1), ("Schwerpunkte der Präventionsarbeit", 0)],
            minutes="Oberbürgermeisterin und Polizeidirektion berieten das Lagebild; die Schwerpunkte Graffiti, "
                    "Sucht und Sicherheit in der Innenstadt bleiben.",
            decisions=["Die Schwerpunkte der Präventionsstrategie gelten für 2025 und 2026 fort."],
        ),
        DemoMeeting(
            "AG Graffiti", "Sitzung der AG Graffiti 2025", date(2025, 6, 12), time(15, 0), 1.5,
            "Stadtplanungsamt Zwickau",
            agenda=[("Neue Fläche in Eckersbach", 0), ("Jugendkunstschule: Sommerworkshop", None)],
            minutes="Die Fläche in Eckersbach ist abgestimmt. Die Jugendkunstschule bietet im Sommer einen Workshop "
                    "an den legalen Flächen an.",
            decisions=["Die AG empfiehlt, die Fläche in Eckersbach im September zu eröffnen.",
                       "Der Sommerworkshop der Jugendkunstschule wird auf der Internetseite des KPR angekündigt."],
        ),
        DemoMeeting(
            "steering", "Herbstsitzung des Lenkungsgremiums 2025", date(2025, 10, 9), time(16, 0), 2,
            RATHAUS_ZWICKAU, approves="Frühjahrssitzung des Lenkungsgremiums 2025",
            agenda=[("Genehmigung der Niederschrift der Frühjahrssitzung", None),
                    ("Präventionsbericht 2025: Gliederung", 0), ("Berichte aus den Arbeitsgruppen", 8)],
            minutes="Die Niederschrift der Frühjahrssitzung wurde genehmigt. Der Präventionsbericht 2025 folgt der "
                    "Gliederung des Vorjahres und wird aus den Einträgen der Plattform erzeugt.",
            decisions=["Der Präventionsbericht 2025 wird aus den Einträgen der Plattform erzeugt und dem "
                       "Landespräventionsrat eingereicht."],
        ),
        DemoMeeting(
            "steering", "Sitzung des Lenkungsgremiums im Herbst", date(2026, 9, 17), time(16, 0), 2,
            RATHAUS_ZWICKAU,
            agenda=[("Präventionsbericht 2026: Gliederung", 0), ("Sichere Innenstadt: Lagebild", 1),
                    ("Berichte aus den Arbeitsgruppen", 8)],
            minutes="Die Gliederung des Präventionsberichts 2026 wurde besprochen. Die Polizeidirektion stellte "
                    "das Lagebild der Innenstadt vor; die AG Sichere Stadt greift es auf.",
            decisions=["Der Präventionsbericht 2026 folgt der Gliederung des Vorjahres."],
            actions=[("Entwurf des Präventionsberichts 2026 vorlegen", 0, date(2027, 2, 28), False),
                     ("Begehung der Innenstadt mit der AG Sichere Stadt planen", 1, date(2026, 12, 10), False)],
        ),
        DemoMeeting(
            "AG Graffiti", "Sitzung der AG Graffiti", date(2022, 6, 14), time(15, 0), 1.5,
            "Stadtplanungsamt Zwickau",
            agenda=[("Erfahrungen mit den ersten legalen Flächen", 3), ("Weitere Freiflächen", None)],
            minutes="Die ersten legalen Flächen werden gut angenommen. Die AG empfiehlt weitere Flächen.",
            decisions=["Die AG empfiehlt zwei weitere Freiflächen für das Graffiti-Konzept."],
            actions=[("Pflege der legalen Flächen mit dem Grünflächenamt vereinbaren", 0, date(2026, 12, 31), False)],
        ),
        DemoMeeting("steering", "Sitzung des Lenkungsgremiums", date(2026, 12, 3), time(16, 0), 2, RATHAUS_ZWICKAU,
                    agenda=[("Genehmigung der Niederschrift der Herbstsitzung", None),
                            ("Präventionsbericht 2026: Entwurf", 0), ("Jahresplanung 2027", None)]),
        DemoMeeting("AG Sichere Stadt", "Sitzung der AG Sichere Stadt", date(2026, 12, 10), time(14, 0), 1.5,
                    online_url="https://konferenz.zwickau.example/ag-sichere-stadt",
                    agenda=[("Begehung der Innenstadt: Route und Termin", 0)]),
        DemoMeeting("steering", "Öffentliche Sitzung: Präventionsbericht 2026", date(2027, 3, 18), time(17, 0), 2,
                    RATHAUS_ZWICKAU, public=True,
                    agenda=[("Vorstellung des Präventionsberichts 2026", 0), ("Fragen der Bürgerinnen und Bürger",
                                                                              None)]),
    ],
    "zittau": [
        DemoMeeting(
            "steering", "Sitzung der Lenkungsgruppe", date(2026, 6, 11), time(15, 0), 2,
            "Rathaus Zittau, Markt 1, 02763 Zittau",
            agenda=[("Zusammenarbeit mit den Bürgerpolizisten", 0), ("Schulwegsicherheit", 2)],
            minutes="Die Lenkungsgruppe besprach die Zusammenarbeit mit den Bürgerpolizisten und die Sicherheit "
                    "auf den Schulwegen.",
            decisions=["Die Koordinierungsstelle lädt die Bürgerpolizisten zur nächsten Sitzung ein."],
            actions=[("Elternbefragung zur Schulwegsicherheit vorbereiten", 2, date(2027, 1, 31), False)],
        ),
        DemoMeeting("steering", "Sitzung der Lenkungsgruppe", date(2027, 1, 14), time(15, 0), 2,
                    "Rathaus Zittau, Markt 1, 02763 Zittau", public=True,
                    agenda=[("Bürgerpolizisten stellen sich vor", 0), ("Elternbefragung: Ergebnisse", 2)]),
    ],
    "meissen": [
        DemoMeeting(
            "steering", "Sitzung des Lenkungsgremiums", date(2026, 6, 24), time(16, 0), 2, "Rathaus Meißen",
            agenda=[("Kooperationsvereinbarung: Stand der Umsetzung", None), ("Jugendtreffs am Abend", 2)],
            minutes="Das Lenkungsgremium zog eine Zwischenbilanz der Kooperationsvereinbarung.",
            decisions=["Die Öffnungszeiten der Jugendtreffs werden mit den Trägern besprochen."],
            actions=[("Gespräch mit den Trägern der Jugendtreffs führen", 2, date(2026, 12, 31), False)],
        ),
        DemoMeeting("steering", "Sitzung des Lenkungsgremiums", date(2026, 12, 8), time(16, 0), 2, "Rathaus Meißen",
                    public=True, agenda=[("Jugendtreffs: Ergebnis der Gespräche", 2)]),
    ],
    "landkreis-rostock": [
        DemoMeeting(
            "steering", "Sitzung des Kommunalen Präventionsrates", date(2026, 5, 20), time(14, 0), 3,
            "Kreishaus Güstrow",
            agenda=[("PräventionsForum: Themen und Einladung der Kommunen", 2), ("Geschäftsordnung", None)],
            minutes="Der KPR bereitete das jährliche PräventionsForum vor, zu dem alle Verantwortlichen aus den "
                    "Kommunen eingeladen werden.",
            decisions=["Das PräventionsForum stellt den Ausbau der Präventionsstrukturen vor Ort in den Mittelpunkt."],
            actions=[("Einladungen zum PräventionsForum an alle Kommunen versenden", 2, date(2026, 12, 1), False)],
        ),
        DemoMeeting("steering", "Sitzung des Kommunalen Präventionsrates", date(2027, 2, 10), time(14, 0), 3,
                    "Kreishaus Güstrow", public=True,
                    agenda=[("Rückblick auf das PräventionsForum", 2), ("Arbeitsplanung 2027", None)]),
    ],
}


def _body(name: str) -> Body | None:
    if name == "steering":
        return db.session.scalar(sa.select(Body).where(Body.kind == BodyKind.steering_group).order_by(Body.id))
    return db.session.scalar(sa.select(Body).where(Body.name == name).order_by(Body.id))


def _members(body: Body) -> list[Person]:
    return list(db.session.scalars(
        sa.select(Person).join(BodyMembership, BodyMembership.person_id == Person.id)
        .where(BodyMembership.body_id == body.id).order_by(BodyMembership.id)
    ))


def _pick(people: list[Person], index: int | None) -> Person | None:
    return people[index % len(people)] if index is not None and people else None


def _meeting(body: Body, spec: DemoMeeting) -> Meeting:
    starts = berlin_to_utc(spec.day, spec.start)
    existing = db.session.scalar(sa.select(Meeting).filter_by(body_id=body.id, title=spec.title, starts_at=starts))
    if existing is not None:
        return existing
    people = _members(body)
    held = spec.day < date(2026, 11, 21)
    meeting = Meeting(body=body, title=spec.title, starts_at=starts, ends_at=starts + timedelta(hours=spec.hours),
                      place=spec.place, online_url=spec.online_url, public=spec.public, sequence=0,
                      status=MeetingStatus.held if held else MeetingStatus.planned,
                      agenda=[AgendaItem(title=title, owner=_pick(people, owner), position=n)
                              for n, (title, owner) in enumerate(spec.agenda)])
    db.session.add(meeting)
    if held:
        for n, person in enumerate(p for p in people if p.email):
            meeting.invitations.append(Invitation(person=person, token=secrets.token_urlsafe(24),
                                                  reply=Reply.no if n % 5 == 4 else Reply.yes,
                                                  attended=n % 5 != 4))
    if spec.minutes:
        meeting.minutes = Minutes(text=spec.minutes, recorded_at=starts + timedelta(days=3),
                                  decisions=[Decision(text=text, position=n) for n, text in enumerate(spec.decisions)])
        for title, owner, due, done in spec.actions:
            db.session.add(ActionItem(meeting=meeting, title=title, owner=_pick(people, owner), due_on=due,
                                      status=ActionStatus.done if done else ActionStatus.open,
                                      done_on=due if done else None))
    db.session.flush()
    return meeting


def load(tenants: dict[str, Tenant]) -> None:
    for slug, specs in MEETINGS.items():
        tenant = tenants.get(slug)
        if tenant is None:
            continue
        with tenant_context(tenant.id):
            made: dict[tuple[int, str], Meeting] = {}
            for spec in specs:
                body = _body(spec.body)
                if body is None:  # the structure demo has not created this body
                    continue
                meeting = made[(body.id, spec.title)] = _meeting(body, spec)
                earlier = made.get((body.id, spec.approves))
                if earlier is not None and earlier.minutes is not None and earlier.minutes.approved_at is None:
                    earlier.minutes.approved_at = meeting.starts_at
                    earlier.minutes.approved_in = meeting
            db.session.flush()
