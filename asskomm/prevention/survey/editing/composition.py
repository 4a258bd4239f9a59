"""Composing a survey in preparation: items from the bank, the KPR's own questions, sections, and
their order. Positions stay dense (1..n) within their survey or section. Bank items keep the bank's
wording and answers, so that their figures stay comparable across the alliance: only their section,
whether they must be answered, and their place change. Validate, change, flush; never commit."""

from __future__ import annotations

from dataclasses import dataclass

from tenants import db

from ....errors import DomainError
from .. import bank
from ..models import QuestionKind, Survey, SurveyOption, SurveyQuestion, SurveySection
from ..surveys import add_bank_question
from .services import FROZEN, section_for

OPTIONS_MIN, OPTIONS_MAX, OPTION_MAX = 2, 20, 200
SCALE_MIN, SCALE_MAX, SCALE_LABEL_MAX = 3, 10, 80
TEXT_MAX, HELP_MAX, SECTION_TITLE_MAX = 500, 300, 200
DIRECTIONS = {"up": -1, "down": 1}


def _draft(survey: Survey) -> None:
    if survey.frozen:
        raise DomainError(FROZEN)


def _renumber(items: list) -> None:
    for position, item in enumerate(items, start=1):
        item.position = position


# --- the item bank ----------------------------------------------------------------------------------


def add_bank_items(survey: Survey, keys: list[str], districts: str = "") -> list[SurveyQuestion]:
    """Copy the chosen bank items (in the bank's order) into the sections made for their bank
    sections; the Ortsteil item takes `districts`, one per line."""
    _draft(survey)
    unknown = [key for key in keys if key not in bank.BY_KEY]
    if unknown or not keys:
        raise DomainError("Bitte wählen Sie mindestens eine Frage aus dem Fragenkatalog." if not keys else
                          "Diese Frage steht nicht im Fragenkatalog.", "items")
    present = {question.bank_key for question in survey.questions}
    already = [bank.BY_KEY[key].text for key in keys if key in present]
    if already:
        raise DomainError(f"Diese Frage ist schon Teil der Befragung: „{already[0]}“", "items")
    added = []
    for item in (item for item in bank.ITEMS if item.key in set(keys)):
        names = districts.splitlines() if item.demographic == "district" else None
        added.append(add_bank_question(survey, section_for(survey, item.section), item, names))
    return added


# --- own questions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuestionInput:
    section: SurveySection
    kind: QuestionKind
    text: str
    help_text: str = ""
    required: bool = False
    options: str = ""  # single and multiple choice: one answer per line
    scale_steps: int | None = None
    scale_low: str = ""  # what the lowest point of a scale means, e.g. "gar nicht zufrieden"
    scale_high: str = ""


def own_options(data: QuestionInput) -> list[tuple[str, str]]:
    """The answers of an own question as (key, label): "o1".. for a choice, "1".."N" for a scale whose
    lowest and highest points carry their meaning ("1 – gar nicht zufrieden"), none for a text."""
    if data.kind in (QuestionKind.single, QuestionKind.multiple):
        labels = [line.strip() for line in data.options.splitlines() if line.strip()]
        if not OPTIONS_MIN <= len(labels) <= OPTIONS_MAX:
            raise DomainError(f"Bitte geben Sie {OPTIONS_MIN} bis {OPTIONS_MAX} Antwortmöglichkeiten an, "
                              "eine je Zeile.", "options")
        long = [label for label in labels if len(label) > OPTION_MAX]
        if long:
            raise DomainError(f"Eine Antwortmöglichkeit darf höchstens {OPTION_MAX} Zeichen lang sein: "
                              f"„{long[0][:40]}…“", "options")
        seen: set[str] = set()
        for label in labels:
            if label.casefold() in seen:
                raise DomainError(f"Die Antwortmöglichkeit „{label}“ steht doppelt da.", "options")
            seen.add(label.casefold())
        return [(f"o{index}", label) for index, label in enumerate(labels, start=1)]
    if data.kind == QuestionKind.scale:
        steps = data.scale_steps
        if steps is None or not SCALE_MIN <= steps <= SCALE_MAX:
            raise DomainError(f"Eine Skala hat {SCALE_MIN} bis {SCALE_MAX} Stufen.", "scale_steps")
        for name, value, point in (("scale_low", data.scale_low, "niedrigsten"),
                                   ("scale_high", data.scale_high, "höchsten")):
            if not value.strip():
                raise DomainError(f"Bitte sagen Sie, was der {point} Punkt der Skala bedeutet "
                                  "(z. B. „gar nicht zufrieden“ oder „sehr zufrieden“).", name)
            if len(value.strip()) > SCALE_LABEL_MAX:
                raise DomainError(f"Die Beschriftung darf höchstens {SCALE_LABEL_MAX} Zeichen lang sein.", name)
        labels = {1: f"1 – {data.scale_low.strip()}", steps: f"{steps} – {data.scale_high.strip()}"}
        return [(str(step), labels.get(step, str(step))) for step in range(1, steps + 1)]
    return []


def _check_text(data: QuestionInput) -> tuple[str, str]:
    text, help_text = data.text.strip(), data.help_text.strip()
    if not text:
        raise DomainError("Bitte geben Sie den Text der Frage ein.", "text")
    if len(text) > TEXT_MAX:
        raise DomainError(f"Die Frage darf höchstens {TEXT_MAX} Zeichen lang sein.", "text")
    if len(help_text) > HELP_MAX:
        raise DomainError(f"Der Hinweis darf höchstens {HELP_MAX} Zeichen lang sein.", "help_text")
    return text, help_text


