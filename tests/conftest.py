"""Settings for the whole test suite.

Property tests run without Hypothesis's per-example deadline: a wall-clock limit fails on a
busy machine, not on a wrong result (speed is measured by the benchmark, never in tests).
"""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("readiness", deadline=None)
settings.load_profile("readiness")
