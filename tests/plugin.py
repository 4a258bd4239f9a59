"""The test suite's fixtures, as a plugin of fixture modules (loaded with `-p tests.plugin`)."""

pytest_plugins = [
    "tests.fixtures.database",
    "tests.fixtures.clients",
    "tests.fixtures.services",
    "tests.fixtures.browser",
]
