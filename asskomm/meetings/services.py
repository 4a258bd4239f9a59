"""Meetings: schedule, invite, reply, attendance, minutes, action items — validate, change, flush."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from tenants import Tenant, db

from ..accounts import feeds
from ..accounts.models import User
from ..errors import DomainError
from ..structure.models import Body, BodyMembership, Person, current_membership_clause
from ..tasking import enqueue_after_commit
from ..timeutil import BERLIN, as_utc, now, today
from .models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    Invitation,
    Meeting,
    MeetingStatus,
    Minutes,
    Reply,
)


def berlin_to_utc(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=BERLIN).astimezone(UTC)


@dataclass
class MeetingInput:
    body: Body
    title: str
    day: date
    starts: time
    ends: time
    place: str
    online_url: str
    public: bool
    agenda: list[tuple[str, int | None]]  # (title, owner person id)


# --- reading ---------------------------------------------------------------------------------


def meeting_with_details(meeting_id: int) -> Meeting | None:
    """A meeting with everything its page shows, in a fixed number of queries."""
    return db.session.scalar(
        sa.select(Meeting).where(Meeting.id == meeting_id).options(
            joinedload(Meeting.body),
            selectinload(Meeting.agenda).joinedload(AgendaItem.owner),
            selectinload(Meeting.invitations).joinedload(Invitation.person),
            selectinload(Meeting.minutes).options(selectinload(Minutes.decisions), joinedload(Minutes.approved_in)),
        )
    )


def meetings(body_id: int | None = None) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming (soonest first) and past meetings (latest first), each with its body."""
    query = sa.select(Meeting).options(joinedload(Meeting.body)).order_by(Meeting.starts_at)
    if body_id:
        query = query.where(Meeting.body_id == body_id)
    rows = db.session.scalars(query).all()
    moment = now()
    upcoming = [m for m in rows if as_utc(m.starts_at) >= moment]
    past = [m for m in rows if as_utc(m.starts_at) < moment]
    return upcoming, past[::-1]


def feed_meetings() -> list[Meeting]:
    return list(db.session.scalars(
        sa.select(Meeting).options(joinedload(Meeting.body), selectinload(Meeting.agenda).joinedload(AgendaItem.owner))
        .order_by(Meeting.starts_at)
    ))


def bodies() -> list[Body]:
    return list(db.session.scalars(sa.select(Body).order_by(Body.position, Body.name)))


def people() -> list[Person]:
    return list(db.session.scalars(sa.select(Person).order_by(Person.name)))


def action_items_of(meeting: Meeting) -> list[ActionItem]:
    return list(db.session.scalars(
        sa.select(ActionItem).where(ActionItem.meeting_id == meeting.id).options(joinedload(ActionItem.owner))
        .order_by(ActionItem.id)
    ))


def open_action_items(body_id: int | None = None, owner_id: int | None = None) -> list[ActionItem]:
    """Open action items across all meetings of the KPR, earliest due first (one query)."""
    query = (
        sa.select(ActionItem).join(ActionItem.meeting)
        .options(contains_eager(ActionItem.meeting).joinedload(Meeting.body), joinedload(ActionItem.owner))
        .where(ActionItem.status == ActionStatus.open)
        .order_by(ActionItem.due_on.is_(None), ActionItem.due_on, ActionItem.id)
    )
    if body_id:
        query = query.where(Meeting.body_id == body_id)
    if owner_id:
        query = query.where(ActionItem.owner_id == owner_id)
    return list(db.session.scalars(query))


def approvable_minutes(meeting: Meeting) -> list[Minutes]:
    """Minutes of earlier meetings of the same body still waiting for approval."""
    return list(db.session.scalars(
        sa.select(Minutes).join(Minutes.meeting).options(contains_eager(Minutes.meeting))
        .where(Meeting.body_id == meeting.body_id, Meeting.starts_at < meeting.starts_at,
               Minutes.approved_at.is_(None))
        .order_by(Meeting.starts_at.desc())
    ))


def minutes_approved_in(meeting: Meeting) -> list[Minutes]:
    return list(db.session.scalars(
        sa.select(Minutes).join(Minutes.meeting).options(contains_eager(Minutes.meeting))
        .where(Minutes.approved_in_id == meeting.id).order_by(Meeting.starts_at)
    ))


# --- scheduling --------------------------------------------------------------------------------


