"""Demo structure of the demo KPRs, after the seed documents (names of people invented)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..accounts.models import User
from .models import Body, BodyKind, BodyMembership, BodyRole, Person, Sector, WorkingGroupBasis

# (kind, name, topic, description)
BODIES = {
    "zwickau": [
        ("chair", "Vorsitz", "", "Oberbürgermeisterin: leitet den KPR und vertritt ihn nach außen und innen."),
        ("leadership", "Führungsstab", "", "Oberbürgermeisterin, Leitung der Polizeidirektion Zwickau und Vorsitz des "
         "Lenkungsgremiums: Sicherheitskonferenz, Besetzung des Lenkungsgremiums, Änderungen der Geschäftsordnung."),
        ("steering_group", "Lenkungsgremium", "", "Verantwortungsträger:innen aus den Ressorts: aktuelle Themen, "
         "Präventionsstrategie, Schwerpunkte, Projekte und Einsatz der Arbeitsgruppen."),
        ("coordination", "Koordinierungsstelle", "Stabsstelle Kommunale Prävention", "Organisation, Einladungen und "
         "Niederschriften, Veranstaltungen, jährlicher Präventionsbericht, Öffentlichkeitsarbeit."),
        ("working_group", "AG Gewalt", "Gewaltprävention", ""),
        ("working_group", "AG Graffiti", "Graffiti und legale Flächen", ""),
        ("working_group", "AG Extremismus", "Extremismusprävention", ""),
        ("working_group", "AG Sucht", "Suchtprävention", ""),
        ("working_group", "AG Sichere Stadt", "Sicherheit im öffentlichen Raum", ""),
    ],
    "zittau": [
        ("chair", "Vorsitz", "", "Oberbürgermeister der Großen Kreisstadt Zittau."),
        ("steering_group", "Lenkungsgruppe", "", "Steuert die Präventionsarbeit seit der Gründung 2023."),
        ("coordination", "Koordinierungsstelle", "", "Koordination, Netzwerkarbeit, Öffentlichkeitsarbeit, Beratung."),
    ],
    "meissen": [
        ("steering_group", "Lenkungsgremium", "", "Seit Jahren aktiv; seit 2022 Partner der ASSKomm."),
        ("coordination", "Koordinierungsstelle", "", ""),
    ],
    "landkreis-rostock": [
        ("steering_group", "Kommunaler Präventionsrat", "", "Rund 20 Fachleute aus Polizei, Verwaltung, Verbänden "
         "und Beiräten, landkreisweit und ressortübergreifend."),
        ("coordination", "Geschäftsstelle", "", "Bereitet das jährliche PräventionsForum für alle Kommunen vor."),
    ],
}

# (organisation, function, sector) of the people of each KPR's steering group
STEERING_MEMBERS = {
    "zwickau": [
        ("Polizeidirektion Zwickau", "Leitung", "police"),
        ("Staatsanwaltschaft Zwickau", "Oberstaatsanwältin", "justice"),
        ("Amt für Familie, Schule und Soziales", "Amtsleitung", "administration"),
        ("Stadtplanungsamt", "Amtsleitung", "administration"),
        ("Wirtschaftsförderung", "Leitung", "business"),
        ("Jugendbeirat", "Sprecherin", "youth_welfare"),
        ("Seniorenvertretung", "Vorsitz", "civil_society"),
        ("Suchtberatung Landkreis Zwickau", "Leitung", "addiction_counselling"),
        ("Streetwork", "Koordination", "social_services"),
    ],
    "zittau": [
        ("Polizeirevier Zittau-Oberland", "Revierleitung", "police"),
        ("Ordnungsamt", "Amtsleitung", "administration"),
        ("Oberschule Zittau", "Schulleitung", "education"),
        ("Jugendhilfe Zittau", "Bereichsleitung", "youth_welfare"),
    ],
    "meissen": [
        ("Polizeirevier Meißen", "Revierleitung", "police"),
        ("Ordnungsamt", "Amtsleitung", "administration"),
        ("Evangelisches Jugendwerk", "Geschäftsführung", "civil_society"),
    ],
    "landkreis-rostock": [
        ("Polizeiinspektion Güstrow", "Leitung", "police"), ("Polizeiinspektion Rostock", "Prävention", "police"),
        ("Kreisverwaltung, Ordnungsamt", "Amtsleitung", "administration"),
        ("Kreisverwaltung, Jugendamt", "Amtsleitung", "youth_welfare"),
        ("Kreisverwaltung, Schulverwaltung", "Sachgebietsleitung", "education"),
        ("Kreisseniorenbeirat", "Vorsitz", "civil_society"), ("Kreisjugendring", "Geschäftsführung", "youth_welfare"),
        ("Behindertenbeirat", "Vorsitz", "civil_society"), ("Integrationsbeirat", "Vorsitz", "civil_society"),
        ("Suchtberatung Güstrow", "Leitung", "addiction_counselling"), ("Weißer Ring", "Außenstelle", "civil_society"),
        ("Staatsanwaltschaft Rostock", "Jugendstaatsanwältin", "justice"), ("Kreishandwerkerschaft", "Geschäftsführung",
         "business"), ("Hochschule Güstrow", "Professur Kriminologie", "science"),
        ("Gesundheitsamt", "Amtsärztin", "health"), ("Kreistag", "Ausschussvorsitz", "politics"),
        ("Landesrat für Kriminalitätsvorbeugung", "Referent", "administration"),
    ],
}

# Vorsitz and Führungsstab where a seed page names them (names invented): Zwickau's organisation chart has
# the Oberbürgermeister:in as chair of the KPR, and in the Führungsstab with the head of the Polizeidirektion
# Zwickau and the chair of the steering group (here that head, the steering group's first member).
# slug -> ((name, email, organisation, function, sector) of the chair, organisation of the police head)
LEADERS = {
    "zwickau": (("Katrin Hellwig", "katrin.hellwig@zwickau.example", "Stadt Zwickau", "Oberbürgermeisterin",
                 "administration"), "Polizeidirektion Zwickau"),
}

FIRST = ["Anja", "Bernd", "Carola", "Dirk", "Elke", "Falk", "Gabriele", "Heiko", "Ines", "Jörg", "Kerstin", "Lutz",
         "Maria", "Norbert", "Petra", "Ralf", "Silke", "Torsten", "Ute", "Volker", "Yvonne"]
LAST = ["Adler", "Beyer", "Eckert", "Fuchs", "Haase", "Jung", "Kühn", "Lange", "Martin", "Otto", "Pohl", "Seifert",
        "Thiele", "Vogel", "Walther", "Winkler", "Ziegler", "Arnold", "Berger", "Engel", "Graf"]


def _body(kind: str, name: str, topic: str, description: str, position: int) -> Body:
    body = db.session.scalar(sa.select(Body).filter_by(name=name))
    if body is None:
        body = Body(kind=BodyKind(kind), name=name, topic=topic, description=description, position=position,
                    basis=WorkingGroupBasis.thematic if kind == "working_group" else None)
        db.session.add(body)
        db.session.flush()
    return body


def _person(name: str, email: str, organisation: str, function: str, sector: str,
            user_id: int | None = None) -> Person:
    person = db.session.scalar(sa.select(Person).filter_by(email=email))
    if person is None:
        person = Person(name=name, email=email, organisation=organisation, function=function,
                        sector=Sector(sector), user_id=user_id)
        db.session.add(person)
        db.session.flush()
    return person


def _join(body: Body, person: Person, role: BodyRole, since: date | None) -> None:
    exists = db.session.scalar(sa.select(BodyMembership).filter_by(body_id=body.id, person_id=person.id))
    if exists is None:
        db.session.add(BodyMembership(body=body, person=person, role=role, starts_on=since))
        db.session.flush()


def _login_person(slug: str, prefix: str, function: str, sector: str) -> Person | None:
    user = db.session.scalar(sa.select(User).filter_by(email=f"{prefix}.{slug}@demo.asskomm.de"))
    if user is None:
        return None
    return _person(user.name, user.email, f"KPR {slug}", function, sector, user.id)


def _leaders(bodies: list[Body], steering: dict[str, Person], chair: tuple, police: str, since: date | None) -> None:
    chair_body, leadership, steering_group = (next(b for b in bodies if b.kind == kind) for kind in (
        BodyKind.chair, BodyKind.leadership, BodyKind.steering_group))
    mayor = _person(*chair)
    _join(chair_body, mayor, BodyRole.chair, since)
    _join(leadership, mayor, BodyRole.chair, since)
    steering_chairs = [m.person for m in steering_group.memberships if m.role == BodyRole.chair]
    for person in (steering[police], *steering_chairs):  # one membership each, also when they are one person
        _join(leadership, person, BodyRole.member, since)


def load(tenants: dict[str, Tenant]) -> None:
    for index, (slug, bodies) in enumerate(BODIES.items()):
        tenant = tenants[slug]
        since = tenant.founded_on or tenant.agreement_signed_on
        with tenant_context(tenant.id):
            made = [_body(kind, name, topic, text, pos) for pos, (kind, name, topic, text) in enumerate(bodies)]
            steering = next(b for b in made if b.kind == BodyKind.steering_group)
            coordination = next(b for b in made if b.kind == BodyKind.coordination)
            groups = [b for b in made if b.kind == BodyKind.working_group]
            coordinator = _login_person(slug, "koordination", "Koordinator:in", "administration")
            member = _login_person(slug, "mitglied", "Mitglied", "civil_society")
            if coordinator:
                _join(coordination, coordinator, BodyRole.lead, since)
                _join(steering, coordinator, BodyRole.member, since)
            if member:
                _join(steering, member, BodyRole.member, since)
            steering_people: dict[str, Person] = {}
            for n, (organisation, function, sector) in enumerate(STEERING_MEMBERS[slug]):
                first, last = FIRST[(n + index * 3) % len(FIRST)], LAST[(n * 7 + index) % len(LAST)]
                email = f"{first.lower()}.{last.lower()}@{slug}.example".replace("ö", "oe").replace("ü", "ue")
                person = steering_people[organisation] = _person(f"{first} {last}", email, organisation, function,
                                                                 sector)
                _join(steering, person, BodyRole.chair if n == 0 else BodyRole.member, since)
                if n < len(groups):  # each working group is led by one member of the steering group
                    _join(groups[n], person, BodyRole.lead, since)
            if slug in LEADERS:
                _leaders(made, steering_people, *LEADERS[slug], since)
