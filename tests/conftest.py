"""Suite-wide settings.

Hypothesis explores new random examples on every local run, which is how it finds the odd
input (a figure of 2.2e-308). In CI (CI=true) it is derandomised: the examples are fixed by
the test's own code, so a run passes or fails the same way on every try, and a new failure
is first met by a developer, not by a submission.
"""

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")
