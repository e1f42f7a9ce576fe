"""Shared fixtures."""

pytest_plugins = ["tests.ingest_fixtures", "tests.search_fixtures"]
