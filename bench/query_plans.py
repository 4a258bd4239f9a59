"""The query plans the report page relies on, for the benchmark to record (PostgreSQL only).

    from bench.query_plans import report_plans
    plans = report_plans(connection)   # {"state": [...], "district": [...], "kpr": [...], "breakdown": [...]}

Each value is PostgreSQL's EXPLAIN (FORMAT JSON) of the statement the page sends: read_series for
a state, a district and a KPR, and read_breakdown of the state's districts.
"""

from __future__ import annotations

import sqlalchemy as sa

from asskomm.reports.models import ReportFigure
from asskomm.reports.selection import Selection
from asskomm.reports.tables import breakdown_query, series_query
from asskomm.timeutil import today


def _explain(connection: sa.Connection, query: sa.Select) -> list:
    sql = query.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    return connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {sql}").scalar_one()


def _some_key(connection: sa.Connection, scope: str) -> str:
    return connection.scalar(sa.select(ReportFigure.scope_key).where(ReportFigure.scope == scope).limit(1)) or ""


def report_plans(connection: sa.Connection, state_key: str | None = None, district_key: str | None = None,
                 kpr_key: str | None = None, year: int | None = None) -> dict[str, list]:
    """EXPLAIN of the report page's reads; keys not given are taken from report_figure."""
    state_key = state_key or _some_key(connection, "state")
    district_key = district_key or _some_key(connection, "district")
    kpr_key = kpr_key or _some_key(connection, "kpr")
    districts = list(connection.scalars(sa.select(ReportFigure.scope_key).where(ReportFigure.scope == "district")
                                        .distinct().limit(50)))
    state = Selection(state_key, "state", [state_key], child_scope="district",
                      children=[(key, key, {}) for key in districts or [district_key]])
    return {
        "state": _explain(connection, series_query(state)),
        "district": _explain(connection, series_query(Selection(district_key, "district", [district_key]))),
        "kpr": _explain(connection, series_query(Selection(kpr_key, "kpr", [kpr_key]))),
        "breakdown": _explain(connection, breakdown_query(state, year or today().year)),
    }
