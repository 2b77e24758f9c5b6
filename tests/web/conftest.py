"""Fixtures for tests/web. The page tests' small city lives in tests/web/pages_world.py."""

from tests.web.pages_world import as_user, world  # noqa: F401
