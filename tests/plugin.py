"""The test suite's fixtures, as a plugin of fixture modules (loaded with `-p tests.plugin`)."""

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.clients",
    "tests.fixtures.services",
    "tests.fixtures.browser",
]


def pytest_collection_modifyitems(config, items):
    """Page tests (axe, 320 px, keyboard) render the same HTML on either database: they run on
    PostgreSQL, the production database, and the SQLite half of the suite skips them."""
    kept, dropped = [], []
    for item in items:
        backend = getattr(getattr(item, "callspec", None), "params", {}).get("backend")
        (dropped if backend == "sqlite" and item.get_closest_marker("browser") else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
