"""The demo rounds of the prevention cycle, after the seed pages (facts from them, our own words):
Zittau's finished Sicherheitsanalyse (its page has a section on it; nothing of the inventory yet),
Meißen's analysis begun with its ASSKomm-Coach (as its agreement foresees), and Zwickau's round
from the analysis it commissioned in October 2021 (results on 28.03.2022) to a strategy whose
action fields are its five working groups, with the measures of demo_measures.py.

Numbers in these texts come from the invented demo figures and say so ("Demo")."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .demo_measures import MEASURES, DemoMeasure
from .models import ConductedBy, IndicatorKind, Setting, TargetGroup


@dataclass(frozen=True)
class DemoSeries:
    name: str
    unit: str
    source: str
    values: dict[int, int]


@dataclass(frozen=True)
class DemoProblem:
    key: str  # to link offers and action fields to it
    title: str
    description: str
    offence_key: str = ""
    series: str = ""  # a DemoSeries' name
    from_survey: bool = False


@dataclass(frozen=True)
class DemoOffer:
    title: str
    provider: str
    topic: str
    target_group: TargetGroup
    setting: Setting
    area: str
    reach: str
    funding: str
    problems: tuple[str, ...]
    contact: str = "über die Stabsstelle Kommunale Prävention"


@dataclass(frozen=True)
class DemoGoal:
    key: str  # to link measures to it
    title: str
    kind: IndicatorKind
    target: str  # "-10%" of the baseline, or a value
    measured: tuple[int, ...] = ()  # years whose value is recorded (crime goals: from the demo figures)
    offence_key: str = ""
    series: str = ""
    baseline_year: int = 2021
    target_year: int = 2026
    survey_values: dict[int, str] = field(default_factory=dict)  # year -> measured share (survey goals)


@dataclass(frozen=True)
class DemoField:
    title: str
    working_group: str  # a body of the structure demo
    description: str
    problems: tuple[str, ...]
    goals: tuple[DemoGoal, ...]


@dataclass(frozen=True)
class DemoStrategy:
    summary: str
    meeting: str  # title of a held meeting of the steering group (meetings demo)
    decision: str  # added to that meeting's minutes
    fields: tuple[DemoField, ...]
    measures: tuple[DemoMeasure, ...] = ()
    shared: bool = True


@dataclass(frozen=True)
class DemoRound:
    slug: str
    started: date
    finished: date | None
    conducted_by: ConductedBy
    years: tuple[int, int]
    contractor: str = ""
    survey: tuple[int, int, int, str] | None = None  # year, sample, responses, share unsafe
    survey_problems: str = ""
    findings: str = ""
    recommendations: str = ""
    public_summary: str = ""
    published: bool = False
    shared: bool = False
    report: tuple[str, list[str]] | None = None  # title and lines of the final report (a KPR document)
    problems: tuple[DemoProblem, ...] = ()
    offers: tuple[DemoOffer, ...] = ()
    strategy: DemoStrategy | None = None


GRAFFITI_REPORTS = "Gemeldete illegale Graffiti an städtischen Gebäuden"
EXTREMIST_REPORTS = "Gemeldete extremistische Schmierereien"
SERIES = {
    "zwickau": [
        DemoSeries(GRAFFITI_REPORTS, "Meldungen",
                   "Ordnungsamt Zwickau (Demo-Zahlen, erfunden)",
                   {2017: 140, 2018: 152, 2019: 165, 2020: 171, 2021: 183, 2022: 160, 2023: 131, 2024: 118, 2025: 104}),
        DemoSeries(EXTREMIST_REPORTS, "Meldungen", "Ordnungsamt Zwickau (Demo-Zahlen, erfunden)",
                   {2017: 38, 2018: 41, 2019: 47, 2020: 52, 2021: 58, 2022: 61, 2023: 55, 2024: 57, 2025: 60}),
    ],
    "zittau": [
        DemoSeries("Verwarnungen wegen Halteverstößen vor Grundschulen", "Verwarnungen",
                   "Ordnungsamt Zittau (Demo-Zahlen, erfunden)",
                   {2020: 212, 2021: 198, 2022: 236, 2023: 251, 2024: 274}),
    ],
}

ZITTAU = DemoRound(
    "zittau", date(2025, 3, 3), date(2026, 2, 26), ConductedBy.kpr, (2020, 2024),
    # The survey's headline figures come from the demo survey's answers (survey/demo.py).
    findings="Demo-Daten: Kriminalstatistik und Befragungsergebnisse dieser Runde sind für die Demo erfunden.\n"
             "- Die Straftaten insgesamt liegen in allen fünf Jahren etwas über dem Landeswert und gehen leicht "
             "zurück.\n"
             "- Straßenkriminalität und Sachbeschädigung liegen deutlich über dem Landeswert; beides häuft sich "
             "in der Innenstadt.\n"
             "- Die Rauschgiftdelikte haben seit 2020 deutlich zugenommen.\n"
             "- Wohnungseinbrüche sind selten und werden seltener.\n"
             "- In der Bürgerbefragung fühlen sich rund vier von zehn Befragten nachts allein in ihrer Wohngegend "
             "unsicher. Am häufigsten genannt werden Vandalismus in der Innenstadt und der Verkehr vor den Schulen.\n"
             "- In den Werkstattgesprächen mit Polizei, Schulen, Jugendhilfe und Verwaltung wurden dieselben "
             "Schwerpunkte genannt; die Bürgerpolizisten kennen die Orte aus ihrer täglichen Arbeit.",
    recommendations="- Eine Arbeitsgruppe Schulwegsicherheit mit Eltern, Schulen, Ordnungsamt und Bürgerpolizei "
                    "bilden.\n"
                    "- Gegen Vandalismus in der Innenstadt gemeinsam mit Gewerbetreibenden, Ordnungsamt und Polizei "
                    "vorgehen.\n"
                    "- Suchtprävention für junge Menschen mit Jugendhilfe und Schulen ausbauen.\n"
                    "- Zuerst die vorhandenen Angebote erfassen (Bedarfs- und Ressourcenanalyse), dann Maßnahmen "
                    "beschließen.\n"
                    "- Die Bürgerbefragung in drei Jahren wiederholen, um Veränderungen zu sehen.",
    public_summary="Mit seiner ersten Sicherheitsanalyse hat der Kommunale Präventionsrat Zittau untersucht, wo "
                   "in der Stadt Risiken und Problemlagen bestehen. Dazu wurden die Kriminalstatistik der Polizei "
                   "ausgewertet, Bürgerinnen und Bürger befragt und die Erfahrungen von Polizei, Schulen, "
                   "Jugendhilfe und Verwaltung einbezogen.\n"
                   "Als Schwerpunkte zeigen sich die Sicherheit auf den Schulwegen, Sachbeschädigungen in der "
                   "Innenstadt und der Konsum von Drogen unter jungen Menschen. Auf dieser Grundlage plant der KPR "
                   "gezielte Maßnahmen; als Nächstes erfasst er, welche Angebote es in Zittau dazu schon gibt.",
    published=True, shared=True,
    report=("Sicherheitsanalyse Zittau – Abschlussbericht (Demo)",
            ["Sicherheitsanalyse des Kommunalen Präventionsrates Zittau",
             "Kriminalstatistik 2020-2024, Bürgerbefragung 2025, Werkstattgespräche",
             "Demo-Dokument: alle Zahlen sind erfunden."]),
    problems=(
        DemoProblem("schoolways", "Unsichere Schulwege",
                    "Eltern und Schulen berichten von gefährlichen Situationen durch haltende Autos und zu schnelles "
                    "Fahren vor den Grundschulen.", series="Verwarnungen wegen Halteverstößen vor Grundschulen",
                    from_survey=True),
        DemoProblem("vandalism", "Sachbeschädigung in der Innenstadt",
                    "Beschädigte Bänke, Haltestellen und Schaufenster, vor allem am Wochenende.", offence_key="674000",
                    from_survey=True),
        DemoProblem("street", "Straßenkriminalität am Abend",
                    "Diebstähle und Pöbeleien auf Plätzen und Wegen der Innenstadt nach Einbruch der Dunkelheit.",
                    offence_key="899000"),
        DemoProblem("drugs", "Drogenkonsum junger Menschen",
                    "Mehr Rauschgiftdelikte; Jugendhilfe und Schulen beobachten Konsum schon bei Jugendlichen.",
                    offence_key="730000"),
    ),
)

MEISSEN = DemoRound("meissen", date(2026, 9, 15), None, ConductedBy.coach, (2021, 2025))

ZWICKAU_GOALS = {
    "violence": DemoGoal("violence", "Gewaltkriminalität: Häufigkeitszahl bis 2026 um 10 % senken",
                         IndicatorKind.crime_rate, "-10%", (2023, 2025), offence_key="892000"),
    "graffiti": DemoGoal("graffiti", "Sachbeschädigung: Häufigkeitszahl bis 2026 um ein Viertel senken",
                         IndicatorKind.crime_rate, "-25%", (2023, 2025), offence_key="674000"),
    "graffiti_reports": DemoGoal("graffiti_reports", f"{GRAFFITI_REPORTS} bis 2026 unter 100 je Jahr",
                                 IndicatorKind.series, "100", series=GRAFFITI_REPORTS),
    "extremism": DemoGoal("extremism", f"{EXTREMIST_REPORTS} bis 2026 unter 45 je Jahr", IndicatorKind.series, "45",
                          series=EXTREMIST_REPORTS),
    "drugs": DemoGoal("drugs", "Rauschgiftdelikte: Häufigkeitszahl bis 2026 um 10 % senken",
                      IndicatorKind.crime_rate, "-10%", (2023, 2025), offence_key="730000"),
    "unsafe": DemoGoal("unsafe", "Weniger Menschen fühlen sich nachts allein in ihrer Wohngegend unsicher: "
                       "höchstens 30 % bis 2026", IndicatorKind.survey_unsafe, "30.0", survey_values={2025: "33.0"}),
    "fraud": DemoGoal("fraud", "Betrug: Häufigkeitszahl bis 2026 um 10 % senken", IndicatorKind.crime_rate, "-10%",
                      (2023, 2025), offence_key="510000"),
}
# title, working group (a body of the structure demo), description, problems, goals
ZWICKAU_FIELDS = tuple(
    DemoField(title, group, description, problems, tuple(ZWICKAU_GOALS[key] for key in goals))
    for title, group, description, problems, goals in [
        ("Gewalt", "AG Gewalt", "Gewalt im öffentlichen Raum und unter jungen Menschen vorbeugen.", ("violence",),
         ("violence",)),
        ("Graffiti", "AG Graffiti", "Sachbeschädigung durch Graffiti vermindern, legale Flächen schaffen.",
         ("graffiti",), ("graffiti", "graffiti_reports")),
        ("Extremismus", "AG Extremismus", "Extremistischer Propaganda im Stadtbild und im Netz begegnen.",
         ("extremism",), ("extremism",)),
        ("Sucht", "AG Sucht", "Drogen- und Alkoholkonsum junger Menschen vorbeugen.", ("drugs",), ("drugs",)),
        ("Sichere Stadt", "AG Sichere Stadt", "Das Sicherheitsgefühl in der Innenstadt stärken, ältere Menschen vor "
         "Betrug schützen.", ("night", "fraud"), ("unsafe", "fraud")),
    ]
)

ZWICKAU = DemoRound(
    "zwickau", date(2021, 10, 7), date(2022, 3, 28), ConductedBy.contractor, (2017, 2021),
    contractor="Institut für kommunale Sicherheitsforschung (Name erfunden, Demo)",
    survey=(2021, 3000, 1104, "38.5"),
    survey_problems="Graffiti und Schmierereien\nAlkohol- und Drogenkonsum in der Innenstadt\n"
                    "schlecht beleuchtete Wege\nBetrug an der Haustür und am Telefon\nrücksichtsloses Fahren",
    findings="Demo-Daten: Kriminalstatistik und Befragungsergebnisse dieser Runde sind für die Demo erfunden.\n"
             "- Straftaten insgesamt über dem Landeswert, mit leicht fallender Tendenz.\n"
             "- Sachbeschädigungen deutlich über dem Landeswert und seit 2017 gestiegen; Graffiti sind das "
             "meistgenannte Ärgernis der Befragung.\n"
             "- Rauschgiftdelikte über dem Landeswert und seit 2017 stark gestiegen.\n"
             "- Gewalt- und Straßenkriminalität etwas über dem Landeswert, ohne klare Richtung.\n"
             "- Fast vier von zehn Befragten fühlen sich nachts allein in ihrer Wohngegend unsicher, in der "
             "Innenstadt mehr als in den Stadtteilen.",
    recommendations="- Die Präventionsstrategie in den fünf Arbeitsgruppen verankern.\n"
                    "- Legale Graffiti-Flächen schaffen.\n"
                    "- Junge Menschen dort ansprechen, wo sie sich treffen, gemeinsam mit Suchtberatung und "
                    "Streetwork.\n"
                    "- Ältere Menschen über Betrug an der Haustür, am Telefon und im Internet informieren.\n"
                    "- Die Befragung nach vier Jahren wiederholen.",
    public_summary="Die Stadt Zwickau hat die Ergebnisse ihrer Sicherheitsanalyse vorgestellt. Sie beruht auf der "
                   "Kriminalstatistik der Polizei und einer Bürgerbefragung zum Sicherheitsgefühl. Schwerpunkte "
                   "sind Graffiti, der Konsum von Drogen unter jungen Menschen und das Sicherheitsgefühl in der "
                   "Innenstadt am Abend. Die Arbeitsgruppen des Kommunalen Präventionsrates entwickeln daraus "
                   "Maßnahmen.",
    published=True, shared=True,
    problems=(
        DemoProblem("graffiti", "Graffiti und Sachbeschädigung", "Illegale Graffiti an Gebäuden, Brücken und "
                    "Haltestellen.", offence_key="674000", series=GRAFFITI_REPORTS,
                    from_survey=True),
        DemoProblem("drugs", "Drogenkonsum junger Menschen", "Konsum an Treffpunkten in der Innenstadt; "
                    "Rauschgiftdelikte steigen.", offence_key="730000"),
        DemoProblem("night", "Unsicherheit in der Innenstadt am Abend", "Viele meiden die Innenstadt nach Einbruch "
                    "der Dunkelheit.", offence_key="899000", from_survey=True),
        DemoProblem("violence", "Gewalt im öffentlichen Raum", "Körperverletzungen und Bedrohungen an Wochenenden.",
                    offence_key="892000"),
        DemoProblem("fraud", "Betrug an älteren Menschen", "Enkeltrick, falsche Polizeibeamte und Betrug im "
                    "Internet.", offence_key="510000", from_survey=True),
        DemoProblem("extremism", "Extremistische Schmierereien und Propaganda", "Symbole und Parolen im Stadtbild, "
                    "Werbung um Jugendliche im Netz.", series=EXTREMIST_REPORTS),
    ),
    offers=(
        DemoOffer("Suchtberatung für Jugendliche und Eltern", "Suchtberatung Landkreis Zwickau", "Suchtprävention",
                  TargetGroup.youth, Setting.other, "Stadt und Landkreis Zwickau",
                  "etwa 200 Beratungen im Jahr (Demo-Zahl)", "Landkreis Zwickau", ("drugs",)),
        DemoOffer("Streetwork in der Innenstadt", "Streetwork der Stadt Zwickau", "aufsuchende Jugendarbeit",
                  TargetGroup.youth, Setting.public_space, "Innenstadt", "drei Treffpunkte, wöchentlich",
                  "Stadt Zwickau", ("drugs", "violence")),
        DemoOffer("Beratung zu Einbruchschutz und Betrug", "Polizeidirektion Zwickau", "polizeiliche Prävention",
                  TargetGroup.adults, Setting.neighbourhood, "Stadtgebiet", "auf Anfrage", "Freistaat Sachsen",
                  ("fraud",)),
        DemoOffer("Schulsozialarbeit an Oberschulen", "Amt für Familie, Schule und Soziales", "Konflikte und "
                  "Gewalt an Schulen", TargetGroup.youth, Setting.school, "alle Oberschulen der Stadt",
                  "sechs Schulen (Demo-Zahl)", "Stadt Zwickau und Freistaat Sachsen", ("violence",)),
        DemoOffer("Projekttage für Demokratie", "Demokratie-Bündnis Zwickau", "Extremismusprävention",
                  TargetGroup.youth, Setting.school, "Stadtgebiet", "auf Anfrage der Schulen", "Spenden und "
                  "Bundesprogramm", ("extremism",)),
        DemoOffer("Jugendbeirat", "Jugendbeirat der Stadt Zwickau", "Beteiligung junger Menschen", TargetGroup.youth,
                  Setting.youth_work, "Stadtgebiet", "monatliche Sitzungen", "Stadt Zwickau", ()),
    ),
    strategy=DemoStrategy(
        summary="Die Präventionsstrategie 2022–2026 leitet aus der Sicherheitsanalyse fünf Handlungsfelder ab. "
                "Jedes trägt eine Arbeitsgruppe des KPR; sie setzt messbare Ziele mit dem Ausgangswert von 2021 und "
                "entwickelt Maßnahmen dazu. Das Lenkungsgremium lässt sich jährlich im Präventionsbericht über den "
                "Stand berichten.",
        meeting="3. Sitzung des Kommunalen Präventionsrates",
        decision="Das Lenkungsgremium beschließt die Präventionsstrategie 2022–2026 mit fünf Handlungsfeldern, "
                 "getragen von den Arbeitsgruppen Gewalt, Graffiti, Extremismus, Sucht und Sichere Stadt.",
        fields=ZWICKAU_FIELDS, measures=tuple(MEASURES),
    ),
)

ROUNDS = [ZITTAU, MEISSEN, ZWICKAU]
