"""Suite-wide settings.

Hypothesis explores new random examples on every local run, which is how it finds the odd
input (a figure of 2.2e-308). In CI (CI=true) it is derandomised: the examples are fixed by
the test's own code, so a run passes or fails the same way on every try, and a new failure
is first met by a developer, not by a submission.

No profile has Hypothesis's per-example time limit (`deadline`, 200 ms by default): on shared
cores a slow moment would fail a correct test, and a limit on time is a timed assertion; speed
is measured under bench/.
"""

import os

from hypothesis import settings

settings.register_profile("chitieu", deadline=None)
settings.register_profile("ci", parent=settings.get_profile("chitieu"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") == "true" else "chitieu")
