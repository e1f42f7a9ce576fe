"""Shared fixtures."""

pytest_plugins = [
    "tests.support.ingest_fixtures",
    "tests.support.search_fixtures",
    "tests.support.api_fixtures",
    "tests.support.browser_fixtures",
]
