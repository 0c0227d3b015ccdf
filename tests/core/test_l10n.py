"""Locale formatting (Babel, no Qt): 12-hour US English, 24-hour Spanish, numbers and percents."""

from __future__ import annotations

import datetime as dt

import pytest

from app.core import i18n, l10n


@pytest.mark.parametrize(("language", "time", "span", "pct", "num"), [
    ("en", "3:30 PM", "9:05 AM – 3:50 PM", "85.5%", "1,234.5"),
    ("en_US.UTF-8", "3:30 PM", "9:05 AM – 3:50 PM", "85.5%", "1,234.5"),
    ("es", "15:30", "9:05–15:50", "85,5%", "1.234,5"),
    ("es-US", "15:30", "9:05–15:50", "85.5%", "1,234.5"),
    ("es_MX", "15:30", "9:05–15:50", "85.5%", "1,234.5"),
])
def test_times_numbers_and_percents_per_locale(language: str, time: str, span: str, pct: str, num: str) -> None:
    assert l10n.time_short(dt.time(15, 30), language) == time
    assert l10n.time_range(dt.time(9, 5), dt.time(15, 50), language) == span
    assert l10n.percent(85.5, language) == pct
    assert l10n.number(1234.5, language) == num
    assert l10n.percent(None, language) == "—"


def test_dates_follow_the_language() -> None:
    day = dt.date(2025, 9, 8)
    assert l10n.date_long(day, "en") == "September 8, 2025"
    assert l10n.date_long(day, "es") == "8 de septiembre de 2025"
    assert l10n.date_medium(day, "en") == "Sep 8, 2025"
    assert l10n.date_medium(None, "es") == ""


def test_without_a_language_the_process_language_is_used() -> None:
    try:
        i18n.set_language("es_US")
        assert l10n.time_short(dt.time(8, 0)) == "8:00"
        assert l10n.date_long(dt.date(2025, 9, 8)).startswith("8 de septiembre")
        i18n.set_language("en")
        assert l10n.time_short(dt.time(8, 0)) == "8:00 AM"
    finally:
        i18n.set_language("en")
