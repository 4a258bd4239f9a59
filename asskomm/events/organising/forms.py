"""The organisers' form: an event with its sessions and invited KPRs."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from tenants import Tenant, db
from tenants.districts import SAXONY_DISTRICTS

from ...forms import ListField
from ...timeutil import berlin
from ..models import Audience, Event, EventKind, Reach


class SessionForm(FlaskForm):
    class Meta:
        csrf = False  # part of EventForm, which carries the token

    day = DateField("Datum", validators=[Optional()])
    starts = TimeField("Beginn", validators=[Optional()])
    ends = TimeField("Ende", validators=[Optional()])
    place = StringField("Ort", validators=[Length(max=250)])
    online_url = URLField("Online-Link", validators=[Optional(), URL(message="Bitte eine vollständige Adresse "
                                                                             "(https://…) angeben."),
                                                     Length(max=500)])


class EventForm(FlaskForm):
    kind = SelectField("Art", choices=[(k.value, k.label) for k in EventKind])
    title = StringField("Titel", validators=[DataRequired("Bitte geben Sie einen Titel ein."), Length(max=250)])
    description = TextAreaField("Beschreibung", validators=[Length(max=10000)])
    organiser_tenant_id = SelectField("Veranstalter", coerce=int)
    audience = SelectField("Zielgruppe", choices=[(a.value, a.label) for a in Audience])
    reach = SelectField("Für", choices=[(r.value, r.label) for r in Reach])
    district = ListField("Landkreis (wenn für einen Landkreis)", default="")
    invited = SelectMultipleField("Eingeladene KPR (wenn für eingeladene KPR)", coerce=int)
    capacity = IntegerField("Plätze", validators=[DataRequired("Bitte geben Sie die Zahl der Plätze an."),
                                                  NumberRange(min=1, max=5000, message="Zwischen 1 und 5000 Plätzen.")])
    registration_opens_at = DateTimeLocalField("Anmeldung ab", validators=[Optional()])
    registration_closes_at = DateTimeLocalField("Anmeldung bis", validators=[DataRequired(
        "Bitte geben Sie an, bis wann die Anmeldung möglich ist.")])
    agenda = TextAreaField("Tagesordnung", validators=[Length(max=10000)])
    minutes = TextAreaField("Protokoll (für eingeladene KPR sichtbar)", validators=[Length(max=50000)])
    sessions = FieldList(FormField(SessionForm), min_entries=3)


def event_form(event: Event | None, assigns_organiser: bool) -> EventForm:
    """The form with every KPR to choose from; on first showing, filled from `event`. The
    organiser is a field only for those who may assign it (policy's events.assign_organiser)."""
    form = EventForm()
    tenants = db.session.execute(sa.select(Tenant.id, Tenant.name).order_by(Tenant.name)).all()
    if assigns_organiser:
        form.organiser_tenant_id.choices = [(0, "Landespräventionsrat Sachsen")] + [(t.id, t.name) for t in tenants]
    else:
        del form.organiser_tenant_id
    form.invited.choices = [(t.id, t.name) for t in tenants]
    # Chosen, never typed: an event "for LK Zwickau" would reach no KPR of "Landkreis Zwickau".
    districts = {d.name for d in SAXONY_DISTRICTS.values()} | set(
        db.session.scalars(sa.select(Tenant.district).distinct()))
    form.district.choices = [("", "– kein Landkreis –")] + [(name, name) for name in sorted(districts) if name]
    if event is not None and not form.is_submitted():
        _fill(form, event)
    return form


def _local(value: datetime | None) -> datetime | None:
    return berlin(value).replace(tzinfo=None) if value else None


def _fill(form: EventForm, event: Event) -> None:
    for name in ("title", "description", "capacity", "district", "agenda", "minutes"):
        getattr(form, name).data = getattr(event, name)
    form.kind.data, form.audience.data, form.reach.data = event.kind.value, event.audience.value, event.reach.value
    if "organiser_tenant_id" in form:
        form.organiser_tenant_id.data = event.organiser_tenant_id or 0
    form.registration_opens_at.data = _local(event.registration_opens_at)
    form.registration_closes_at.data = _local(event.registration_closes_at)
    form.invited.data = [invitation.tenant_id for invitation in event.invitations]
    while len(form.sessions) < len(event.sessions) + 2:
        form.sessions.append_entry()
    for entry, session in zip(form.sessions, sorted(event.sessions, key=lambda s: s.starts_at), strict=False):
        starts, ends = berlin(session.starts_at), berlin(session.ends_at)
        entry.form.day.data, entry.form.starts.data, entry.form.ends.data = starts.date(), starts.time(), ends.time()
        entry.form.place.data, entry.form.online_url.data = session.place, session.online_url
