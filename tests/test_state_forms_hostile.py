"""Every enum and choice field of the state council's forms refuses hostile values with a German
message and changes nothing (issue 10, C3: an invalid assignment kind gave a 500)."""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.accounts.models import Assignment, Membership, User
from asskomm.forms import CHOICE_MESSAGE
from asskomm.timeutil import today
from asskomm.web import CONTROL_MESSAGE
from tenants import Tenant, cross_tenant

from .helpers import tenant, user

HOSTILE = ["x", "", " ", "COACH", "coach'--", "<script>", "1e3", "-1", "99999999", "9" * 5000, "ü" * 300,
           "\x00", "state_admin\r\nX: y", "[]", "None"]
ENGLISH = ("Not a valid", "Invalid Choice", "is not a valid choice", "could not coerce")


def _snapshot(ctx) -> tuple:
    with ctx() as session, cross_tenant("test: everything the forms could change"):
        return (
            session.execute(sa.select(Tenant.id, Tenant.name, Tenant.kind, Tenant.status, Tenant.district,
                                      Tenant.federal_state).order_by(Tenant.id)).all(),
            session.execute(sa.select(Assignment.id, Assignment.kind, Assignment.user_id, Assignment.ends_on)
                            .order_by(Assignment.id)).all(),
            session.scalar(sa.select(sa.func.count()).select_from(User)),
            session.scalar(sa.select(sa.func.count()).select_from(Membership)),
        )


def _refused(response) -> None:
    """422 with the list's message; control characters are refused earlier, for every form alike
    (asskomm.web), with their own German message."""
    body = response.get_data(as_text=True)
    if response.status_code == 400:
        assert CONTROL_MESSAGE in body
    else:
        assert response.status_code == 422, response.status_code
        assert CHOICE_MESSAGE in body
    assert not any(english in body for english in ENGLISH)


def _refused_kpr(response) -> None:
    """The KPR is typed text (asskomm/kpr_picker.py): no KPR matches, or none is named and no role."""
    body = response.get_data(as_text=True)
    if response.status_code == 400:
        assert CONTROL_MESSAGE in body
        return
    assert response.status_code == 422, response.status_code
    assert "Kein KPR passt zu" in body or "mindestens eine Rolle oder einen KPR" in body
    assert not any(english in body for english in ENGLISH)


def test_hostile_assignment_kinds_and_people_are_refused(client_as, ctx):
    admin = client_as("land")
    with ctx():
        coach2 = str(user("coach2").id)
    before = _snapshot(ctx)
    form = {"kind": "coach", "user_id": coach2, "starts_on": today().isoformat()}
    token = admin.csrf_token("/k/zwickau/zuordnung")
    for value in HOSTILE:
        _refused(admin.post("/k/zwickau/zuordnung", data=form | {"kind": value, "csrf_token": token}))
        if value.strip():  # an empty person is refused too, by the same message
            _refused(admin.post("/k/zwickau/zuordnung", data=form | {"user_id": value, "csrf_token": token}))
    _refused(admin.post("/k/zwickau/zuordnung", data={"starts_on": today().isoformat(), "csrf_token": token}))
    assert _snapshot(ctx) == before


def _master_data(**changes) -> dict:
    return {"name": "Stadt Zwickau", "kind": "city", "ags": "14524330", "district": "14524",
            "federal_state": "Sachsen", "population": "87500", "status": "active",
            "agreement_signed_on": "2019-11-12"} | changes


def test_hostile_kinds_statuses_districts_and_lands_are_refused(client_as, ctx):
    admin = client_as("land")
    before = _snapshot(ctx)
    token = admin.csrf_token("/land/kpr/neu")
    new = _master_data(name="Pirna", slug="pirna", ags="14628270", district="14628", status="contacted")
    for field in ("kind", "status", "district", "federal_state"):
        for value in HOSTILE:
            if field == "district" and value == "":
                continue  # "" is the entry for a KPR outside Saxony; then its own message follows
            _refused(admin.post("/land/kpr/neu", data=new | {field: value, "csrf_token": token}))
            _refused(admin.post("/k/zwickau/stammdaten", data=_master_data(**{field: value}) | {"csrf_token": token}))
    assert _snapshot(ctx) == before
    with ctx():
        assert tenant("pirna") is None


def test_hostile_roles_kprs_and_membership_roles_in_the_invitation_are_refused(client_as, ctx):
    admin = client_as("land")
    before = _snapshot(ctx)
    token = admin.csrf_token("/land/personen")
    form = {"name": "Mallory", "email": "mallory@example.org", "kpr": "plauen", "membership_role": "member"}
    for value in HOSTILE:
        _refused(admin.post("/land/personen", data=form | {"roles": ["coach", value], "csrf_token": token}))
        _refused(admin.post("/land/personen", data=form | {"membership_role": value, "csrf_token": token}))
        _refused_kpr(admin.post("/land/personen", data=form | {"kpr": value, "csrf_token": token}))
    assert _snapshot(ctx) == before
    with ctx():
        assert user("mallory@example.org") is None
