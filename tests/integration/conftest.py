"""Fixtures for tests/integration: a real SMTP server (tests/mailserver.py)."""

from tests.mailserver import smtp_server  # noqa: F401
