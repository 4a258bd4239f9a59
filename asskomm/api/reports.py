"""The cross-municipal report figures, with the scope rules of /berichte/: the state council any
federal state, district or KPR; a coach the KPRs assigned to them (together, or one of them);
anything else a 404. The figures are the report job's snapshot, as on the page."""

from __future__ import annotations

from flask_login import current_user
from werkzeug.datastructures import MultiDict

from ..policy import requires
from ..reports.metrics import BY_KEY
from ..reports.selection import choices_for, resolve
from ..reports.tables import read_series
from ..snapshots.models import latest_run
from . import schemas
from .blueprint import bp
from .conventions import answer, validated
from .spec import responses, spec


@bp.get("/reports/figures")
@spec.validate(query=schemas.FigureQuery, resp=responses(HTTP_200=schemas.Figures), tags=("Berichte",))
@requires("reports.view")
def figures():
    """Die Kennzahlen eines Bundeslands, eines Landkreises oder eines KPR, je Jahr (oder eines Jahres)."""
    q: schemas.FigureQuery = validated().query
    args = MultiDict({name: value for name, value in (("land", q.land), ("landkreis", q.landkreis),
                                                      ("kpr", q.kpr)) if value})
    selection = resolve(args, choices_for(current_user))
    series = read_series(selection)
    items = [schemas.Figure(year=year, metric=metric, label=BY_KEY[metric].label if metric in BY_KEY else metric,
                            category=category, value=value)
             for year in sorted(series) if q.year is None or year == q.year
             for (metric, category), value in sorted(series[year].items())]
    run = latest_run("reports")
    return answer(schemas.Figures(selection=selection.label, scope=selection.scope,
                                  computed_at=run.finished_at if run else None, items=items))
