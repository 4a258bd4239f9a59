"""The five steps of founding a KPR and their guiding questions, after the Zwickau founding guide."""

from __future__ import annotations

from dataclasses import dataclass

from .models import FoundingStepKey


@dataclass(frozen=True)
class StepGuide:
    key: FoundingStepKey
    title: str
    question: str
    checklist: tuple[str, ...]


STEPS: tuple[StepGuide, ...] = (
    StepGuide(FoundingStepKey.awareness, "Problembewusstsein entwickeln",
              "Wie stellt sich die Lage in der Kommune dar?", (
                  "Wo gibt es Handlungsbedarf?",
                  "Von wem geht die Initiative zur Gründung aus?",
                  "Wer muss in die Entscheidung eingebunden werden?",
                  "Welche Gründe sprechen vor Ort für einen KPR?",
                  "Gibt es den Willen, Probleme dauerhaft anzugehen?",
              )),
    StepGuide(FoundingStepKey.needs, "Bedarfe analysieren", "Was wird für die Umsetzung gebraucht?", (
        "Zuständigkeit in der Verwaltung geklärt (Ober-/Bürgermeister:in, Ordnungsamt, Koordinierungsstelle)",
        "Unterstützung von LPR und ASSKomm angefragt (Beratung, Coach, Fördermittel, Fortbildung)",
        "Wege zur Ermittlung der Bedarfe gewählt (Sicherheitsanalyse, Bürgerbefragung, Expert:innen)",
        "Bestandsaufnahme: vorhandene Projekte, Initiativen und Gremien, Lücken und Überschneidungen",
    )),
    StepGuide(FoundingStepKey.actors, "Akteure definieren", "Wer soll mitarbeiten, und für wen?", (
        "Wer kann zur Lösung der Probleme beitragen?",
        "Wer soll dem KPR angehören, und wer ist wofür zuständig?",
        "Wer sind die Zielgruppen?",
        "Wie werden die Akteure zur Mitarbeit gewonnen?",
        "Wie kann daraus ein tragfähiges Netzwerk werden?",
    )),
    StepGuide(FoundingStepKey.structure, "Organisationsstruktur", "Wie wird der KPR aufgebaut?", (
        "Vorsitz festgelegt",
        "Lenkungsgremium mit 10 bis 15 Verantwortungsträger:innen zusammengestellt",
        "Koordinierungsstelle eingerichtet",
        "Arbeitsgruppen geplant (thematisch oder stadtteilbezogen)",
        "Entwurf der Geschäftsordnung",
        "Öffentlichkeitsarbeit geplant (Zielgruppen, Wege, jährlicher Bericht)",
    )),
    StepGuide(FoundingStepKey.constituent_meeting, "Konstituierende Sitzung", "Wie wird der KPR gegründet?", (
        "Termin festgelegt und Einladungen versandt",
        "Geschäftsordnung beschlossen",
        "Lenkungsgremium und Arbeitsgruppen benannt",
        "Erste Schwerpunkte vereinbart",
        "Öffentlichkeit über die Gründung informiert",
    )),
)

BY_KEY = {step.key: step for step in STEPS}
