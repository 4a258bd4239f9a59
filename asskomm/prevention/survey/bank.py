"""The item bank that ships with the platform: the questions of a municipal safety survey, worded
once so that every KPR asks them alike and their figures can be compared across the alliance.

Each item names its headline — the answers whose share is the item's figure (for the night-time
item: "ziemlich unsicher" and "sehr unsicher", the standard indicator of fear of crime). Items with
a headline enter the benchmark. The demographic items are coarse on purpose (age band, gender,
Ortsteil); the KPR lists its own Ortsteile when it adds that item."""

from __future__ import annotations

from dataclasses import dataclass, field

SAFETY = (("very_safe", "sehr sicher"), ("fairly_safe", "ziemlich sicher"),
          ("fairly_unsafe", "ziemlich unsicher"), ("very_unsafe", "sehr unsicher"))
UNSAFE = frozenset({"fairly_unsafe", "very_unsafe"})
HOW_OFTEN = (("never", "nie"), ("rarely", "selten"), ("sometimes", "manchmal"), ("often", "oft"),
             ("very_often", "sehr oft"))
OFTEN = frozenset({"often", "very_often"})
PROBLEM = (("none", "kein Problem"), ("small", "ein kleines Problem"), ("fair", "ein ziemlich großes Problem"),
           ("big", "ein großes Problem"))
BIG_PROBLEM = frozenset({"fair", "big"})
SATISFIED = (("very_satisfied", "sehr zufrieden"), ("rather_satisfied", "eher zufrieden"),
             ("rather_dissatisfied", "eher unzufrieden"), ("very_dissatisfied", "sehr unzufrieden"))
CONTENT = frozenset({"very_satisfied", "rather_satisfied"})
NONE_OF_THESE = ("none", "nichts davon")

SECTIONS = ("Sicherheitsgefühl", "Sorgen", "Verhalten", "Erfahrungen in den letzten zwölf Monaten",
            "Probleme in Ihrer Wohngegend", "Polizei und Verwaltung", "Angaben zu Ihrer Person")


@dataclass(frozen=True)
class BankItem:
    key: str
    section: str
    kind: str  # a QuestionKind value: "single" or "multiple"
    text: str
    options: tuple[tuple[str, str], ...]
    headline: frozenset[str] = frozenset()  # option keys whose share is the item's figure
    headline_label: str = ""  # what the figure says, e.g. "fühlen sich nachts unsicher"
    demographic: str | None = None  # "age", "gender" or "district": a breakdown of the results
    help_text: str = ""
    required: bool = False
    option_keys: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "option_keys", frozenset(key for key, _ in self.options))

    @property
    def standard(self) -> bool:
        """Compared across the alliance."""
        return bool(self.headline)


def _worry(key: str, offence: str) -> BankItem:
    return BankItem(f"worry_{key}", SECTIONS[1], "single",
                    f"Wie oft haben Sie in den letzten zwölf Monaten befürchtet, {offence}?", HOW_OFTEN, OFTEN,
                    f"befürchten oft oder sehr oft, {offence}")


def _problem(key: str, what: str) -> BankItem:
    return BankItem(f"problem_{key}", SECTIONS[4], "single",
                    f"Wie sehr sind {what} in Ihrer Wohngegend ein Problem?", PROBLEM, BIG_PROBLEM,
                    f"halten {what} für ein (ziemlich) großes Problem")


