"""The rules on objects and their state (OBJECT_RULES): whose registration it is, who organises the
event, whether the meeting has begun, whether the round is closed. They read the objects' attributes
and never import a feature, so the kernel stays below the features; a role they need in the object's
KPR is asked of `.rules`.
"""

from __future__ import annotations

from collections.abc import Callable

from tenants import alliance_context, maybe_alliance_id

from ..accounts.models import GlobalRole
from .rules import coordinated_elsewhere, in_alliance, is_coordinator_of, memberships_of, role_allows, tenant_of


def _manages_event(user, event) -> bool:
    """The state council manages its events; an event a KPR organises (a district's
    PräventionsForum) is managed by that KPR's coordinators and the state admins — of its alliance:
    opened to every alliance, it is still its own alliance's to manage."""
    alliance_id = maybe_alliance_id()
    if alliance_id is not None and event.alliance_id != alliance_id:
        return False
    if event.organiser_tenant_id is None:
        return role_allows(user, "events.manage")
    return user.has_role(GlobalRole.state_admin) or is_coordinator_of(user, event.organiser_tenant_id)


def _own_registration_or_managed(user, registration) -> bool:
    return registration.user_id == user.id or _manages_event(user, registration.event)


def _may_cancel_registration(user, registration) -> bool:
    """The person themself, a coordinator of the KPR they were registered for, or the organiser;
    while it stands and the event is neither cancelled nor begun (then attendance and feedback count)."""
    event = registration.event
    return (registration.status != "cancelled" and event.cancelled_at is None and not event.has_begun
            and (registration.user_id == user.id or is_coordinator_of(user, registration.tenant_id)
                 or _manages_event(user, event)))


def _gives_feedback(user, registration) -> bool:
    """Feedback on an event is given by the person who took part (organisers read it): a confirmed
    registration of an event that was not cancelled; waitlisted and cancelled people give none."""
    return (registration.user_id == user.id and registration.status == "confirmed"
            and registration.event.cancelled_at is None)


def _sees_certificate(user, registration) -> bool:
    """A certificate exists only for a confirmed registration: its person and the organisers see it."""
    return registration.status == "confirmed" and _own_registration_or_managed(user, registration)


def _own_follow_up(user, registration) -> bool:
    """The links to one's certificate and feedback (event page, one's registrations): once the event
    is over, where both rules allow them — so waitlisted and cancelled registrations get neither
    (events.day checks attendance too)."""
    return (registration.user_id == user.id and registration.event.has_ended
            and _gives_feedback(user, registration) and _sees_certificate(user, registration))


def _may_cancel_event(user, event) -> bool:
    """Its organisers, while it is neither cancelled nor begun."""
    return _manages_event(user, event) and event.cancelled_at is None and not event.has_begun


def _reads_minutes(user, event) -> bool:
    """A network meeting's minutes: its organisers and the KPRs invited to it."""
    mine = memberships_of(user)
    return _manages_event(user, event) or any(i.tenant_id in mine for i in event.invitations)


def _may_reply_for_kpr(user, invitation) -> bool:
    """A KPR's answer to an invitation: its coordinators, while the event is neither cancelled nor begun."""
    event = invitation.event
    return is_coordinator_of(user, invitation.tenant_id) and event.cancelled_at is None and not event.has_begun


def _in_tenant(action: str, state: Callable[..., bool] = lambda obj: True) -> Callable:
    """A role rule decided in the object's KPR, and a rule on the object's state."""
    return lambda user, obj: role_allows(user, action, tenant_of(obj)) and state(obj)


def _reads_cycle_part(shared_flag: str) -> Callable:
    """The KPR's people read a round's analysis or strategy; the state council once it is shared."""
    def rule(user, cycle) -> bool:
        tenant = tenant_of(cycle)
        return role_allows(user, "prevention.view", tenant) or (
            bool(getattr(cycle, shared_flag)) and role_allows(user, "prevention.shared", tenant))
    return rule


def _own_comment(user, comment) -> bool:
    return comment.author_id == user.id and role_allows(user, "comments.write", tenant_of(comment))


def _own_consultation(user, consultation) -> bool:
    """The coach who wrote the entry corrects or withdraws it, while it is not withdrawn."""
    return (consultation.coach_id == user.id and consultation.withdrawn_at is None
            and role_allows(user, "coaching.write", tenant_of(consultation)))


def _own_meeting_invitation(user, invitation) -> bool:
    """A member answers their own invitation (their directory entry is linked to their login) on the
    meeting page, as with the mailed link: while the meeting is planned and has not begun."""
    meeting = invitation.meeting
    return (invitation.person.user_id == user.id and meeting.status.value == "planned" and not meeting.has_begun
            and role_allows(user, "meetings.view", tenant_of(invitation)))


def _sees_member_emails(user, tenant) -> bool:
    """The e-mail addresses of a KPR's people: see "members.emails"; its members where it opted in."""
    return role_allows(user, "members.emails", tenant) or (
        bool(tenant.member_emails_visible) and role_allows(user, "members.view", tenant))


def _reads_practice(user, measure) -> bool:
    """A measure its KPR shared, for the alliance's people, while that KPR is not archived; another
    alliance's measure only where its KPR shared it beyond its alliance."""
    if not (measure.shareable and in_alliance(user)):
        return False
    current = maybe_alliance_id()
    with alliance_context(None):  # the owner may be another alliance's KPR, which the alliance does not see
        tenant = tenant_of(measure)
    if tenant is None or tenant.archived_at is not None:
        return False
    return current is None or tenant.alliance_id == current or bool(measure.shared_beyond_alliance)


