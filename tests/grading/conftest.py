"""Shared fixtures for the grading tests: one small sheet design per session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def quiz_template():  # type: ignore[no-untyped-def]
    from app.grading.layout import design_sheet

    return design_sheet(20, 4, id_digits=5, versions=2, title="Quiz 1", exam_id="quiz0001")