def _ensure_planned(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.cancelled:
        raise DomainError("Die Sitzung ist abgesagt und kann nicht mehr geändert werden.")


def _ensure_begun(meeting: Meeting, what: str) -> None:
    if meeting.status == MeetingStatus.cancelled:
        raise DomainError(f"Für eine abgesagte Sitzung gibt es keine {what}.")
    if as_utc(meeting.starts_at) > now():
        raise DomainError(f"{what} können erst ab Beginn der Sitzung erfasst werden.")


def _owners(ids: set[int]) -> dict[int, Person]:
    if not ids:
        return {}
    found = {p.id: p for p in db.session.scalars(sa.select(Person).where(Person.id.in_(ids)))}
    if set(found) != ids:
        raise DomainError("Unbekannte Person als Verantwortliche:r.", "agenda")
    return found


def save_meeting(meeting: Meeting | None, data: MeetingInput) -> Meeting:
    """Create or change a meeting. A new date or place bumps the sequence, and invitees who
    already got an invitation get the updated one."""
    starts_at = berlin_to_utc(data.day, data.starts)
    ends_at = berlin_to_utc(data.day, data.ends)
    if ends_at <= starts_at:
        raise DomainError("Das Ende muss nach dem Beginn liegen.", "ends")
    place, online_url = data.place.strip(), data.online_url.strip()
    if not place and not online_url:
        raise DomainError("Bitte geben Sie einen Ort oder einen Online-Link an.", "place")
    if meeting is not None:
        _ensure_planned(meeting)
    moved = meeting is None or as_utc(meeting.starts_at) != starts_at
    if moved and starts_at < now():
        raise DomainError("Eine Sitzung kann nicht in der Vergangenheit beginnen.", "day")
    owners = _owners({owner for _, owner in data.agenda if owner})
    changed = False
    if meeting is None:
        meeting = Meeting(sequence=0, status=MeetingStatus.planned)
        db.session.add(meeting)
    elif (as_utc(meeting.starts_at), meeting.ends_at and as_utc(meeting.ends_at), meeting.place,
          meeting.online_url) != (starts_at, ends_at, place, online_url):
        meeting.sequence += 1
        changed = True
    meeting.body = data.body
    meeting.title = data.title.strip()
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.place, meeting.online_url, meeting.public = place, online_url, data.public
    meeting.agenda = [AgendaItem(title=title.strip(), owner=owners.get(owner) if owner else None, position=n)
                      for n, (title, owner) in enumerate(t for t in data.agenda if t[0].strip())]
    db.session.flush()
    if changed and meeting.invitations:
        _mail_invitees(meeting)  # the updated invitation, once per change (the sequence is in the key)
    return meeting


def cancel_meeting(meeting: Meeting) -> None:
    _ensure_planned(meeting)
    if as_utc(meeting.starts_at) < now():
        raise DomainError("Eine Sitzung, die bereits begonnen hat, kann nicht mehr abgesagt werden.")
    meeting.status = MeetingStatus.cancelled
    meeting.sequence += 1
    db.session.flush()
    if meeting.invitations:
        _mail_invitees(meeting)


def _mail_invitees(meeting: Meeting) -> None:
    enqueue_after_commit("meetings.send_invitations", meeting.id)


# --- invitations and replies --------------------------------------------------------------------


def invite_members(meeting: Meeting) -> int:
    """One invitation per current member of the body with an e-mail address; people invited
    before keep theirs. The mails go out after the commit (only those not sent yet)."""
    _ensure_planned(meeting)
    if as_utc(meeting.starts_at) < now():
        raise DomainError("Zu einer vergangenen Sitzung kann nicht mehr eingeladen werden.")
    invited = {invitation.person_id for invitation in meeting.invitations}
    members = db.session.scalars(
        sa.select(Person).join(BodyMembership, BodyMembership.person_id == Person.id)
        .where(BodyMembership.body_id == meeting.body_id, current_membership_clause(today()), Person.email != "")
        .order_by(Person.name)
    ).unique().all()
    new = [Invitation(meeting=meeting, person=person, token=secrets.token_urlsafe(24))
           for person in members if person.id not in invited]
    if not new and not invited:
        raise DomainError(f"{meeting.body.name} hat keine aktuellen Mitglieder mit E-Mail-Adresse.")
    db.session.add_all(new)
    db.session.flush()
    _mail_invitees(meeting)
    return len(new)


def invitation_by_token(token: str) -> Invitation | None:
    """The tenant comes from the URL, so a token of another KPR is simply not found."""
    return db.session.scalar(
        sa.select(Invitation).where(Invitation.token == token).options(
            joinedload(Invitation.person),
            joinedload(Invitation.meeting).options(joinedload(Meeting.body),
                                                   selectinload(Meeting.agenda).joinedload(AgendaItem.owner)),
        )
    )


def own_invitation(meeting: Meeting, user_id: int) -> Invitation | None:
    """The invitation of the person whose directory entry is linked to this login (the meeting's
    invitations and their people are loaded already)."""
    return next((i for i in meeting.invitations if i.person.user_id == user_id), None)


def record_reply(invitation: Invitation, reply: Reply) -> None:
    """The answer to an invitation, by the mailed link or on the meeting page: the same rule."""
    meeting = invitation.meeting
    if meeting.status == MeetingStatus.cancelled:
        raise DomainError("Die Sitzung wurde abgesagt; eine Antwort ist nicht mehr nötig.")
    if meeting.status == MeetingStatus.held or as_utc(meeting.starts_at) < now():
        raise DomainError("Die Sitzung hat bereits begonnen; eine Antwort ist nicht mehr möglich.")
    if reply == Reply.pending:
        raise DomainError("Bitte wählen Sie Zusage, Absage oder Vielleicht.", "reply")
    invitation.reply = reply
    invitation.replied_at = now()
    db.session.flush()


def record_attendance(meeting: Meeting, attended_ids: list[int]) -> None:
    _ensure_begun(meeting, "Anwesenheiten")
    known = {invitation.id for invitation in meeting.invitations}
    if not known:
        raise DomainError("Zu dieser Sitzung wurde niemand eingeladen.")
    if set(attended_ids) - known:
        raise DomainError("Unbekannte Einladung in der Anwesenheitsliste.")
    for invitation in meeting.invitations:
        invitation.attended = invitation.id in attended_ids
    meeting.status = MeetingStatus.held
    db.session.flush()


# --- minutes and action items ---------------------------------------------------------------------


def save_minutes(meeting: Meeting, text: str, decisions: list[str]) -> Minutes:
    _ensure_begun(meeting, "Niederschriften")
    minutes = meeting.minutes
    if minutes is not None and minutes.approved_at is not None:
        raise DomainError("Die Niederschrift ist bereits genehmigt und kann nicht mehr geändert werden.")
    if minutes is None:
        minutes = Minutes(meeting=meeting)
        db.session.add(minutes)
    minutes.text = text.strip()
    minutes.recorded_at = now()
    minutes.decisions = [Decision(text=line.strip(), position=n)
                         for n, line in enumerate(line for line in decisions if line.strip())]
    if meeting.status == MeetingStatus.planned:
        meeting.status = MeetingStatus.held
    db.session.flush()
    return minutes


def approve_minutes(minutes: Minutes, in_meeting: Meeting) -> None:
    """Minutes are approved at a later meeting of the same body."""
    earlier = minutes.meeting
    if minutes.approved_at is not None:
        raise DomainError("Diese Niederschrift ist bereits genehmigt.")
    if in_meeting.status == MeetingStatus.cancelled:
        raise DomainError("In einer abgesagten Sitzung kann nichts genehmigt werden.")
    if not in_meeting.has_begun:
        raise DomainError("Eine Niederschrift wird in einer Sitzung genehmigt, die stattgefunden hat; diese Sitzung "
                          "hat noch nicht begonnen.")
    if earlier.body_id != in_meeting.body_id:
        raise DomainError("Eine Niederschrift wird in einer Sitzung desselben Gremiums genehmigt.")
    if earlier.id == in_meeting.id or as_utc(in_meeting.starts_at) <= as_utc(earlier.starts_at):
        raise DomainError("Eine Niederschrift kann nur in einer späteren Sitzung genehmigt werden.")
    minutes.approved_at = now()
    minutes.approved_in = in_meeting
    db.session.flush()


def add_action_item(meeting: Meeting, title: str, owner_id: int | None, due_on: date | None) -> ActionItem:
    _ensure_begun(meeting, "Aufgaben")
    owner = _owners({owner_id}).get(owner_id) if owner_id else None
    item = ActionItem(meeting=meeting, title=title.strip(), owner=owner, due_on=due_on, status=ActionStatus.open)
    db.session.add(item)
    db.session.flush()
    return item


def complete_action_item(item: ActionItem) -> None:
    if item.status == ActionStatus.done:
        raise DomainError("Diese Aufgabe ist bereits erledigt.")
    item.status = ActionStatus.done
    item.done_on = today()
    db.session.flush()


# --- calendar feed ---------------------------------------------------------------------------------


FEED_SALT = "meetings-feed"


def _feed(tenant: Tenant) -> str:
    return f"meetings:{tenant.id}"  # one address per person and KPR, renewed on that KPR's page


def feed_token(user: User, tenant: Tenant) -> str:
    return feeds.feed_token(user, _feed(tenant), FEED_SALT, t=tenant.id)


def feed_user(token: str, tenant: Tenant) -> User | None:
    """The user a subscription link names, if it is for this KPR and still current (not renewed
    since, no new password)."""
    return feeds.feed_owner(token, _feed(tenant), FEED_SALT, t=tenant.id)


def renew_feed_token(user: User, tenant: Tenant) -> str:
    """A new subscription address for this KPR's meetings; the old one answers 404 from now on."""
    feeds.renew_feed(user, _feed(tenant))
    return feed_token(user, tenant)
