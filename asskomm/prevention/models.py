"""The records of the prevention cycle. Crime figures, populations and indicator series belong to
the KPR across rounds (asskomm.prevention.statistics.models); everything else hangs off a round
(`PreventionCycle`), so that closing a round leaves it readable and starts the next one empty."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

from ..documents.models import Document
from ..funding.models import FundingApplication
from ..meetings.models import Decision, Meeting
from ..structure.models import Body, Person
from .statistics.models import IndicatorSeries


class _Labelled(enum.StrEnum):
    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class ConductedBy(_Labelled):
    kpr = "kpr"
    coach = "coach"
    contractor = "contractor"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"kpr": "vom KPR selbst", "coach": "mit dem ASSKomm-Coach", "contractor": "durch einen Auftragnehmer"}


class TargetGroup(_Labelled):
    children = "children"
    youth = "youth"
    families = "families"
    adults = "adults"
    seniors = "seniors"
    professionals = "professionals"
    businesses = "businesses"
    everyone = "everyone"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"children": "Kinder", "youth": "Jugendliche", "families": "Eltern und Familien",
                "adults": "Erwachsene", "seniors": "Senior:innen", "professionals": "Fachkräfte",
                "businesses": "Gewerbetreibende", "everyone": "Allgemeinheit"}


class Setting(_Labelled):
    family = "family"
    daycare = "daycare"
    school = "school"
    youth_work = "youth_work"
    neighbourhood = "neighbourhood"
    public_space = "public_space"
    online = "online"
    other = "other"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"family": "Familie", "daycare": "Kita", "school": "Schule", "youth_work": "Jugendarbeit",
                "neighbourhood": "Quartier und Gemeinwesen", "public_space": "öffentlicher Raum",
                "online": "online", "other": "Sonstiges"}


class IndicatorKind(_Labelled):
    crime_rate = "crime_rate"
    crime_cases = "crime_cases"
    survey_unsafe = "survey_unsafe"
    series = "series"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"crime_rate": "Häufigkeitszahl eines Delikts (Fälle je 100.000 Einwohner:innen)",
                "crime_cases": "Fallzahl eines Delikts",
                "survey_unsafe": "Anteil, der sich nachts allein in der Wohngegend unsicher fühlt (%)",
                "series": "eine weitere Kennzahl des KPR"}


class MeasureStatus(_Labelled):
    idea = "idea"
    planned = "planned"
    running = "running"
    finished = "finished"
    stopped = "stopped"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"idea": "Idee", "planned": "geplant", "running": "laufend", "finished": "abgeschlossen",
                "stopped": "abgebrochen"}


def _enum(kind: type[enum.Enum], length: int = 20) -> sa.Enum:
    return sa.Enum(kind, native_enum=False, length=length)


class PreventionCycle(TenantScoped, db.Model):
    """One round of the cycle: its Sicherheitsanalyse, then the strategy adopted on it."""

    __tablename__ = "prevention_cycle"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(default=1)
    # Sicherheitsanalyse
    analysis_started_on: Mapped[date]
    analysis_finished_on: Mapped[date | None]
    conducted_by: Mapped[ConductedBy] = mapped_column(_enum(ConductedBy), default=ConductedBy.kpr)
    contractor: Mapped[str] = mapped_column(sa.String(200), default="")
    first_year: Mapped[int]  # the years of crime figures the analysis looks at
    last_year: Mapped[int]
    # the citizen survey's headline figures (the survey itself comes with issue 12)
    survey_year: Mapped[int | None]
    survey_sample: Mapped[int | None]
    survey_responses: Mapped[int | None]
    survey_unsafe_share: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 1))
    survey_problems: Mapped[str] = mapped_column(sa.Text, default="")  # most named first, one per line
    findings: Mapped[str] = mapped_column(sa.Text, default="")
    recommendations: Mapped[str] = mapped_column(sa.Text, default="")
    report_document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("document.id", ondelete="SET NULL"))
    public_summary: Mapped[str] = mapped_column(sa.Text, default="")
    summary_published: Mapped[bool] = mapped_column(default=False)
    analysis_shared: Mapped[bool] = mapped_column(default=False)  # für den Landespräventionsrat freigegeben
    # Präventionsstrategie
    strategy_summary: Mapped[str] = mapped_column(sa.Text, default="")
    strategy_adopted_on: Mapped[date | None]
    strategy_body_id: Mapped[int | None] = mapped_column(sa.ForeignKey("body.id", ondelete="SET NULL"))
    strategy_meeting_id: Mapped[int | None] = mapped_column(sa.ForeignKey("meeting.id", ondelete="SET NULL"))
    strategy_decision_id: Mapped[int | None] = mapped_column(sa.ForeignKey("decision.id", ondelete="SET NULL"))
    strategy_shared: Mapped[bool] = mapped_column(default=False)
    closed_on: Mapped[date | None]

    report_document: Mapped[Document | None] = relationship()
    strategy_body: Mapped[Body | None] = relationship()
    strategy_meeting: Mapped[Meeting | None] = relationship()
    strategy_decision: Mapped[Decision | None] = relationship()
    problems: Mapped[list[Problem]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="(Problem.priority, Problem.id)")
    offers: Mapped[list[PreventionOffer]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="PreventionOffer.title")
    action_fields: Mapped[list[ActionField]] = relationship(
        back_populates="cycle", cascade="all, delete-orphan", order_by="(ActionField.position, ActionField.id)")

    __table_args__ = (
        sa.UniqueConstraint("tenant_id", "number"),
        sa.CheckConstraint("first_year <= last_year", name="years_in_order"),
        sa.CheckConstraint("survey_responses IS NULL OR survey_sample IS NULL OR survey_responses <= survey_sample",
                           name="responses_within_sample"),
        sa.CheckConstraint("survey_unsafe_share IS NULL OR (survey_unsafe_share >= 0 AND survey_unsafe_share <= 100)",
                           name="unsafe_share_is_percent"),
    )

    @property
    def response_rate(self) -> Decimal | None:
        if not self.survey_sample or self.survey_responses is None:
            return None
        return (Decimal(100) * self.survey_responses / self.survey_sample).quantize(Decimal("0.1"))

    @property
    def title(self) -> str:
        return f"Sicherheitsanalyse, {self.number}. Runde ({self.first_year}–{self.last_year})"


offer_problem = sa.Table(
    "prevention_offer_problem", db.metadata,
    sa.Column("offer_id", sa.ForeignKey("prevention_offer.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("problem_id", sa.ForeignKey("prevention_problem.id", ondelete="CASCADE"), primary_key=True),
)
action_field_problem = sa.Table(
    "prevention_action_field_problem", db.metadata,
    sa.Column("action_field_id", sa.ForeignKey("prevention_action_field.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("problem_id", sa.ForeignKey("prevention_problem.id", ondelete="CASCADE"), primary_key=True),
)
measure_funding = sa.Table(
    "prevention_measure_funding", db.metadata,
    sa.Column("measure_id", sa.ForeignKey("prevention_measure.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("funding_id", sa.ForeignKey("funding_application.id", ondelete="CASCADE"), primary_key=True),
)


class Problem(TenantScoped, db.Model):
    """A problem the analysis found, ranked (1 first); it may name the figure that shows it."""

    __tablename__ = "prevention_problem"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_cycle.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    priority: Mapped[int] = mapped_column(default=1)
    offence_key: Mapped[str] = mapped_column(sa.String(8), default="")  # shown by this crime figure
    series_id: Mapped[int | None] = mapped_column(sa.ForeignKey("indicator_series.id", ondelete="SET NULL"))
    from_survey: Mapped[bool] = mapped_column(default=False)  # named in the citizen survey

    cycle: Mapped[PreventionCycle] = relationship(back_populates="problems")
    series: Mapped[IndicatorSeries | None] = relationship()
    offers: Mapped[list[PreventionOffer]] = relationship(secondary=offer_problem, back_populates="problems")


class PreventionOffer(TenantScoped, db.Model):
    """An existing prevention offer in the municipality (Bedarfs- und Ressourcenanalyse)."""

    __tablename__ = "prevention_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_cycle.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    provider: Mapped[str] = mapped_column(sa.String(200), default="")
    topic: Mapped[str] = mapped_column(sa.String(200), default="")
    target_group: Mapped[TargetGroup | None] = mapped_column(_enum(TargetGroup))
    setting: Mapped[Setting | None] = mapped_column(_enum(Setting))
    area: Mapped[str] = mapped_column(sa.String(200), default="")
    reach: Mapped[str] = mapped_column(sa.String(200), default="")
    funding: Mapped[str] = mapped_column(sa.String(200), default="")
    contact: Mapped[str] = mapped_column(sa.String(200), default="")

    cycle: Mapped[PreventionCycle] = relationship(back_populates="offers")
    problems: Mapped[list[Problem]] = relationship(secondary=offer_problem, back_populates="offers")


class ActionField(TenantScoped, db.Model):
    """A Handlungsfeld of the strategy, derived from prioritised problems."""

    __tablename__ = "prevention_action_field"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_cycle.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    working_group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("body.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)

    cycle: Mapped[PreventionCycle] = relationship(back_populates="action_fields")
    working_group: Mapped[Body | None] = relationship()
    problems: Mapped[list[Problem]] = relationship(secondary=action_field_problem)
    goals: Mapped[list[Goal]] = relationship(back_populates="action_field", cascade="all, delete-orphan",
                                             order_by="Goal.id")


class Goal(TenantScoped, db.Model):
    """A measurable goal: an indicator, its baseline from the analysis, a target value and year."""

    __tablename__ = "prevention_goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_field_id: Mapped[int] = mapped_column(
        sa.ForeignKey("prevention_action_field.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    indicator_kind: Mapped[IndicatorKind] = mapped_column(_enum(IndicatorKind))
    offence_key: Mapped[str] = mapped_column(sa.String(8), default="")
    series_id: Mapped[int | None] = mapped_column(sa.ForeignKey("indicator_series.id", ondelete="SET NULL"))
    baseline_year: Mapped[int]
    baseline_value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    target_value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    target_year: Mapped[int]

    action_field: Mapped[ActionField] = relationship(back_populates="goals")
    series: Mapped[IndicatorSeries | None] = relationship()
    measurements: Mapped[list[GoalMeasurement]] = relationship(
        back_populates="goal", cascade="all, delete-orphan", order_by="GoalMeasurement.year")

    __table_args__ = (sa.CheckConstraint("baseline_year < target_year", name="target_after_baseline"),)


class GoalMeasurement(TenantScoped, db.Model):
    """A measured value of a goal's indicator, entered (e.g. from a later survey)."""

    __tablename__ = "prevention_goal_measurement"

    id: Mapped[int] = mapped_column(primary_key=True)
    goal_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_goal.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    value: Mapped[Decimal] = mapped_column(sa.Numeric(14, 2))
    source: Mapped[str] = mapped_column(sa.String(200), default="")

    goal: Mapped[Goal] = relationship(back_populates="measurements")

    __table_args__ = (sa.UniqueConstraint("goal_id", "year"),)


