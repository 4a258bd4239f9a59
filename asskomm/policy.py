"""Who may do what: the one place that decides, following DESIGN.md's roles table.

Roles inside a KPR come from a membership (coordinator, member), a current assignment (coach,
contact) or the global role state admin. A person with none of them does not see the KPR at all:
its pages answer 404, as if it did not exist.

`can(user, action, obj)` decides on a KPR, or on an object and its state: a tenant action on an
object is decided in the object's KPR; an object action (OBJECT_RULES) looks at the object itself
(whose registration it is, who organises the event, whether the meeting has begun). The rules
read the objects' attributes and never import a feature, so the kernel stays below them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import wraps
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import sqlalchemy as sa
from flask import abort, g, request
from flask_login import current_user

from tenants import Tenant, cross_tenant, db

from .accounts.models import Assignment, GlobalRole, Membership, MembershipRole, current_assignment_clause
from .timeutil import today

STATE_ADMIN = "state_admin"
TENANT_ROLES = frozenset({"member", "coordinator", "coach", "contact", STATE_ADMIN})

# action -> roles inside the KPR that may do it
TENANT_RULES: dict[str, frozenset[str]] = {
    "tenant.view": TENANT_ROLES,
    "tenant.edit": frozenset({"contact", STATE_ADMIN}),
    "tenant.assign": frozenset({STATE_ADMIN}),
    # Archiving a KPR (never deleting it) and restoring it: the state admins.
    "tenant.archive": frozenset({STATE_ADMIN}),
    "tenant.restore": frozenset({STATE_ADMIN}),
    "members.view": TENANT_ROLES,
    "members.manage": frozenset({"coordinator", STATE_ADMIN}),
    # The workspace (DESIGN.md): members read, coordinators edit, the assigned coach reads.
    # The state council sees the structure and the founding progress, not internal papers.
    "structure.view": TENANT_ROLES,
    "structure.edit": frozenset({"coordinator"}),
    "founding.view": TENANT_ROLES,
    "founding.edit": frozenset({"coordinator"}),
    "meetings.view": frozenset({"member", "coordinator", "coach"}),
    "meetings.edit": frozenset({"coordinator"}),
    "documents.view": frozenset({"member", "coordinator", "coach"}),
    "documents.edit": frozenset({"coordinator"}),
    "public.edit": frozenset({"coordinator"}),
    # The coaching log: the assigned coach writes; the KPR's coordinators and the state council read.
    "coaching.read": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
    "coaching.write": frozenset({"coach"}),
    "coaching.steps": frozenset({"coach", "coordinator"}),
    # Onboarding records: the state council keeps them; the KPR and its coach read them
    # (funding applications are the coordinators' working papers, not the members').
    "agreements.view": TENANT_ROLES,
    "agreements.edit": frozenset({"contact", STATE_ADMIN}),
    "funding.view": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
    "funding.edit": frozenset({"coordinator", "contact", STATE_ADMIN}),
    "funding.decide": frozenset({"contact", STATE_ADMIN}),
    # The assigned coach comments on workspace items; the coordinators answer.
    "comments.write": frozenset({"coach", "coordinator"}),
    # A KPR's own figures from the cross-municipal reports.
    "reports.own": frozenset({"coordinator", "coach", "contact", STATE_ADMIN}),
    # The KPR's audit trail: its coordinators; the state council reads every KPR's at /land/protokoll.
    "audit.tenant": frozenset({"coordinator"}),
    # The prevention cycle: coordinators edit, members and the assigned coach read; the state council
    # reads an analysis or a strategy the KPR shared with it (the "cycle.read_*" rules). Everyone
    # with a role sees the stage; crime figures and indicators are published figures.
    "prevention.stage": TENANT_ROLES,
    "prevention.view": frozenset({"member", "coordinator", "coach"}),
    "prevention.edit": frozenset({"coordinator"}),
    "prevention.shared": frozenset({"contact", STATE_ADMIN}),
    "prevention.figures": TENANT_ROLES,
    # The annual Präventionsbericht: coordinators write and submit it, members and the assigned coach
    # read the draft; the state council reads the submitted versions and returns one with a remark.
    "annual_report.view": frozenset({"member", "coordinator", "coach"}),
    "annual_report.edit": frozenset({"coordinator"}),
    "annual_report.submitted": frozenset({"coordinator", "member", "coach", "contact", STATE_ADMIN}),
    "annual_report.return": frozenset({"contact", STATE_ADMIN}),
}

# action -> global roles that may do it
GLOBAL_RULES: dict[str, frozenset[GlobalRole]] = {
    "state.overview": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    "tenant.create": frozenset({GlobalRole.state_admin}),
    "users.manage": frozenset({GlobalRole.state_admin}),
    "outbox.read": frozenset({GlobalRole.state_admin}),
    "coaching.home": frozenset({GlobalRole.coach}),
    "events.manage": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # Who organises an event decides who manages it: only state admins hand it to another organiser.
    "events.assign_organiser": frozenset({GlobalRole.state_admin}),
    # Coaches see the reports of the KPRs assigned to them only (asskomm.reports.scope).
    "reports.view": frozenset({GlobalRole.state_admin, GlobalRole.state_contact, GlobalRole.coach}),
    "reports.compute": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    "audit.all": frozenset({GlobalRole.state_admin}),
    # The Land's crime figures, shown beside each KPR's.
    "prevention.land_figures": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # The alliance's benchmark of the citizen surveys' standard items, across every participating KPR.
    "prevention.benchmark": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # Which KPRs submitted a Präventionsbericht for which year (the versions are read in each KPR).
    "annual_report.list": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
    # The practice exchange: which shared measures spread to how many KPRs.
    "exchange.spread": frozenset({GlobalRole.state_admin, GlobalRole.state_contact}),
}


def in_alliance(user) -> bool:
    """Anyone with a role in some KPR, a coach or the state council: the practice exchange's readers
    (not the public)."""
    return bool(user.global_roles) or bool(memberships_of(user))


# action -> rule on the person alone (no KPR, no object)
PERSON_RULES: dict[str, Callable[..., bool]] = {
    "exchange.browse": in_alliance,
}


def tenant_roles(user, tenant: Tenant) -> frozenset[str]:
    """The roles `user` holds in `tenant` today; computed once per request."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cache = g.setdefault("_tenant_roles", {})
    key = (user.id, tenant.id)
    if key not in cache:
        roles: set[str] = set()
        if user.has_role(GlobalRole.state_admin):
            roles.add(STATE_ADMIN)
        membership_role = memberships_of(user).get(tenant.id)  # any KPR's, not only the request's
        if membership_role:
            roles.add(membership_role.value)
        kinds = db.session.scalars(
            sa.select(Assignment.kind).where(
                Assignment.user_id == user.id, Assignment.tenant_id == tenant.id, current_assignment_clause(today())
            )
        )
        roles.update(kind.value for kind in kinds)
        cache[key] = frozenset(roles)
    return cache[key]