def _exchanges_with(user, measure) -> bool:
    """Asking about or adopting a practice: another KPR's coordinators, of the practice's alliance.
    Across alliances a practice is read only: an adoption is the adopting KPR's row, and neither the
    owning alliance (its counts, the state council's spread list) nor the adopter's own pages could
    see across to the other side; a question's mail would be filed in the asker's alliance and link
    to its host. The practice's page shows the owner's public contact instead."""
    current = maybe_alliance_id()
    with alliance_context(None):
        tenant = tenant_of(measure)
    return (_reads_practice(user, measure) and (current is None or tenant.alliance_id == current)
            and bool(coordinated_elsewhere(user, measure.tenant_id)))


OBJECT_RULES: dict[str, Callable[..., bool]] = {
    "member_emails.view": _sees_member_emails,
    # The practice exchange: a shared measure is read by the alliance (and beyond it, where its KPR
    # chose so); another KPR's coordinators of its alliance ask about it and adopt it for their KPR;
    # they withdraw their KPR's adoption.
    "practice.read": _reads_practice,
    "practice.ask": _exchanges_with,
    "practice.adopt": _exchanges_with,
    "adoption.withdraw": lambda user, adoption: is_coordinator_of(user, adoption.tenant_id),
    "event.manage": _manages_event,
    "registration.view": _own_registration_or_managed,
    "registration.cancel": _may_cancel_registration,
    "registration.feedback": _gives_feedback,
    "registration.certificate": _sees_certificate,
    "registration.follow_up": _own_follow_up,
    "event.cancel": _may_cancel_event,
    "event.read_minutes": _reads_minutes,
    "invitation.reply": _may_reply_for_kpr,
    # A planned meeting is edited; before it begins it is cancelled or invited to; once it has
    # begun (and was not cancelled) its attendance, minutes and action items are recorded.
    "meeting.edit": _in_tenant("meetings.edit", lambda meeting: meeting.status.value == "planned"),
    "meeting.cancel": _in_tenant("meetings.edit", lambda m: m.status.value == "planned" and not m.has_begun),
    "meeting.invite": _in_tenant("meetings.edit", lambda m: m.status.value == "planned" and not m.has_begun),
    "meeting.record": _in_tenant("meetings.edit", lambda m: m.status.value != "cancelled" and m.has_begun),
    # Minutes are approved in a meeting that has taken place (a later one: asskomm.meetings.services).
    "meeting.approve_minutes": _in_tenant("meetings.edit",
                                          lambda m: m.status.value != "cancelled" and m.has_begun),
    "meeting_invitation.answer": _own_meeting_invitation,
    "action_item.complete": _in_tenant("meetings.edit", lambda item: item.status.value == "open"),
    "document.edit": _in_tenant("documents.edit"),
    "comment.withdraw": _own_comment,
    "consultation.edit": _own_consultation,
    # A round of the prevention cycle, and what hangs off it; a closed round is read, not changed.
    "cycle.read_analysis": _reads_cycle_part("analysis_shared"),
    "cycle.read_strategy": _reads_cycle_part("strategy_shared"),
    "cycle.edit": _in_tenant("prevention.edit", lambda cycle: cycle.closed_on is None),
    "measure.read": lambda user, measure: _reads_cycle_part("strategy_shared")(user, measure.cycle),
    "measure.edit": _in_tenant("prevention.edit", lambda measure: measure.cycle.closed_on is None),
    # A problem or an offer of the analysis is changed while its round is open.
    "problem.edit": _in_tenant("prevention.edit", lambda problem: problem.cycle.closed_on is None),
    "offer.edit": _in_tenant("prevention.edit", lambda offer: offer.cycle.closed_on is None),
    # Action fields and goals belong to their round's strategy: read and changed as it is.
    "action_field.edit": _in_tenant("prevention.edit", lambda field: field.cycle.closed_on is None),
    "goal.read": lambda user, goal: _reads_cycle_part("strategy_shared")(user, goal.action_field.cycle),
    "goal.edit": _in_tenant("prevention.edit", lambda goal: goal.action_field.cycle.closed_on is None),
    # The citizen survey: the KPR's people read its results; coordinators compose it while it is in
    # preparation (an opened questionnaire is frozen) and collect answers while it runs.
    "survey.read": _in_tenant("prevention.view"),
    "survey.manage": _in_tenant("prevention.edit"),
    "survey.edit": _in_tenant("prevention.edit", lambda survey: survey.status == "draft"),
    # a section or a question of a survey: composed like its survey, while that is in preparation
    "survey_part.edit": _in_tenant("prevention.edit", lambda part: part.survey.status == "draft"),
    "survey.collect": _in_tenant("prevention.edit", lambda survey: survey.status == "open"),
    # A report's draft is read by the KPR's people; a coordinator submits it while no earlier version
    # lies unreturned with the state council, which returns a version it has not returned yet.
    "annual_report.read": _in_tenant("annual_report.view"),
    "annual_report.submit": _in_tenant("annual_report.edit", lambda report: report.pending is None),
    "report_version.read": _in_tenant("annual_report.submitted"),
    "report_version.return": _in_tenant("annual_report.return", lambda version: version.status == "submitted"),
    # a coordinator puts a submitted (not returned) version on the public page, once
    "report_version.publish": _in_tenant("annual_report.edit", lambda version: (
        version.status == "submitted" and version.published_at is None)),
}
