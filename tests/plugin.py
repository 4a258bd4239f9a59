"""The test suite's fixtures, as a plugin of fixture modules (loaded with `-p tests.plugin`)."""

import os

import pytest

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.clients",
    "tests.fixtures.services",
    "tests.fixtures.browser",
]


def backend_of(nodeid: str) -> str | None:
    """The backend a test's node id names ("tests/t.py::test_x[sqlite-redis]": sqlite), or None.
    xdist's scheduler knows the tests by node id only; collection checks this against the
    parameter itself."""
    from tests.fixtures.database import BACKENDS

    _, bracket, ids = nodeid.partition("[")
    named = [b for b in BACKENDS if b in ids[:-1].split("-")] if bracket else []
    return named[0] if len(named) == 1 else None


# Page-test modules that run on SQLite; all others run on PostgreSQL. Chosen so that the two halves
# take about as long (summed from a run's --junitxml per backend: PostgreSQL's half is the slower
# per test, so it keeps fewer); move a module when a half grows.
SQLITE_PAGE_TESTS = frozenset({
    "tests/test_accessibility.py", "tests/test_annual_report_a11y.py", "tests/test_audit_pages_browser.py",
    "tests/test_browser.py", "tests/test_exchange_a11y.py", "tests/test_least_visibility_browser.py",
    "tests/test_legal_a11y.py", "tests/test_prevention_analysis_a11y.py",
    "tests/test_prevention_overview_browser.py", "tests/test_privacy_a11y.py", "tests/test_reflow_browser.py",
    "tests/test_search_a11y.py", "tests/test_survey_benchmark_a11y.py", "tests/test_survey_respondent_browser.py",
    "tests/test_workspace_pages_a11y.py",
})


# Tests that prove something of the worker and broker rather than of the database run on one backend
# only (by "path::name"); the CI run has a time budget (README).
ONE_BACKEND_TESTS = {
    "tests/test_mail_faults.py::test_300_mails_with_5_kills_of_worker_children_lose_none": "sqlite",
    "tests/test_mail_faults.py::test_the_embedded_worker_keeps_taking_tasks_after_its_children_are_killed": "sqlite",
}


def browser_backend(path: str) -> str:
    """The one backend a page-test module runs on."""
    return "sqlite" if path in SQLITE_PAGE_TESTS else "postgresql"


def pytest_collection_modifyitems(config, items):
    """Page tests (axe, 320 px, keyboard) render the same HTML on either database, so each module of
    them runs on one backend only (SQLITE_PAGE_TESTS), so that the two halves of the suite, which run
    side by side, share the browser's time. Every one
    of them passes on both (run with ALL_BROWSER_BACKENDS=1)."""
    both = os.environ.get("ALL_BROWSER_BACKENDS") == "1"
    kept, dropped = [], []
    for item in items:
        backend = getattr(getattr(item, "callspec", None), "params", {}).get("backend")
        if backend_of(item.nodeid) != backend:
            raise pytest.UsageError(f"{item.nodeid}: its id does not name its backend {backend} alone "
                                    "(tests/plugin.py schedules the halves by it)")
        page_test = item.get_closest_marker("browser") and backend is not None and not both
        other = page_test and backend != browser_backend(item.nodeid.partition("::")[0])
        only = ONE_BACKEND_TESTS.get(item.nodeid.partition("[")[0])
        other = other or (only is not None and backend is not None and backend != only)
        (dropped if other else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`make test` runs pytest -n 2: each database half of the suite goes whole to one worker
    process, which so sets up only its own backend's app, data and Celery worker; a half's
    database (and its Redis database, fixtures/database.py) must never be used by two processes
    at once. Tests without a backend go one by one to whichever worker is free: they even out
    the halves. Whatever --dist says: no other distribution is safe for this suite.

    Not xdist's --dist loadgroup: its xdist_group marks silently stop grouping on pytest 9.2
    (pytest-xdist issue 1386)."""
    from xdist.scheduler import LoadScopeScheduling

    if "_split_scope" not in vars(LoadScopeScheduling):
        raise pytest.UsageError("pytest-xdist's LoadScopeScheduling has no _split_scope any more: "
                                "tests/plugin.py cannot keep each backend in one worker")

    class ByBackend(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return backend_of(nodeid) or nodeid

    return ByBackend(config, log)