def can(user, action: str, obj=None) -> bool:
    """May `user` do `action`, on `obj` (a KPR, or an object of one) where the action needs one."""
    if action in OBJECT_RULES:
        if obj is None:
            raise ValueError(f"{action} needs an object")
        return bool(getattr(user, "is_authenticated", False)) and OBJECT_RULES[action](user, obj)
    if action in TENANT_RULES:
        tenant = tenant_of(obj)
        if tenant.archived_at is not None and action not in WHEN_ARCHIVED:
            return False  # an archived KPR's workspace is read-only, for everyone
        return bool(tenant_roles(user, tenant) & TENANT_RULES[action])
    if action in GLOBAL_RULES:
        return bool(getattr(user, "is_authenticated", False) and user.global_roles & GLOBAL_RULES[action])
    if action in PERSON_RULES:
        return bool(getattr(user, "is_authenticated", False)) and PERSON_RULES[action](user)
    raise KeyError(f"unknown action {action}")


# An archived KPR is read, not changed: these tenant actions stay; every other one (those added
# later included) is refused, and the object rules decided in the KPR follow.
WHEN_ARCHIVED = frozenset({
    "tenant.view", "tenant.restore", "members.view", "structure.view", "founding.view", "meetings.view",
    "documents.view", "coaching.read", "agreements.view", "funding.view", "reports.own", "audit.tenant",
    "prevention.stage", "prevention.view", "prevention.shared", "prevention.figures",
    "annual_report.view", "annual_report.submitted",
})


