"""Fixtures of the scheduling tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def numba_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One numba cache folder for the tests that compile the placement loop (never the
    user's): the first compile takes half a minute, later loads a second. The tests that
    use it share an xdist group, so they run in one process, one after the other."""
    return tmp_path_factory.mktemp("numba-cache")
