"""The Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO) as data, built from the settings.

One list drives both the state admins' register and the privacy policy's sections on each processing
(purpose, legal basis, recipients, retention), so the two never disagree and a changed retention setting
shows on both at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from limits import parse_many

from config import Settings

PUBLIC_TASK = ("Art. 6 Abs. 1 Buchst. e DSGVO in Verbindung mit § 3 SächsDSDG: Kriminalprävention als Aufgabe "
               "im öffentlichen Interesse des Freistaates und der Kommunen")
# Measures every processing shares; the activities add their own.
COMMON_MEASURES = ("Verschlüsselte Übertragung (HTTPS); Zugriff nur nach Anmeldung und nur nach Rolle und KPR "
                   "(Mandantentrennung bei jeder Abfrage geprüft); Passwörter nur als Argon2-Hash; begrenzte "
                   "Anmeldeversuche; jede Änderung im Änderungsprotokoll")


@dataclass(frozen=True)
class Activity:
    key: str
    title: str
    purpose: str
    legal_basis: str
    persons: str
    data: str
    recipients: str
    retention: str
    measures: str


def _days(n: int) -> str:
    return "einem Tag" if n == 1 else f"{n} Tagen"


def _months(n: int) -> str:
    return "einem Monat" if n == 1 else f"{n} Monaten"


def longest_window_minutes(*limits: str) -> int:
    """The longest window of these rate limits, in minutes: how long a counted address is kept."""
    return max(item.get_expiry() for raw in limits for item in parse_many(raw)) // 60


def activities(settings: Settings) -> list[Activity]:
    legal = settings.legal
    login_minutes = longest_window_minutes(settings.login_rate_limit, settings.login_account_rate_limit,
                                           settings.login_address_rate_limit)
    audit_days = _days(settings.audit_retention_days)
    return [
        Activity(
            "accounts", "Benutzerkonten, Rollen und Anmeldung",
            "Zugang zur Plattform für die Menschen, die in der Allianz Sichere Sächsische Kommunen mitarbeiten; "
            "Vergabe und Prüfung der Rollen; Schutz vor unbefugter Anmeldung.",
            PUBLIC_TASK,
            "Koordinator:innen und Mitglieder der Kommunalen Präventionsräte (KPR), ASSKomm-Coaches, "
            "Beschäftigte des Landespräventionsrates",
            "Name, E-Mail-Adresse, Passwort (als Hash), Rollen und Mitgliedschaften, Zeitpunkt der letzten "
            "Anmeldung; bei der Anmeldung kurzzeitig die IP-Adresse zur Begrenzung von Fehlversuchen",
            "Landesadministration des Landespräventionsrates; die Koordinierungsstelle eines KPR sieht dessen "
            "Mitglieder",
            "Solange das Konto besteht. IP-Adressen zur Begrenzung von Fehlversuchen höchstens "
            f"{login_minutes} Minuten; Anmeldungen und Fehlversuche im Änderungsprotokoll {audit_days}.",
            COMMON_MEASURES + "; Sitzungen enden bei Abmeldung auf allen Geräten"),
        Activity(
            "workspaces", "Arbeitsbereiche der Kommunalen Präventionsräte",
            "Arbeit der KPR: Gremien und Arbeitsgruppen, Sitzungen und Niederschriften, Dokumente, "
            "Präventionszyklus, Präventionsbericht, öffentliche Seite des KPR.",
            PUBLIC_TASK,
            "Mitglieder der Gremien, Teilnehmende von Sitzungen, auf der öffentlichen Seite genannte "
            "Ansprechpersonen",
            "Name, Funktion, Institution, dienstliche Kontaktdaten, Anwesenheit und Beiträge in "
            "Niederschriften, hochgeladene Dokumente",
            "Mitglieder des KPR, der zugeordnete ASSKomm-Coach, der Landespräventionsrat für freigegebene "
            "Inhalte; die Öffentlichkeit nur für das, was der KPR veröffentlicht",
            "Solange der KPR sie für seine Arbeit braucht; die Koordinierungsstelle löscht sie im Arbeitsbereich.",
            COMMON_MEASURES),
        Activity(
            "trainings", "Fortbildungen, Vernetzungstreffen und Anmeldungen",
            "Planung und Durchführung der Veranstaltungen des Landespräventionsrates, Anmeldung, Erinnerung, "
            "Anwesenheit, Teilnahmebescheinigungen, Auswertung der Teilnahme je KPR.",
            PUBLIC_TASK + "; für die Teilnahmebescheinigung Art. 6 Abs. 1 Buchst. b DSGVO",
            "Angemeldete Teilnehmende aus den KPR, Referent:innen",
            "Name, E-Mail-Adresse, KPR, Anmeldung, Anwesenheit je Termin, Bescheinigung",
            "Organisierende Stelle (Landespräventionsrat oder ausrichtender KPR), die Koordinierungsstelle "
            "des KPR der Person",
            f"Anmeldungen und Anwesenheit werden {_months(settings.registration_retention_months)} nach der "
            "Veranstaltung anonymisiert; es bleiben nur Zahlen.",
            COMMON_MEASURES),
        Activity(
            "coaching", "Beratungsprotokoll der ASSKomm-Coaches",
            "Nachweis und Planung der Begleitung der KPR: Datum, Thema, Stunden, nächste Schritte.",
            PUBLIC_TASK,
            "ASSKomm-Coaches, Koordinator:innen und weitere Gesprächspartner:innen der KPR",
            "Name der Beteiligten, Datum, Thema, Stundenumfang, vereinbarte nächste Schritte",
            "Die Koordinierungsstelle des KPR, der zugeordnete Coach, der Landespräventionsrat",
            "Solange der KPR der Allianz angehört; danach mit dem Archiv des KPR.",
            COMMON_MEASURES),
        Activity(
            "survey", "Bürgerbefragungen zur Sicherheitsanalyse",
            "Erhebung des Sicherheitsgefühls der Bevölkerung für die Sicherheitsanalyse eines KPR.",
            PUBLIC_TASK + "; die Teilnahme ist freiwillig",
            "Befragte Bürger:innen",
            "Antworten ohne Namen und Anschrift, Tag des Eingangs; die IP-Adresse nur als Prüfsumme zur "
            "Begrenzung der Antworten je Anschluss",
            "Der KPR und sein Coach (Auszählungen, kleine Zahlen unterdrückt); der Landespräventionsrat nur "
            "zusammengefasste Kennzahlen",
            "Die Prüfsumme der IP-Adresse höchstens eine Stunde; die anonymen Antworten, solange der KPR "
            "sie für seine Analyse braucht.",
            "Kein Zusammenhang zwischen Zugangscode und Antworten; keine Zugriffsprotokolle der Befragungsseiten"),
        Activity(
            "mail", "E-Mail-Versand (Postausgang)",
            "Einladungen, Erinnerungen, Passwort-Links und Benachrichtigungen der Plattform.",
            PUBLIC_TASK,
            "Alle Personen mit Konto, Empfänger:innen von Einladungen",
            "E-Mail-Adresse, Betreff und Text der Nachricht, Versandstatus",
            f"Der E-Mail-Dienstleister ({legal.processors}); die Landesadministration liest den Postausgang",
            f"Die Texte der E-Mails werden nach {_days(settings.outbox_body_retention_days)} aus dem "
            "Postausgang gelöscht; Empfänger, Betreff und Status bleiben als Versandnachweis.",
            COMMON_MEASURES),
        Activity(
            "audit", "Änderungsprotokoll",
            "Nachvollziehbarkeit jeder Änderung und Anmeldung (Rechenschaftspflicht, Sicherheit).",
            "Art. 6 Abs. 1 Buchst. c DSGVO in Verbindung mit Art. 5 Abs. 2 und Art. 32 DSGVO",
            "Alle Personen, die etwas ändern oder sich anmelden, und Personen, deren Daten geändert werden",
            "Wer, in welcher Rolle, wann, welches Objekt, alte und neue Werte (Geheimnisse nur als „geändert“)",
            "Die Koordinierungsstelle für ihren KPR, die Landesadministration",
            f"{audit_days}, dann löscht ein nächtlicher Auftrag die Einträge.",
            "Einträge können nicht geändert werden; " + COMMON_MEASURES),
        Activity(
            "search", "Suchindex",
            "Die Suche der Plattform für angemeldete Personen.",
            PUBLIC_TASK,
            "Alle Personen, die in durchsuchbaren Inhalten genannt sind",
            "Kopien der Titel und Texte durchsuchbarer Inhalte (auch Text hochgeladener Dokumente)",
            "Nur Personen, die den Inhalt selbst öffnen dürfen",
            "Wie der Inhalt selbst: ein gelöschter Inhalt verschwindet mit derselben Änderung aus dem Index.",
            COMMON_MEASURES),
        Activity(
            "exports", "Auskunft und Datenexport",
            "Auskunft über die eigenen Daten und ihre Übertragbarkeit (Art. 15 und 20 DSGVO).",
            "Art. 6 Abs. 1 Buchst. c DSGVO in Verbindung mit Art. 15 und 20 DSGVO",
            "Die Person, die den Export anfordert",
            "Alle Daten der Plattform über die Person (Konto, Mitgliedschaften, Anmeldungen, Beratungen, "
            "Kommentare, Protokolleinträge)",
            "Nur die Person selbst, nach Anmeldung",
            f"Die Exportdatei wird nach {_days(settings.data_export_days)} gelöscht.",
            COMMON_MEASURES + "; Download nur angemeldet"),
        Activity(
            "accessibility", "Rückmeldungen zur Barrierefreiheit",
            "Entgegennahme und Beantwortung von Hinweisen auf Barrieren.",
            "Art. 6 Abs. 1 Buchst. c DSGVO in Verbindung mit dem Barrierefreie-Websites-Gesetz (BfWebG) "
            "des Freistaates Sachsen",
            "Personen, die eine Rückmeldung senden",
            "Name und E-Mail-Adresse (beides freiwillig), betroffene Seite, Nachricht",
            f"Der Landespräventionsrat ({legal.operator_email}) und die Landesadministration",
            "Bis die Rückmeldung erledigt ist; die Landesadministration löscht sie dann.",
            COMMON_MEASURES),
    ]
