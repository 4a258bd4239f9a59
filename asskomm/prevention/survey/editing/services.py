"""A survey's life as its editor sees it: created for an open round with the bank's sections and the
night-time item, its settings, deleted while in preparation, opened (frozen from then on) and
closed, which carries its headline figures into the round. Validate, change, flush; never commit."""

from __future__ import annotations

from tenants import db

from ....errors import DomainError
from ....timeutil import today
from ...models import PreventionCycle
from .. import bank
from ..models import Survey, SurveySection, SurveyStatus
from ..results.flow import apply_to_cycle
from ..surveys import add_bank_question, new_public_key

FROZEN = "Eine geöffnete Befragung kann nicht mehr geändert werden."
NO_QUESTIONS = ("Die Befragung hat noch keine Frage: Wählen Sie zuerst Fragen aus dem Fragenkatalog oder legen Sie "
                "eigene an.")
NO_TITLE = "Bitte geben Sie der Befragung einen Titel."
INTRODUCTION_MAX = 3000
DEFAULT_INTRODUCTION = (
    "Liebe Bürgerinnen und Bürger,\n\n"
    "wir möchten wissen, wie sicher Sie sich in Ihrer Wohngegend fühlen und was Sie dort stört. "
    "Ihre Antworten helfen dem Kommunalen Präventionsrat, das Richtige für mehr Sicherheit zu tun.\n\n"
    "Das Ausfüllen dauert etwa zehn Minuten. Die Befragung ist freiwillig und anonym: Wir speichern nicht, "
    "wer Sie sind. Niemand kann Ihre Antworten Ihnen zuordnen. Fragen, die nicht als Pflichtfrage markiert "
    "sind, können Sie auslassen.\n\n"
    "Vielen Dank, dass Sie mitmachen!")

# What may still change in each state: once open, the questionnaire is frozen, and its link with it.
CHANGEABLE: dict[SurveyStatus, frozenset[str]] = {
    SurveyStatus.draft: frozenset({"title", "introduction", "open_link", "sample_size", "share_for_benchmark"}),
    SurveyStatus.open: frozenset({"sample_size", "share_for_benchmark"}),
    SurveyStatus.closed: frozenset({"share_for_benchmark"}),
}
SETTING_LABELS = {"title": "Titel", "introduction": "Einleitung", "open_link": "Offener Link",
                  "sample_size": "Stichprobe", "share_for_benchmark": "Vergleich im Bündnis"}


def default_title() -> str:
    return f"Bürgerbefragung {today().year}"


def create_survey(cycle: PreventionCycle, title: str | None = None) -> Survey:
    """A new survey of `cycle` with the bank's sections (empty) and the standard night-time item,
    the alliance's comparable indicator (it may be removed while the survey is prepared)."""
    if cycle.closed_on is not None:
        raise DomainError("Die Runde ist abgeschlossen: Eine Befragung lässt sich nur in der laufenden Runde "
                          "anlegen.")
    title = default_title() if title is None else title.strip()
    if not title:
        raise DomainError(NO_TITLE, "title")
    survey = Survey(cycle=cycle, title=title, introduction=DEFAULT_INTRODUCTION, public_key=new_public_key())
    survey.sections = [SurveySection(position=position, title=name, bank_section=name)
                       for position, name in enumerate(bank.SECTIONS, start=1)]
    db.session.add(survey)
    db.session.flush()
    add_bank_question(survey, section_for(survey, bank.NIGHT.section), bank.NIGHT)
    return survey


def section_for(survey: Survey, bank_section: str) -> SurveySection:
    """The survey's section for a section of the bank: the one made for it (even if renamed), else one
    of that title; made anew at the end when it was deleted."""
    made_for = [section for section in survey.sections if section.bank_section == bank_section]
    titled = [section for section in survey.sections if section.title == bank_section]
    if made_for or titled:
        return (made_for or titled)[0]
    section = SurveySection(position=len(survey.sections) + 1, title=bank_section, bank_section=bank_section)
    survey.sections.append(section)
    db.session.flush()
    return section


def update_settings(survey: Survey, changes: dict) -> None:
    """Change the settings in `changes` (field name -> value); what the survey's state no longer
    allows is refused."""
    allowed = CHANGEABLE[survey.status]
    for name, value in changes.items():
        if name not in allowed and getattr(survey, name) != value:
            raise DomainError(f"„{SETTING_LABELS[name]}“ lässt sich nicht mehr ändern: Die Befragung "
                              f"{'läuft' if survey.status == SurveyStatus.open else 'ist abgeschlossen'}.", name)
    if "title" in changes and not changes["title"].strip():
        raise DomainError(NO_TITLE, "title")
    if "introduction" in changes and len(changes["introduction"]) > INTRODUCTION_MAX:
        raise DomainError("Die Einleitung darf höchstens 3.000 Zeichen lang sein.", "introduction")
    sample = changes.get("sample_size")
    if sample is not None and not 0 < sample <= 1_000_000:
        raise DomainError("Die Stichprobe ist eine Zahl von 1 bis 1.000.000 (verschickte Fragebögen).",
                          "sample_size")
    for name, value in changes.items():
        if name in allowed:
            setattr(survey, name, value.strip() if isinstance(value, str) else value)
    db.session.flush()


def delete_survey(survey: Survey) -> None:
    """Only a survey in preparation: an opened one may have answers, which stay with the round."""
    if survey.status != SurveyStatus.draft:
        raise DomainError("Nur eine Befragung in Vorbereitung lässt sich löschen; diese wurde schon geöffnet.")
    db.session.delete(survey)
    db.session.flush()


def empty_sections(survey: Survey) -> list[SurveySection]:
    return [section for section in survey.sections if not section.questions]


def open_survey(survey: Survey) -> list[str]:
    """Open the survey for answers and freeze its questionnaire; its empty sections are dropped
    (respondents would see a heading without questions). Returns their titles."""
    if survey.status != SurveyStatus.draft:
        raise DomainError("Die Befragung wurde schon geöffnet.")
    if not survey.questions:
        raise DomainError(NO_QUESTIONS)
    dropped = empty_sections(survey)
    for section in dropped:
        survey.sections.remove(section)
    for position, section in enumerate(survey.sections, start=1):
        section.position = position
    survey.status, survey.opened_on = SurveyStatus.open, today()
    db.session.flush()
    return [section.title for section in dropped]


def close_survey(survey: Survey) -> None:
    """No more answers; the round's headline figures are filled from the results while it is open."""
    if survey.status != SurveyStatus.open:
        raise DomainError("Nur eine laufende Befragung lässt sich abschließen.")
    survey.status, survey.closed_on = SurveyStatus.closed, today()
    db.session.flush()
    apply_to_cycle(survey)