def tenant_of(obj) -> Tenant:
    """The KPR an object belongs to: the KPR itself, or the one its tenant_id names."""
    if isinstance(obj, Tenant):
        return obj
    tenant_id = getattr(obj, "tenant_id", None)
    if tenant_id is None:
        raise ValueError(f"{obj!r} belongs to no KPR")
    current = getattr(g, "tenant", None)
    if current is not None and current.id == tenant_id:
        return current
    return db.session.get(Tenant, tenant_id)


def is_coordinator_of(user, tenant_id: int) -> bool:
    """A coordinator of that KPR (not necessarily the one of this request)."""
    return memberships_of(user).get(tenant_id) == MembershipRole.coordinator


def memberships_of(user) -> dict[int, MembershipRole]:
    """Every KPR a person belongs to, with their role; read once per request. This is how the set
    of a person's KPRs is found, so it reads their own membership rows across tenants, by name."""
    cache = g.setdefault("_memberships", {})
    if user.id not in cache:
        with cross_tenant(f"own memberships of user {user.id}"):
            cache[user.id] = dict(db.session.execute(
                sa.select(Membership.tenant_id, Membership.role).where(Membership.user_id == user.id)).all())
    return cache[user.id]


# --- rules on objects and their state ---------------------------------------------------------------

def _manages_event(user, event) -> bool:
    """The state council manages its events; an event a KPR organises (a district's
    PräventionsForum) is managed by that KPR's coordinators and the state admins."""
    if event.organiser_tenant_id is None:
        return can(user, "events.manage")
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


def _own_follow_up(user, registration) -> bool:
    """The links to one's certificate and feedback (event page, one's registrations): once the event
    is over, where both rules allow them — so waitlisted and cancelled registrations get neither
    (events.day checks attendance too)."""
    return (registration.user_id == user.id and registration.event.has_ended
            and can(user, "registration.feedback", registration)
            and can(user, "registration.certificate", registration))


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
    return lambda user, obj: can(user, action, tenant_of(obj)) and state(obj)


def _reads_cycle_part(shared_flag: str) -> Callable:
    """The KPR's people read a round's analysis or strategy; the state council once it is shared."""
    def rule(user, cycle) -> bool:
        tenant = tenant_of(cycle)
        return can(user, "prevention.view", tenant) or (
            bool(getattr(cycle, shared_flag)) and can(user, "prevention.shared", tenant))
    return rule


def _own_comment(user, comment) -> bool:
    return comment.author_id == user.id and can(user, "comments.write", tenant_of(comment))


def _own_consultation(user, consultation) -> bool:
    """The coach who wrote the entry corrects or withdraws it, while it is not withdrawn."""
    return (consultation.coach_id == user.id and consultation.withdrawn_at is None
            and can(user, "coaching.write", tenant_of(consultation)))


def _own_meeting_invitation(user, invitation) -> bool:
    """A member answers their own invitation (their directory entry is linked to their login) on the
    meeting page, as with the mailed link: while the meeting is planned and has not begun."""
    meeting = invitation.meeting
    return (invitation.person.user_id == user.id and meeting.status.value == "planned" and not meeting.has_begun
            and can(user, "meetings.view", tenant_of(invitation)))


def coordinated(user) -> list[int]:
    """The KPRs (ids) `user` coordinates: those they act for in the practice exchange."""
    return sorted(t for t, role in memberships_of(user).items() if role == MembershipRole.coordinator)


def coordinated_elsewhere(user, tenant_id: int) -> list[int]:
    """The KPRs other than `tenant_id` that `user` coordinates: asking about or adopting another
    KPR's measure is done for one of them."""
    return [t for t in coordinated(user) if t != tenant_id]


def _reads_practice(user, measure) -> bool:
    """A measure its KPR shared, for the alliance's people, while that KPR is not archived."""
    return bool(measure.shareable) and in_alliance(user) and tenant_of(measure).archived_at is None


