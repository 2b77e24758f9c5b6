"""Settings for the test suite: chitieu's own, in testing mode."""

import os

os.environ.setdefault("CHITIEU_TESTING", "1")
os.environ.setdefault("CHITIEU_AXES_ENABLED", "1")

from chitieu.settings import *  # noqa: F403
