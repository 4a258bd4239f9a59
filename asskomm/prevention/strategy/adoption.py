"""The adoption of a round's strategy: by a body of the KPR on the date of its meeting, linked to the
decision in that meeting's minutes; and the strategy's summary and its release to the state council."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager

from tenants import db

from ...errors import DomainError
from ...meetings.models import Decision, Meeting, MeetingStatus, Minutes
from ...structure.models import Body
from ...timeutil import berlin
from ..models import PreventionCycle

SUMMARY_MAX = 20_000


@dataclass(frozen=True)
class DecisionChoice:
    decision: Decision
    meeting: Meeting


def bodies() -> list[Body]:
    return db.session.scalars(sa.select(Body).order_by(Body.position, Body.name)).all()


def decision_choices() -> list[DecisionChoice]:
    """The decisions in the minutes of the KPR's meetings that were held, newest meeting first (one query)."""
    decisions = db.session.scalars(
        sa.select(Decision).join(Decision.minutes).join(Minutes.meeting).join(Meeting.body)
        .where(Meeting.status == MeetingStatus.held)
        .options(contains_eager(Decision.minutes).contains_eager(Minutes.meeting).contains_eager(Meeting.body))
        .order_by(Meeting.starts_at.desc(), Meeting.id, Decision.position, Decision.id)).all()
    return [DecisionChoice(d, d.minutes.meeting) for d in decisions]


def meeting_day(starts_at: datetime):
    return berlin(starts_at).date()


@dataclass
class AdoptionInput:
    summary: str
    body_id: int | None  # None (with no decision): not adopted yet
    decision_id: int | None
    shared: bool


def save_strategy(cycle: PreventionCycle, data: AdoptionInput) -> None:
    summary = (data.summary or "").strip()
    if len(summary) > SUMMARY_MAX:
        raise DomainError(f"Bitte fassen Sie die Zusammenfassung kürzer (höchstens {SUMMARY_MAX:,} Zeichen)."
                          .replace(",", "."), "summary")
    if data.body_id and not data.decision_id:
        raise DomainError("Bitte wählen Sie den Beschluss, mit dem das Gremium die Strategie angenommen hat.",
                          "decision_id")
    if data.decision_id and not data.body_id:
        raise DomainError("Bitte wählen Sie das Gremium, das die Strategie beschlossen hat.", "body_id")
    if data.body_id:
        _adopt(cycle, data.body_id, data.decision_id)
    else:
        cycle.strategy_body = cycle.strategy_meeting = cycle.strategy_decision = None
        cycle.strategy_adopted_on = None
    cycle.strategy_summary, cycle.strategy_shared = summary, bool(data.shared)
    db.session.flush()


def _adopt(cycle: PreventionCycle, body_id: int, decision_id: int) -> None:
    # Both are read within the KPR (scoping) and with its id named: another KPR's is not found.
    body = db.session.scalar(sa.select(Body).where(Body.id == body_id, Body.tenant_id == cycle.tenant_id))
    if body is None:
        raise DomainError("Dieses Gremium gibt es im KPR nicht.", "body_id")
    found = db.session.execute(
        sa.select(Decision, Meeting).join(Decision.minutes).join(Minutes.meeting)
        .where(Decision.id == decision_id, Meeting.tenant_id == cycle.tenant_id)).first()
    if found is None:
        raise DomainError("Diesen Beschluss gibt es in den Niederschriften des KPR nicht.", "decision_id")
    decision, meeting = found
    if meeting.body_id != body.id:
        raise DomainError(f"Der gewählte Beschluss stammt aus einer Sitzung von „{meeting.body.name}“, nicht von "
                          f"„{body.name}“. Bitte wählen Sie einen Beschluss aus einer Sitzung des Gremiums, das "
                          "die Strategie beschlossen hat.", "decision_id")
    if meeting.status != MeetingStatus.held:
        raise DomainError("Die Sitzung dieses Beschlusses hat nicht stattgefunden.", "decision_id")
    cycle.strategy_body, cycle.strategy_meeting, cycle.strategy_decision = body, meeting, decision
    cycle.strategy_adopted_on = meeting_day(meeting.starts_at)