OBJECT_RULES: dict[str, Callable[..., bool]] = {
    # The practice exchange: a shared measure is read by the alliance; another KPR's coordinators ask
    # about it and adopt it for their KPR; they withdraw their KPR's adoption.
    "practice.read": _reads_practice,
    "practice.ask": lambda user, measure: _reads_practice(user, measure) and bool(
        coordinated_elsewhere(user, measure.tenant_id)),
    "practice.adopt": lambda user, measure: _reads_practice(user, measure) and bool(
        coordinated_elsewhere(user, measure.tenant_id)),
    "adoption.withdraw": lambda user, adoption: is_coordinator_of(user, adoption.tenant_id),
    "event.manage": _manages_event,
    "registration.view": _own_registration_or_managed,
    "registration.cancel": _may_cancel_registration,
    # feedback on an event is given by the person who took part (organisers read it): a confirmed
    # registration of an event that was not cancelled; waitlisted and cancelled people give none
    "registration.feedback": lambda user, registration: (
        registration.user_id == user.id and registration.status == "confirmed"
        and registration.event.cancelled_at is None),
    # a certificate exists only for a confirmed registration: its person and the organisers see it
    "registration.certificate": lambda user, registration: (
        registration.status == "confirmed" and _own_registration_or_managed(user, registration)),
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


def tenant_gate(tenant: Tenant) -> None:
    """Run for every request under /k/<slug>/: anonymous to login, outsiders get 404."""
    from .extensions import login_manager

    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    if not can(current_user, "tenant.view", tenant):
        abort(404)


def requires(action: str | None, load: Callable | None = None) -> Callable:
    """View decorator. Tenant actions answer 403 to people who see the KPR but may not act;
    global actions answer 404, so the state council's pages stay invisible to others.

    With `load`, the object named in the URL is fetched first (a foreign one is a 404, before
    any 403 could tell that it exists) and passed to the view instead of its id. An object action
    (OBJECT_RULES) is then decided on that object, and a refusal is a 404: the object is not
    there for that person. With no action, `load` alone decides.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(**kwargs):
            from .extensions import login_manager

            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if load is not None:
                kwargs = {"obj": load(**kwargs)}
            if action is None:
                pass
            elif action in OBJECT_RULES:
                if not can(current_user, action, kwargs["obj"]):
                    abort(404)
            elif action in TENANT_RULES:
                if not can(current_user, action, g.tenant):
                    abort(403)
            elif not can(current_user, action):
                abort(404)
            return view(**kwargs)

        wrapped.required_action = action
        return wrapped

    return decorator


def safe_next_url(default: str) -> str:
    """The `next` parameter when it names a page of this site, else `default`."""
    return same_site_path(request.args.get("next", "")) or default


_URL_SAFE = "/%:@!$&'()*+,;=-._~?#"


def same_site_path(target: str) -> str | None:
    """`target` as a plain path of this site (ASCII, escapes kept), or None. Browsers drop tabs and
    newlines and read a backslash as a slash, so "/%09/evil.example" and "/%5Cevil.example" leave the
    site: every decoding of `target` ("%252F" is "%2F" is "/") must be a path without control
    characters, whitespace, backslashes, scheme, host or dot segments."""
    if not target.startswith("/"):
        return None
    stage = target
    for _ in range(4):
        if not _plain_path(stage):
            return None
        decoded = unquote(stage)
        if decoded == stage:
            parts = urlsplit(target)
            return urlunsplit(("", "", quote(parts.path, _URL_SAFE), quote(parts.query, _URL_SAFE),
                               quote(parts.fragment, _URL_SAFE)))
        stage = decoded
    return None  # encoded more often than any link of ours


def _plain_path(url: str) -> bool:
    if any(c.isspace() or unicodedata.category(c)[0] == "C" for c in url) or "\\" in url:
        return False
    if not url.startswith("/") or url.startswith("//"):
        return False
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and not {".", ".."} & set(parts.path.split("/"))


def tenant_area(name: str, import_name: str, **kwargs):
    """A blueprint under /k/<slug>/ whose every request passes the tenant gate."""
    from tenants.web import tenant_blueprint

    return tenant_blueprint(name, import_name, gate=tenant_gate, **kwargs)


def public_tenant_area(name: str, import_name: str, **kwargs):
    """A blueprint under /k/<slug>/ for everyone, logged in or not: it shows public items only.
    Its views are marked public, which the isolation matrix checks."""
    from tenants.web import tenant_blueprint

    return tenant_blueprint(name, import_name, gate=public_gate, **kwargs)


def public_gate(tenant: Tenant) -> None:
    """An archived KPR's public pages are gone for the public (404); people with a role in it
    still read them, with the workspace."""
    if tenant.archived_at is not None and not can(current_user, "tenant.view", tenant):
        abort(404)


def public(view: Callable) -> Callable:
    """Marks a view that anyone may open (the isolation matrix expects no 404 from it)."""
    view.public = True
    return view
