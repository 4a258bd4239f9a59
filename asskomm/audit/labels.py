"""German names for what the entries record: object types (by table name) and roles."""

from __future__ import annotations

OBJECT_TYPES: dict[str, str] = {
    "tenant": "KPR",
    "user_account": "Konto",
    "user_role": "Rolle",
    "alliance": "Allianz",
    "api_token": "API-Token",
    "membership": "Mitgliedschaft",
    "assignment": "Zuordnung",
    "status_change": "Statuswechsel",
    "cooperation_agreement": "Kooperationsvereinbarung",
    "agreement_signatory": "Unterzeichner:in der Vereinbarung",
    "agreement_renewal": "Verlängerung der Vereinbarung",
    "funding_application": "Förderung",
    "consultation": "Beratung",
    "next_step": "Nächster Schritt",
    "workspace_comment": "Kommentar",
    "document": "Dokument",
    "document_version": "Dokumentversion",
    "body": "Gremium",
    "person": "Person",
    "body_membership": "Gremienmitgliedschaft",
    "founding_guide": "Gründungsleitfaden",
    "founding_step": "Gründungsschritt",
    "meeting": "Sitzung",
    "agenda_item": "Tagesordnungspunkt",
    "invitation": "Sitzungseinladung",
    "minutes": "Sitzungsprotokoll",
    "decision": "Beschluss",
    "action_item": "Aufgabe",
    "public_profile": "Öffentliche Seite",
    "news_post": "Meldung",
    "partner": "Netzwerkpartner",
    "community_officer": "Bürgerpolizist:in",
    "event": "Veranstaltung",
    "event_session": "Veranstaltungstermin",
    "registration": "Anmeldung zur Veranstaltung",
    "attendance": "Teilnahme",
    "certificate": "Teilnahmebescheinigung",
    "certificate_version": "Frühere Fassung einer Teilnahmebescheinigung",
    "feed_key": "Persönliche Kalenderadresse",
    "mail_opt_out": "Abbestellte E-Mail-Hinweise",
    "feedback": "Rückmeldung zur Veranstaltung",
    "kpr_invitation": "Einladung eines KPR",
    "audit_entry": "Änderungsprotokoll",
    "population": "Einwohnerzahl",
    "crime_figure": "Fallzahl der Kriminalstatistik",
    "land_population": "Einwohnerzahl des Landes",
    "land_crime_figure": "Fallzahl des Landes",
    "indicator_series": "Kennzahl",
    "indicator_value": "Wert einer Kennzahl",
    "prevention_cycle": "Sicherheitsanalyse (Runde des Präventionszyklus)",
    "prevention_problem": "Problem der Sicherheitsanalyse",
    "prevention_offer": "Präventionsangebot",
    "prevention_action_field": "Handlungsfeld",
    "prevention_goal": "Ziel der Präventionsstrategie",
    "prevention_goal_measurement": "Messwert eines Ziels",
    "prevention_measure": "Maßnahme",
    "prevention_worksheet_step": "Schritt des Beccaria-Arbeitsblatts",
    "survey": "Bürgerbefragung",
    "survey_section": "Abschnitt der Bürgerbefragung",
    "survey_question": "Frage der Bürgerbefragung",
    "survey_option": "Antwortmöglichkeit der Bürgerbefragung",
    "annual_report": "Präventionsbericht",
    "annual_report_version": "Eingereichte Fassung eines Präventionsberichts",
    "practice_adoption": "Übernahme einer Maßnahme aus dem Praxisaustausch",
    "practice_question": "Frage im Praxisaustausch",
    "webhook_endpoint": "Webhook",
}

ROLES: dict[str, str] = {
    "state_admin": "Landespräventionsrat (Verwaltung)",
    "state_contact": "Feste:r Ansprechpartner:in LPR",
    "contact": "Feste:r Ansprechpartner:in LPR",
    "coach": "ASSKomm-Coach",
    "coordinator": "Koordinator:in",
    "member": "Mitglied",
}


def object_type_label(table: str) -> str:
    return OBJECT_TYPES.get(table, table)


def role_label(role: str) -> str:
    return ROLES.get(role, role or "–")
