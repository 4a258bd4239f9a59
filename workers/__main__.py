"""`python -m workers snapshot`: compute the snapshots once, now (used by `make run`), so the
dashboards have figures before beat's first run."""

from __future__ import annotations

import sys

from asskomm import create_app
from tenants import db

from .activity import snapshot_activity_now
from .events import aggregate_events_now
from .reports import compute_reports_now
from .survey_benchmark import compute_survey_benchmark_now


def main(argv: list[str]) -> int:
    if argv[1:] != ["snapshot"]:
        print("Aufruf: python -m workers snapshot", file=sys.stderr)
        return 2
    app = create_app()
    with app.app_context():
        written = snapshot_activity_now()
        figures = aggregate_events_now()
        reports = compute_reports_now()
        benchmark = compute_survey_benchmark_now()
        db.session.commit()
    print(f"Aktivität für {written} KPR, {figures} Zeilen Veranstaltungszahlen, {reports} Berichtszahlen und "
          f"{benchmark} Zeilen des Befragungsvergleichs berechnet.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
