"""The survey's records. Answers are kept apart from everything that could name a respondent: a
response row has its survey, the day it came in and how (online or paper) — no code, account,
address, IP, user agent or time of day. A one-time code knows only whether it was used."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tenants import TenantScoped, db

from ..models import PreventionCycle


class _Labelled(enum.StrEnum):
    @property
    def label(self) -> str:
        return self._labels()[self.value]

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


class SurveyStatus(_Labelled):
    draft = "draft"
    open = "open"
    closed = "closed"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"draft": "in Vorbereitung", "open": "läuft", "closed": "abgeschlossen"}


class QuestionKind(_Labelled):
    single = "single"
    multiple = "multiple"
    scale = "scale"
    text = "text"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"single": "Einfachauswahl", "multiple": "Mehrfachauswahl", "scale": "Skala",
                "text": "kurzer Freitext"}


class Channel(_Labelled):
    online = "online"
    paper = "paper"

    @staticmethod
    def _labels() -> dict[str, str]:
        return {"online": "online", "paper": "Papierfragebogen"}


def _enum(kind: type[enum.Enum], length: int = 20) -> sa.Enum:
    return sa.Enum(kind, native_enum=False, length=length)


class Survey(TenantScoped, db.Model):
    """One questionnaire of a round's Sicherheitsanalyse; frozen once it is opened."""

    __tablename__ = "survey"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(sa.ForeignKey("prevention_cycle.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    introduction: Mapped[str] = mapped_column(sa.Text, default="")  # plain language, shown before the questions
    status: Mapped[SurveyStatus] = mapped_column(_enum(SurveyStatus), default=SurveyStatus.draft)
    # The survey's address: /k/<slug>/befragung/<public_key>; random, so surveys cannot be guessed.
    public_key: Mapped[str] = mapped_column(sa.String(32), unique=True)
    # With an open link anyone who has it may answer; without, only a one-time code opens it.
    open_link: Mapped[bool] = mapped_column(default=True)
    sample_size: Mapped[int | None]  # questionnaires sent out (the postal random sample)
    # One-time codes generated so far; a used code's row is deleted (collection.codes), so this is
    # what says how many there were.
    codes_issued: Mapped[int] = mapped_column(default=0, server_default="0")
    opened_on: Mapped[date | None]
    closed_on: Mapped[date | None]
    # The KPR agrees that its standard items' figures enter the alliance's benchmark.
    share_for_benchmark: Mapped[bool] = mapped_column(default=False)

    cycle: Mapped[PreventionCycle] = relationship()
    sections: Mapped[list[SurveySection]] = relationship(
        back_populates="survey", cascade="all, delete-orphan",
        order_by="(SurveySection.position, SurveySection.id)")
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="survey", cascade="all, delete-orphan", viewonly=True,
        order_by="(SurveyQuestion.position, SurveyQuestion.id)")

    __table_args__ = (
        sa.CheckConstraint("sample_size IS NULL OR sample_size > 0", name="sample_size_positive"),
    )

    @property
    def year(self) -> int:
        """The survey's year: the year it opened (this year while it is prepared)."""
        return (self.opened_on or date.today()).year

    @property
    def frozen(self) -> bool:
        return self.status != SurveyStatus.draft


class SurveySection(TenantScoped, db.Model):
    __tablename__ = "survey_section"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(sa.String(200))
    # The bank section it was made for (bank.SECTIONS): chosen bank items go here, even once renamed.
    bank_section: Mapped[str | None] = mapped_column(sa.String(100))

    survey: Mapped[Survey] = relationship(back_populates="sections")
    questions: Mapped[list[SurveyQuestion]] = relationship(
        back_populates="section", cascade="all, delete-orphan",
        order_by="(SurveyQuestion.position, SurveyQuestion.id)")


class SurveyQuestion(TenantScoped, db.Model):
    """A question: a copy of an item of the bank (`bank_key`, comparable across KPRs) or the KPR's own."""

    __tablename__ = "survey_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_section.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    bank_key: Mapped[str | None] = mapped_column(sa.String(40))
    kind: Mapped[QuestionKind] = mapped_column(_enum(QuestionKind))
    text: Mapped[str] = mapped_column(sa.String(500))
    help_text: Mapped[str] = mapped_column(sa.String(300), default="")
    required: Mapped[bool] = mapped_column(default=False)

    survey: Mapped[Survey] = relationship(back_populates="questions")
    section: Mapped[SurveySection] = relationship(back_populates="questions")
    options: Mapped[list[SurveyOption]] = relationship(
        back_populates="question", cascade="all, delete-orphan", order_by="(SurveyOption.position, SurveyOption.id)")

    __table_args__ = (sa.UniqueConstraint("survey_id", "bank_key"),)


class SurveyOption(TenantScoped, db.Model):
    """An answer to choose; `key` is the bank's option key for bank items (what the benchmark counts)."""

    __tablename__ = "survey_option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_question.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=1)
    key: Mapped[str] = mapped_column(sa.String(40))
    label: Mapped[str] = mapped_column(sa.String(200))

    question: Mapped[SurveyQuestion] = relationship(back_populates="options")

    __table_args__ = (sa.UniqueConstraint("question_id", "key"),)


class SurveyCode(TenantScoped, db.Model):
    """An unused one-time code for the postal sample. Using it deletes the row (collection.codes
    says why), so nothing, not even a system column, ties an answer to the address it was sent to."""

    __tablename__ = "survey_code"
    created_at = updated_at = None  # no mixin timestamps: a moment would tie a used code to its response

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(sa.String(16))

    __table_args__ = (sa.UniqueConstraint("survey_id", "code"),)


class SurveyResponse(TenantScoped, db.Model):
    """One filled-in questionnaire. Deliberately without any link to a code, an account, an address,
    and without a time finer than the day (tests/test_survey_anonymity.py checks the columns)."""

    __tablename__ = "survey_response"
    created_at = updated_at = None  # no mixin timestamps: a moment would tie a used code to its response

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    submitted_on: Mapped[date]
    channel: Mapped[Channel] = mapped_column(_enum(Channel), default=Channel.online)

    answers: Mapped[list[SurveyAnswer]] = relationship(back_populates="response", cascade="all, delete-orphan")


class SurveyAnswer(TenantScoped, db.Model):
    """One answer of a response: a chosen option (several rows for a multiple choice), or a short text."""

    __tablename__ = "survey_answer"
    created_at = updated_at = None  # no mixin timestamps: a moment would tie a used code to its response

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_response.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_question.id", ondelete="CASCADE"), index=True)
    option_id: Mapped[int | None] = mapped_column(sa.ForeignKey("survey_option.id", ondelete="CASCADE"), index=True)
    text: Mapped[str | None] = mapped_column(sa.String(500))

    response: Mapped[SurveyResponse] = relationship(back_populates="answers")

    __table_args__ = (
        sa.CheckConstraint("(option_id IS NULL) <> (text IS NULL)", name="option_or_text"),
        # The results' breakdowns join a response's answers to its answer of one question.
        sa.Index("ix_survey_answer_response_question", "response_id", "question_id"),
    )


class BenchmarkFigure(TenantScoped, db.Model):
    """A participating KPR's headline share for one standard item (its newest closed, shared survey),
    computed by the benchmark job; only figures from at least five answers are written."""

    __tablename__ = "survey_benchmark_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_key: Mapped[str] = mapped_column(sa.String(40), index=True)  # the state page lists one item's KPRs
    survey_id: Mapped[int] = mapped_column(sa.ForeignKey("survey.id", ondelete="CASCADE"))
    year: Mapped[int]
    answers: Mapped[int]  # n: who answered the item
    share: Mapped[Decimal] = mapped_column(sa.Numeric(5, 1))  # percent choosing the headline answers
    size_class: Mapped[str] = mapped_column(sa.String(20))

    __table_args__ = (sa.UniqueConstraint("tenant_id", "item_key"),)


class BenchmarkSummary(db.Model):
    """The alliance's distribution of one standard item's share, overall ("" size class) or per size
    class; written only where at least three KPRs contribute. State data, not tenant-owned."""

    __tablename__ = "survey_benchmark_summary"

    # Whose KPRs it summarises: one alliance's, or ACROSS (0) those of every alliance that compares across.
    alliance_id: Mapped[int] = mapped_column(primary_key=True, server_default=sa.text("1"))
    item_key: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    size_class: Mapped[str] = mapped_column(sa.String(20), primary_key=True)  # "" = the whole alliance
    kprs: Mapped[int]
    answers: Mapped[int]
    median: Mapped[Decimal] = mapped_column(sa.Numeric(5, 1))
    lower_quartile: Mapped[Decimal] = mapped_column(sa.Numeric(5, 1))
    upper_quartile: Mapped[Decimal] = mapped_column(sa.Numeric(5, 1))