class Measure(TenantScoped, db.Model):
    """A measure or project in an action field, serving a goal, worked through the Beccaria steps."""

    __tablename__ = "prevention_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_cycle.id", ondelete="CASCADE"), index=True)
    action_field_id: Mapped[int] = mapped_column(
        sa.ForeignKey("prevention_action_field.id", ondelete="CASCADE"), index=True)
    goal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("prevention_goal.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    working_group_id: Mapped[int | None] = mapped_column(sa.ForeignKey("body.id", ondelete="SET NULL"))
    responsible_id: Mapped[int | None] = mapped_column(sa.ForeignKey("person.id", ondelete="SET NULL"))
    partners: Mapped[str] = mapped_column(sa.Text, default="")
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    status: Mapped[MeasureStatus] = mapped_column(_enum(MeasureStatus), default=MeasureStatus.idea, index=True)
    budget: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    programme_key: Mapped[str] = mapped_column(sa.String(40), default="")  # Grüne Liste (reference.PROGRAMMES)
    target_group: Mapped[TargetGroup | None] = mapped_column(_enum(TargetGroup))
    setting: Mapped[Setting | None] = mapped_column(_enum(Setting))
    shareable: Mapped[bool] = mapped_column(default=False, index=True)  # for the practice exchange (issue 13)
    # Shared also with the other alliances' KPRs (issue 17); only while `shareable`, cleared with it.
    shared_beyond_alliance: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # the evaluation of the measure
    evaluation_done: Mapped[str] = mapped_column(sa.Text, default="")
    evaluation_reached: Mapped[str] = mapped_column(sa.Text, default="")
    evaluation_learned: Mapped[str] = mapped_column(sa.Text, default="")
    evaluated_on: Mapped[date | None]

    cycle: Mapped[PreventionCycle] = relationship()
    action_field: Mapped[ActionField] = relationship()
    goal: Mapped[Goal | None] = relationship()
    working_group: Mapped[Body | None] = relationship()
    responsible: Mapped[Person | None] = relationship()
    funding: Mapped[list[FundingApplication]] = relationship(secondary=measure_funding,
                                                             order_by="FundingApplication.year")
    steps: Mapped[list[WorksheetStep]] = relationship(back_populates="measure", cascade="all, delete-orphan",
                                                      order_by="WorksheetStep.step")

    __table_args__ = (
        sa.CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
        sa.CheckConstraint("ends_on IS NULL OR starts_on IS NULL OR starts_on <= ends_on", name="period_in_order"),
    )


class WorksheetStep(TenantScoped, db.Model):
    """The answers to one Beccaria step of a measure (reference.BECCARIA_STEPS)."""

    __tablename__ = "prevention_worksheet_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    measure_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_measure.id", ondelete="CASCADE"), index=True)
    step: Mapped[int]
    answers: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # question key -> text
    completed: Mapped[bool] = mapped_column(default=False)

    measure: Mapped[Measure] = relationship(back_populates="steps")

    __table_args__ = (sa.UniqueConstraint("measure_id", "step"),
                      sa.CheckConstraint("step BETWEEN 1 AND 7", name="beccaria_step"))
