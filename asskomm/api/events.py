"""Events of the catalog with their sessions, and registrations: one's own, all of an event for
its organisers; registering and cancelling through the same services and rules as the pages."""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort
from flask_login import current_user
from sqlalchemy.orm import joinedload

from tenants import Tenant, db

from ..events.catalog.services import catalog_query, shown_event
from ..events.models import Event, Registration
from ..events.registration import services
from ..policy import can
from . import schemas
from .blueprint import bp
from .conventions import answer, listing, paginate, validated, writes
from .spec import WRITE_ERRORS, responses, spec

TAGS = ("Veranstaltungen",)


def _event_row(event: Event) -> schemas.Event:
    return schemas.Event(
        id=event.id, kind=event.kind, title=event.title, description=event.description, audience=event.audience,
        reach=event.reach, capacity=event.capacity, free_seats=event.free_seats,
        registration_opens_at=event.registration_opens_at, registration_closes_at=event.registration_closes_at,
        cancelled=event.is_cancelled,
        sessions=[schemas.EventSession(starts_at=s.starts_at, ends_at=s.ends_at, place=s.place)
                  for s in event.sessions])


def _registration_row(registration: Registration, slugs: dict[int, str]) -> schemas.Registration:
    return schemas.Registration(
        id=registration.id, event_id=registration.event_id,
        person=registration.user.name if registration.user else None,
        kpr=slugs.get(registration.tenant_id) if registration.tenant_id else None,
        status=registration.status, queued_at=registration.queued_at, cancelled_at=registration.cancelled_at)


def _slugs(registrations: list[Registration]) -> dict[int, str]:
    ids = {r.tenant_id for r in registrations if r.tenant_id}
    return dict(db.session.execute(sa.select(Tenant.id, Tenant.slug).where(Tenant.id.in_(ids))).all()) if ids else {}


def _registrations(query: sa.Select, q: schemas.RegistrationQuery):
    if q.status is not None:
        query = query.where(Registration.status == q.status)
    rows, total = paginate(query.options(joinedload(Registration.user)), q)
    slugs = _slugs(rows)
    return listing(schemas.RegistrationList, [_registration_row(r, slugs) for r in rows], total, q)


def _event(event_id: int) -> Event:
    return shown_event(event_id) or abort(404)


@bp.get("/events")
@spec.validate(query=schemas.EventQuery, resp=responses(HTTP_200=schemas.EventList), tags=TAGS)
def events():
    """Der Katalog: kommende Veranstaltungen nach Anmeldeschluss (oder vergangene); filterbar nach Art und
    freien Plätzen. Abgesagte bleiben, als abgesagt markiert."""
    q: schemas.EventQuery = validated().query
    rows, total = paginate(catalog_query(q.kind, q.past, q.free), q)
    return listing(schemas.EventList, [_event_row(e) for e in rows], total, q)


@bp.get("/events/<int:event_id>")
@spec.validate(resp=responses(HTTP_200=schemas.Event), tags=TAGS)
def event(event_id: int):
    """Eine Veranstaltung mit ihren Terminen."""
    return answer(_event_row(_event(event_id)))


@bp.get("/events/<int:event_id>/registrations")
@spec.validate(query=schemas.RegistrationQuery, resp=responses(HTTP_200=schemas.RegistrationList), tags=TAGS)
def event_registrations(event_id: int):
    """Alle Anmeldungen einer Veranstaltung, für ihre Veranstalter:innen (andere erhalten 404)."""
    found = _event(event_id)
    if not can(current_user, "event.manage", found):
        abort(404)
    return _registrations(sa.select(Registration).where(Registration.event_id == found.id)
                          .order_by(Registration.queued_at, Registration.id), validated().query)


@bp.post("/events/<int:event_id>/registrations")
@spec.validate(headers=schemas.IdempotencyHeaders,
               resp=responses(HTTP_201=schemas.Registration, **WRITE_ERRORS), tags=TAGS)
@writes
def register(event_id: int):
    """Meldet die Person des Tokens an: bestätigt, solange Plätze frei sind, sonst auf der Warteliste.
    Es gelten dieselben Regeln wie auf der Seite der Veranstaltung (Zielgruppe, Anmeldefrist)."""
    found = _event(event_id)
    registration = services.register(found.id, current_user, services.own_kpr_id(current_user), current_user,
                                     organiser=can(current_user, "event.manage", found))
    return answer(_registration_row(registration, _slugs([registration])), 201)


@bp.get("/registrations")
@spec.validate(query=schemas.RegistrationQuery, resp=responses(HTTP_200=schemas.RegistrationList), tags=TAGS)
def registrations():
    """Die eigenen Anmeldungen, stornierte eingeschlossen, die neuesten zuerst."""
    return _registrations(sa.select(Registration).where(Registration.user_id == current_user.id)
                          .order_by(Registration.queued_at.desc(), Registration.id.desc()), validated().query)


def _registration(registration_id: int) -> Registration:
    found = db.session.get(Registration, registration_id, options=[joinedload(Registration.event)])
    if found is None or not (can(current_user, "registration.view", found)
                             or can(current_user, "registration.cancel", found)):
        abort(404)
    return found


@bp.get("/registrations/<int:registration_id>")
@spec.validate(resp=responses(HTTP_200=schemas.Registration), tags=TAGS)
def registration(registration_id: int):
    """Eine Anmeldung: die eigene, eine für den eigenen KPR oder eine der eigenen Veranstaltung."""
    found = _registration(registration_id)
    return answer(_registration_row(found, _slugs([found])))


@bp.post("/registrations/<int:registration_id>/cancel")
@spec.validate(headers=schemas.IdempotencyHeaders,
               resp=responses(HTTP_200=schemas.Registration, **WRITE_ERRORS), tags=TAGS)
@writes
def cancel(registration_id: int):
    """Storniert eine Anmeldung; der erste Platz der Warteliste rückt nach. Nicht mehr, sobald die
    Veranstaltung begonnen hat."""
    found = _registration(registration_id)
    services.cancel(found.id)
    db.session.refresh(found)
    return answer(_registration_row(found, _slugs([found])))
