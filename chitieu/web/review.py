"""The web pages' door to the review service (evaluation of targets at a date).

Until the spine's review module lands, evaluations are None and pages show targets without a
status; this module is the only place that changes when it does.
"""

from __future__ import annotations

from datetime import date
from typing import Any


def evaluate_target(target: Any, *, as_of: date) -> Any | None:
    """Return the evaluation of one target at `as_of`, or None when no review service exists."""
    return None
