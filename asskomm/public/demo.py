"""Demo public pages, with facts from the seed pages in our own words; people's names are invented
(the contact persons are the demo coordinators of asskomm/demo/data.py)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from tenants import Tenant, db, tenant_context

from ..structure.models import Sector
from .markup import render_markdown
from .models import CommunityOfficer, NewsPost, Partner, PublicProfile

PROFILES = {
    "zwickau": dict(
        about="Die Stabsstelle Kommunale Prävention koordiniert die Präventionsarbeit in Zwickau. Probleme haben "
              "viele Ursachen, deshalb löst sie niemand allein: Im Kommunalen Präventionsrat bündeln Stadt, "
              "Polizei, Justiz, Schulen, Jugendhilfe, Wirtschaft und Zivilgesellschaft ihr Fachwissen, werten "
              "die Lage vor Ort aus und entwickeln in Arbeitsgruppen Maßnahmen, die sich am Bedarf orientieren. "
              "Der jährliche Präventionsbericht beschreibt Stand, Lage und Ressourcen.",
        goals="Das Sicherheitsgefühl der Bürgerinnen und Bürger stärken\n"
              "Strukturen abbauen, die Kriminalität begünstigen, und ihrer Entstehung vorbeugen\n"
              "Ungünstige Entwicklungen früh erkennen\n"
              "Bürgerinnen und Bürger beteiligen und praxisnah handeln\n"
              "Das soziale Klima in der Stadt verbessern",
        office_name="Stabsstelle Kommunale Prävention",
        contact_person="Nadine Kretzschmar",
        postal_address="Postfach 20 09 33\n08009 Zwickau",
        visitor_address="Hauptmarkt 1\n08056 Zwickau",
        opening_hours="Dienstag: 9–12 Uhr und 13–18 Uhr\nDonnerstag: 9–12 Uhr und 13–15 Uhr",
        phone="+49 375 831850",
    ),
    "zittau": dict(
        about="2021 haben die Große Kreisstadt Zittau, der Landespräventionsrat Sachsen und die Polizeidirektion "
              "Görlitz eine Kooperationsvereinbarung geschlossen; 2023 wurde der Kommunale Präventionsrat Zittau "
              "gegründet. In ihm arbeiten lokale Akteure für mehr Sicherheit und Lebensqualität zusammen: Sie "
              "untersuchen Probleme gemeinsam und entwickeln vorbeugende Maßnahmen, die sie dann umsetzen.",
        goals="Herausforderungen früh begegnen und das Zusammenleben dauerhaft stärken\n"
              "Vorbeugen in den Bereichen Sicherheit, Gesundheit, Bildung, Umwelt und soziales Miteinander\n"
              "Die Bevölkerung über Prävention informieren und für Sicherheitsthemen gewinnen\n"
              "Bürger:innen und Organisationen beraten, die sich an Präventionsprojekten beteiligen wollen",
        office_name="Koordinierungsstelle des Kommunalen Präventionsrates",
        contact_person="Marlene Görner, Koordinatorin KPR",
        phone="03583 752-113",
        email="kpr@zittau.de",
    ),
    "landkreis-rostock": dict(
        about="Im Kommunalen Präventionsrat des Landkreises Rostock wirken rund 20 Fachleute aus Polizei, "
              "Verwaltung, Verbänden und Beiräten mit. Sie setzen sich im ganzen Landkreis und über die Grenzen "
              "der Ressorts hinweg für Kriminalprävention ein. Einmal im Jahr lädt der KPR die Verantwortlichen "
              "aller Kommunen zum PräventionsForum ein: Dort tauschen sich die Akteure aus, holen sich neue "
              "Anregungen, und die ehrenamtliche Präventionsarbeit vor Ort wird gewürdigt.",
        goals="Kriminalität vorbeugen\n"
              "Das Sicherheitsempfinden der Einwohner:innen und der Gäste des Landkreises verbessern\n"
              "Verbindliche Präventionsstrukturen in den Kommunen aufbauen, beleben und festigen",
        office_name="Geschäftsstelle des Kommunalen Präventionsrates",
        contact_person="Birgit Voß",
    ),
    "meissen": dict(
        about="2022 hat die Stadt Meißen die Kooperationsvereinbarung „Allianz Sichere Sächsische Kommunen“ mit "
              "dem Landespräventionsrat Sachsen unterzeichnet und damit eine lange gute Zusammenarbeit "
              "besiegelt. Der Landespräventionsrat unterstützt den KPR mit einer festen Ansprechperson und mit "
              "ASSKomm-Coaches, etwa bei der Sicherheitsanalyse, der Präventionsstrategie und der Suche nach "
              "passenden Projekten.",
        goals="Kriminalität in Umfang und Schwere verringern\n"
              "Einen sachlichen Umgang mit Kriminalität fördern\n"
              "Das Sicherheitsgefühl der Bevölkerung erhöhen\n"
              "Soziales Engagement fördern\n"
              "Das Gemeinwesen stärken und so das soziale Klima in der Stadt verbessern",
        office_name="Koordinierungsstelle KPR Meißen",
        contact_person="Christiane Böhme",
    ),
}

# The news list of seed 000 (dates and topics), with short texts of our own.
NEWS = {
    "zwickau": [
        (date(2022, 10, 15), "Verkehrssicherheitstag mit vielen Gästen",
         "Viele Zwickauerinnen und Zwickauer kamen zum Verkehrssicherheitstag. Polizei, Verkehrswacht und "
         "Stadt informierten über sicheres Unterwegssein zu Fuß, mit dem Rad und im Auto."),
        (date(2022, 10, 4), "Informationstag für mehr Sicherheit",
         "Am Informationstag stellten die Partner des KPR ihre Angebote vor: Beratung zum Schutz vor Betrug, "
         "Einbruch und Gewalt, dazu Ansprechpersonen für Fragen aus den Stadtteilen."),
        (date(2022, 6, 29), "Weitere Freiflächen im Graffiti-Konzept",
         "Die Stadt hat weitere Flächen in ihr Graffiti-Konzept aufgenommen. Dort dürfen Sprayer:innen legal "
         "arbeiten; das soll illegale Schmierereien an anderen Orten verringern."),
        (date(2022, 4, 7), "Erster Präventionstag Cybercrime am 26. April",
         "Am 26. April findet der erste Präventionstag zum Thema Cybercrime statt: Wie schütze ich mich vor "
         "Betrug im Netz, vor Datendiebstahl und vor Erpressung?"),
        (date(2022, 3, 28), "Ergebnisse der Sicherheitsanalyse",
         "Die Sicherheitsanalyse liegt vor. Sie verbindet die Kriminalstatistik mit einer Befragung zum "
         "Sicherheitsgefühl und ist Grundlage für die nächsten Schritte des KPR."),
        (date(2022, 3, 24), "Hier sind Graffitis ab sofort erlaubt",
         "Die ersten legalen Graffiti-Flächen der Stadt sind freigegeben. Eine Übersicht der Standorte gibt es "
         "bei der Stabsstelle Kommunale Prävention."),
        (date(2021, 11, 5), "Seniorensicherheitstag",
         "Beim Seniorensicherheitstag ging es um Trickbetrug an der Haustür und am Telefon und darum, wie man "
         "sich und Angehörige davor schützt."),
        (date(2021, 10, 30), "Tag des Einbruchschutzes",
         "Zum Tag des Einbruchschutzes gab es Tipps zur Sicherung von Wohnung und Haus und Hinweise auf die "
         "kostenlose Beratung der Polizei."),
        (date(2021, 10, 22), "„Trouble in the City – Stark ohne Drogen“: erste Aktionen",
         "Das Modellprojekt zur Suchtprävention für junge Menschen hat mit ersten Aktionen begonnen."),
        (date(2021, 10, 9), "Tag der Fahrradsicherheit",
         "Am Tag der Fahrradsicherheit konnten Räder geprüft und codiert werden."),
        (date(2021, 10, 7), "2. Sitzung des Kommunalen Präventionsrates",
         "Der Kommunale Präventionsrat der Stadt Zwickau ist zu seiner zweiten Sitzung zusammengekommen."),
    ],
    "meissen": [
        (date(2022, 6, 30), "Kooperationsvereinbarung ASSKomm unterzeichnet",
         "Die Stadt Meißen und der Landespräventionsrat Sachsen haben die Kooperationsvereinbarung "
         "„Allianz Sichere Sächsische Kommunen“ unterzeichnet. Damit wird die Zusammenarbeit verbindlich."),
    ],
    "landkreis-rostock": [
        (date(2026, 3, 2), "Einladung zum PräventionsForum",
         "Auch in diesem Jahr lädt der Kommunale Präventionsrat alle Verantwortlichen aus den Kommunen des "
         "Landkreises zum PräventionsForum ein. Im Mittelpunkt steht der Ausbau der Präventionsstrukturen vor Ort."),
    ],
}

PARTNERS = {
    "zittau": [
        ("Polizeidirektion Görlitz", Sector.police, "Partnerin der Kooperationsvereinbarung von 2021."),
        ("Polizeirevier Zittau-Oberland", Sector.police, "Bürgerpolizei und Beratung vor Ort."),
        ("Schulen der Stadt Zittau", Sector.education, "Präventionsangebote im Unterricht und in der "
                                                       "Schulsozialarbeit."),
        ("Kinder- und Jugendhilfe im Landkreis Görlitz", Sector.youth_welfare, "Offene Jugendarbeit und "
                                                                               "Streetwork."),
        ("Soziale Beratungsstellen freier Träger", Sector.social_services, "Beratung für Familien, bei "
                                                                           "Schulden und in Krisen."),
        ("Ordnungsamt der Stadt Zittau", Sector.administration, ""),
    ],
    "landkreis-rostock": [
        ("Polizeiinspektion Güstrow", Sector.police, ""),
        ("Kreisjugendring", Sector.youth_welfare, "Vertritt die Jugendverbände im Landkreis."),
    ],
}

OFFICERS = {
    "zittau": [
        ("Daniel Neumann", "Innenstadt und Vorstadt", "Dienstag 14–17 Uhr im Bürgerbüro"),
        ("Katja Riedel", "Südliche Stadtteile und Ortsteile", "Donnerstag 9–12 Uhr im Bürgerbüro"),
    ],
}


def load(tenants: dict[str, Tenant]) -> None:
    for slug, fields in PROFILES.items():
        with tenant_context(tenants[slug].id):
            if db.session.scalar(sa.select(PublicProfile.id)) is not None:
                continue  # loaded before: running again changes nothing
            db.session.add(PublicProfile(**fields))
            for published_on, title, body in NEWS.get(slug, []):
                db.session.add(NewsPost(title=title, published_on=published_on, published=True, body=body,
                                        body_html=render_markdown(body)))
            for position, (name, sector, description) in enumerate(PARTNERS.get(slug, [])):
                db.session.add(Partner(name=name, sector=sector.value, description=description, position=position))
            for position, (name, area, hours) in enumerate(OFFICERS.get(slug, [])):
                db.session.add(CommunityOfficer(name=name, area=area, office_hours=hours, position=position))
            db.session.flush()
