"""The report as a standalone HTML document, made a tagged PDF by asskomm.tagged_pdf (alt texts on
the charts)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import g, render_template

from tenants import Tenant, db

from .charts import Chart, bar_chart
from .models import AnnualReport
from .reading import YearRecords, read_year


@dataclass
class Charts:
    bodies: Chart | None
    coaching: Chart | None
    trends: list[Chart]


def charts_for(records: YearRecords) -> Charts:
    bodies = bar_chart(f"Sitzungen je Gremium {records.year}",
                       [(b.body.name, len(b.meetings)) for b in records.governing_bodies])
    coaching = bar_chart(f"Beratungsstunden {records.year} nach Thema",
                         [(topic.label, hours) for topic, (_, hours) in records.coaching.items()], "hours")
    trends = []
    for trend in records.trends:
        bars = [(str(year), value) for year, value in trend.values.items() if value is not None]
        chart = bar_chart(f"{trend.name} ({trend.unit}) {records.years[0]}–{records.years[-1]}",
                          [(label, Decimal(value)) for label, value in bars], "hours")
        if chart:
            trends.append(chart)
    return Charts(bodies, coaching, trends)


def context(report: AnnualReport) -> dict:
    """What the content template needs; the year's records are read here, once."""
    records = read_year(report.year)
    by_group: dict[int, list] = {}
    for measure in records.measures:
        if measure.working_group_id:
            by_group.setdefault(measure.working_group_id, []).append(measure)
    return {"report": report, "records": records, "charts": charts_for(records), "measures_by_group": by_group}


def document_html(report: AnnualReport) -> str:
    """The whole document, with its own styles and no link to the site: it stands alone once frozen.
    Outside a request (the demo loader) the report's KPR is read by its id."""
    tenant = g.get("tenant") or db.session.get(Tenant, report.tenant_id)
    return render_template("annual_report/document.html", tenant=tenant, **context(report))