def _check_section(survey: Survey, section: SurveySection) -> None:
    if section.survey_id != survey.id:
        raise DomainError("Bitte wählen Sie einen Abschnitt dieser Befragung.", "section_id")


def save_own_question(survey: Survey, data: QuestionInput, question: SurveyQuestion | None = None) -> SurveyQuestion:
    """Add an own question at the end of its section, or change one (its answers are replaced: a
    survey in preparation has none given yet)."""
    _draft(survey)
    _check_section(survey, data.section)
    if question is not None and question.bank_key:
        raise DomainError("Text und Antworten einer Frage aus dem Fragenkatalog lassen sich nicht ändern.", "text")
    text, help_text = _check_text(data)
    options = own_options(data)
    if question is None:
        question = SurveyQuestion(survey=survey, kind=data.kind, text=text)
        _place(question, data.section)
        db.session.add(question)
    else:
        _place(question, data.section)
        question.options = []
        db.session.flush()  # the old answers go first: the new ones reuse their keys
    question.kind, question.text, question.help_text, question.required = data.kind, text, help_text, data.required
    question.options = [SurveyOption(position=position, key=key, label=label)
                        for position, (key, label) in enumerate(options, start=1)]
    db.session.flush()
    db.session.expire(survey, ["questions"])
    return question


def update_bank_question(question: SurveyQuestion, section: SurveySection, required: bool) -> None:
    """What may change of a bank item: its section and whether it must be answered."""
    _draft(question.survey)
    _check_section(question.survey, section)
    _place(question, section)
    question.required = required
    db.session.flush()
    db.session.expire(question.survey, ["questions"])


def _place(question: SurveyQuestion, section: SurveySection) -> None:
    """Put `question` at the end of `section` unless it is there already; the old section closes up."""
    old = question.section
    if old is section:
        return
    position = 1 + max((other.position for other in section.questions), default=0)
    question.section, question.position = section, position  # leaves the old section's list, joins the new
    if old is not None:
        _renumber([other for other in old.questions if other is not question])


def delete_question(question: SurveyQuestion) -> None:
    """The question and its answers go; the section's other questions close up."""
    survey, section = question.survey, question.section
    _draft(survey)
    section.questions.remove(question)
    db.session.delete(question)
    _renumber(section.questions)
    db.session.flush()
    db.session.expire(survey, ["questions"])


def move_question(question: SurveyQuestion, direction: str) -> None:
    """One place up or down within its section."""
    _draft(question.survey)
    _swap(question.section.questions, question, direction, "Die Frage")
    db.session.flush()
    db.session.expire(question.survey, ["questions"])


# --- sections ---------------------------------------------------------------------------------------


def _check_title(survey: Survey, title: str, section: SurveySection | None = None) -> str:
    title = title.strip()
    if not title:
        raise DomainError("Bitte geben Sie dem Abschnitt einen Titel.", "title")
    if len(title) > SECTION_TITLE_MAX:
        raise DomainError(f"Der Titel darf höchstens {SECTION_TITLE_MAX} Zeichen lang sein.", "title")
    if any(other.title.casefold() == title.casefold() for other in survey.sections if other is not section):
        raise DomainError(f"Einen Abschnitt „{title}“ gibt es in dieser Befragung schon.", "title")
    return title


def add_section(survey: Survey, title: str) -> SurveySection:
    _draft(survey)
    section = SurveySection(position=len(survey.sections) + 1, title=_check_title(survey, title))
    survey.sections.append(section)
    db.session.flush()
    return section


def rename_section(section: SurveySection, title: str) -> None:
    _draft(section.survey)
    section.title = _check_title(section.survey, title, section)
    db.session.flush()


def not_empty(section: SurveySection) -> str:
    count = len(section.questions)
    return (f"Der Abschnitt „{section.title}“ enthält noch {count} {'Frage' if count == 1 else 'Fragen'}. "
            "Verschieben Sie sie in einen anderen Abschnitt oder löschen Sie sie; dann lässt sich der leere "
            "Abschnitt löschen.")


def delete_section(section: SurveySection) -> None:
    """Only an empty section: its questions are moved or deleted first, one by one, on purpose."""
    survey = section.survey
    _draft(survey)
    if section.questions:
        raise DomainError(not_empty(section))
    survey.sections.remove(section)
    _renumber(survey.sections)
    db.session.flush()


def move_section(section: SurveySection, direction: str) -> None:
    _draft(section.survey)
    _swap(section.survey.sections, section, direction, "Der Abschnitt")
    db.session.flush()


def _swap(items: list, item, direction: str, what: str) -> None:
    """Exchange `item` with its neighbour in `direction` and number the list anew."""
    if direction not in DIRECTIONS:
        raise DomainError("Bitte wählen Sie „nach oben“ oder „nach unten“.")
    ordered = sorted(items, key=lambda entry: (entry.position, entry.id))
    index = ordered.index(item)
    target = index + DIRECTIONS[direction]
    if not 0 <= target < len(ordered):
        raise DomainError(f"{what} steht schon ganz {'oben' if direction == 'up' else 'unten'}.")
    ordered[index], ordered[target] = ordered[target], ordered[index]
    _renumber(ordered)
    items.sort(key=lambda entry: entry.position)
