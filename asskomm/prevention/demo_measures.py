"""Zwickau's demo measures, from its news (the graffiti concept with legal walls from 24.03.2022 and
more walls from 29.06.2022, the model project "Trouble in the City – Stark ohne Drogen" from
22.10.2021, the first Präventionstag Cybercrime on 26.04.2022, the Seniorensicherheitstag on
05.11.2021) and one idea of a working group, at different Beccaria steps. The worksheet answers
are our own words; the keys are the questions' keys of reference.BECCARIA_STEPS."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .models import MeasureStatus, Setting, TargetGroup


@dataclass(frozen=True)
class DemoMeasure:
    title: str
    field: str  # the action field's title
    goal: str  # a DemoGoal's key
    description: str
    responsible: str  # organisation of a person of the structure demo
    partners: str
    status: MeasureStatus
    target_group: TargetGroup
    setting: Setting
    steps: tuple[tuple[dict[str, str], bool], ...]  # answers and completed, for steps 1, 2, …
    starts_on: date | None = None
    ends_on: date | None = None
    budget: str | None = None
    programme_key: str = ""
    funding: tuple[str, ...] = ()  # purposes of funding entries of the funding demo
    evaluation: tuple[str, str, str, date] | None = None  # done, reached, learned, evaluated on


GRAFFITI = DemoMeasure(
    "Graffiti-Konzept mit legalen Flächen", "Graffiti", "graffiti",
    "Die Stadt gibt Flächen frei, auf denen Graffiti legal gesprüht werden darf, und bietet Workshops an; "
    "seit März 2022, im Juni 2022 um weitere Freiflächen erweitert. Demo: Budget erfunden.",
    "Stadtplanungsamt", "Grünflächenamt, Jugendkunstschule, Polizeidirektion Zwickau", MeasureStatus.running,
    TargetGroup.youth, Setting.public_space, starts_on=date(2022, 3, 24), budget="24000.00",
    funding=("Graffiti-Präventionsprojekt mit Jugendlichen",),
    steps=(
        ({"what": "Illegale Graffiti an Hauswänden, Brücken und Haltestellen, vor allem in der Innenstadt und an "
                  "den Ausfallstraßen, gehäuft im Sommer.",
          "evidence": "Die Sachbeschädigungen liegen über dem Landeswert und steigen; das Ordnungsamt zählt mehr "
                      "Meldungen; in der Bürgerbefragung ist es das meistgenannte Ärgernis.",
          "who": "Hauseigentümer:innen, Verkehrsbetriebe und die Stadt; benannt von der AG Graffiti."}, True),
        ({"causes": "Wer sprühen will, findet kaum einen Ort, an dem es erlaubt ist; manches ist Revierverhalten "
                    "von Gruppen, manches Langeweile.",
          "risks": "Beeinflussbar: fehlende legale Flächen und Graffiti, die lange stehen bleiben und weitere "
                   "anziehen. Zu stärken: Anerkennung für Können, Kontakt zur Jugendarbeit.",
          "existing": "Bisher wurden Schäden nur angezeigt und entfernt; ein Angebot für Sprayer:innen fehlte."},
         True),
        ({"aim": "Weniger Sachbeschädigung durch Graffiti; legale Flächen, die genutzt und gepflegt werden.",
          "target_group": "Jugendliche und junge Erwachsene, die sprühen oder es versuchen wollen, in der Nähe der "
                          "Flächen.",
          "measure_of_success": "Sachbeschädigungen und Meldungen beim Ordnungsamt gehen zurück, die Flächen "
                                "werden angenommen."}, True),
        ({"options": "Legale Flächen, Workshops mit Künstler:innen, rasches Entfernen, gestaltete Trafohäuschen.",
          "choice": "Legale Flächen mit Workshops, weil sie die Sprayer:innen einbinden; rasches Entfernen an "
                    "anderen Orten ergänzt sie."}, True),
        ({"plan": "März 2022 erste Flächen, Juni 2022 weitere; jedes Jahr prüft die AG neue Vorschläge.",
          "resources": "Flächen der Stadt, Farbe und Workshops aus Fördermitteln, Pflege durch das Grünflächenamt.",
          "partners": "Stadtplanungsamt, Grünflächenamt, Jugendkunstschule und Polizei, abgestimmt in der AG."},
         True),
        ({"method": "Jährlicher Vergleich der Sachbeschädigungen und der Meldungen beim Ordnungsamt, Begehung der "
                    "Flächen."}, False),
    ),
)

TROUBLE = DemoMeasure(
    "Modellprojekt „Trouble in the City – Stark ohne Drogen“", "Sucht", "drugs",
    "Aktionen an den Treffpunkten junger Menschen in der Innenstadt, die über Drogen aufklären und stark machen, "
    "ohne sie auszukommen; erste Aktionen seit Oktober 2021.",
    "Suchtberatung Landkreis Zwickau", "Streetwork, Jugendbeirat, Polizeidirektion Zwickau", MeasureStatus.running,
    TargetGroup.youth, Setting.public_space, starts_on=date(2021, 10, 22), ends_on=date(2026, 12, 31),
    steps=(
        ({"what": "Jugendliche trinken und nehmen Drogen an Treffpunkten der Innenstadt.",
          "evidence": "Steigende Rauschgiftdelikte, Hinweise von Streetwork und Suchtberatung.",
          "who": "Jugendliche ab etwa 13 Jahren und ihre Eltern; benannt in der AG Sucht."}, True),
        ({"causes": "Wenig Angebote am Abend, Gruppendruck, wenig Wissen über Risiken, leichte Beschaffung.",
          "risks": "Beeinflussbar: Wissen, Gruppendruck, Orte. Zu stärken: Selbstvertrauen und Bindung an die "
                   "Jugendarbeit.",
          "existing": "Beratung und Streetwork erreichen einzelne; Schulen erreichen sie am Abend nicht."}, True),
        ({"aim": "Weniger Drogenkonsum junger Menschen; sie dort erreichen, wo sie sich treffen.",
          "target_group": "Jugendliche von 13 bis 18 Jahren in der Innenstadt und in zwei Stadtteilen.",
          "measure_of_success": "Teilnahme an den Aktionen, Rückmeldungen der Jugendlichen, Entwicklung der "
                                "Rauschgiftdelikte."}, True),
        ({"options": "Aktionen im öffentlichen Raum, Peer-Projekte, Lebenskompetenzprogramme an Schulen."}, False),
    ),
)

CYBERCRIME = DemoMeasure(
    "Erster Präventionstag Cybercrime", "Sichere Stadt", "fraud",
    "Ein Tag mit Vorträgen, Beratung und Übungen zum Schutz vor Betrug und Angriffen im Internet, am 26.04.2022. "
    "Demo: Budget und Besucherzahl erfunden.",
    "Polizeidirektion Zwickau", "Seniorenvertretung, Verbraucherberatung, Stabsstelle Kommunale Prävention",
    MeasureStatus.finished, TargetGroup.everyone, Setting.other, starts_on=date(2022, 4, 26),
    ends_on=date(2022, 4, 26), budget="1500.00",
    steps=(
        ({"what": "Betrug im Internet, Phishing und Schadprogramme treffen Menschen jeden Alters.",
          "evidence": "Betrugsdelikte in der Kriminalstatistik, Anfragen bei der polizeilichen Beratung.",
          "who": "Vor allem Ältere und Familien; benannt von der Polizei in der AG Sichere Stadt."}, True),
        ({"causes": "Wenig Wissen über die Maschen, schwache Passwörter, Scham, einen Betrug anzuzeigen.",
          "risks": "Beeinflussbar: Wissen und Schutz der Geräte. Zu stärken: Austausch in Familie und "
                   "Nachbarschaft.",
          "existing": "Einzelberatungen der Polizei; ein Angebot für viele auf einmal fehlte."}, True),
        ({"aim": "Weniger Betrug im Internet; an einem Tag viele Menschen erreichen.",
          "target_group": "Alle Altersgruppen, besonders Senior:innen und Eltern.",
          "measure_of_success": "Besucherzahl, Rückmeldungen, Betrugsfälle der Folgejahre."}, True),
        ({"options": "Vortragsreihe, Aktionstag, Faltblätter, Beratung in Seniorentreffs.",
          "choice": "Ein Aktionstag, weil er Vortrag, Beratung und Übung an einem Ort verbindet."}, True),
        ({"plan": "Vorbereitung ab Februar 2022, Präventionstag am 26. April, Pressearbeit vorab.",
          "resources": "Raum der Stadt, Vortragende der Polizei, Druck; ein kleines Budget der Stabsstelle.",
          "partners": "Polizei, Seniorenvertretung und Verbraucherberatung, abgestimmt in der AG."}, True),
        ({"method": "Besucher:innen gezählt, kurzer Rückmeldebogen, Vergleich der Betrugsfälle.",
          "result": "Rund 120 Besucher:innen (Demo-Zahl), überwiegend gute Rückmeldungen; die Betrugsfälle sind "
                    "seitdem gesunken (Demo-Zahlen)."}, True),
        ({"lessons": "Übungen am eigenen Telefon kamen am besten an; der Vormittag erreichte vor allem Ältere.",
          "next": "Fortführen als jährlicher Aktionstag, mit einem Angebot am Nachmittag für Berufstätige.",
          "documentation": "Im Präventionsbericht; Unterlagen bei der Stabsstelle Kommunale Prävention."}, True),
    ),
    evaluation=("Ein Präventionstag mit drei Vorträgen, Beratungsständen und Übungen am eigenen Gerät.",
                "Rund 120 Besucher:innen (Demo-Zahl), vor allem Ältere; die Betrugsfälle sind seitdem gesunken "
                "(Demo-Zahlen), was nicht allein dem Tag zuzuschreiben ist.",
                "Praktische Übungen wirken besser als Vorträge; ein Termin am Nachmittag soll Berufstätige erreichen.",
                date(2022, 6, 30)),
)

SENIORS = DemoMeasure(
    "Seniorensicherheitstag", "Sichere Stadt", "unsafe",
    "Information und Beratung für ältere Menschen zu Trickbetrug, Sicherheit zu Hause und unterwegs, am 05.11.2021. "
    "Demo: Budget erfunden.",
    "Seniorenvertretung", "Polizeidirektion Zwickau, Stabsstelle Kommunale Prävention", MeasureStatus.finished,
    TargetGroup.seniors, Setting.neighbourhood, starts_on=date(2021, 11, 5), ends_on=date(2021, 11, 5),
    budget="800.00",
    steps=(
        ({"what": "Ältere werden an der Haustür und am Telefon betrogen und fühlen sich abends unsicher.",
          "evidence": "Anzeigen und Anfragen bei der Polizei, Rückmeldungen der Seniorenvertretung.",
          "who": "Senior:innen, oft allein lebend; benannt von der Seniorenvertretung."}, True),
        ({"causes": "Täter:innen nutzen Hilfsbereitschaft und Vertrauen; viele kennen die Maschen nicht.",
          "risks": "Beeinflussbar: Wissen über Maschen. Zu stärken: Nachbarschaft und Mut, nachzufragen.",
          "existing": "Einzelne Vorträge in Seniorentreffs."}, True),
        ({"aim": "Ältere kennen die Maschen, wissen, was sie tun können, und fühlen sich sicherer.",
          "target_group": "Senior:innen der Stadt, ihre Angehörigen.",
          "measure_of_success": "Teilnahme, Rückmeldungen, Sicherheitsgefühl in der nächsten Befragung."}, True),
        ({"options": "Aktionstag, Hausbesuche, Telefonkette.",
          "choice": "Ein Aktionstag mit der Seniorenvertretung, die ihre Mitglieder selbst einlädt."}, True),
        ({"plan": "Einladung über die Seniorenvertretung, Aktionstag am 5. November 2021.",
          "resources": "Saal der Stadt, Vortragende der Polizei, Faltblätter.",
          "partners": "Seniorenvertretung und Polizei."}, True),
    ),
)

FAIRPLAYER = DemoMeasure(
    "Gewaltprävention an Oberschulen mit fairplayer.manual", "Gewalt", "violence",
    "Vorschlag der AG Gewalt: ein erprobtes Programm gegen Gewalt und Mobbing für die Klassen 7 bis 9.",
    "Amt für Familie, Schule und Soziales", "Schulsozialarbeit, Polizeidirektion Zwickau", MeasureStatus.idea,
    TargetGroup.youth, Setting.school, programme_key="fairplayer",
    steps=(({"what": "Körperliche Auseinandersetzungen und Mobbing unter Schüler:innen an Oberschulen."}, False),),
)

MEASURES = [GRAFFITI, TROUBLE, CYBERCRIME, SENIORS, FAIRPLAYER]
