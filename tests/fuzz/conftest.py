"""Hypothesis settings for the fuzz suite: short in CI, longer on request.

``TEACHERDESK_FUZZ_EXAMPLES`` sets the inputs per parser (default 25, what ``.ci/run``
uses); ``benchmarks/fuzz.py`` is the long run with timings and memory.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "teacherdesk-fuzz",
    max_examples=int(os.environ.get("TEACHERDESK_FUZZ_EXAMPLES", "25")),
    deadline=10_000,  # the bound: nothing over 10 s
    database=None,  # no example files written into the checkout
    derandomize=os.environ.get("TEACHERDESK_FUZZ_RANDOM") is None,  # same inputs every CI run
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)
