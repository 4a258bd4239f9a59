"""The organisers' form: an event with its sessions and invited KPRs."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask import request
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from tenants import Tenant, db
from tenants.districts import SAXONY_DISTRICTS

from ... import kpr_picker
from ...forms import ListField, ListMultipleField
from ...kpr_picker import KprField
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
    organiser = KprField("Veranstalter")
    audience = SelectField("Zielgruppe", choices=[(a.value, a.label) for a in Audience])
    reach = SelectField("Für", choices=[(r.value, r.label) for r in Reach])
    district = ListField("Landkreis (wenn für einen Landkreis)", default="")
    invited = ListMultipleField("Eingeladene KPR (wenn für eingeladene KPR)", coerce=int)
    invite = KprField("Weiteren KPR einladen")
    capacity = IntegerField("Plätze", validators=[DataRequired("Bitte geben Sie die Zahl der Plätze an."),
                                                  NumberRange(min=1, max=5000, message="Zwischen 1 und 5000 Plätzen.")])
    registration_opens_at = DateTimeLocalField("Anmeldung ab", validators=[Optional()])
    registration_closes_at = DateTimeLocalField("Anmeldung bis", validators=[DataRequired(
        "Bitte geben Sie an, bis wann die Anmeldung möglich ist.")])
    agenda = TextAreaField("Tagesordnung", validators=[Length(max=10000)])
    minutes = TextAreaField("Protokoll (für eingeladene KPR sichtbar)", validators=[Length(max=50000)])
    sessions = FieldList(FormField(SessionForm), min_entries=3)


ADD_BUTTON = "hinzufuegen"  # the submit button that adds the picked KPR to the invited and saves nothing


def event_form(event: Event | None, assigns_organiser: bool) -> EventForm:
    """The form; on first showing, filled from `event`. KPRs are typed into pickers, never listed:
    the invited ones are check boxes (uncheck to remove), one more is added per submit. The
    organiser is a field only for those who may assign it (policy's events.assign_organiser)."""
    form = EventForm()
    if not assigns_organiser:
        del form.organiser
    # Chosen, never typed: an event "for LK Zwickau" would reach no KPR of "Landkreis Zwickau".
    districts = {d.name for d in SAXONY_DISTRICTS.values()} | set(
        db.session.scalars(sa.select(Tenant.district).distinct()))
    form.district.choices = [("", "– kein Landkreis –")] + [(name, name) for name in sorted(districts) if name]
    if event is not None and not form.is_submitted():
        _fill(form, event)
    _invited_choices(form)
    return form


def _invited_choices(form: EventForm) -> None:
    """The check boxes: the KPRs invited so far (or sent back checked), by name, in one query."""
    ids = {i for i in form.invited.data or [] if isinstance(i, int)}
    rows = db.session.execute(sa.select(Tenant.id, Tenant.name).where(Tenant.id.in_(ids))
                              .order_by(Tenant.name)).all() if ids else []
    form.invited.choices = [(i, name) for i, name in rows]


def add_invited(form: EventForm) -> bool:
    """The "KPR hinzufügen" button: the picked KPR joins the check boxes, checked; False (with the
    picker's message) if the text names none."""
    picked = kpr_picker.from_form(request.form, form.invite.name)
    form.invite.picked = picked
    if picked.kpr is None:
        picked.message = picked.message or "Bitte geben Sie den Namen oder Kurznamen eines KPR ein."
        form.invite.errors = [picked.message]
        return False
    if picked.kpr.id not in {i for i, _ in form.invited.choices}:
        form.invited.choices = sorted([*form.invited.choices, (picked.kpr.id, picked.kpr.name)], key=lambda c: c[1])
    form.invited.data = [*(form.invited.data or []), picked.kpr.id]
    form.invite.data = ""
    return True


def invited_ids(form: EventForm) -> list[int]:
    """The checked KPRs and the one typed into the picker (resolved by the form's validation)."""
    chosen = list(form.invited.data or [])
    if form.invite.kpr is not None and form.invite.kpr.id not in chosen:
        chosen.append(form.invite.kpr.id)
    return chosen


def organiser_data(form: EventForm) -> dict:
    """The organiser for the service: the picked KPR, or the state council when empty; nothing
    when the form has no organiser field (the service keeps the organiser)."""
    if "organiser" not in form:
        return {}
    return {"organiser_tenant_id": form.organiser.kpr.id if form.organiser.kpr else None}


def _local(value: datetime | None) -> datetime | None:
    return berlin(value).replace(tzinfo=None) if value else None


def _fill(form: EventForm, event: Event) -> None:
    for name in ("title", "description", "capacity", "district", "agenda", "minutes"):
        getattr(form, name).data = getattr(event, name)
    form.kind.data, form.audience.data, form.reach.data = event.kind.value, event.audience.value, event.reach.value
    if "organiser" in form and (organiser := kpr_picker.by_id(event.organiser_tenant_id)):
        form.organiser.data = organiser.slug
    form.registration_opens_at.data = _local(event.registration_opens_at)
    form.registration_closes_at.data = _local(event.registration_closes_at)
    form.invited.data = [invitation.tenant_id for invitation in event.invitations]
    while len(form.sessions) < len(event.sessions) + 2:
        form.sessions.append_entry()
    for entry, session in zip(form.sessions, sorted(event.sessions, key=lambda s: s.starts_at), strict=False):
        starts, ends = berlin(session.starts_at), berlin(session.ends_at)
        entry.form.day.data, entry.form.starts.data, entry.form.ends.data = starts.date(), starts.time(), ends.time()
        entry.form.place.data, entry.form.online_url.data = session.place, session.online_url