ITEMS: tuple[BankItem, ...] = (
    BankItem("safety_night", SECTIONS[0], "single",
             "Wie sicher fühlen Sie sich, wenn Sie nachts allein in Ihrer Wohngegend unterwegs sind?",
             SAFETY, UNSAFE, "fühlen sich nachts allein in der Wohngegend unsicher", required=True),
    BankItem("safety_day", SECTIONS[0], "single",
             "Wie sicher fühlen Sie sich, wenn Sie tagsüber allein in Ihrer Wohngegend unterwegs sind?",
             SAFETY, UNSAFE, "fühlen sich tagsüber allein in der Wohngegend unsicher"),
    _worry("burglary", "dass bei Ihnen eingebrochen wird"),
    _worry("street_robbery", "auf der Straße bestohlen oder beraubt zu werden"),
    _worry("assault", "geschlagen und verletzt zu werden"),
    _worry("fraud", "am Telefon, an der Haustür oder im Internet betrogen zu werden"),
    _worry("harassment", "belästigt oder bedroht zu werden"),
    BankItem("avoid_places", SECTIONS[2], "single",
             "Meiden Sie abends bestimmte Straßen, Plätze oder Parks in Ihrer Wohngegend, weil Sie sich dort "
             "unsicher fühlen?", (("often", "oft"), ("sometimes", "manchmal"), ("never", "nie")),
             frozenset({"often", "sometimes"}), "meiden abends bestimmte Orte"),
    BankItem("protection", SECTIONS[2], "multiple",
             "Was tun Sie, um sich vor Kriminalität zu schützen? Mehrere Antworten sind möglich.",
             (("lock", "Türen und Fenster zusätzlich sichern"), ("company", "abends nur in Begleitung ausgehen"),
              ("taxi", "abends Taxi oder Auto statt Fuß oder Bus nehmen"),
              ("carry", "etwas zur Verteidigung bei sich tragen"), NONE_OF_THESE)),
    BankItem("victim", SECTIONS[3], "multiple",
             "Ist Ihnen in den letzten zwölf Monaten in Ihrer Gemeinde etwas davon passiert? Mehrere Antworten "
             "sind möglich.",
             (("burglary", "Einbruch in Wohnung oder Haus"), ("theft", "Diebstahl, auch von Fahrrad oder Auto"),
              ("damage", "Beschädigung Ihres Eigentums"), ("assault", "Körperverletzung"),
              ("fraud", "Betrug"), ("harassment", "Belästigung oder Bedrohung"), NONE_OF_THESE),
             frozenset({"burglary", "theft", "damage", "assault", "fraud", "harassment"}),
             "wurden in den letzten zwölf Monaten Opfer mindestens einer dieser Taten"),
    _problem("graffiti", "Graffiti und Schmierereien"),
    _problem("litter", "Müll und Verschmutzung"),
    _problem("drugs", "Drogen- und Alkoholkonsum in der Öffentlichkeit"),
    _problem("noise", "Lärm"),
    _problem("dark_places", "schlecht beleuchtete Wege und Plätze"),
    _problem("youth_groups", "Gruppen junger Menschen, die andere stören"),
    _problem("traffic", "rücksichtsloses Fahren und Parken"),
    BankItem("satisfaction_police", SECTIONS[5], "single",
             "Wie zufrieden sind Sie mit der Arbeit der Polizei in Ihrer Gemeinde?", SATISFIED, CONTENT,
             "sind mit der Polizei zufrieden"),
    BankItem("satisfaction_administration", SECTIONS[5], "single",
             "Wie zufrieden sind Sie damit, wie sich die Gemeindeverwaltung um Sicherheit und Ordnung kümmert?",
             SATISFIED, CONTENT, "sind mit der Gemeindeverwaltung zufrieden"),
    BankItem("age_band", SECTIONS[6], "single", "Wie alt sind Sie?",
             (("16-24", "16 bis 24 Jahre"), ("25-44", "25 bis 44 Jahre"), ("45-64", "45 bis 64 Jahre"),
              ("65+", "65 Jahre und älter")), demographic="age"),
    BankItem("gender", SECTIONS[6], "single", "Welchem Geschlecht fühlen Sie sich zugehörig?",
             (("female", "weiblich"), ("male", "männlich"), ("diverse", "divers"),
              ("no_answer", "möchte ich nicht sagen")), demographic="gender"),
    # The options are the KPR's Ortsteile, entered when the item is added.
    BankItem("district", SECTIONS[6], "single", "In welchem Ortsteil wohnen Sie?", (), demographic="district"),
)
BY_KEY: dict[str, BankItem] = {item.key: item for item in ITEMS}
STANDARD: tuple[BankItem, ...] = tuple(item for item in ITEMS if item.standard)
NIGHT = BY_KEY["safety_night"]
BREAKDOWNS = ("district", "age")  # the results' breakdowns, by demographic

# Gemeindegrößenklassen by inhabitants, for comparing a KPR with KPRs of its size.
SIZE_CLASSES: tuple[tuple[str, int, str], ...] = (
    ("lt5k", 0, "unter 5.000 Einwohner:innen"),
    ("5k-20k", 5_000, "5.000 bis unter 20.000 Einwohner:innen"),
    ("20k-100k", 20_000, "20.000 bis unter 100.000 Einwohner:innen"),
    ("100k+", 100_000, "100.000 Einwohner:innen und mehr"),
)
SIZE_LABELS = {key: label for key, _, label in SIZE_CLASSES}
UNKNOWN_SIZE = "unknown"


def size_class(population: int | None) -> str:
    if population is None:
        return UNKNOWN_SIZE
    return [key for key, lowest, _ in SIZE_CLASSES if population >= lowest][-1]
