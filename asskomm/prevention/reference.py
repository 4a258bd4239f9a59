"""Reference lists that ship with the platform: the main offence keys of the police crime
statistics (PKS), an extract of the Grüne Liste Prävention, and the Beccaria steps with their
guiding questions. The operator maintains them here; KPR records refer to them by key."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OffenceKey:
    key: str
    label: str
    parent: str | None = None  # the catalogue key it is part of; None for the total and the sum keys
    sum_key: bool = False  # a Summenschlüssel: a cross-cutting sum of catalogue keys (8900xx)


TOTAL = "------"
OFFENCE_KEYS: list[OffenceKey] = [
    OffenceKey(TOTAL, "Straftaten insgesamt"),
    OffenceKey("000000", "Straftaten gegen das Leben", TOTAL),
    OffenceKey("100000", "Straftaten gegen die sexuelle Selbstbestimmung", TOTAL),
    OffenceKey("200000", "Rohheitsdelikte und Straftaten gegen die persönliche Freiheit", TOTAL),
    OffenceKey("210000", "Raub, räuberische Erpressung und räuberischer Angriff auf Kraftfahrer", "200000"),
    OffenceKey("220000", "Körperverletzung", "200000"),
    OffenceKey("222000", "Gefährliche und schwere Körperverletzung", "220000"),
    OffenceKey("224000", "Vorsätzliche einfache Körperverletzung", "220000"),
    OffenceKey("****00", "Diebstahl insgesamt", TOTAL),
    OffenceKey("3***00", "Diebstahl ohne erschwerende Umstände", "****00"),
    OffenceKey("4***00", "Diebstahl unter erschwerenden Umständen", "****00"),
    OffenceKey("435*00", "Wohnungseinbruchdiebstahl", "4***00"),
    OffenceKey("500000", "Vermögens- und Fälschungsdelikte", TOTAL),
    OffenceKey("510000", "Betrug", "500000"),
    OffenceKey("600000", "Sonstige Straftatbestände (StGB)", TOTAL),
    OffenceKey("674000", "Sachbeschädigung", "600000"),
    OffenceKey("700000", "Strafrechtliche Nebengesetze", TOTAL),
    OffenceKey("730000", "Rauschgiftdelikte nach dem BtMG", "700000"),
    OffenceKey("891000", "Rauschgiftkriminalität (Summenschlüssel)", sum_key=True),
    OffenceKey("892000", "Gewaltkriminalität (Summenschlüssel)", sum_key=True),
    OffenceKey("899000", "Straßenkriminalität (Summenschlüssel)", sum_key=True),
]
OFFENCES: dict[str, OffenceKey] = {o.key: o for o in OFFENCE_KEYS}


def offence_depth(key: str) -> int:
    """0 for the total and the sum keys, 1 for the main groups, and so on down the catalogue."""
    depth, parent = 0, OFFENCES[key].parent
    while parent is not None:
        depth, parent = depth + 1, OFFENCES[parent].parent
    return depth


@dataclass(frozen=True)
class Programme:
    key: str
    name: str
    evidence: int  # the Grüne Liste's level: 1 theoretically well founded, 2 probable, 3 proven effect


EVIDENCE_LEVELS = {
    1: "Effektivität theoretisch gut begründet",
    2: "Effektivität wahrscheinlich",
    3: "Effektivität nachgewiesen",
}
# An extract; the operator keeps it in step with grüne-liste-praevention.de (the date says when).
GREEN_LIST_CHECKED = "November 2026"
GREEN_LIST: list[Programme] = [
    Programme("papilio", "Papilio", 3),
    Programme("klasse2000", "Klasse2000", 3),
    Programme("triple-p", "Triple P – Positive Parenting Program", 3),
    Programme("faustlos", "Faustlos", 2),
    Programme("fairplayer", "fairplayer.manual", 2),
    Programme("medienhelden", "Medienhelden", 2),
    Programme("lions-quest", "Lions Quest „Erwachsen werden“", 2),
    Programme("alf", "ALF – Allgemeine Lebenskompetenzen und Fertigkeiten", 2),
    Programme("pit", "PiT – Prävention im Team", 1),
]
PROGRAMMES: dict[str, Programme] = {p.key: p for p in GREEN_LIST}


@dataclass(frozen=True)
class Question:
    key: str
    text: str


@dataclass(frozen=True)
class BeccariaStep:
    number: int
    title: str
    purpose: str
    questions: tuple[Question, ...]


BECCARIA_STEPS: list[BeccariaStep] = [
    BeccariaStep(1, "Problembeschreibung", "Worum geht es genau, und woran sehen wir es?", (
        Question("what", "Welches Problem soll bearbeitet werden, und wo und wann tritt es auf?"),
        Question("evidence", "Woran ist das Problem zu erkennen (Fallzahlen, Befragung, Beobachtungen)?"),
        Question("who", "Wer ist betroffen, und wer hat das Problem benannt?"),
    )),
    BeccariaStep(2, "Analyse der Entstehungsbedingungen", "Warum besteht das Problem?", (
        Question("causes", "Welche Ursachen und Bedingungen tragen zu dem Problem bei?"),
        Question("risks", "Welche Risikofaktoren lassen sich beeinflussen, welche Schutzfaktoren stärken?"),
        Question("existing", "Was wird dazu bereits getan, und mit welcher Wirkung?"),
    )),
    BeccariaStep(3, "Präventions- und Projektziele, Zielgruppen", "Was soll sich für wen ändern?", (
        Question("aim", "Welches Präventionsziel verfolgt die Maßnahme, welches Projektziel setzt sie sich?"),
        Question("target_group", "Wen soll die Maßnahme erreichen (Zielgruppe, Anzahl, Ort)?"),
        Question("measure_of_success", "Woran erkennen wir am Ende, dass das Ziel erreicht ist?"),
    )),
    BeccariaStep(4, "Maßnahmen", "Womit erreichen wir das Ziel?", (
        Question("options", "Welche Maßnahmen kommen in Frage, und welche erprobten Programme gibt es?"),
        Question("choice", "Welche Maßnahme wird gewählt, und warum passt sie zu Ziel und Zielgruppe?"),
    )),
    BeccariaStep(5, "Projektkonzeption und -durchführung", "Wer tut was, bis wann, mit welchen Mitteln?", (
        Question("plan", "Welche Schritte sind geplant, mit welchen Terminen?"),
        Question("resources", "Welche Mittel, Räume und Personen werden gebraucht, und wer trägt sie?"),
        Question("partners", "Welche Partner:innen wirken mit, und wie ist die Zusammenarbeit vereinbart?"),
    )),
    BeccariaStep(6, "Überprüfung der Wirkung", "Hat die Maßnahme gewirkt?", (
        Question("method", "Wie wird die Wirkung überprüft (Kennzahl, Befragung, Beobachtung)?"),
        Question("result", "Was hat die Überprüfung ergeben?"),
    )),
    BeccariaStep(7, "Schlussfolgerungen und Dokumentation", "Was lernen wir daraus, und wer erfährt es?", (
        Question("lessons", "Was hat sich bewährt, was würden Sie anders machen?"),
        Question("next", "Wird die Maßnahme fortgeführt, angepasst oder beendet?"),
        Question("documentation", "Wo ist das Projekt dokumentiert, und wem wird berichtet?"),
    )),
]
STEPS: dict[int, BeccariaStep] = {s.number: s for s in BECCARIA_STEPS}
