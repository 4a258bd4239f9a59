"""The benchmark computed by a real worker process: the state council presses "Jetzt neu berechnen",
follows the progress, and its page then shows the new figures with their "Stand:"."""

from __future__ import annotations

import pytest

from tenants import db

from .helpers import run_job_from_page, tenant
from .survey_benchmark_data import build_survey, given, no_demo_sharing
from .test_survey_benchmark import direct_computation, written

pytestmark = pytest.mark.worker


def test_the_state_council_runs_the_benchmark_through_the_worker(redis_worker, through_broker, live_client,
                                                                 committed):
    with committed.app_context():
        no_demo_sharing()
        for slug, unsafe in (("zwickau", 3), ("bautzen", 2), ("plauen", 7)):
            build_survey(tenant(slug).id, {"safety_night": given(very_safe=4, very_unsafe=unsafe)})
        db.session.commit()
    assert live_client.login("land@demo.asskomm.de").status_code == 302
    # not "noch nicht berechnet": another test's POST to the button (the isolation matrix) may have run the job
    assert "<strong>3</strong> KPR" not in live_client.get("/land/befragungen").get_data(as_text=True)
    assert run_job_from_page(live_client, "/land/befragungen/", redis_worker.log)["done"] == 3
    page = live_client.get("/land/befragungen").get_data(as_text=True)
    assert "Stand: berechnet am" in page and "<strong>3</strong> KPR mit Werten im Vergleich" in page
    with committed.app_context():
        figures, summaries = written(db.session)
        assert len(figures) == 3 and ("safety_night", "") in summaries
        assert (figures, summaries) == direct_computation(db.session)
