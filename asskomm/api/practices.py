"""The practice exchange: measures the KPRs shared with the alliance, for everyone in it, and other
alliances' measures their KPRs shared beyond their alliance (marked with their federal state)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from ..exchange import search
from ..policy import can, requires
from . import schemas
from .blueprint import bp
from .conventions import answer, listing, validated
from .spec import responses, spec

TAGS = ("Praxisbörse",)


def _row(row: search.PracticeRow) -> schemas.Practice:
    return schemas.Practice(id=row.id, title=row.title, action_field=row.field, kpr=row.kpr, district=row.district,
                            status=row.status, target_group=row.target_group, setting=row.setting,
                            programme_key=row.programme_key, evaluated=row.evaluated, adopters=row.adopters,
                            federal_state=row.land or None)


@bp.get("/practices")
@spec.validate(query=schemas.PracticeQuery, resp=responses(HTTP_200=schemas.PracticeList), tags=TAGS)
@requires("exchange.browse")
def practices():
    """Geteilte Maßnahmen der KPR der Allianz und die über ihre Allianz hinaus geteilten anderer
    Bundesländer, nach Titel; filterbar wie die Praxisbörse."""
    q: schemas.PracticeQuery = validated().query
    criteria = search.Criteria(text=q.q.strip(), target_group=q.target_group, setting=q.setting, status=q.status,
                               district=q.district)
    total = search.count(criteria)
    rows = search.rows(criteria, (q.page - 1) * q.per_page, q.per_page)
    return listing(schemas.PracticeList, [_row(r) for r in rows], total, q)


@bp.get("/practices/<int:practice_id>")
@spec.validate(resp=responses(HTTP_200=schemas.Practice), tags=TAGS)
@requires("exchange.browse")
def practice(practice_id: int):
    """Eine geteilte Maßnahme."""
    measure = search.shared_measure(practice_id)
    if measure is None or not can(current_user, "practice.read", measure):
        abort(404)
    shared = search.practice_of(measure, [])
    return answer(schemas.Practice(
        id=measure.id, title=measure.title, action_field=measure.action_field.title, kpr=shared.tenant.official_name,
        district=shared.tenant.district, status=measure.status, target_group=measure.target_group,
        setting=measure.setting, programme_key=measure.programme_key, evaluated=measure.evaluated_on is not None,
        adopters=shared.adopter_count, federal_state=shared.land or None))
